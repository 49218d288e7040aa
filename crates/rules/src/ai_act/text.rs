//! Localised texts (Finnish, Swedish, English).

use serde::{Deserialize, Serialize};

/// A text in the three languages of the register. Every text in the content pack must be
/// present (non-blank) in all three; the pack refuses to load otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub fi: String,
    pub sv: String,
    pub en: String,
}

impl Text {
    /// The text in `lang` (`fi`, `sv` or `en`; a region suffix such as `fi-FI` is accepted).
    /// Any other language falls back to English.
    pub fn get(&self, lang: &str) -> &str {
        let lang = lang.get(..2).unwrap_or(lang);
        if lang.eq_ignore_ascii_case("fi") {
            &self.fi
        } else if lang.eq_ignore_ascii_case("sv") {
            &self.sv
        } else {
            &self.en
        }
    }

    /// The languages in which this text is blank.
    pub(crate) fn blank_languages(&self) -> Vec<&'static str> {
        let mut blank = Vec::new();
        if self.fi.trim().is_empty() {
            blank.push("fi");
        }
        if self.sv.trim().is_empty() {
            blank.push("sv");
        }
        if self.en.trim().is_empty() {
            blank.push("en");
        }
        blank
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> Text {
        Text {
            fi: "hei".into(),
            sv: "hej".into(),
            en: "hello".into(),
        }
    }

    #[test]
    fn get_picks_language_and_falls_back_to_english() {
        let t = text();
        assert_eq!(t.get("fi"), "hei");
        assert_eq!(t.get("sv-FI"), "hej");
        assert_eq!(t.get("SV"), "hej");
        assert_eq!(t.get("en"), "hello");
        assert_eq!(t.get("de"), "hello");
        assert_eq!(t.get(""), "hello");
        assert_eq!(t.get("f"), "hello");
    }

    #[test]
    fn blank_languages_are_reported() {
        let mut t = text();
        assert!(t.blank_languages().is_empty());
        t.sv = "  ".into();
        assert_eq!(t.blank_languages(), vec!["sv"]);
    }
}
