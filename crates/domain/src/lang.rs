//! Languages and localised text.
//!
//! Finnish municipalities publish in Finnish and often Swedish, Swedish ones in Swedish; English is
//! optional. Text fields therefore hold one value per language, and reading one falls back through
//! an order of languages, telling the caller which language it actually got (so a page can mark a
//! Finnish paragraph on an English page with `lang="fi"`).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language of the product: UI strings exist in each, content may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fi,
    Sv,
    En,
}

impl Lang {
    /// Every language, in the default fallback order.
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Parses an ISO 639-1 code (case-insensitive); `None` for any other text.
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fi" => Some(Lang::Fi),
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The fallback order when text is missing in `self`: the wanted language, then the
    /// organisation's languages in their order, then fi, sv, en.
    pub fn fallback_order(self, preferred: &[Lang]) -> Vec<Lang> {
        let mut order = vec![self];
        for l in preferred.iter().chain(Lang::ALL.iter()) {
            if !order.contains(l) {
                order.push(*l);
            }
        }
        order
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::parse(s).ok_or_else(|| UnknownLang(s.to_string()))
    }
}

/// A language code that is not fi, sv or en.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}; expected fi, sv or en")]
pub struct UnknownLang(pub String);

/// A text in up to three languages. Blank values are not kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Localized(BTreeMap<Lang, String>);

impl Localized {
    pub fn new() -> Self {
        Self::default()
    }

    /// A text in one language.
    pub fn one(lang: Lang, text: impl Into<String>) -> Self {
        let mut l = Self::new();
        l.set(lang, text);
        l
    }

    /// Sets (or, for blank text, removes) the value in one language. Surrounding white space is
    /// trimmed; a form's untouched field should not count as a translation.
    pub fn set(&mut self, lang: Lang, text: impl Into<String>) {
        let text = text.into();
        let trimmed = text.trim();
        if trimmed.is_empty() {
            self.0.remove(&lang);
        } else {
            self.0.insert(lang, trimmed.to_string());
        }
    }

    /// The value in exactly this language.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        self.0.get(&lang).map(String::as_str)
    }

    /// The best value for `lang`: that language, else the first present in the fallback order.
    /// Returns the language the text is in.
    pub fn resolve(&self, lang: Lang, preferred: &[Lang]) -> Option<(Lang, &str)> {
        lang.fallback_order(preferred)
            .into_iter()
            .find_map(|l| self.get(l).map(|t| (l, t)))
    }

    /// Like [`Localized::resolve`] but only the text, empty when there is none.
    pub fn text(&self, lang: Lang, preferred: &[Lang]) -> &str {
        self.resolve(lang, preferred).map(|(_, t)| t).unwrap_or("")
    }

    /// Reduced to the single best value for `lang`, keeping its language key.
    pub fn only(&self, lang: Lang, preferred: &[Lang]) -> Localized {
        match self.resolve(lang, preferred) {
            Some((l, t)) => Localized::one(l, t),
            None => Localized::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The languages that have a value.
    pub fn langs(&self) -> impl Iterator<Item = Lang> + '_ {
        self.0.keys().copied()
    }

    pub fn iter(&self) -> impl Iterator<Item = (Lang, &str)> {
        self.0.iter().map(|(l, t)| (*l, t.as_str()))
    }

    /// Drops blank values and trims the rest (for values deserialised from outside).
    pub fn normalized(self) -> Self {
        let mut out = Self::new();
        for (l, t) in self.0 {
            out.set(l, t);
        }
        out
    }
}

impl FromIterator<(Lang, String)> for Localized {
    fn from_iter<I: IntoIterator<Item = (Lang, String)>>(iter: I) -> Self {
        let mut l = Self::new();
        for (lang, text) in iter {
            l.set(lang, text);
        }
        l
    }
}

/// A list of short texts per language (keywords).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LocalizedList(BTreeMap<Lang, Vec<String>>);

impl LocalizedList {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the list for one language, trimming items and dropping blank ones and duplicates.
    pub fn set(&mut self, lang: Lang, items: impl IntoIterator<Item = String>) {
        let mut clean: Vec<String> = Vec::new();
        for item in items {
            let t = item.trim().to_string();
            if !t.is_empty() && !clean.contains(&t) {
                clean.push(t);
            }
        }
        if clean.is_empty() {
            self.0.remove(&lang);
        } else {
            self.0.insert(lang, clean);
        }
    }

    pub fn get(&self, lang: Lang) -> &[String] {
        self.0.get(&lang).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The list in the best available language.
    pub fn resolve(&self, lang: Lang, preferred: &[Lang]) -> Option<(Lang, &[String])> {
        lang.fallback_order(preferred)
            .into_iter()
            .find_map(|l| self.0.get(&l).map(|v| (l, v.as_slice())))
    }

    pub fn only(&self, lang: Lang, preferred: &[Lang]) -> LocalizedList {
        let mut out = LocalizedList::new();
        if let Some((l, v)) = self.resolve(lang, preferred) {
            out.set(l, v.iter().cloned());
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (Lang, &[String])> {
        self.0.iter().map(|(l, v)| (*l, v.as_slice()))
    }

    pub fn normalized(self) -> Self {
        let mut out = Self::new();
        for (l, v) in self.0 {
            out.set(l, v);
        }
        out
    }
}

/// OpenAPI schemas: an object with an optional string (or list of strings) per language.
#[cfg(feature = "openapi")]
mod schema {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};

    fn per_language(item: impl Fn() -> RefOr<Schema>, description: &str) -> RefOr<Schema> {
        let mut b = ObjectBuilder::new()
            .description(Some(description))
            .additional_properties(Some(
                utoipa::openapi::schema::AdditionalProperties::FreeForm(false),
            ));
        for lang in super::Lang::ALL {
            b = b.property(lang.code(), item());
        }
        b.build().into()
    }

    impl utoipa::PartialSchema for super::Localized {
        fn schema() -> RefOr<Schema> {
            per_language(
                || {
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .build()
                        .into()
                },
                "A text in Finnish, Swedish and/or English. Missing languages fall back to the \
                 organisation's other languages, then fi, sv, en.",
            )
        }
    }
    impl utoipa::ToSchema for super::Localized {}

    impl utoipa::PartialSchema for super::LocalizedList {
        fn schema() -> RefOr<Schema> {
            per_language(
                || {
                    ArrayBuilder::new()
                        .items(ObjectBuilder::new().schema_type(Type::String))
                        .build()
                        .into()
                },
                "A list of short texts per language.",
            )
        }
    }
    impl utoipa::ToSchema for super::LocalizedList {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_falls_back_through_the_organisations_languages_then_fi_sv_en() {
        let mut t = Localized::new();
        t.set(Lang::Sv, "Chattbot");
        t.set(Lang::En, "Chatbot");
        assert_eq!(
            t.resolve(Lang::Fi, &[Lang::Sv]),
            Some((Lang::Sv, "Chattbot"))
        );
        assert_eq!(
            t.resolve(Lang::Fi, &[Lang::En]),
            Some((Lang::En, "Chatbot"))
        );
        assert_eq!(t.resolve(Lang::Fi, &[]), Some((Lang::Sv, "Chattbot")));
        assert_eq!(t.resolve(Lang::En, &[]), Some((Lang::En, "Chatbot")));
        assert_eq!(Localized::new().resolve(Lang::Fi, &[]), None);
    }

    #[test]
    fn blank_values_are_not_translations() {
        let mut t = Localized::one(Lang::Fi, "  Nimi  ");
        assert_eq!(t.get(Lang::Fi), Some("Nimi"));
        t.set(Lang::Fi, "   ");
        assert!(t.is_empty());
        let parsed: Localized = serde_json::from_str(r#"{"fi":" x ","sv":""}"#).unwrap();
        assert_eq!(parsed.normalized(), Localized::one(Lang::Fi, "x"));
    }

    #[test]
    fn unknown_language_keys_are_rejected() {
        let err = serde_json::from_str::<Localized>(r#"{"de":"Name"}"#).unwrap_err();
        assert!(err.to_string().contains("unknown variant"), "{err}");
    }

    #[test]
    fn keywords_drop_blanks_and_duplicates() {
        let mut k = LocalizedList::new();
        k.set(
            Lang::Fi,
            vec!["a".into(), " a ".into(), "".into(), "b".into()],
        );
        assert_eq!(k.get(Lang::Fi), ["a", "b"]);
    }
}
