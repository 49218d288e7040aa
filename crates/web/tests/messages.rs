//! Every message id the code names exists in Finnish, Swedish and English.
//!
//! A missing message does not break a page: the translator falls back to English, then Finnish,
//! and at last shows the id itself (`flash-feedback-sent`). So this test reads the sources and
//! looks up each id they name:
//!
//! - string literals given to the translator (`Tr`: `get`, `get1`, `get2`, `args`, `count`) in
//!   `crates/*/src/**/*.rs` and in the page templates (`c.t.get("…")`);
//! - each one-time notice `done=NAME` in the same files, and each entry of `FLASHES`, which
//!   need `flash-NAME`;
//! - the e-mail kinds given to `Mail::compose*`, which need `mail-KIND-subject` and
//!   `mail-KIND-body`;
//! - the names of every value of the domain's closed sets (`message_id()`).
//!
//! Ids put together at run time from other parts (`format!("channel-{c}")`) are not checked here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use aireg_domain::Lang;
use aireg_web::i18n::I18n;

/// One place that needs a message.
#[derive(Debug)]
struct Use {
    id: String,
    /// `path:line`, relative to the workspace.
    place: String,
    /// How the id was found, for the failure message.
    how: String,
}

/// The translator's methods whose first argument is a message id.
const TRANSLATOR_METHODS: [&str; 5] = ["get", "get1", "get2", "args", "count"];

/// Where a mail's kind reaches `Mail::compose*` in a variable instead of a literal, the kinds
/// that arrive there. Each kind must also be written as a literal in that file.
const MAIL_KINDS_PASSED_ON: &[(&str, &[&str])] = &[
    // `Mail::compose` hands its caller's kind on to `Mail::compose_to`.
    ("crates/service/src/outbox.rs", &[]),
    // `Asked::mail_kind` gives one of these.
    (
        "crates/service/src/approvals.rs",
        &["approval-requested", "approval-requested-after-change"],
    ),
    // `review_mail` is called with one of these.
    (
        "crates/service/src/reminders.rs",
        &["review-due", "review-overdue"],
    ),
];

/// Messages known to be missing, left for their own fix. Listed so that this test guards
/// everything else meanwhile; it fails once one of them exists, so that its entry is removed.
const KNOWN_MISSING: &[&str] = &[];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The files under `dir` (recursively) whose name ends with `ext`, in a stable order.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path, ext));
        } else if path.to_string_lossy().ends_with(ext) {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// A source file: its path relative to the workspace, and its text.
struct Source {
    path: String,
    text: String,
}

impl Source {
    fn read(root: &Path, path: &Path) -> Source {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let path = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned();
        Source { path, text }
    }

    fn place(&self, pos: usize) -> String {
        let line = self.text[..pos].matches('\n').count() + 1;
        format!("{}:{line}", self.path)
    }
}

/// Every `crates/*/src/**/*.rs`, and the templates.
fn sources() -> (Vec<Source>, Vec<Source>) {
    let root = workspace();
    let mut rust = Vec::new();
    for krate in files(&root.join("crates"), "Cargo.toml") {
        let src = krate.parent().expect("a crate directory").join("src");
        rust.extend(files(&src, ".rs").iter().map(|p| Source::read(&root, p)));
    }
    let templates = files(&root.join("crates/web/templates"), ".html")
        .iter()
        .map(|p| Source::read(&root, p))
        .collect();
    (rust, templates)
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The identifier that `text` ends with.
fn trailing_ident(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_ident_char(*c))
        .last()
        .map_or(text.len(), |(i, _)| i);
    &text[start..]
}

/// The names declared with the translator's type: `t: Tr`, `t: &crate::i18n::Tr` (parameters
/// and fields).
fn typed_translators(s: &Source) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (pos, _) in s.text.match_indices(':') {
        let after = s.text[pos + 1..].trim_start();
        let after = after.strip_prefix('&').unwrap_or(after);
        let after = after.strip_prefix("crate::i18n::").unwrap_or(after);
        let is_tr = after
            .strip_prefix("Tr")
            .is_some_and(|rest| !rest.starts_with(is_ident_char));
        let name = trailing_ident(s.text[..pos].trim_end());
        if is_tr && !name.is_empty() {
            names.insert(name.to_string());
        }
    }
    names
}

/// The names bound to a translator in one file: its parameters of the type, and
/// `let t = lang.tr();`, `let pt = Tr::new(p.language);`.
fn translator_variables(s: &Source) -> BTreeSet<String> {
    let mut names = typed_translators(s);
    for (pos, _) in s.text.match_indices("let ") {
        let rest = &s.text[pos + 4..];
        let rest = rest.strip_prefix("mut ").unwrap_or(rest);
        let name_len = rest.find(|c| !is_ident_char(c)).unwrap_or(rest.len());
        let (name, rest) = rest.split_at(name_len);
        let Some(value) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.split(';').next().unwrap_or("").trim();
        let value = value.strip_prefix("crate::i18n::").unwrap_or(value);
        if !name.is_empty() && (value.starts_with("Tr::new(") || value.ends_with(".tr()")) {
            names.insert(name.to_string());
        }
    }
    names
}

/// Who holds a translator: the variables of the file at hand, and the fields of any struct
/// (`c.t`, `self.t`).
struct Translators {
    variables: BTreeSet<String>,
    fields: BTreeSet<String>,
}

impl Translators {
    /// Whether the expression that `before` ends with is a translator: a variable or a field
    /// that holds one, `lang.tr()` or `Tr::new(lang)`.
    fn end(&self, before: &str) -> bool {
        let before = before.trim_end();
        if before.ends_with(')') {
            // A call: find its opening parenthesis, then what is called.
            let mut depth = 0;
            for (i, c) in before.char_indices().rev() {
                match c {
                    ')' => depth += 1,
                    '(' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    let callee = before[..i].trim_end();
                    return callee.ends_with(".tr") || callee.ends_with("Tr::new");
                }
            }
            return false;
        }
        let name = trailing_ident(before);
        if before[..before.len() - name.len()].ends_with('.') {
            self.fields.contains(name)
        } else {
            self.variables.contains(name)
        }
    }
}

/// The string literal that `text` starts with (after white space), if it does.
fn literal_at(text: &str) -> Option<&str> {
    let text = text.trim_start().strip_prefix('"')?;
    text.find('"').map(|end| &text[..end])
}

/// The ids given as literals to a translator in one file.
fn translator_uses(s: &Source, tr: &Translators) -> Vec<Use> {
    let mut uses = Vec::new();
    for method in TRANSLATOR_METHODS {
        let call = format!(".{method}(");
        for (pos, _) in s.text.match_indices(&call) {
            if !tr.end(&s.text[..pos]) {
                continue;
            }
            if let Some(id) = literal_at(&s.text[pos + call.len()..]) {
                uses.push(Use {
                    id: id.to_string(),
                    place: s.place(pos),
                    how: format!("{method}(\"{id}\")"),
                });
            }
        }
    }
    uses
}

/// Each `done=NAME`, which shows the message `flash-NAME`.
fn notice_uses(s: &Source) -> Vec<Use> {
    let mut uses = Vec::new();
    for (pos, _) in s.text.match_indices("done=") {
        let rest = &s.text[pos + 5..];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len());
        // `done={}` and `done={done}` name theirs elsewhere; `FLASHES` lists them all.
        if len > 0 {
            uses.push(Use {
                id: format!("flash-{}", &rest[..len]),
                place: s.place(pos),
                how: format!("done={}", &rest[..len]),
            });
        }
    }
    uses
}

/// The arguments of the call whose opening parenthesis is at the start of `text`, as written.
fn call_arguments(text: &str) -> Vec<&str> {
    let mut args = Vec::new();
    let (mut depth, mut start, mut in_string) = (0, 1, false);
    for (i, c) in text.char_indices() {
        match c {
            '"' => in_string = !in_string,
            _ if in_string => {}
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    args.push(text[start..i].trim());
                    break;
                }
            }
            ',' if depth == 1 => {
                args.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    args
}

/// The e-mail kinds given to `Mail::compose(to, KIND, …)` and
/// `Mail::compose_to(address, lang, name, KIND, …)`; a problem for each call whose kind cannot
/// be told.
fn mail_uses(s: &Source, problems: &mut Vec<String>) -> Vec<Use> {
    let mut uses = Vec::new();
    for (call, kind_index) in [("Mail::compose(", 1), ("Mail::compose_to(", 3)] {
        for (pos, _) in s.text.match_indices(call) {
            let args = call_arguments(&s.text[pos + call.len() - 1..]);
            let kind = args.get(kind_index).copied().unwrap_or("");
            let kinds: Vec<String> = match literal_at(kind) {
                Some(k) => vec![k.to_string()],
                None => match MAIL_KINDS_PASSED_ON.iter().find(|(p, _)| *p == s.path) {
                    Some((_, kinds)) => kinds.iter().map(|k| k.to_string()).collect(),
                    None => {
                        problems.push(format!(
                            "{}: {call}…) gets its kind from `{kind}`: list the kinds that \
                             reach it in MAIL_KINDS_PASSED_ON",
                            s.place(pos)
                        ));
                        continue;
                    }
                },
            };
            for kind in kinds {
                for part in ["subject", "body"] {
                    uses.push(Use {
                        id: format!("mail-{kind}-{part}"),
                        place: s.place(pos),
                        how: format!("{call}…, \"{kind}\", …)"),
                    });
                }
            }
        }
    }
    uses
}

/// The names of the values of the domain's closed sets (`string_enum!`).
fn vocabulary_uses() -> Vec<Use> {
    use aireg_domain::classification::{ObligationStatus, RunSource};
    use aireg_domain::governance::{
        ApprovalStatus, AssessmentStatus, Decision, FeedbackKind, FeedbackStatus, IncidentKind,
        IncidentStatus, SeriousKind,
    };
    use aireg_domain::org::{Country, OrgKind};
    use aireg_domain::person::Role;
    use aireg_domain::system::{
        AiTechnique, ChangeKind, DataClassification, Field, Lifecycle, OversightMode,
        ProcurementRoute, Publication, Visibility,
    };
    fn all<E: aireg_domain::Vocabulary>(name: &str) -> Vec<Use> {
        E::all()
            .iter()
            .map(|v| Use {
                id: v.message(),
                place: format!("crates/domain ({name})"),
                how: format!("{name}::{}", v.text()),
            })
            .collect()
    }
    [
        all::<RunSource>("RunSource"),
        all::<ObligationStatus>("ObligationStatus"),
        all::<ApprovalStatus>("ApprovalStatus"),
        all::<Decision>("Decision"),
        all::<AssessmentStatus>("AssessmentStatus"),
        all::<IncidentKind>("IncidentKind"),
        all::<IncidentStatus>("IncidentStatus"),
        all::<SeriousKind>("SeriousKind"),
        all::<FeedbackKind>("FeedbackKind"),
        all::<FeedbackStatus>("FeedbackStatus"),
        all::<OrgKind>("OrgKind"),
        all::<Country>("Country"),
        all::<Role>("Role"),
        all::<Publication>("Publication"),
        all::<Lifecycle>("Lifecycle"),
        all::<OversightMode>("OversightMode"),
        all::<DataClassification>("DataClassification"),
        all::<ProcurementRoute>("ProcurementRoute"),
        all::<AiTechnique>("AiTechnique"),
        all::<Visibility>("Visibility"),
        all::<Field>("Field"),
        all::<ChangeKind>("ChangeKind"),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// One line for each use whose message is missing in a language.
fn missing(uses: &[Use]) -> Vec<String> {
    let i18n = I18n::get();
    uses.iter()
        .filter(|u| !KNOWN_MISSING.contains(&u.id.as_str()))
        .filter_map(|u| {
            let langs: Vec<&str> = Lang::ALL
                .iter()
                .filter(|l| !i18n.has(**l, &u.id))
                .map(|l| l.code())
                .collect();
            (!langs.is_empty()).then(|| {
                format!(
                    "{}: `{}` is missing in {} ({})",
                    u.place,
                    u.id,
                    langs.join(", "),
                    u.how
                )
            })
        })
        .collect()
}

#[test]
fn every_message_the_code_names_exists_in_every_language() {
    let (rust, templates) = sources();
    assert!(
        rust.len() > 50 && templates.len() > 20,
        "the sources were found: {} Rust files, {} templates",
        rust.len(),
        templates.len()
    );
    let fields: BTreeSet<String> = rust.iter().flat_map(typed_translators).collect();
    let mut problems = Vec::new();
    let mut uses = Vec::new();
    for s in &rust {
        let tr = Translators {
            variables: translator_variables(s),
            fields: fields.clone(),
        };
        uses.extend(translator_uses(s, &tr));
        uses.extend(notice_uses(s));
        uses.extend(mail_uses(s, &mut problems));
    }
    // A template sees its struct's fields as plain names: `{{ t.get("…") }}`, `c.t.get("…")`.
    let tr = Translators {
        variables: fields.clone(),
        fields,
    };
    for s in &templates {
        uses.extend(translator_uses(s, &tr));
        uses.extend(notice_uses(s));
    }
    let flashes = aireg_web::html::FLASHES.iter().map(|name| Use {
        id: format!("flash-{name}"),
        place: "crates/web/src/html/mod.rs".into(),
        how: format!("FLASHES: \"{name}\""),
    });
    uses.extend(flashes);
    uses.extend(vocabulary_uses());
    for (path, kinds) in MAIL_KINDS_PASSED_ON {
        let text = std::fs::read_to_string(workspace().join(path)).unwrap_or_default();
        for kind in *kinds {
            if !text.contains(&format!("\"{kind}\"")) {
                problems.push(format!(
                    "{path}: MAIL_KINDS_PASSED_ON lists \"{kind}\", which the file no longer names"
                ));
            }
        }
    }
    let ids: BTreeSet<&str> = uses.iter().map(|u| u.id.as_str()).collect();
    assert!(
        ids.len() > 300,
        "the scan found the messages the code uses (only {} ids found)",
        ids.len()
    );
    problems.extend(missing(&uses));
    for id in KNOWN_MISSING {
        if Lang::ALL.iter().all(|l| I18n::get().has(*l, id)) {
            problems.push(format!("`{id}` exists now: remove it from KNOWN_MISSING"));
        }
    }
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} message ids are missing or cannot be checked:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The scan finds each way of naming a message, and only those.
#[test]
fn the_scan_finds_each_form_of_use() {
    let code = Source {
        path: "example.rs".into(),
        text: r#"
            fn page(lang: PageLang, form: &Form, t: &crate::i18n::Tr) {
                let tr = lang.tr();
                let pt = crate::i18n::Tr::new(Lang::Sv);
                t.get("a-plain");
                tr.get1("a-let", "n", 1);
                pt.get2(
                    "a-multi-line",
                    "a", 1, "b", 2,
                );
                self.t.args("a-field", &[]);
                Tr::new(*l).get("a-new");
                lang.tr().count("a-tr", 2);
                t.get(&format!("ignored-{x}"));
                form.get("not-a-message");
                headers.get("neither");
                self.names.get("nor-this");
                see_other("/fi/staff?done=saved")
            }
        "#
        .into(),
    };
    let template = Source {
        path: "example.html".into(),
        text: r#"<p>{{ c.t.get("a-template") }}</p><a href="?done=other">x</a>"#.into(),
    };
    let tr = Translators {
        variables: translator_variables(&code),
        fields: typed_translators(&code),
    };
    let ids = |s: &Source| -> Vec<String> {
        let mut ids: Vec<String> = translator_uses(s, &tr)
            .into_iter()
            .chain(notice_uses(s))
            .map(|u| u.id)
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        ids(&code),
        [
            "a-field",
            "a-let",
            "a-multi-line",
            "a-new",
            "a-plain",
            "a-tr",
            "flash-saved"
        ]
    );
    assert_eq!(ids(&template), ["a-template", "flash-other"]);
    let mail = Source {
        path: "example.rs".into(),
        text: r#"Mail::compose(&p, "kind-one", &[("x", f(a, b))]);
            Mail::compose_to(email, item.lang, item.name.as_deref(), "kind-two", &[]);
            Mail::compose(&p, kind, &[]);"#
            .into(),
    };
    let mut problems = Vec::new();
    let mail_ids: Vec<String> = mail_uses(&mail, &mut problems)
        .into_iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(
        mail_ids,
        [
            "mail-kind-one-subject",
            "mail-kind-one-body",
            "mail-kind-two-subject",
            "mail-kind-two-body"
        ]
    );
    assert_eq!(
        problems.len(),
        1,
        "the kind in a variable is named: {problems:?}"
    );
}
