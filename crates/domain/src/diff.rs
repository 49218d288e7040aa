//! What changed between two versions of a record, in a form a person can read: one entry per
//! field (per language for localised text), and a word-level diff for text.

use serde::Serialize;
use serde_json::Value;

use crate::Lang;
use crate::system::{Field, SystemRecord};

/// One changed field (or one language of a localised field).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The field's JSON key, or `visibility`.
    pub field: String,
    pub lang: Option<Lang>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl Change {
    /// Both sides as text, when both are (or were) text: then a word diff helps the reader.
    pub fn texts(&self) -> Option<(&str, &str)> {
        let b = match &self.before {
            Some(Value::String(s)) => s.as_str(),
            None => "",
            _ => return None,
        };
        let a = match &self.after {
            Some(Value::String(s)) => s.as_str(),
            None => "",
            _ => return None,
        };
        Some((b, a))
    }
}

/// The changes from `before` to `after`, in form order.
pub fn record_changes(before: &SystemRecord, after: &SystemRecord) -> Vec<Change> {
    let b = to_object(before);
    let a = to_object(after);
    let mut keys: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
    keys.push("visibility");
    let mut out = Vec::new();
    for key in keys {
        let bv = b.get(key);
        let av = a.get(key);
        if bv == av {
            continue;
        }
        let localized = Field::parse(key)
            .map(|f| SystemRecord::localized_fields().any(|l| l == f))
            .unwrap_or(false);
        if localized || key == "keywords" {
            for lang in Lang::ALL {
                let bl = bv.and_then(|v| v.get(lang.code())).cloned();
                let al = av.and_then(|v| v.get(lang.code())).cloned();
                if bl != al {
                    out.push(Change {
                        field: key.to_string(),
                        lang: Some(lang),
                        before: bl,
                        after: al,
                    });
                }
            }
        } else {
            out.push(Change {
                field: key.to_string(),
                lang: None,
                before: bv.cloned(),
                after: av.cloned(),
            });
        }
    }
    out
}

fn to_object(r: &SystemRecord) -> serde_json::Map<String, Value> {
    match serde_json::to_value(r) {
        Ok(Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    }
}

/// A piece of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum Segment {
    Same(String),
    Removed(String),
    Added(String),
}

/// Above this many token pairs the diff shows the texts as replaced whole; the table would
/// otherwise grow quadratically with very long texts.
const MAX_DIFF_CELLS: usize = 4_000_000;

/// A word-level diff (longest common subsequence over words and the white space between them).
pub fn word_diff(before: &str, after: &str) -> Vec<Segment> {
    let a = tokens(before);
    let b = tokens(after);
    if a.len().saturating_mul(b.len()) > MAX_DIFF_CELLS {
        let mut out = Vec::new();
        if !before.is_empty() {
            out.push(Segment::Removed(before.to_string()));
        }
        if !after.is_empty() {
            out.push(Segment::Added(after.to_string()));
        }
        return out;
    }
    // lcs[i][j] = length of the LCS of a[i..] and b[j..]
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let idx = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[idx(i, j)] = if a[i] == b[j] {
                lcs[idx(i + 1, j + 1)] + 1
            } else {
                lcs[idx(i + 1, j)].max(lcs[idx(i, j + 1)])
            };
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    let push = |out: &mut Vec<Segment>, seg: Segment| match (out.last_mut(), &seg) {
        (Some(Segment::Same(s)), Segment::Same(t))
        | (Some(Segment::Removed(s)), Segment::Removed(t))
        | (Some(Segment::Added(s)), Segment::Added(t)) => s.push_str(t),
        _ => out.push(seg),
    };
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            push(&mut out, Segment::Same(a[i].to_string()));
            i += 1;
            j += 1;
        } else if lcs[idx(i + 1, j)] >= lcs[idx(i, j + 1)] {
            push(&mut out, Segment::Removed(a[i].to_string()));
            i += 1;
        } else {
            push(&mut out, Segment::Added(b[j].to_string()));
            j += 1;
        }
    }
    for t in &a[i..] {
        push(&mut out, Segment::Removed(t.to_string()));
    }
    for t in &b[j..] {
        push(&mut out, Segment::Added(t.to_string()));
    }
    out
}

/// Splits text into runs of non-white-space and runs of white space.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev_ws: Option<bool> = None;
    for (i, c) in s.char_indices() {
        let ws = c.is_whitespace();
        if prev_ws.is_some_and(|p| p != ws) {
            out.push(&s[start..i]);
            start = i;
        }
        prev_ws = Some(ws);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Localized;
    use crate::system::Lifecycle;

    #[test]
    fn changes_are_per_field_and_language() {
        let before = SystemRecord {
            name: Localized::one(Lang::Fi, "Chatbot"),
            ..SystemRecord::default()
        };
        let mut after = before.clone();
        after.name.set(Lang::Sv, "Chattbot");
        after.lifecycle = Lifecycle::Pilot;
        after.personal_data = Some(true);
        let changes = record_changes(&before, &after);
        let summary: Vec<_> = changes.iter().map(|c| (c.field.as_str(), c.lang)).collect();
        assert_eq!(
            summary,
            [
                ("name", Some(Lang::Sv)),
                ("personal_data", None),
                ("lifecycle", None)
            ]
        );
        assert_eq!(changes[0].texts(), Some(("", "Chattbot")));
        assert!(record_changes(&after, &after).is_empty());
    }

    #[test]
    fn word_diff_marks_removed_and_added_words() {
        let d = word_diff(
            "Vastaa kysymyksiin arkisin.",
            "Vastaa kysymyksiin joka päivä.",
        );
        assert_eq!(
            d,
            vec![
                Segment::Same("Vastaa kysymyksiin ".into()),
                Segment::Removed("arkisin.".into()),
                Segment::Added("joka päivä.".into()),
            ]
        );
        let rebuilt_after: String = d
            .iter()
            .filter_map(|s| match s {
                Segment::Same(t) | Segment::Added(t) => Some(t.as_str()),
                Segment::Removed(_) => None,
            })
            .collect();
        assert_eq!(rebuilt_after, "Vastaa kysymyksiin joka päivä.");
        assert_eq!(word_diff("", "uusi"), vec![Segment::Added("uusi".into())]);
    }
}
