//! E-mail as jobs: each message is written in its recipient's language when the change that
//! causes it is saved, and queued in the same transaction; a worker delivers the queue. The
//! texts are the `mail-<kind>-subject` and `mail-<kind>-body` messages in `locales/`.

use time::OffsetDateTime;

use aireg_domain::Lang;
use aireg_domain::governance::NewJob;
use aireg_domain::person::User;
use aireg_i18n::Tr;

/// The job kind the worker delivers over SMTP.
pub const EMAIL: &str = "email";

/// Writes the messages: knows the address people reach aireg at, for the links.
#[derive(Debug, Clone)]
pub struct Outbox {
    public_url: String,
}

impl Outbox {
    /// `public_url`: e.g. `https://airekisteri.kajaani.fi`.
    pub fn new(public_url: impl Into<String>) -> Outbox {
        Outbox {
            public_url: public_url.into(),
        }
    }

    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// An absolute link into aireg: the public address and a path.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.public_url.trim_end_matches('/'), path)
    }
}

/// One message to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub lang: Lang,
    pub subject: String,
    pub text: String,
}

impl Mail {
    /// The message `kind` to `to` in their language, with `args` (every message also gets
    /// `$name`, the recipient's name). It ends saying why staff get it: their role.
    pub fn compose(to: &User, kind: &str, args: &[(&str, String)]) -> Mail {
        Mail::write(
            &to.email,
            to.language,
            Some(&to.name),
            kind,
            args,
            "mail-footer",
        )
    }

    /// A message to an address without an account (a resident). It ends saying why they get
    /// it: they wrote to the register (not the staff's reason, a role in governance).
    pub fn compose_to(
        address: &str,
        lang: Lang,
        name: Option<&str>,
        kind: &str,
        args: &[(&str, String)],
    ) -> Mail {
        Mail::write(address, lang, name, kind, args, "mail-footer-resident")
    }

    /// A message about an account to an address that may have none yet (an invitation, a
    /// password reset). It ends saying why they get it: someone asked for it with their address.
    pub fn compose_account(address: &str, lang: Lang, kind: &str, args: &[(&str, String)]) -> Mail {
        Mail::write(address, lang, None, kind, args, "mail-footer-account")
    }

    fn write(
        address: &str,
        lang: Lang,
        name: Option<&str>,
        kind: &str,
        args: &[(&str, String)],
        footer: &str,
    ) -> Mail {
        let t = Tr::new(lang);
        let mut all: Vec<(&str, String)> = args.to_vec();
        all.push(("name", name.unwrap_or("").to_string()));
        let body = t.args(&format!("mail-{kind}-body"), &all);
        Mail {
            to: address.to_string(),
            lang,
            subject: t.args(&format!("mail-{kind}-subject"), &all),
            text: format!("{}\n\n-- \n{}\n", body.trim_end(), t.get(footer)),
        }
    }

    /// The job that sends it at `run_at`. `dedup_key` makes it once-only: a job with a key
    /// that was ever used is not queued again.
    pub fn job_at(self, dedup_key: Option<String>, run_at: OffsetDateTime) -> NewJob {
        NewJob {
            kind: EMAIL.into(),
            payload: serde_json::json!({
                "to": self.to,
                "subject": self.subject,
                "text": self.text,
                "lang": self.lang.code(),
            }),
            dedup_key,
            run_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resident_is_not_told_of_a_role_in_governance() {
        let reply = Mail::compose_to(
            "resident@example.com",
            Lang::En,
            Some("Matti"),
            "feedback-answered",
            &[("system", "Chatbot".into()), ("response", "Thanks.".into())],
        );
        assert!(reply.text.contains("because you wrote"), "{}", reply.text);
        assert!(!reply.text.contains("role"), "{}", reply.text);
    }
}
