//! E-mail over SMTP: the relay that `AIREG_SMTP_URL` names, and the message of an e-mail job.
//!
//! The text of a message is written in its recipient's language when the change that causes it
//! is saved (`aireg_web::mail`); here the job's payload only becomes a plain-text UTF-8 message.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use lettre::message::Mailbox;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use percent_encoding::percent_decode_str;
use serde::Deserialize;

use aireg_domain::Lang;
use aireg_domain::governance::JobId;

/// The variable naming the relay, e.g. `smtps://aireg:secret@smtp.example.fi`.
pub const SMTP_URL_VAR: &str = "AIREG_SMTP_URL";
/// The variable naming the sender.
pub const MAIL_FROM_VAR: &str = "AIREG_MAIL_FROM";
/// The sender when `AIREG_MAIL_FROM` is not set.
pub const DEFAULT_FROM: &str = "aireg <noreply@localhost>";

/// How long one SMTP command may take: a relay that hangs must not hold a job past its lease.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// Reply codes that mean the relay refused *us* (authentication), not the message: a fixed
/// configuration will deliver the job, so these are retried even though they are 5xx.
const AUTHENTICATION_CODES: [&str; 4] = ["530", "534", "535", "538"];

/// How the connection to the relay is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// No TLS (`smtp://`): for a relay on this host or the local network, and for tests.
    Plain,
    /// STARTTLS, required (`smtp://…?tls=starttls`): nothing is sent unless the upgrade works.
    StartTls,
    /// TLS from the first byte (`smtps://`, port 465 by default).
    ImplicitTls,
}

/// A parsed SMTP URL. Its `Display` and `Debug` never show the password.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpRelay {
    pub security: Security,
    pub host: String,
    pub port: u16,
    pub user: Option<String>,
    password: Option<String>,
}

impl SmtpRelay {
    /// Parses `smtp://host[:port]`, `smtp://host[:port]?tls=starttls` or `smtps://host[:port]`,
    /// each with optional percent-encoded `user:password@`. The error names the problem and
    /// shows the URL with its password replaced by `***`.
    pub fn parse(url: &str) -> anyhow::Result<SmtpRelay> {
        parse_relay(url.trim()).with_context(|| format!("invalid SMTP URL {}", shown(url)))
    }

    /// The password, percent-decoded.
    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }
}

impl fmt::Display for SmtpRelay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = match self.security {
            Security::ImplicitTls => "smtps",
            Security::Plain | Security::StartTls => "smtp",
        };
        write!(f, "{scheme}://")?;
        if let Some(user) = &self.user {
            write!(f, "{user}:***@")?;
        }
        match self.host.parse::<IpAddr>() {
            Ok(IpAddr::V6(ip)) => write!(f, "[{ip}]:{}", self.port)?,
            _ => write!(f, "{}:{}", self.host, self.port)?,
        }
        if self.security == Security::StartTls {
            f.write_str("?tls=starttls")?;
        }
        Ok(())
    }
}

impl fmt::Debug for SmtpRelay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SmtpRelay({self})")
    }
}

/// The URL for an error message: with the password masked, or not at all when it cannot be
/// masked reliably (no `scheme://`, so no user-information part to find).
fn shown(url: &str) -> String {
    if url.contains("://") {
        aireg_store_sql::redact(url.trim())
    } else {
        "(not shown: it does not start with smtp:// or smtps://)".to_string()
    }
}

fn parse_relay(text: &str) -> anyhow::Result<SmtpRelay> {
    let url = url::Url::parse(text).map_err(|e| anyhow!("not a URL ({e})"))?;
    let mut security = match url.scheme() {
        "smtp" => Security::Plain,
        "smtps" => Security::ImplicitTls,
        other => bail!("unknown scheme `{other}`: use smtp:// or smtps://"),
    };
    for (name, value) in url.query_pairs() {
        match (name.as_ref(), value.as_ref()) {
            ("tls", "starttls") if security == Security::ImplicitTls => {
                bail!("tls=starttls is for smtp://; smtps:// uses TLS from the start")
            }
            ("tls", "starttls") => security = Security::StartTls,
            ("tls", other) => bail!("unknown tls mode `{other}`: the only one is tls=starttls"),
            (other, _) => bail!("unknown parameter `{other}`: the only one is tls=starttls"),
        }
    }
    let host = match url.host() {
        Some(url::Host::Domain(name)) if !name.is_empty() => name.to_string(),
        Some(url::Host::Ipv4(ip)) => ip.to_string(),
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        _ => bail!("no host: write smtp://host:port"),
    };
    if !matches!(url.path(), "" | "/") {
        bail!(
            "unexpected path `{}`: an SMTP URL ends at host:port",
            url.path()
        );
    }
    if url.fragment().is_some() {
        bail!("unexpected `#` fragment");
    }
    let port = url.port().unwrap_or(match security {
        Security::Plain => 25,
        Security::StartTls => 587,
        Security::ImplicitTls => 465,
    });
    if port == 0 {
        bail!("port 0 is not a port");
    }
    let user = percent_decoded(url.username(), "user name")?.filter(|u| !u.is_empty());
    let password = match url.password() {
        Some(p) => percent_decoded(p, "password")?,
        None => None,
    };
    match (&user, &password) {
        (Some(_), None) => bail!("a user name without a password"),
        (None, Some(_)) => bail!("a password without a user name"),
        _ => {}
    }
    // Over plain SMTP, AUTH sends the password readable to anyone on the path.
    if user.is_some() && security == Security::Plain && !is_loopback(&host) {
        bail!(
            "credentials would be sent unencrypted: use smtps:// or add ?tls=starttls \
             (plain smtp:// with a password is accepted only for a relay on this host)"
        );
    }
    Ok(SmtpRelay {
        security,
        host,
        port,
        user,
        password,
    })
}

/// A user-information part, percent-decoded; its content is never put in the error.
fn percent_decoded(encoded: &str, what: &str) -> anyhow::Result<Option<String>> {
    percent_decode_str(encoded)
        .decode_utf8()
        .map(|s| Some(s.into_owned()))
        .map_err(|_| anyhow!("the {what} is not UTF-8 once percent-decoded"))
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The sender, e.g. `Kajaanin kaupunki <noreply@kajaani.fi>` or a bare address.
pub fn parse_from(from: &str) -> anyhow::Result<Mailbox> {
    from.trim()
        .parse::<Mailbox>()
        .map_err(|e| anyhow!("invalid sender address `{from}` ({MAIL_FROM_VAR}): {e}"))
}

/// The payload of an `email` job, checked: one recipient address, a subject, the plain text and
/// the language it is written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub to: Address,
    pub subject: String,
    pub text: String,
    pub lang: Lang,
}

#[derive(Deserialize)]
struct Payload {
    to: String,
    subject: String,
    text: String,
    lang: String,
}

impl Email {
    /// Reads a job's payload. The error is fit for the job's last error: it names what is
    /// missing or wrong without quoting the message.
    pub fn from_payload(payload: &serde_json::Value) -> Result<Email, String> {
        let p = Payload::deserialize(payload).map_err(|e| format!("invalid e-mail job: {e}"))?;
        let to =
            p.to.trim().parse::<Address>().map_err(|e| {
                format!("invalid e-mail job: the recipient address is not valid ({e})")
            })?;
        let lang = Lang::parse(&p.lang).ok_or_else(|| {
            format!(
                "invalid e-mail job: unknown language `{}` (fi, sv or en)",
                p.lang
            )
        })?;
        Ok(Email {
            to,
            subject: p.subject,
            text: p.text,
            lang,
        })
    }
}

/// Why a message was not delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    /// No retry can help: the relay refused the message for good (5xx) or the job is wrong.
    pub permanent: bool,
    /// For the job's last error; may quote the relay's reply, which can name the recipient.
    pub detail: String,
    /// For the log: without the relay's reply text, so without personal data.
    pub summary: String,
}

impl SendError {
    /// A job that cannot be sent as it is (bad payload, unknown kind).
    pub fn invalid_job(detail: String) -> SendError {
        SendError {
            permanent: true,
            summary: detail.clone(),
            detail,
        }
    }

    fn from_smtp(e: &lettre::transport::smtp::Error) -> SendError {
        let detail = e.to_string();
        match e.status() {
            Some(code) => {
                let code = code.to_string();
                SendError {
                    permanent: e.is_permanent() && !AUTHENTICATION_CODES.contains(&code.as_str()),
                    summary: format!("the relay answered {code}"),
                    detail,
                }
            }
            // Connection, TLS and protocol trouble: the relay may be back later, and these
            // texts hold no personal data.
            None => SendError {
                permanent: false,
                summary: detail.clone(),
                detail,
            },
        }
    }
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail)
    }
}

impl std::error::Error for SendError {}

/// Sends plain-text messages through one relay, a new connection for each message.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    relay: String,
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mailer({} as {})", self.relay, self.from)
    }
}

impl Mailer {
    /// A mailer for the relay `smtp_url` (see [`SmtpRelay::parse`]) sending as `from`.
    pub fn new(smtp_url: &str, from: &str) -> anyhow::Result<Mailer> {
        let relay = SmtpRelay::parse(smtp_url)?;
        Mailer::for_relay(&relay, parse_from(from)?)
    }

    /// A mailer for a parsed relay. Needs no network: nothing is sent until the first message.
    pub fn for_relay(relay: &SmtpRelay, from: Mailbox) -> anyhow::Result<Mailer> {
        type Smtp = AsyncSmtpTransport<Tokio1Executor>;
        let tls = |what| format!("cannot set up {what} for {relay}");
        let builder = match relay.security {
            Security::Plain => Smtp::builder_dangerous(relay.host.as_str()),
            Security::StartTls => {
                Smtp::starttls_relay(&relay.host).with_context(|| tls("STARTTLS"))?
            }
            Security::ImplicitTls => Smtp::relay(&relay.host).with_context(|| tls("TLS"))?,
        };
        let mut builder = builder.port(relay.port).timeout(Some(COMMAND_TIMEOUT));
        if let (Some(user), Some(password)) = (&relay.user, relay.password()) {
            builder = builder.credentials(Credentials::new(user.clone(), password.to_string()));
        }
        Ok(Mailer {
            transport: builder.build(),
            from,
            relay: relay.to_string(),
        })
    }

    /// The relay, for messages and logs (without the password).
    pub fn relay(&self) -> &str {
        &self.relay
    }

    pub fn from(&self) -> &Mailbox {
        &self.from
    }

    /// The message of job `job`: plain text in UTF-8, its language in `Content-Language`.
    pub fn message(&self, job: JobId, email: &Email) -> Result<Message, SendError> {
        Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(None, email.to.clone()))
            .subject(one_line(&email.subject))
            // One id per job: a message sent again after a lost reply is recognisably the same.
            .message_id(Some(format!("<{job}@{}>", self.from.email.domain())))
            .header(ContentType::TEXT_PLAIN)
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Content-Language"),
                email.lang.code().to_string(),
            ))
            // RFC 3834: notifications are automatic, so out-of-office replies are not sent back.
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-generated".to_string(),
            ))
            // lettre ends the data with CRLF.CRLF even after a final line break, which would
            // add an empty line to every message: the terminator ends the last line instead.
            .body(email.text.trim_end_matches(['\r', '\n']).to_string())
            .map_err(|e| SendError::invalid_job(format!("cannot build the message: {e}")))
    }

    /// Sends the message of job `job`.
    pub async fn send(&self, job: JobId, email: &Email) -> Result<(), SendError> {
        let message = self.message(job, email)?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| SendError::from_smtp(&e))
    }
}

/// A subject on one line: a line break in a header would end it (and could start another).
fn one_line(subject: &str) -> String {
    subject
        .split(|c: char| c.is_control())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(subject: &str) -> Email {
        Email {
            to: "anna@example.fi".parse().expect("address"),
            subject: subject.to_string(),
            text: "Hei Anna,\nkatselmointi erääntyy.\n".to_string(),
            lang: Lang::Fi,
        }
    }

    #[test]
    fn a_line_break_in_the_subject_cannot_add_a_header() {
        let mailer = Mailer::new("smtp://127.0.0.1:2525", DEFAULT_FROM).expect("mailer");
        let message = mailer
            .message(JobId::nil(), &email("Muistutus\r\nBcc: eve@example.org"))
            .expect("message");
        let text = String::from_utf8(message.formatted()).expect("ASCII headers");
        let headers = text.split("\r\n\r\n").next().unwrap_or_default();
        assert!(!headers.lines().any(|l| l.starts_with("Bcc:")), "{headers}");
        assert!(headers.contains("Content-Language: fi"), "{headers}");
        assert!(
            headers.contains("Auto-Submitted: auto-generated"),
            "{headers}"
        );
        assert!(
            headers.contains("Content-Type: text/plain; charset=utf-8"),
            "{headers}"
        );
        assert!(
            headers.contains(&format!("Message-ID: <{}@localhost>", JobId::nil())),
            "{headers}"
        );
    }

    #[test]
    fn payloads_are_checked() {
        let ok =
            serde_json::json!({"to": "anna@example.fi", "subject": "S", "text": "T", "lang": "sv"});
        assert_eq!(Email::from_payload(&ok).map(|e| e.lang), Ok(Lang::Sv));
        let no_to = serde_json::json!({"subject": "S", "text": "T", "lang": "fi"});
        let e = Email::from_payload(&no_to).expect_err("no recipient");
        assert!(e.contains("missing field `to`"), "{e}");
        let bad =
            serde_json::json!({"to": "anna at example", "subject": "S", "text": "T", "lang": "fi"});
        let e = Email::from_payload(&bad).expect_err("bad recipient");
        assert!(e.contains("recipient address is not valid"), "{e}");
        let two = serde_json::json!({"to": "a@example.fi, b@example.fi", "subject": "S", "text": "T", "lang": "fi"});
        assert!(Email::from_payload(&two).is_err());
        let lang =
            serde_json::json!({"to": "a@example.fi", "subject": "S", "text": "T", "lang": "de"});
        let e = Email::from_payload(&lang).expect_err("unknown language");
        assert!(e.contains("unknown language `de`"), "{e}");
    }
}
