//! Validation results that name the field and the problem.
//!
//! A problem is a code plus arguments, not a sentence: the web layer turns it into a message in
//! the reader's language (Fluent id `error-<code>`), the API into problem+json.

use serde::Serialize;

/// What is wrong with a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    /// A value is needed here.
    Required,
    /// Not a length of time (`30m`, `12h`, `90d`).
    InvalidLifetime,
    /// A lifetime beyond the longest allowed.
    LifetimeTooLong { max_days: i64 },
    /// The new password and its repetition differ.
    PasswordMismatch,
    /// The current password given is not the account's.
    WrongPassword,
    /// A one-time code (TOTP) that is not the current one.
    WrongCode,
    /// Longer than allowed (in characters).
    TooLong { max: usize },
    /// Not one of the allowed values.
    InvalidChoice { allowed: Vec<String> },
    /// Not an e-mail address.
    InvalidEmail,
    /// Not an http(s) URL.
    InvalidUrl,
    /// Not a date in YYYY-MM-DD form.
    InvalidDate,
    /// The date must be after today (the next review).
    DateNotInFuture,
    /// The end date is before the start date.
    EndBeforeStart,
    /// Not a Finnish business id (Y-tunnus) with a valid check digit.
    InvalidYTunnus,
    /// Not a Swedish organisationsnummer with a valid check digit.
    InvalidOrgNr,
    /// A referenced thing does not exist or is not usable here.
    UnknownReference,
    /// Too many items.
    TooMany { max: usize },
    /// The text is needed in the organisation's primary language.
    MissingPrimaryLanguage { lang: String },
    /// The password is too short.
    PasswordTooShort { min: usize },
    /// Already taken (e-mail, slug).
    Taken,
    /// Not a slug (a-z, 0-9 and '-').
    InvalidSlug,
    /// The lifecycle state changes only through a transition, which checks the policy's gate.
    UseTransition,
    /// A file larger than allowed (in bytes).
    TooLarge { max: usize },
    /// Contains a control character (such as NUL) that text may not hold.
    ControlCharacter,
    /// A one-line value (a name, a title) holds a line break: in an e-mail it would read as
    /// lines of its own.
    LineBreak,
    /// The value could not be read at all (wrong type, unknown field); `detail` says how.
    Unreadable { detail: String },
}

impl Problem {
    /// The message id of this problem in the locale files.
    pub fn message_id(&self) -> &'static str {
        match self {
            Problem::Required => "error-required",
            Problem::InvalidLifetime => "error-invalid-lifetime",
            Problem::LifetimeTooLong { .. } => "error-lifetime-too-long",
            Problem::PasswordMismatch => "error-password-mismatch",
            Problem::WrongPassword => "error-wrong-password",
            Problem::WrongCode => "error-wrong-code",
            Problem::TooLong { .. } => "error-too-long",
            Problem::InvalidChoice { .. } => "error-invalid-choice",
            Problem::InvalidEmail => "error-invalid-email",
            Problem::InvalidUrl => "error-invalid-url",
            Problem::InvalidDate => "error-invalid-date",
            Problem::DateNotInFuture => "error-date-in-future",
            Problem::EndBeforeStart => "error-end-before-start",
            Problem::InvalidYTunnus => "error-invalid-y-tunnus",
            Problem::InvalidOrgNr => "error-invalid-orgnr",
            Problem::UnknownReference => "error-unknown-reference",
            Problem::TooMany { .. } => "error-too-many",
            Problem::MissingPrimaryLanguage { .. } => "error-missing-primary-language",
            Problem::PasswordTooShort { .. } => "error-password-too-short",
            Problem::Taken => "error-taken",
            Problem::InvalidSlug => "error-invalid-slug",
            Problem::UseTransition => "error-use-transition",
            Problem::TooLarge { .. } => "error-too-large",
            Problem::ControlCharacter => "error-control-character",
            Problem::LineBreak => "error-line-break",
            Problem::Unreadable { .. } => "error-unreadable",
        }
    }

    /// A plain English sentence, for logs, the CLI and API clients that ignore the code.
    pub fn english(&self) -> String {
        match self {
            Problem::Required => "a value is required".into(),
            Problem::InvalidLifetime => {
                "must be a length of time such as 30m, 12h or 90d".into()
            }
            Problem::LifetimeTooLong { max_days } => format!("must be at most {max_days} days"),
            Problem::PasswordMismatch => "must be the same password twice".into(),
            Problem::WrongPassword => "is not the account's current password".into(),
            Problem::WrongCode => "is not the current code of the authenticator app".into(),
            Problem::TooLong { max } => format!("must be at most {max} characters"),
            Problem::InvalidChoice { allowed } => {
                format!("must be one of: {}", allowed.join(", "))
            }
            Problem::InvalidEmail => "must be an e-mail address".into(),
            Problem::InvalidUrl => "must be an http:// or https:// address".into(),
            Problem::InvalidDate => "must be a date in the form YYYY-MM-DD".into(),
            Problem::DateNotInFuture => "must be a date after today".into(),
            Problem::EndBeforeStart => "must not be before the start date".into(),
            Problem::InvalidYTunnus => {
                "must be a Finnish business id (Y-tunnus) such as 0208201-1 with a valid check digit"
                    .into()
            }
            Problem::InvalidOrgNr => {
                "must be a Swedish organisationsnummer such as 212000-2197 with a valid check digit"
                    .into()
            }
            Problem::UnknownReference => "refers to something that does not exist here".into(),
            Problem::TooMany { max } => format!("must have at most {max} items"),
            Problem::MissingPrimaryLanguage { lang } => {
                format!("is needed in the organisation's primary language ({lang})")
            }
            Problem::PasswordTooShort { min } => format!("must be at least {min} characters"),
            Problem::Taken => "is already in use".into(),
            Problem::InvalidSlug => {
                "may contain only lower-case letters a-z, digits and hyphens".into()
            }
            Problem::UseTransition => "changes only through a lifecycle transition (POST /api/v1/systems/{id}/transitions), which checks the policy's gate; new records start in idea, planning, procurement or development".into(),
            Problem::TooLarge { max } => format!("must be at most {max} bytes"),
            Problem::ControlCharacter => "must not contain control characters".into(),
            Problem::LineBreak => "must be on one line".into(),
            Problem::Unreadable { detail } => format!("could not be read: {detail}"),
        }
    }
}

/// Whether text holds a control character other than tab and line ends. Such text is refused
/// at the edge: it is never meant, and PostgreSQL cannot store NUL at all.
pub fn has_control_character(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// A problem with one field. `field` is a path such as `name.fi` or `links[2].url`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    #[serde(flatten)]
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Self {
            field: field.into(),
            problem,
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.problem.english())
    }
}

/// Collects field errors while checking a value.
#[derive(Debug, Default)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, problem: Problem) {
        self.0.push(FieldError::new(field, problem));
    }

    /// Adds a `LineBreak` error when a one-line value (a name, a title) holds a line break.
    pub fn one_line(&mut self, field: impl Into<String>, text: &str) {
        if text.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']) {
            self.add(field, Problem::LineBreak);
        }
    }

    /// Adds a `TooLong` error when `text` has more than `max` characters.
    pub fn max_len(&mut self, field: impl Into<String>, text: &str, max: usize) {
        if text.chars().count() > max {
            self.add(field, Problem::TooLong { max });
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }

    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }
}

/// A reasonable e-mail address check: one `@`, something on both sides, a dot in the domain, no
/// white space. Deliverability is the mail server's business.
pub fn is_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        && s.len() <= 254
}

/// An absolute http(s) URL with a host.
pub fn is_http_url(s: &str) -> bool {
    let s = s.trim();
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(r) => {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// A URL-safe identifier: 1–60 characters of a-z, 0-9 and '-', not starting or ending with '-'.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 60
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_email("maija.virtanen@kajaani.example"));
        assert!(!is_email("maija"));
        assert!(!is_email("a@b"));
        assert!(!is_email("a b@c.fi"));
        assert!(!is_email("@c.fi"));
    }

    #[test]
    fn urls() {
        assert!(is_http_url("https://www.kajaani.fi/tekoaly"));
        assert!(is_http_url("http://localhost:8080"));
        assert!(!is_http_url("javascript:alert(1)"));
        assert!(!is_http_url("https://"));
        assert!(!is_http_url("ftp://x.fi"));
    }

    #[test]
    fn slugs() {
        assert!(is_slug("kajaani"));
        assert!(is_slug("tampereen-seutu"));
        assert!(!is_slug("Kajaani"));
        assert!(!is_slug("-x"));
        assert!(!is_slug("hämeenkyrö"));
    }
}
