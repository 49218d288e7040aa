//! How a record's text becomes search terms, and how a query's words find them.
//!
//! Text is cut into words and each word is reduced to its Snowball stem in the language the
//! text is written in (the same algorithms as PostgreSQL's `finnish`, `swedish` and `english`
//! configurations, so the index is the same on both engines). Snowball alone misses what
//! Finnish does most: consonant gradation (`asukkaiden` → `asuk`, `asukas` → `asukas`) and
//! compounds (`tekoälyjärjestelmä`). So a query word also matches terms that start with one
//! of its stems, terms it is made of, and terms that contain it, each ranked lower than an
//! exact stem. The store keeps the terms and the vocabulary; this module decides what they are.

use std::collections::BTreeMap;

use rust_stemmers::{Algorithm, Stemmer};

use crate::lang::Lang;
use crate::system::{Field, SystemRecord};

/// Changes whenever what [`record_terms`] produces changes, so stores rebuild their index.
pub const INDEX_VERSION: i64 = 1;

/// Words longer than this are not words (identifiers, pasted links); they are not indexed.
const MAX_WORD_CHARS: usize = 40;

/// The shortest stem a prefix or a compound part may match on: shorter ones match too much.
pub const MIN_PART_CHARS: usize = 4;

/// How well a term matches a query word; the score of a hit is this times the field weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// A compound part: the term is inside the query word or the query word inside the term.
    Part = 1,
    /// The term starts with a stem of the query word (inflection Snowball does not undo).
    Prefix = 2,
    /// The term is a stem of the query word.
    Exact = 4,
}

/// How much a word in a field counts: a name says more about a record than its data
/// description does.
pub fn field_weight(field: Field) -> i64 {
    match field {
        Field::Name => 8,
        Field::Keywords | Field::Vendor | Field::Product => 6,
        Field::Summary => 4,
        Field::DescriptionPublic | Field::Purpose => 2,
        _ => 1,
    }
}

/// The words of a text, lower-cased: runs of letters and digits, at least two characters
/// unless a number.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            let n = w.chars().count();
            n <= MAX_WORD_CHARS && (n >= 2 || w.chars().all(|c| c.is_numeric()) && n == 1)
        })
        .map(str::to_lowercase)
}

fn stemmer(lang: Lang) -> Stemmer {
    Stemmer::create(match lang {
        Lang::Fi => Algorithm::Finnish,
        Lang::Sv => Algorithm::Swedish,
        Lang::En => Algorithm::English,
    })
}

/// The stem of a lower-cased word in a language.
pub fn stem(lang: Lang, word: &str) -> String {
    stemmer(lang).stem(word).into_owned()
}

/// Words too common in a language to tell records apart.
fn is_stop_word(lang: Lang, word: &str) -> bool {
    const FI: &[&str] = &[
        "ja", "on", "ei", "tai", "se", "ne", "että", "kun", "jos", "sekä", "myös", "voi", "ovat",
        "oli", "sen", "niin", "kuin", "jotka", "joka", "mukaan", "ole", "eikä", "tämä", "nämä",
    ];
    const SV: &[&str] = &[
        "och", "att", "det", "som", "en", "ett", "är", "av", "för", "på", "med", "till", "den",
        "de", "om", "eller", "inte", "har", "kan", "så", "vid", "från", "hos", "sin", "sina",
    ];
    const EN: &[&str] = &[
        "the", "and", "of", "to", "in", "a", "an", "is", "are", "for", "on", "with", "by", "or",
        "as", "at", "be", "it", "its", "this", "that", "from", "not", "can",
    ];
    match lang {
        Lang::Fi => FI,
        Lang::Sv => SV,
        Lang::En => EN,
    }
    .contains(&word)
}

/// A record's terms and the weight of each: its best field. `names` are the product's and
/// vendor's names, which are indexed as they are written (a product name is no word to stem).
pub fn record_terms(record: &SystemRecord, names: &[&str]) -> BTreeMap<String, i64> {
    let mut terms = BTreeMap::new();
    let mut add = |term: String, weight: i64| {
        let w = terms.entry(term).or_insert(0);
        *w = (*w).max(weight);
    };
    for field in Field::ALL {
        let Some(text) = record.localized(*field) else {
            continue;
        };
        let weight = field_weight(*field);
        for (lang, text) in text.iter() {
            let stemmer = stemmer(lang);
            for word in words(text).filter(|w| !is_stop_word(lang, w)) {
                add(stemmer.stem(&word).into_owned(), weight);
            }
        }
    }
    for (lang, keywords) in record.keywords.iter() {
        let stemmer = stemmer(lang);
        for word in keywords.iter().flat_map(|k| words(k)) {
            add(
                stemmer.stem(&word).into_owned(),
                field_weight(Field::Keywords),
            );
        }
    }
    let vendor = record.vendor.iter().map(String::as_str);
    for name in names.iter().copied().chain(vendor) {
        for word in words(name) {
            add(word, field_weight(Field::Vendor));
        }
    }
    terms
}

/// One word of a query: the forms a term may equal, in every language (the query's language
/// is not known; a Swedish name in a Finnish search is common).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// The word as typed, lower-cased.
    pub word: String,
    /// The word and its stems, without repeats.
    pub forms: Vec<String>,
    /// Finnish stems of the word in its strong grade (`kotihoidon` → `kotihoit`): consonant
    /// gradation weakens a stem's last consonants in many inflected forms, where neither the
    /// stem nor a prefix of it finds the word. A match is ranked as a prefix's.
    pub variants: Vec<String>,
}

impl QueryWord {
    /// The prefixes a term may start with: the forms long enough to say something.
    pub fn prefixes(&self) -> impl Iterator<Item = &str> {
        self.forms
            .iter()
            .map(String::as_str)
            .filter(|f| f.chars().count() >= MIN_PART_CHARS - 1)
    }

    /// The stretches of the word and its stems that could be a compound's parts: every run
    /// of at least [`MIN_PART_CHARS`] characters, shorter than the form itself.
    pub fn parts(&self) -> Vec<String> {
        let mut parts = Vec::new();
        for form in &self.forms {
            let chars: Vec<char> = form.chars().collect();
            for start in 0..chars.len() {
                for end in start + MIN_PART_CHARS..=chars.len() {
                    if end - start < chars.len() {
                        parts.push(chars[start..end].iter().collect::<String>());
                    }
                }
            }
        }
        parts.sort();
        parts.dedup();
        parts
    }
}

/// The words of a query. Stop words are left out unless the query has nothing else, and at
/// most eight words count (a search is not a document).
pub fn query_words(text: &str) -> Vec<QueryWord> {
    let all: Vec<String> = words(text).collect();
    let meaningful: Vec<String> = all
        .iter()
        .filter(|w| !Lang::ALL.iter().any(|l| is_stop_word(*l, w)))
        .cloned()
        .collect();
    let chosen = if meaningful.is_empty() {
        all
    } else {
        meaningful
    };
    let mut out: Vec<QueryWord> = Vec::new();
    for word in chosen {
        if out.iter().any(|q| q.word == word) {
            continue;
        }
        let mut forms = vec![word.clone()];
        for lang in Lang::ALL {
            let s = stem(lang, &word);
            if !forms.contains(&s) {
                forms.push(s);
            }
        }
        // The word made strong and stemmed (`kotihoidon` → `kotihoito`), and the stem made
        // strong (`kaupung` → `kaupunk`: the word's clitic-like ending confuses the stemmer).
        let fi_stem = stem(Lang::Fi, &word);
        let variants = strong_grades(&word)
            .into_iter()
            .map(|v| stem(Lang::Fi, &v))
            .chain(strong_grades(&fi_stem))
            .filter(|v| !forms.contains(v) && v.chars().count() >= MIN_PART_CHARS)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        out.push(QueryWord {
            word,
            forms,
            variants,
        });
        if out.len() == 8 {
            break;
        }
    }
    out
}

/// The word with its last weak-grade consonants made strong, one way each (Finnish
/// consonant gradation: `hoidon` → `hoiton`, `kaupungin` → `kaupunkin`, `tavan` → `tapan`).
fn strong_grades(word: &str) -> Vec<String> {
    // Weak grade → strong grade; the longer patterns first.
    const GRADES: [(&str, &str); 11] = [
        ("ng", "nk"),
        ("mm", "mp"),
        ("ll", "lt"),
        ("nn", "nt"),
        ("rr", "rt"),
        ("d", "t"),
        ("v", "p"),
        ("k", "kk"),
        ("p", "pp"),
        ("t", "tt"),
        ("j", "k"),
    ];
    let mut out = Vec::new();
    // Gradation is in the stem's last syllable: look at the end of the word only.
    let tail_from = word.char_indices().rev().nth(5).map_or(0, |(i, _)| i);
    for (weak, strong) in GRADES {
        if let Some(i) = word[tail_from..].rfind(weak).map(|i| i + tail_from) {
            out.push(format!("{}{strong}{}", &word[..i], &word[i + weak.len()..]));
        }
    }
    out
}

/// How well `term` matches a query word, if at all.
pub fn match_of(query: &QueryWord, term: &str) -> Option<Match> {
    if query.forms.iter().any(|f| f == term) {
        return Some(Match::Exact);
    }
    if query.variants.iter().any(|v| v == term) {
        return Some(Match::Prefix);
    }
    if query.prefixes().any(|p| term.starts_with(p)) {
        return Some(Match::Prefix);
    }
    let long_enough = |s: &str| s.chars().count() >= MIN_PART_CHARS;
    let part = query.forms.iter().any(|f| {
        (long_enough(term) && f.contains(term)) || (long_enough(f) && term.contains(f.as_str()))
    });
    part.then_some(Match::Part)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Localized;

    fn terms_of(lang: Lang, text: &str) -> Vec<String> {
        let record = SystemRecord {
            name: Localized::one(lang, text),
            ..SystemRecord::default()
        };
        record_terms(&record, &[]).into_keys().collect()
    }

    fn finds(query: &str, lang: Lang, text: &str) -> Option<Match> {
        let q = &query_words(query)[0];
        terms_of(lang, text)
            .iter()
            .filter_map(|t| match_of(q, t))
            .max()
    }

    #[test]
    fn finnish_inflection_gradation_and_compounds_are_found() {
        assert_eq!(finds("kunnissa", Lang::Fi, "kunta"), Some(Match::Exact));
        assert_eq!(
            finds("kirjastot", Lang::Fi, "kirjastosuositukset"),
            Some(Match::Prefix)
        );
        assert!(finds("asukkaiden", Lang::Fi, "asukas").is_some());
        assert_eq!(
            finds("tekoälyjärjestelmä", Lang::Fi, "järjestelmä"),
            Some(Match::Part)
        );
        assert_eq!(
            finds("järjestelmä", Lang::Fi, "kirjastojärjestelmä"),
            Some(Match::Part)
        );
        assert_eq!(
            finds("kirjasto", Lang::Fi, "kirjastossa"),
            Some(Match::Exact)
        );
        assert_eq!(finds("kirjasto", Lang::Fi, "koulu"), None);
        // Gradation in the middle of a compound: the strong grade's stem finds it.
        assert!(finds("kotihoidon", Lang::Fi, "kotihoito").is_some());
        assert!(finds("tiedon", Lang::Fi, "tieto").is_some());
        assert!(finds("kaupungin", Lang::Fi, "kaupunki").is_some());
    }

    #[test]
    fn swedish_and_english_stems_match() {
        assert_eq!(finds("kommunernas", Lang::Sv, "kommun"), Some(Match::Exact));
        assert_eq!(finds("libraries", Lang::En, "library"), Some(Match::Exact));
    }

    #[test]
    fn product_names_are_kept_as_written_and_stop_words_dropped() {
        let record = SystemRecord {
            name: Localized::one(Lang::Fi, "Tekoäly ja asiakaspalvelu"),
            vendor: Some("OpenAI".into()),
            ..SystemRecord::default()
        };
        let terms = record_terms(&record, &["ChatGPT Enterprise"]);
        assert_eq!(terms.get("chatgpt"), Some(&6));
        assert_eq!(terms.get("openai"), Some(&6));
        assert!(!terms.contains_key("ja"));
        assert_eq!(query_words("ChatGPT ja Copilot").len(), 2);
        assert_eq!(
            query_words("ja").len(),
            1,
            "a query of stop words still searches"
        );
    }

    #[test]
    fn short_and_long_words_are_not_terms() {
        assert!(words("a b 365 x 7").eq(["365".to_string(), "7".to_string()]));
        let long = "x".repeat(41);
        assert_eq!(words(&long).count(), 0);
    }
}
