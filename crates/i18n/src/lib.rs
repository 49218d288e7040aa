//! UI and e-mail texts in Finnish, Swedish and English, from the Fluent files in `locales/`,
//! and ([`format`]) dates, times and sizes as people in Finland and Sweden read them. Both the
//! pages and the e-mail the use cases compose speak through here.
//!
//! The files are compiled into the binary. A message missing in one language falls back to
//! English and then Finnish, and the tests check that no message is missing anywhere.

use std::fmt::Display;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use aireg_domain::Lang;

pub mod format;

/// Each language's files, one text: `aireg.ftl` (the register, the AI Act, the platform),
/// `governance.ftl` (the workflow, incidents, feedback and e-mail) and `accounts.ftl` (signing
/// in, invitations, passwords, sessions and tokens).
macro_rules! locale {
    ($lang:literal) => {
        concat!(
            include_str!(concat!("../../../locales/", $lang, "/aireg.ftl")),
            "\n",
            include_str!(concat!("../../../locales/", $lang, "/governance.ftl")),
            "\n",
            include_str!(concat!("../../../locales/", $lang, "/accounts.ftl")),
        )
    };
}

const SOURCES: [(Lang, &str); 3] = [
    (Lang::Fi, locale!("fi")),
    (Lang::Sv, locale!("sv")),
    (Lang::En, locale!("en")),
];

/// The loaded bundles.
pub struct I18n {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
}

impl I18n {
    /// The bundles compiled into the binary, parsed once.
    pub fn get() -> &'static I18n {
        static I18N: OnceLock<I18n> = OnceLock::new();
        I18N.get_or_init(|| I18n::load(&SOURCES))
    }

    fn load(sources: &[(Lang, &str)]) -> I18n {
        let bundles = sources
            .iter()
            .map(|(lang, text)| {
                let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Bidi isolation marks around arguments would end up in the HTML as invisible
                // characters; our texts are all left-to-right.
                bundle.set_use_isolating(false);
                let resource = match FluentResource::try_new(text.to_string()) {
                    Ok(r) => r,
                    // A syntax error drops the broken entries; the tests report them.
                    Err((r, _)) => r,
                };
                let _ = bundle.add_resource(resource);
                (*lang, bundle)
            })
            .collect();
        I18n { bundles }
    }

    fn bundle(&self, lang: Lang) -> Option<&FluentBundle<FluentResource>> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, b)| b)
    }

    /// The message in `lang` (falling back to English, then Finnish), or its id when it exists
    /// nowhere.
    pub fn message(&self, lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        for l in [lang, Lang::En, Lang::Fi] {
            let Some(bundle) = self.bundle(l) else {
                continue;
            };
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned();
            }
        }
        id.to_string()
    }

    /// Whether the message exists in this language.
    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.bundle(lang)
            .and_then(|b| b.get_message(id))
            .and_then(|m| m.value())
            .is_some()
    }

    /// Every message id of one language's file.
    pub fn ids(lang: Lang) -> Vec<String> {
        let text = SOURCES
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, t)| *t)
            .unwrap_or("");
        let resource = match FluentResource::try_new(text.to_string()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }

    /// Syntax errors in a language's file.
    pub fn syntax_errors(lang: Lang) -> Vec<String> {
        let text = SOURCES
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, t)| *t)
            .unwrap_or("");
        match FluentResource::try_new(text.to_string()) {
            Ok(_) => Vec::new(),
            Err((_, errs)) => errs.iter().map(|e| format!("{e:?}")).collect(),
        }
    }
}

/// The translator handed to templates: `{{ t.get("nav-register") }}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    pub fn get(&self, id: &str) -> String {
        I18n::get().message(self.lang, id, None)
    }

    /// A message with one argument.
    pub fn get1(&self, id: &str, name: &str, value: impl Display) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_string(), FluentValue::from(value.to_string()));
        I18n::get().message(self.lang, id, Some(&args))
    }

    /// What is wrong with a value, in this language (`Problem`'s message with its details).
    pub fn problem(&self, p: &aireg_domain::validation::Problem) -> String {
        use aireg_domain::validation::Problem;
        let id = p.message_id();
        match p {
            Problem::TooLong { max } | Problem::TooMany { max } => self.get1(id, "max", max),
            Problem::InvalidChoice { allowed } => self.get1(id, "allowed", allowed.join(", ")),
            Problem::MissingPrimaryLanguage { lang } => {
                let name = Lang::parse(lang)
                    .map(|l| self.get(&format!("language-name-{l}")))
                    .unwrap_or_else(|| lang.clone());
                self.get1(id, "lang", name)
            }
            Problem::PasswordTooShort { min } => self.get1(id, "min", min),
            Problem::LifetimeTooLong { max_days } => self.get1(id, "max", max_days),
            Problem::TooLarge { max } => self.get1(id, "mib", max / (1024 * 1024)),
            Problem::Unreadable { detail } => self.get1(id, "detail", detail),
            _ => self.get(id),
        }
    }

    /// A message with two arguments.
    pub fn get2(
        &self,
        id: &str,
        a_name: &str,
        a: impl Display,
        b_name: &str,
        b: impl Display,
    ) -> String {
        let mut args = FluentArgs::new();
        args.set(a_name.to_string(), FluentValue::from(a.to_string()));
        args.set(b_name.to_string(), FluentValue::from(b.to_string()));
        I18n::get().message(self.lang, id, Some(&args))
    }

    /// A message with any number of arguments.
    pub fn args(&self, id: &str, args: &[(&str, String)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(name.to_string(), FluentValue::from(value.clone()));
        }
        I18n::get().message(self.lang, id, Some(&fluent))
    }

    /// A message whose `$count` chooses the plural form.
    pub fn count(&self, id: &str, count: impl std::borrow::Borrow<i64>) -> String {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(*count.borrow()));
        I18n::get().message(self.lang, id, Some(&args))
    }

    /// The ISO code, for `lang` attributes.
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }
}

/// The language a request prefers among fi, sv and en, from `Accept-Language` (q-values
/// honoured); `default` when nothing matches.
pub fn negotiate(accept_language: Option<&str>, default: Lang) -> Lang {
    let Some(header) = accept_language else {
        return default;
    };
    let mut best: Option<(f32, Lang)> = None;
    for part in header.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        if let Some(lang) = Lang::parse(primary)
            && q > 0.0
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, lang));
        }
    }
    best.map(|(_, l)| l).unwrap_or(default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_every_language() {
        for lang in Lang::ALL {
            assert!(
                I18n::syntax_errors(lang).is_empty(),
                "{lang}: {:?}",
                I18n::syntax_errors(lang)
            );
        }
        let en = I18n::ids(Lang::En);
        assert!(en.len() > 100, "the English file was read");
        for lang in Lang::ALL {
            let mut ids = I18n::ids(lang);
            let all = ids.len();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), all, "{lang}: a message id is defined twice");
        }
        for lang in [Lang::Fi, Lang::Sv] {
            let ids = I18n::ids(lang);
            let missing: Vec<_> = en.iter().filter(|id| !ids.contains(id)).collect();
            let extra: Vec<_> = ids.iter().filter(|id| !en.contains(id)).collect();
            assert!(missing.is_empty(), "missing in {lang}: {missing:?}");
            assert!(extra.is_empty(), "only in {lang}: {extra:?}");
        }
    }

    #[test]
    fn negotiation_honours_quality() {
        assert_eq!(negotiate(None, Lang::Fi), Lang::Fi);
        assert_eq!(negotiate(None, Lang::En), Lang::En);
        assert_eq!(
            negotiate(Some("sv-FI,sv;q=0.9,en;q=0.8"), Lang::Fi),
            Lang::Sv
        );
        assert_eq!(
            negotiate(Some("de-DE,en;q=0.5,fi;q=0.7"), Lang::En),
            Lang::Fi
        );
        assert_eq!(negotiate(Some("en-GB"), Lang::Fi), Lang::En);
        assert_eq!(negotiate(Some("de"), Lang::Fi), Lang::Fi);
        assert_eq!(negotiate(Some("fi;q=0, en"), Lang::Fi), Lang::En);
    }

    #[test]
    fn arguments_and_plurals() {
        let t = Tr::new(Lang::En);
        assert_eq!(t.count("systems-count", 1), "1 system");
        assert_eq!(t.count("systems-count", 3), "3 systems");
        let fi = Tr::new(Lang::Fi);
        assert_eq!(fi.count("systems-count", 1), "1 järjestelmä");
        assert!(!t.get1("signed-in-as", "name", "Maija").contains('\u{2068}'));
    }
}
