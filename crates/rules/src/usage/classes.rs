//! Each country's information classification (`content/data-classes/<COUNTRY>.toml`): the
//! classes staff sort their data into, ordered from open to most protected.

use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use aireg_domain::org::Country;

use crate::ai_act::Text;

/// The files of the embedded classifications, one per country.
pub const DATA_CLASS_FILES: &[&str] = &["FI.toml", "SE.toml"];

const EMBEDDED: &[(&str, &str)] = &[
    (
        "FI.toml",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../content/data-classes/FI.toml"
        )),
    ),
    (
        "SE.toml",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../content/data-classes/SE.toml"
        )),
    ),
];

/// Why a classification could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataClassError {
    #[error("cannot read data classes {file}: {message}")]
    Read { file: String, message: String },
    #[error("cannot parse data classes {file}: {message}")]
    Parse { file: String, message: String },
    #[error("invalid data classes {file}: {}", problems.join("; "))]
    Invalid { file: String, problems: Vec<String> },
}

/// One class of information, e.g. Finland's *käyttörajoitettu* (internal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataClass {
    pub id: String,
    /// 0 is open; a tool allowed a level may handle every class at or below it.
    pub level: u32,
    pub name: Text,
    pub description: Text,
}

/// One country's classes, least protected first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryClasses {
    pub country: Country,
    /// The law or guidance the classes follow.
    pub source: Text,
    #[serde(rename = "class")]
    pub classes: Vec<DataClass>,
}

impl CountryClasses {
    /// The class with this id.
    pub fn get(&self, id: &str) -> Option<&DataClass> {
        self.classes.iter().find(|c| c.id == id)
    }

    fn from_toml(file: &str, text: &str) -> Result<CountryClasses, DataClassError> {
        let parsed: CountryClasses = toml::from_str(text).map_err(|e| DataClassError::Parse {
            file: file.to_owned(),
            message: e.to_string(),
        })?;
        let mut problems = Vec::new();
        if parsed.classes.is_empty() {
            problems.push("class: none".to_owned());
        }
        for lang in parsed.source.blank_languages() {
            problems.push(format!("source: text missing in `{lang}`"));
        }
        let mut previous: Option<u32> = None;
        for (i, class) in parsed.classes.iter().enumerate() {
            if !is_id(&class.id) {
                problems.push(format!(
                    "class[{i}].id: `{}` is not an id (lower-case letters, digits, _)",
                    class.id
                ));
            }
            if parsed.classes[..i].iter().any(|c| c.id == class.id) {
                problems.push(format!("class[{i}].id: duplicate id `{}`", class.id));
            }
            if previous.is_some_and(|p| class.level <= p) {
                problems.push(format!(
                    "class `{}`: levels must rise in file order (open first)",
                    class.id
                ));
            }
            previous = Some(class.level);
            for (what, text) in [("name", &class.name), ("description", &class.description)] {
                for lang in text.blank_languages() {
                    problems.push(format!(
                        "class `{}`.{what}: text missing in `{lang}`",
                        class.id
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(parsed)
        } else {
            Err(DataClassError::Invalid {
                file: file.to_owned(),
                problems,
            })
        }
    }
}

/// Every country's classification in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataClasses {
    countries: Vec<CountryClasses>,
}

static EMBEDDED_CLASSES: OnceLock<Result<DataClasses, DataClassError>> = OnceLock::new();

impl DataClasses {
    /// The classifications compiled into the binary, validated once.
    pub fn embedded() -> Result<&'static DataClasses, DataClassError> {
        EMBEDDED_CLASSES
            .get_or_init(|| DataClasses::from_sources(EMBEDDED.iter().copied()))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Every `*.toml` of a directory.
    pub fn from_dir(dir: &Path) -> Result<DataClasses, DataClassError> {
        let read_err = |file: &Path, e: std::io::Error| DataClassError::Read {
            file: file.display().to_string(),
            message: e.to_string(),
        };
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| read_err(dir, e))? {
            let path = entry.map_err(|e| read_err(dir, e))?.path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).map_err(|e| read_err(&path, e))?;
                files.push((path.display().to_string(), text));
            }
        }
        files.sort();
        DataClasses::from_sources(files.iter().map(|(f, t)| (f.as_str(), t.as_str())))
    }

    pub fn from_sources<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<DataClasses, DataClassError> {
        let mut countries: Vec<CountryClasses> = Vec::new();
        for (file, text) in files {
            let classes = CountryClasses::from_toml(file, text)?;
            if countries.iter().any(|c| c.country == classes.country) {
                return Err(DataClassError::Invalid {
                    file: file.to_owned(),
                    problems: vec![format!(
                        "country `{}` is classified in two files",
                        classes.country.as_str()
                    )],
                });
            }
            countries.push(classes);
        }
        Ok(DataClasses { countries })
    }

    /// The classification of a country.
    pub fn of(&self, country: Country) -> Option<&CountryClasses> {
        self.countries.iter().find(|c| c.country == country)
    }

    pub fn all(&self) -> &[CountryClasses] {
        &self.countries
    }
}

pub(crate) fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_countries_are_classified_open_first() {
        let all = DataClasses::embedded().unwrap();
        for country in [Country::FI, Country::SE] {
            let classes = all.of(country).unwrap();
            assert_eq!(classes.classes[0].level, 0, "{country:?} starts open");
            assert!(classes.get("public").is_some() || classes.get("open").is_some());
            assert!(classes.get("confidential").is_some());
        }
    }

    #[test]
    fn levels_must_rise() {
        let text = r#"
country = "FI"
source = { fi = "a", sv = "b", en = "c" }
[[class]]
id = "b"
level = 1
name = { fi = "a", sv = "b", en = "c" }
description = { fi = "a", sv = "b", en = "c" }
[[class]]
id = "a"
level = 0
name = { fi = "a", sv = "b", en = "c" }
description = { fi = "a", sv = "b", en = "c" }
"#;
        let err = DataClasses::from_sources([("x.toml", text)]).unwrap_err();
        assert!(err.to_string().contains("levels must rise"), "{err}");
    }
}
