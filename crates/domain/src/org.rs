//! Organisations: regions, municipalities, joint authorities and their units.

use serde::{Deserialize, Serialize};

use crate::validation::{Errors, FieldError, Problem, is_http_url, is_slug};
use crate::{Lang, Localized, OrgId};

string_enum! {
    /// What kind of organisation this is. A region groups organisations that share an AI policy
    /// and an AI working group; a unit belongs to the organisation above it.
    pub enum OrgKind: "org-kind" {
        Region = "region",
        RegionalCouncil = "regional_council",
        Municipality = "municipality",
        JointAuthority = "joint_authority",
        Unit = "unit",
        Other = "other",
    }
}

string_enum! {
    /// The country whose business-id rules and publicity law apply.
    pub enum Country: "country" {
        FI = "FI",
        SE = "SE",
    }
}

string_enum! {
    /// The site's own pages whose text the platform admin writes: the accessibility statement
    /// (Finnish act 306/2019, Swedish DOS act) and the privacy notice (GDPR art. 13).
    pub enum SiteTextKey: "site-text" {
        Accessibility = "accessibility",
        Privacy = "privacy",
    }
}

/// A licence an organisation's open data may carry, by SPDX identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Licence {
    pub spdx: &'static str,
    /// Where its text is.
    pub url: &'static str,
    /// Its entry in the EU's licence list (for DCAT-AP).
    pub eu: &'static str,
}

impl Licence {
    /// Creative Commons Attribution 4.0: the open data's licence unless an organisation
    /// names another.
    pub const DEFAULT: Licence = Licence::ALL[0];

    pub const ALL: [Licence; 3] = [
        Licence {
            spdx: "CC-BY-4.0",
            url: "https://creativecommons.org/licenses/by/4.0/",
            eu: "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0",
        },
        Licence {
            spdx: "CC0-1.0",
            url: "https://creativecommons.org/publicdomain/zero/1.0/",
            eu: "http://publications.europa.eu/resource/authority/licence/CC0",
        },
        Licence {
            spdx: "CC-BY-SA-4.0",
            url: "https://creativecommons.org/licenses/by-sa/4.0/",
            eu: "http://publications.europa.eu/resource/authority/licence/CC_BYSA_4_0",
        },
    ];

    pub fn parse(spdx: &str) -> Option<Licence> {
        Licence::ALL.into_iter().find(|l| l.spdx == spdx)
    }
}

/// The longest text of a site page.
pub const MAX_SITE_TEXT: usize = 20_000;

/// A site page's text in one language, as the platform admin last saved it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteText {
    pub key: SiteTextKey,
    pub lang: Lang,
    pub body: String,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: time::OffsetDateTime,
    pub updated_by_name: String,
}

/// An organisation as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: OrgId,
    pub slug: String,
    pub kind: OrgKind,
    pub parent_id: Option<OrgId>,
    pub name: Localized,
    pub country: Country,
    /// Languages it publishes in; the first is its primary language. Never empty.
    pub languages: Vec<Lang>,
    pub business_id: Option<String>,
    pub website: Option<String>,
}

impl Organisation {
    /// The primary publication language.
    pub fn primary_lang(&self) -> Lang {
        self.languages
            .first()
            .copied()
            .unwrap_or(match self.country {
                Country::FI => Lang::Fi,
                Country::SE => Lang::Sv,
            })
    }

    /// The organisation's name in `lang`, falling back through its own languages.
    pub fn display_name(&self, lang: Lang) -> &str {
        let n = self.name.text(lang, &self.languages);
        if n.is_empty() { &self.slug } else { n }
    }
}

/// The fields of a new organisation, checked by [`NewOrganisation::validate`].
#[derive(Debug, Clone, PartialEq)]
pub struct NewOrganisation {
    pub slug: String,
    pub kind: OrgKind,
    pub parent_id: Option<OrgId>,
    pub name: Localized,
    pub country: Country,
    pub languages: Vec<Lang>,
    pub business_id: Option<String>,
    pub website: Option<String>,
}

impl NewOrganisation {
    /// Checks the fields and normalises the business id. Parent existence is the store's check.
    pub fn validate(mut self) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors::new();
        if !is_slug(&self.slug) {
            e.add("slug", Problem::InvalidSlug);
        }
        if self.name.is_empty() {
            e.add("name", Problem::Required);
        }
        for (l, t) in self.name.iter() {
            e.max_len(format!("name.{l}"), t, 200);
        }
        if self.languages.is_empty() {
            e.add("languages", Problem::Required);
        }
        if let Some(primary) = self.languages.first()
            && self.name.get(*primary).is_none()
            && !self.name.is_empty()
        {
            e.add(
                format!("name.{primary}"),
                Problem::MissingPrimaryLanguage {
                    lang: primary.code().into(),
                },
            );
        }
        let mut seen = Vec::new();
        self.languages.retain(|l| {
            let new = !seen.contains(l);
            seen.push(*l);
            new
        });
        if let Some(id) = self.business_id.as_deref().map(str::trim)
            && !id.is_empty()
        {
            match normalize_business_id(self.country, id) {
                Ok(n) => self.business_id = Some(n),
                Err(p) => e.add("business_id", p),
            }
        } else {
            self.business_id = None;
        }
        if let Some(w) = self.website.as_deref().map(str::trim)
            && !w.is_empty()
        {
            if !is_http_url(w) {
                e.add("website", Problem::InvalidUrl);
            }
        } else {
            self.website = None;
        }
        e.into_result().map(|()| self)
    }
}

/// Checks and normalises a business id for the country: a Finnish Y-tunnus `NNNNNNN-C` or a
/// Swedish organisationsnummer `NNNNNN-NNNN`, both with their check digits verified.
pub fn normalize_business_id(country: Country, id: &str) -> Result<String, Problem> {
    match country {
        Country::FI => normalize_y_tunnus(id).ok_or(Problem::InvalidYTunnus),
        Country::SE => normalize_orgnr(id).ok_or(Problem::InvalidOrgNr),
    }
}

/// A Finnish business id: seven digits, a hyphen and a check digit (weights 7,9,10,5,8,4,2;
/// remainder 0 gives 0, remainder 1 is never issued, otherwise 11 minus the remainder).
pub fn normalize_y_tunnus(id: &str) -> Option<String> {
    let id = id.trim();
    let (body, check) = id.split_once('-')?;
    if body.len() != 7 || check.len() != 1 {
        return None;
    }
    let digits: Vec<u32> = body
        .chars()
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()?;
    let check = check.chars().next()?.to_digit(10)?;
    let sum: u32 = digits
        .iter()
        .zip([7, 9, 10, 5, 8, 4, 2])
        .map(|(d, w)| d * w)
        .sum();
    let expected = match sum % 11 {
        0 => 0,
        1 => return None,
        r => 11 - r,
    };
    (check == expected).then(|| id.to_string())
}

/// A Swedish organisationsnummer: ten digits (`NNNNNN-NNNN`, hyphen optional on input) whose
/// last digit is the Luhn check digit of the first nine.
pub fn normalize_orgnr(id: &str) -> Option<String> {
    let compact: String = id.trim().chars().filter(|c| *c != '-').collect();
    if compact.len() != 10 || id.trim().matches('-').count() > 1 {
        return None;
    }
    let digits: Vec<u32> = compact
        .chars()
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()?;
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| {
            if i.is_multiple_of(2) {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                *d
            }
        })
        .sum();
    sum.is_multiple_of(10)
        .then(|| format!("{}-{}", &compact[..6], &compact[6..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn y_tunnus_check_digit() {
        assert_eq!(
            normalize_y_tunnus("0208201-1").as_deref(),
            Some("0208201-1")
        );
        assert_eq!(
            normalize_y_tunnus("0201256-6").as_deref(),
            Some("0201256-6")
        );
        assert_eq!(normalize_y_tunnus("0208201-2"), None);
        assert_eq!(normalize_y_tunnus("208201-1"), None);
        assert_eq!(normalize_y_tunnus("02082011"), None);
        assert_eq!(normalize_y_tunnus("02a8201-1"), None);
    }

    #[test]
    fn orgnr_luhn() {
        assert_eq!(
            normalize_orgnr("212000-2197").as_deref(),
            Some("212000-2197")
        );
        assert_eq!(
            normalize_orgnr("2120002197").as_deref(),
            Some("212000-2197")
        );
        assert_eq!(normalize_orgnr("212000-2198"), None);
        assert_eq!(normalize_orgnr("21200-2197"), None);
    }

    #[test]
    fn new_organisation_is_checked_and_normalised() {
        let new = NewOrganisation {
            slug: "avesta".into(),
            kind: OrgKind::Municipality,
            parent_id: None,
            name: Localized::one(Lang::Sv, "Avesta kommun"),
            country: Country::SE,
            languages: vec![Lang::Sv, Lang::Sv],
            business_id: Some("2120002197".into()),
            website: Some("  ".into()),
        };
        let ok = new.clone().validate().unwrap();
        assert_eq!(ok.business_id.as_deref(), Some("212000-2197"));
        assert_eq!(ok.languages, vec![Lang::Sv]);
        assert_eq!(ok.website, None);

        let bad = NewOrganisation {
            slug: "Avesta".into(),
            business_id: Some("0208201-1".into()),
            languages: vec![Lang::Fi],
            ..new
        };
        let errs = bad.validate().unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["slug", "name.fi", "business_id"]);
    }
}
