//! The facts vocabulary: the stable input of the classifier.
//!
//! Facts arrive as a JSON object. Every key and every value is checked against the vocabulary
//! below; an unknown key or value is rejected with a [`FactsError`] that names the key. The
//! vocabulary is documented in `content/ai-act/README.md`.

use std::collections::BTreeSet;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// Defines a closed vocabulary as an enum with stable string names (used in JSON and in the
/// content pack).
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in the order of the Act.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable names of every value, in the same order as [`Self::ALL`].
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The stable name of this value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value with this stable name.
            #[allow(clippy::should_implement_trait)]
            pub fn from_str(name: &str) -> Option<Self> {
                match name {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let name = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                Self::from_str(&name).ok_or_else(|| {
                    <D::Error as ::serde::de::Error>::custom(format!(
                        "unknown value `{name}`, expected one of: {}",
                        Self::NAMES.join(", ")
                    ))
                })
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary! {
    /// `gpai`: is the thing a general-purpose AI model (art. 3(63)) or a system based on one
    /// (art. 3(66))?
    Gpai {
        None => "none",
        System => "system",
        Model => "model",
    }
}

vocabulary! {
    /// `roles`: the organisation's operator roles (art. 3(3)–(8)).
    Role {
        Provider => "provider",
        Deployer => "deployer",
        Importer => "importer",
        Distributor => "distributor",
        AuthorisedRepresentative => "authorised_representative",
        ProductManufacturer => "product_manufacturer",
    }
}

vocabulary! {
    /// `role_shift`: the circumstances of art. 25(1) that make an operator the provider of a
    /// high-risk system.
    RoleShift {
        /// 25(1)(a): own name or trademark put on a high-risk system.
        OwnName => "own_name",
        /// 25(1)(b): substantial modification of a high-risk system.
        SubstantialModification => "substantial_modification",
        /// 25(1)(c): intended purpose changed so that the system becomes high-risk.
        RepurposedHighRisk => "repurposed_high_risk",
    }
}

vocabulary! {
    /// `exclusion`: the ground of art. 2 that takes the system out of the Act.
    Exclusion {
        /// 2(3)
        MilitaryDefenceSecurity => "military_defence_security",
        /// 2(4)
        ThirdCountryCooperation => "third_country_cooperation",
        /// 2(6)
        ScientificResearch => "scientific_research",
        /// 2(8)
        PreMarketResearch => "pre_market_research",
        /// 2(10)
        PersonalUse => "personal_use",
    }
}

vocabulary! {
    /// `prohibited_practices`: the points of art. 5(1), including points (ba) and (bb) inserted
    /// by Regulation (EU) 2026/1744.
    ProhibitedPractice {
        A => "a",
        B => "b",
        Ba => "ba",
        Bb => "bb",
        C => "c",
        D => "d",
        E => "e",
        F => "f",
        G => "g",
        H => "h",
    }
}

vocabulary! {
    /// `annex_i.section`: the section of Annex I that lists the product legislation.
    AnnexISection {
        A => "A",
        B => "B",
    }
}

vocabulary! {
    /// `annex_iii`: the points of Annex III (area number followed by the point letter; area 2
    /// has no letters).
    AnnexIiiCode {
        P1a => "1a",
        P1b => "1b",
        P1c => "1c",
        P2 => "2",
        P3a => "3a",
        P3b => "3b",
        P3c => "3c",
        P3d => "3d",
        P4a => "4a",
        P4b => "4b",
        P5a => "5a",
        P5b => "5b",
        P5c => "5c",
        P5d => "5d",
        P6a => "6a",
        P6b => "6b",
        P6c => "6c",
        P6d => "6d",
        P6e => "6e",
        P7a => "7a",
        P7b => "7b",
        P7c => "7c",
        P7d => "7d",
        P8a => "8a",
        P8b => "8b",
    }
}

impl AnnexIiiCode {
    /// The area (1–8) of Annex III this point belongs to, as its string name.
    pub fn area(self) -> &'static str {
        let name = self.as_str();
        name.get(..1).unwrap_or(name)
    }
}

/// The area numbers of Annex III.
pub(crate) const ANNEX_III_AREAS: &[&str] = &["1", "2", "3", "4", "5", "6", "7", "8"];

vocabulary! {
    /// `art6_3`: the condition of art. 6(3), second subparagraph, claimed for the derogation.
    Art63Ground {
        A => "a",
        B => "b",
        C => "c",
        D => "d",
    }
}

vocabulary! {
    /// `transparency`: the situations of art. 50.
    TransparencyScenario {
        /// 50(1)
        Interaction => "interaction",
        /// 50(2)
        SyntheticContent => "synthetic_content",
        /// 50(3)
        EmotionOrBiometricCategorisation => "emotion_or_biometric_categorisation",
        /// 50(4), first subparagraph
        DeepFake => "deep_fake",
        /// 50(4), second subparagraph
        PublicInterestText => "public_interest_text",
    }
}

/// `annex_i`: the system is (a safety component of) a product covered by Annex I.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnexI {
    pub section: AnnexISection,
    /// The product must undergo third-party conformity assessment under that legislation
    /// (art. 6(1)(b)).
    pub third_party_conformity: bool,
}

/// The facts about one AI system (or GPAI model) and the organisation's relation to it.
///
/// `None` means the key is absent (or, for the nullable keys `exclusion`, `annex_i`,
/// `annex_iii` and `art6_3`, explicitly `null`: for those the two are equivalent). What an
/// absent key means for the classification is set by the content pack (`facts.toml`): most keys
/// read as "no / none" when absent; a few are required when the conclusion depends on them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub ai_system: Option<bool>,
    pub gpai: Option<Gpai>,
    pub roles: Option<BTreeSet<Role>>,
    pub role_shift: Option<BTreeSet<RoleShift>>,
    pub exclusion: Option<Exclusion>,
    pub open_source: Option<bool>,
    pub prohibited_practices: Option<BTreeSet<ProhibitedPractice>>,
    pub annex_i: Option<AnnexI>,
    pub annex_iii: Option<AnnexIiiCode>,
    pub profiling: Option<bool>,
    pub art6_3: Option<Art63Ground>,
    pub transparency: Option<BTreeSet<TransparencyScenario>>,
    pub human_editorial_control: Option<bool>,
    pub systemic_risk: Option<bool>,
    pub public_authority: Option<bool>,
    pub public_service: Option<bool>,
    pub employer_use: Option<bool>,
    pub decisions_on_persons: Option<bool>,
    pub personal_data: Option<bool>,
}

/// A fact (or an answer) that is not in the vocabulary. `key` names the offending key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{key}`: {message}")]
pub struct FactsError {
    pub key: String,
    pub message: String,
}

impl FactsError {
    pub(crate) fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        FactsError {
            key: key.into(),
            message: message.into(),
        }
    }
}

/// The shape of a fact key, used to validate facts, the content pack and its conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FactKind {
    Bool,
    /// A required choice; the second element is the value that means "no".
    Enum(&'static [&'static str], &'static str),
    NullableEnum(&'static [&'static str]),
    Set(&'static [&'static str]),
    AnnexI,
}

/// Every fact key of the vocabulary, in questionnaire order.
pub(crate) const VOCABULARY: &[(&str, FactKind)] = &[
    ("ai_system", FactKind::Bool),
    ("gpai", FactKind::Enum(Gpai::NAMES, "none")),
    ("roles", FactKind::Set(Role::NAMES)),
    ("role_shift", FactKind::Set(RoleShift::NAMES)),
    ("exclusion", FactKind::NullableEnum(Exclusion::NAMES)),
    ("open_source", FactKind::Bool),
    (
        "prohibited_practices",
        FactKind::Set(ProhibitedPractice::NAMES),
    ),
    ("annex_i", FactKind::AnnexI),
    ("annex_iii", FactKind::NullableEnum(AnnexIiiCode::NAMES)),
    ("profiling", FactKind::Bool),
    ("art6_3", FactKind::NullableEnum(Art63Ground::NAMES)),
    ("transparency", FactKind::Set(TransparencyScenario::NAMES)),
    ("human_editorial_control", FactKind::Bool),
    ("systemic_risk", FactKind::Bool),
    ("public_authority", FactKind::Bool),
    ("public_service", FactKind::Bool),
    ("employer_use", FactKind::Bool),
    ("decisions_on_persons", FactKind::Bool),
    ("personal_data", FactKind::Bool),
];

/// Paths inside facts that conditions may test besides the keys themselves: `(path, root key,
/// kind)`. They are null when the root is null.
pub(crate) const DERIVED_PATHS: &[(&str, &str, FactKind)] = &[
    (
        "annex_i.section",
        "annex_i",
        FactKind::NullableEnum(AnnexISection::NAMES),
    ),
    ("annex_i.third_party_conformity", "annex_i", FactKind::Bool),
    (
        "annex_iii.area",
        "annex_iii",
        FactKind::NullableEnum(ANNEX_III_AREAS),
    ),
];

/// The kind of a fact key or derived path, and its root key.
pub(crate) fn fact_kind(path: &str) -> Option<(&'static str, FactKind)> {
    VOCABULARY
        .iter()
        .find(|(key, _)| *key == path)
        .map(|(key, kind)| (*key, *kind))
        .or_else(|| {
            DERIVED_PATHS
                .iter()
                .find(|(p, _, _)| *p == path)
                .map(|(_, root, kind)| (*root, *kind))
        })
}

fn known_keys() -> String {
    VOCABULARY
        .iter()
        .map(|(key, _)| *key)
        .collect::<Vec<_>>()
        .join(", ")
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn parse_bool(key: &str, value: &Value) -> Result<bool, FactsError> {
    value.as_bool().ok_or_else(|| {
        FactsError::new(
            key,
            format!("expected true or false, got {}", type_name(value)),
        )
    })
}

fn parse_name<T>(
    key: &str,
    value: &Value,
    names: &[&str],
    from_str: fn(&str) -> Option<T>,
) -> Result<T, FactsError> {
    let Some(name) = value.as_str() else {
        return Err(FactsError::new(
            key,
            format!(
                "expected one of {}, got {}",
                names.join(", "),
                type_name(value)
            ),
        ));
    };
    from_str(name).ok_or_else(|| {
        FactsError::new(
            key,
            format!(
                "unknown value `{name}`; expected one of: {}",
                names.join(", ")
            ),
        )
    })
}

fn parse_nullable<T>(
    key: &str,
    value: &Value,
    names: &[&str],
    from_str: fn(&str) -> Option<T>,
) -> Result<Option<T>, FactsError> {
    if value.is_null() {
        Ok(None)
    } else {
        parse_name(key, value, names, from_str).map(Some)
    }
}

fn parse_set<T: Ord>(
    key: &str,
    value: &Value,
    names: &[&str],
    from_str: fn(&str) -> Option<T>,
) -> Result<BTreeSet<T>, FactsError> {
    let Some(items) = value.as_array() else {
        return Err(FactsError::new(
            key,
            format!(
                "expected a list of {}, got {}",
                names.join(", "),
                type_name(value)
            ),
        ));
    };
    items
        .iter()
        .map(|item| parse_name(key, item, names, from_str))
        .collect()
}

fn parse_annex_i(key: &str, value: &Value) -> Result<Option<AnnexI>, FactsError> {
    let object = match value {
        Value::Null => return Ok(None),
        Value::Object(object) => object,
        other => {
            return Err(FactsError::new(
                key,
                format!(
                    "expected null or {{\"section\": \"A\"|\"B\", \"third_party_conformity\": true|false}}, got {}",
                    type_name(other)
                ),
            ));
        }
    };
    for field in object.keys() {
        if field != "section" && field != "third_party_conformity" {
            return Err(FactsError::new(
                format!("{key}.{field}"),
                "unknown field; expected `section` and `third_party_conformity`",
            ));
        }
    }
    let section_key = format!("{key}.section");
    let section = object
        .get("section")
        .ok_or_else(|| FactsError::new(&section_key, "missing; expected \"A\" or \"B\""))?;
    let section = parse_name(
        &section_key,
        section,
        AnnexISection::NAMES,
        AnnexISection::from_str,
    )?;
    let tpc_key = format!("{key}.third_party_conformity");
    let tpc = object
        .get("third_party_conformity")
        .ok_or_else(|| FactsError::new(&tpc_key, "missing; expected true or false"))?;
    let third_party_conformity = parse_bool(&tpc_key, tpc)?;
    Ok(Some(AnnexI {
        section,
        third_party_conformity,
    }))
}

impl Facts {
    /// Reads facts from a JSON object. Unknown keys, unknown values and values of the wrong
    /// type are rejected with an error naming the key.
    pub fn from_json(value: &Value) -> Result<Facts, FactsError> {
        let Some(object) = value.as_object() else {
            return Err(FactsError::new(
                "$",
                format!("facts must be a JSON object, got {}", type_name(value)),
            ));
        };
        let mut facts = Facts::default();
        for (key, value) in object {
            let k = key.as_str();
            match k {
                "ai_system" => facts.ai_system = Some(parse_bool(k, value)?),
                "gpai" => facts.gpai = Some(parse_name(k, value, Gpai::NAMES, Gpai::from_str)?),
                "roles" => facts.roles = Some(parse_set(k, value, Role::NAMES, Role::from_str)?),
                "role_shift" => {
                    facts.role_shift =
                        Some(parse_set(k, value, RoleShift::NAMES, RoleShift::from_str)?)
                }
                "exclusion" => {
                    facts.exclusion =
                        parse_nullable(k, value, Exclusion::NAMES, Exclusion::from_str)?
                }
                "open_source" => facts.open_source = Some(parse_bool(k, value)?),
                "prohibited_practices" => {
                    facts.prohibited_practices = Some(parse_set(
                        k,
                        value,
                        ProhibitedPractice::NAMES,
                        ProhibitedPractice::from_str,
                    )?)
                }
                "annex_i" => facts.annex_i = parse_annex_i(k, value)?,
                "annex_iii" => {
                    facts.annex_iii =
                        parse_nullable(k, value, AnnexIiiCode::NAMES, AnnexIiiCode::from_str)?
                }
                "profiling" => facts.profiling = Some(parse_bool(k, value)?),
                "art6_3" => {
                    facts.art6_3 =
                        parse_nullable(k, value, Art63Ground::NAMES, Art63Ground::from_str)?
                }
                "transparency" => {
                    facts.transparency = Some(parse_set(
                        k,
                        value,
                        TransparencyScenario::NAMES,
                        TransparencyScenario::from_str,
                    )?)
                }
                "human_editorial_control" => {
                    facts.human_editorial_control = Some(parse_bool(k, value)?)
                }
                "systemic_risk" => facts.systemic_risk = Some(parse_bool(k, value)?),
                "public_authority" => facts.public_authority = Some(parse_bool(k, value)?),
                "public_service" => facts.public_service = Some(parse_bool(k, value)?),
                "employer_use" => facts.employer_use = Some(parse_bool(k, value)?),
                "decisions_on_persons" => facts.decisions_on_persons = Some(parse_bool(k, value)?),
                "personal_data" => facts.personal_data = Some(parse_bool(k, value)?),
                _ => {
                    return Err(FactsError::new(
                        k,
                        format!("unknown fact; known facts are: {}", known_keys()),
                    ));
                }
            }
        }
        Ok(facts)
    }

    /// The facts as a JSON object holding only the keys that are set.
    pub fn to_json(&self) -> Value {
        fn set<T: Copy, F: Fn(T) -> &'static str>(items: &BTreeSet<T>, name: F) -> Value {
            Value::Array(
                items
                    .iter()
                    .map(|item| Value::String(name(*item).to_owned()))
                    .collect(),
            )
        }
        let mut object = Map::new();
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(value) = value {
                object.insert(key.to_owned(), value);
            }
        };
        put("ai_system", self.ai_system.map(Value::Bool));
        put("gpai", self.gpai.map(|g| Value::from(g.as_str())));
        put("roles", self.roles.as_ref().map(|r| set(r, Role::as_str)));
        put(
            "role_shift",
            self.role_shift.as_ref().map(|r| set(r, RoleShift::as_str)),
        );
        put("exclusion", self.exclusion.map(|e| Value::from(e.as_str())));
        put("open_source", self.open_source.map(Value::Bool));
        put(
            "prohibited_practices",
            self.prohibited_practices
                .as_ref()
                .map(|p| set(p, ProhibitedPractice::as_str)),
        );
        put(
            "annex_i",
            self.annex_i.map(|a| {
                serde_json::json!({
                    "section": a.section.as_str(),
                    "third_party_conformity": a.third_party_conformity,
                })
            }),
        );
        put("annex_iii", self.annex_iii.map(|a| Value::from(a.as_str())));
        put("profiling", self.profiling.map(Value::Bool));
        put("art6_3", self.art6_3.map(|a| Value::from(a.as_str())));
        put(
            "transparency",
            self.transparency
                .as_ref()
                .map(|t| set(t, TransparencyScenario::as_str)),
        );
        put(
            "human_editorial_control",
            self.human_editorial_control.map(Value::Bool),
        );
        put("systemic_risk", self.systemic_risk.map(Value::Bool));
        put("public_authority", self.public_authority.map(Value::Bool));
        put("public_service", self.public_service.map(Value::Bool));
        put("employer_use", self.employer_use.map(Value::Bool));
        put(
            "decisions_on_persons",
            self.decisions_on_persons.map(Value::Bool),
        );
        put("personal_data", self.personal_data.map(Value::Bool));
        Value::Object(object)
    }
}

impl Serialize for Facts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Facts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Facts::from_json(&value).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_every_key() {
        let v = json!({
            "ai_system": true, "gpai": "system", "roles": ["provider", "deployer"],
            "role_shift": ["own_name"], "exclusion": null, "open_source": false,
            "prohibited_practices": ["ba"], "annex_i": {"section": "A", "third_party_conformity": true},
            "annex_iii": "5a", "profiling": true, "art6_3": "d",
            "transparency": ["interaction", "public_interest_text"], "human_editorial_control": true,
            "systemic_risk": false, "public_authority": true, "public_service": false,
            "employer_use": true, "decisions_on_persons": true, "personal_data": true
        });
        let facts = Facts::from_json(&v).unwrap();
        assert_eq!(facts.annex_iii, Some(AnnexIiiCode::P5a));
        assert_eq!(facts.art6_3, Some(Art63Ground::D));
        assert_eq!(
            facts.roles,
            Some([Role::Provider, Role::Deployer].into_iter().collect())
        );
        // Round trip: null keys vanish, the rest is kept.
        let mut expected = v.clone();
        expected.as_object_mut().unwrap().remove("exclusion");
        assert_eq!(facts.to_json(), expected);
        let again: Facts = serde_json::from_value(facts.to_json()).unwrap();
        assert_eq!(again, facts);
    }

    #[test]
    fn unknown_key_is_named() {
        let err = Facts::from_json(&json!({"ai_system": true, "colour": "red"})).unwrap_err();
        assert_eq!(err.key, "colour");
        assert!(err.to_string().contains("`colour`"));
        assert!(err.message.contains("unknown fact"));
    }

    #[test]
    fn unknown_values_are_named() {
        for (v, key) in [
            (json!({"roles": ["deployer", "mayor"]}), "roles"),
            (json!({"annex_iii": "9a"}), "annex_iii"),
            (json!({"annex_iii": "2a"}), "annex_iii"),
            (json!({"annex_iii": "5e"}), "annex_iii"),
            (
                json!({"prohibited_practices": ["i"]}),
                "prohibited_practices",
            ),
            (json!({"art6_3": "e"}), "art6_3"),
            (json!({"gpai": null}), "gpai"),
            (json!({"ai_system": "yes"}), "ai_system"),
            (json!({"roles": "deployer"}), "roles"),
            (json!({"transparency": ["chatbot"]}), "transparency"),
            (json!({"exclusion": "hobby"}), "exclusion"),
            (json!({"role_shift": ["rebrand"]}), "role_shift"),
            (
                json!({"annex_i": {"section": "C", "third_party_conformity": true}}),
                "annex_i.section",
            ),
            (
                json!({"annex_i": {"section": "A"}}),
                "annex_i.third_party_conformity",
            ),
            (
                json!({"annex_i": {"section": "A", "third_party_conformity": true, "x": 1}}),
                "annex_i.x",
            ),
            (json!({"annex_i": true}), "annex_i"),
        ] {
            let err = Facts::from_json(&v).unwrap_err();
            assert_eq!(err.key, key, "{v}");
            assert!(err.to_string().contains(key));
        }
        let err = Facts::from_json(&json!([1])).unwrap_err();
        assert_eq!(err.key, "$");
    }

    #[test]
    fn serde_deserialize_rejects_unknown_keys() {
        let err = serde_json::from_value::<Facts>(json!({"ai_systems": true})).unwrap_err();
        assert!(err.to_string().contains("ai_systems"));
    }

    #[test]
    fn annex_iii_areas() {
        assert_eq!(AnnexIiiCode::P2.area(), "2");
        assert_eq!(AnnexIiiCode::P8b.area(), "8");
        for code in AnnexIiiCode::ALL {
            assert!(ANNEX_III_AREAS.contains(&code.area()));
        }
    }

    #[test]
    fn vocabulary_is_complete() {
        assert_eq!(VOCABULARY.len(), 19);
        assert_eq!(AnnexIiiCode::ALL.len(), 25);
        assert!(fact_kind("annex_i.section").is_some());
        assert!(fact_kind("nope").is_none());
    }
}
