//! E-mail jobs delivered over SMTP to a real server: Python's aiosmtpd on loopback, writing each
//! message it accepts to a Maildir, read back with Python's own e-mail parser.
//!
//! Without aiosmtpd (`pip install aiosmtpd`) the tests that need it print SKIPPED, unless
//! `AIREG_REQUIRE_SMTP` is set (CI sets it): then they fail.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::json;
use time::OffsetDateTime;

use aireg::jobs::{DeliveryReport, deliver_due, run_worker};
use aireg::mail::{DEFAULT_FROM, Mailer, Security, SmtpRelay};
use aireg_domain::clock;
use aireg_domain::governance::{Job, MAX_JOB_ATTEMPTS, NewJob, retry_delay};
use aireg_store::Store;
use aireg_store_sql::testing::TestDb;

const REQUIRE_SMTP_VAR: &str = "AIREG_REQUIRE_SMTP";

/// Whether the SMTP tests can run; panics when they must and cannot.
fn smtp_available() -> bool {
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    let required = std::env::var(REQUIRE_SMTP_VAR).is_ok_and(|v| !v.is_empty());
    let installed = *INSTALLED.get_or_init(|| {
        let installed = Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !installed && !required {
            // Past the test harness's capture, once, like the other skipped suites.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: aiosmtpd not installed (pip install aiosmtpd)"
            );
        }
        installed
    });
    assert!(
        installed || !required,
        "{REQUIRE_SMTP_VAR} is set but python3 cannot import aiosmtpd: pip install aiosmtpd"
    );
    installed
}

/// A port nobody listens on (for a moment: good enough on loopback).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// A handler that refuses some recipients the way relays do, and keeps the rest.
const PICKY_HANDLER: &str = r#"
from aiosmtpd.handlers import Mailbox

class Picky(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refused@"):
            return "550 5.1.1 <" + address + ">: mailbox unavailable"
        if address.startswith("busy@"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"
"#;

/// An aiosmtpd process, killed when dropped.
struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
    _dir: tempfile::TempDir,
}

impl SmtpServer {
    /// aiosmtpd's `Mailbox` handler on `port`: accepts every message into a Maildir.
    async fn start(port: u16) -> SmtpServer {
        SmtpServer::spawn(port, "aiosmtpd.handlers.Mailbox").await
    }

    /// Refuses `refused@…` with 550 and `busy@…` with 451.
    async fn start_picky(port: u16) -> SmtpServer {
        SmtpServer::spawn(port, "picky.Picky").await
    }

    async fn spawn(port: u16, handler: &str) -> SmtpServer {
        let dir = tempfile::tempdir().expect("temporary directory");
        std::fs::write(dir.path().join("picky.py"), PICKY_HANDLER).expect("handler module");
        // The handler creates the Maildir; it must not exist yet.
        let maildir = dir.path().join("maildir");
        let mut child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", handler])
            .arg(&maildir)
            .env("PYTHONPATH", dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("aiosmtpd on port {port} exited: {status}");
            }
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not listen on {port}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        SmtpServer {
            child,
            port,
            maildir,
            _dir: dir,
        }
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message in the Maildir, parsed by Python's `email` package.
    fn messages(&self) -> Vec<Received> {
        read_maildir(&self.maildir)
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A message as the server stored it, decoded independently of lettre.
#[derive(Debug, Deserialize)]
struct Received {
    to: String,
    rcpt_to: String,
    from: String,
    subject: String,
    content_language: String,
    content_type: String,
    charset: String,
    message_id: String,
    body: String,
}

const READ_MAILDIR: &str = r#"
import email, email.policy, json, os, sys
out = []
for sub in ("new", "cur"):
    d = os.path.join(sys.argv[1], sub)
    for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
        with open(os.path.join(d, name), "rb") as f:
            m = email.message_from_binary_file(f, policy=email.policy.default)
        out.append({
            "to": str(m["To"]), "rcpt_to": str(m["X-RcptTo"]), "from": str(m["From"]),
            "subject": str(m["Subject"]), "content_language": str(m["Content-Language"]),
            "content_type": m.get_content_type(), "charset": str(m.get_content_charset()),
            "message_id": str(m["Message-ID"]), "body": m.get_content(),
        })
print(json.dumps(out))
"#;

fn read_maildir(dir: &Path) -> Vec<Received> {
    let output = Command::new("python3")
        .args(["-c", READ_MAILDIR])
        .arg(dir)
        .output()
        .expect("run python3");
    assert!(
        output.status.success(),
        "reading the Maildir failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the Maildir as JSON")
}

fn email_job(
    to: &str,
    subject: &str,
    text: &str,
    lang: &str,
    key: &str,
    at: OffsetDateTime,
) -> NewJob {
    NewJob {
        kind: "email".into(),
        payload: json!({"to": to, "subject": subject, "text": text, "lang": lang}),
        dedup_key: Some(key.to_string()),
        run_at: at,
    }
}

async fn job(store: &dyn Store, key: &str) -> Job {
    let mut jobs = store.jobs(key).await.expect("jobs");
    assert_eq!(jobs.len(), 1, "one job with key {key}: {jobs:?}");
    jobs.remove(0)
}

fn report(sent: u64, retried: u64, given_up: u64) -> DeliveryReport {
    DeliveryReport {
        sent,
        retried,
        given_up,
    }
}

#[tokio::test]
async fn enqueued_jobs_are_delivered_as_plain_utf8_text_in_their_language() {
    if !smtp_available() {
        return;
    }
    let server = SmtpServer::start(free_port()).await;
    let db = TestDb::sqlite().await;
    let store: &dyn Store = &*db.store;
    let now = clock::now();
    let fi_text = "Hei Äijä,\n\nJärjestelmän katselmointi erääntyy 1.12.\n\n-- \naireg\n";
    let sv_text = "Hej Åsa,\n\nGranskningen av systemet förfaller.\n";
    let added = store
        .enqueue_jobs(vec![
            email_job(
                "aija@kajaani.example",
                "Muistutus: katselmointi erääntyy – ä ö",
                fi_text,
                "fi",
                "deliver:fi",
                now,
            ),
            email_job(
                "asa@avesta.example",
                "Påminnelse: granskning för systemet",
                sv_text,
                "sv",
                "deliver:sv",
                now,
            ),
        ])
        .await
        .expect("enqueue");
    assert_eq!(added, 2);
    let mailer =
        Mailer::new(&server.url(), "Kajaanin kaupunki <noreply@kajaani.example>").expect("mailer");

    assert_eq!(
        deliver_due(store, &mailer, now).await.expect("deliver"),
        report(2, 0, 0)
    );

    let mut received = server.messages();
    received.sort_by(|a, b| a.to.cmp(&b.to));
    assert_eq!(received.len(), 2, "{received:?}");
    let (fi, sv) = (&received[0], &received[1]);
    assert_eq!(fi.to, "aija@kajaani.example");
    assert_eq!(fi.rcpt_to, "aija@kajaani.example");
    assert_eq!(fi.from, "Kajaanin kaupunki <noreply@kajaani.example>");
    assert_eq!(fi.subject, "Muistutus: katselmointi erääntyy – ä ö");
    assert_eq!(fi.content_language, "fi");
    assert_eq!(
        (fi.content_type.as_str(), fi.charset.as_str()),
        ("text/plain", "utf-8")
    );
    // Exactly the text: no line added at the end (lettre's DATA terminator would add one).
    assert_eq!(fi.body.replace("\r\n", "\n"), fi_text);
    assert_eq!(sv.to, "asa@avesta.example");
    assert_eq!(sv.subject, "Påminnelse: granskning för systemet");
    assert_eq!(sv.content_language, "sv");
    assert_eq!(sv.body.replace("\r\n", "\n"), sv_text);

    for (key, message) in [("deliver:fi", fi), ("deliver:sv", sv)] {
        let job = job(store, key).await;
        assert!(job.done_at.is_some(), "{job:?}");
        assert_eq!((job.attempts, job.last_error), (1, None));
        assert_eq!(message.message_id, format!("<{}@kajaani.example>", job.id));
    }
    // Done jobs are not sent again.
    let later = now + time::Duration::days(1);
    assert_eq!(
        deliver_due(store, &mailer, later).await.expect("deliver"),
        report(0, 0, 0)
    );
    assert_eq!(server.messages().len(), 2);
}

#[tokio::test]
async fn a_reminder_with_one_dedup_key_is_sent_once_across_restarts() {
    if !smtp_available() {
        return;
    }
    let server = SmtpServer::start(free_port()).await;
    let db = TestDb::sqlite().await;
    let store: &dyn Store = &*db.store;
    let now = clock::now();
    let key = "review:kajaani-chatbot:2026-12-01";
    let reminder = || {
        email_job(
            "owner@kajaani.example",
            "Katselmointi",
            "Muista katselmointi.\n",
            "fi",
            key,
            now,
        )
    };

    assert_eq!(
        store.enqueue_jobs(vec![reminder()]).await.expect("enqueue"),
        1
    );
    assert_eq!(
        store.enqueue_jobs(vec![reminder()]).await.expect("enqueue"),
        0
    );
    let mailer = Mailer::new(&server.url(), DEFAULT_FROM).expect("mailer");
    assert_eq!(
        deliver_due(store, &mailer, now).await.expect("deliver"),
        report(1, 0, 0)
    );
    drop(mailer);

    // A restart: a new mailer, the reminder scanner runs again, the worker runs again.
    let mailer = Mailer::new(&server.url(), DEFAULT_FROM).expect("mailer");
    assert_eq!(
        store.enqueue_jobs(vec![reminder()]).await.expect("enqueue"),
        0
    );
    let later = now + time::Duration::hours(1);
    assert_eq!(
        deliver_due(store, &mailer, later).await.expect("deliver"),
        report(0, 0, 0)
    );

    assert_eq!(server.messages().len(), 1);
    assert!(job(store, key).await.done_at.is_some());
}

#[tokio::test]
async fn a_job_is_retried_while_the_relay_is_down_and_sent_once_it_is_up() {
    if !smtp_available() {
        return;
    }
    let port = free_port();
    let db = TestDb::sqlite().await;
    let store: &dyn Store = &*db.store;
    let now = clock::now();
    let key = "down:1";
    store
        .enqueue_jobs(vec![email_job(
            "anna@tampere.example",
            "Hyväksyntä",
            "Pyyntö.\n",
            "fi",
            key,
            now,
        )])
        .await
        .expect("enqueue");
    let mailer = Mailer::new(&format!("smtp://127.0.0.1:{port}"), DEFAULT_FROM).expect("mailer");

    assert_eq!(
        deliver_due(store, &mailer, now).await.expect("deliver"),
        report(0, 1, 0)
    );
    let failed = job(store, key).await;
    assert_eq!(failed.attempts, 1);
    assert_eq!(failed.done_at, None);
    assert_eq!(failed.run_at, now + retry_delay(1));
    let error = failed.last_error.expect("the failure is recorded");
    assert!(error.to_lowercase().contains("connection"), "{error}");

    let server = SmtpServer::start(port).await;
    let retry_at = now + retry_delay(1);
    let early = retry_at - time::Duration::seconds(1);
    assert_eq!(
        deliver_due(store, &mailer, early).await.expect("deliver"),
        report(0, 0, 0)
    );
    assert!(server.messages().is_empty());
    assert_eq!(
        deliver_due(store, &mailer, retry_at)
            .await
            .expect("deliver"),
        report(1, 0, 0)
    );
    assert_eq!(server.messages().len(), 1);
    let sent = job(store, key).await;
    assert!(sent.done_at.is_some());
    assert_eq!((sent.attempts, sent.last_error), (2, None));

    let much_later = now + time::Duration::days(2);
    assert_eq!(
        deliver_due(store, &mailer, much_later)
            .await
            .expect("deliver"),
        report(0, 0, 0)
    );
    assert_eq!(server.messages().len(), 1);
}

/// Needs no SMTP server: nobody listens.
#[tokio::test]
async fn a_job_is_given_up_after_the_last_attempt() {
    let db = TestDb::sqlite().await;
    let store: &dyn Store = &*db.store;
    let key = "never:1";
    let mut now = clock::now();
    store
        .enqueue_jobs(vec![email_job(
            "anna@tampere.example",
            "S",
            "T\n",
            "fi",
            key,
            now,
        )])
        .await
        .expect("enqueue");
    let mailer =
        Mailer::new(&format!("smtp://127.0.0.1:{}", free_port()), DEFAULT_FROM).expect("mailer");
    for attempt in 1..MAX_JOB_ATTEMPTS {
        assert_eq!(
            deliver_due(store, &mailer, now).await.expect("deliver"),
            report(0, 1, 0)
        );
        let j = job(store, key).await;
        assert_eq!((j.attempts, j.done_at), (attempt, None));
        assert_eq!(j.run_at, now + retry_delay(attempt));
        now = j.run_at;
    }
    assert_eq!(
        deliver_due(store, &mailer, now).await.expect("deliver"),
        report(0, 0, 1)
    );
    let given_up = job(store, key).await;
    assert_eq!(given_up.attempts, MAX_JOB_ATTEMPTS);
    assert!(
        given_up.done_at.is_some() && given_up.last_error.is_some(),
        "{given_up:?}"
    );
    let later = now + time::Duration::days(30);
    assert_eq!(
        deliver_due(store, &mailer, later).await.expect("deliver"),
        report(0, 0, 0)
    );
}

#[tokio::test]
async fn bad_jobs_are_given_up_at_once_and_do_not_block_the_next() {
    if !smtp_available() {
        return;
    }
    let server = SmtpServer::start(free_port()).await;
    let db = TestDb::sqlite().await;
    let store: &dyn Store = &*db.store;
    let now = clock::now();
    let second = time::Duration::seconds(1);
    let mut no_recipient = email_job(
        "x@example.fi",
        "S",
        "T\n",
        "fi",
        "bad:no-to",
        now - 4 * second,
    );
    no_recipient.payload = json!({"subject": "S", "text": "T", "lang": "fi"});
    let mut sms = email_job(
        "x@example.fi",
        "S",
        "T\n",
        "fi",
        "bad:kind",
        now - 2 * second,
    );
    sms.kind = "sms".into();
    store
        .enqueue_jobs(vec![
            no_recipient,
            email_job(
                "not an address",
                "S",
                "T\n",
                "fi",
                "bad:address",
                now - 3 * second,
            ),
            sms,
            email_job("x@example.fi", "S", "T\n", "de", "bad:lang", now - second),
            email_job(
                "anna@example.fi",
                "Hyvä",
                "Hyvä viesti.\n",
                "fi",
                "bad:good",
                now,
            ),
        ])
        .await
        .expect("enqueue");
    let mailer = Mailer::new(&server.url(), DEFAULT_FROM).expect("mailer");

    assert_eq!(
        deliver_due(store, &mailer, now).await.expect("deliver"),
        report(1, 0, 4)
    );

    let received = server.messages();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, "anna@example.fi");
    for (key, reason) in [
        ("bad:no-to", "missing field `to`"),
        ("bad:address", "recipient address is not valid"),
        ("bad:kind", "unknown job kind `sms`"),
        ("bad:lang", "unknown language `de`"),
    ] {
        let j = job(store, key).await;
        assert_eq!(j.attempts, 1, "{key}");
        assert!(j.done_at.is_some(), "{key} is given up: {j:?}");
        let error = j.last_error.unwrap_or_default();
        assert!(error.contains(reason), "{key}: {error}");
    }
    assert_eq!(job(store, "bad:good").await.last_error, None);
}

#[tokio::test]
async fn a_refused_recipient_is_given_up_and_a_busy_one_retried() {
    if !smtp_available() {
        return;
    }
    let server = SmtpServer::start_picky(free_port()).await;
    let db = TestDb::sqlite().await;
    let store: &dyn Store = &*db.store;
    let now = clock::now();
    let second = time::Duration::seconds(1);
    store
        .enqueue_jobs(vec![
            email_job(
                "refused@example.fi",
                "S",
                "T\n",
                "fi",
                "relay:refused",
                now - 2 * second,
            ),
            email_job(
                "busy@example.fi",
                "S",
                "T\n",
                "fi",
                "relay:busy",
                now - second,
            ),
            email_job("anna@example.fi", "S", "T\n", "fi", "relay:ok", now),
        ])
        .await
        .expect("enqueue");
    let mailer = Mailer::new(&server.url(), DEFAULT_FROM).expect("mailer");

    assert_eq!(
        deliver_due(store, &mailer, now).await.expect("deliver"),
        report(1, 1, 1)
    );

    let refused = job(store, "relay:refused").await;
    assert!(refused.done_at.is_some(), "{refused:?}");
    assert!(
        refused
            .last_error
            .as_deref()
            .unwrap_or_default()
            .contains("550"),
        "{refused:?}"
    );
    let busy = job(store, "relay:busy").await;
    assert_eq!((busy.done_at, busy.run_at), (None, now + retry_delay(1)));
    assert!(
        busy.last_error
            .as_deref()
            .unwrap_or_default()
            .contains("451"),
        "{busy:?}"
    );
    let received = server.messages();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, "anna@example.fi");
}

#[tokio::test]
async fn the_worker_delivers_due_jobs_and_stops_when_told() {
    if !smtp_available() {
        return;
    }
    let server = SmtpServer::start(free_port()).await;
    let db = TestDb::sqlite().await;
    let store: std::sync::Arc<dyn Store> = db.store.clone();
    store
        .enqueue_jobs(vec![email_job(
            "anna@example.fi",
            "S",
            "T\n",
            "fi",
            "worker:1",
            clock::now(),
        )])
        .await
        .expect("enqueue");
    let mailer = Mailer::new(&server.url(), DEFAULT_FROM).expect("mailer");
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(run_worker(store.clone(), mailer, stopped));

    let deadline = Instant::now() + Duration::from_secs(20);
    while server.messages().is_empty() {
        assert!(Instant::now() < deadline, "the worker sent nothing");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    stop.send(true).expect("the worker listens");
    tokio::time::timeout(Duration::from_secs(5), worker)
        .await
        .expect("the worker stops while idle")
        .expect("the worker does not panic");
    assert_eq!(server.messages().len(), 1);
    assert!(job(&*store, "worker:1").await.done_at.is_some());
}

#[test]
fn smtp_urls_are_parsed_and_wrong_ones_refused_without_showing_the_password() {
    let relay = |url: &str| SmtpRelay::parse(url).unwrap_or_else(|e| panic!("{url}: {e:#}"));

    let plain = relay("smtp://127.0.0.1:2525");
    assert_eq!(
        (
            plain.security,
            plain.host.as_str(),
            plain.port,
            plain.user.as_deref()
        ),
        (Security::Plain, "127.0.0.1", 2525, None)
    );
    assert_eq!(relay("smtp://mail.example.fi").port, 25);
    let starttls = relay("smtp://mail.example.fi?tls=starttls");
    assert_eq!(
        (starttls.security, starttls.port),
        (Security::StartTls, 587)
    );
    let with_user =
        relay("smtp://aireg%2Bkunta:p%40ss%3Aw%C3%B6rd@mail.example.fi:2587?tls=starttls");
    assert_eq!(with_user.user.as_deref(), Some("aireg+kunta"));
    assert_eq!(with_user.password(), Some("p@ss:wörd"));
    assert_eq!(with_user.port, 2587);
    assert_eq!(
        with_user.to_string(),
        "smtp://aireg+kunta:***@mail.example.fi:2587?tls=starttls"
    );
    assert!(!format!("{with_user:?}").contains("p@ss"));
    let smtps = relay("smtps://aireg:hunter2@mail.example.fi");
    assert_eq!((smtps.security, smtps.port), (Security::ImplicitTls, 465));
    let v6 = relay("smtps://[::1]:4650");
    assert_eq!(
        (v6.host.as_str(), v6.to_string().as_str()),
        ("::1", "smtps://[::1]:4650")
    );
    // A password over plain SMTP is accepted only to this host.
    assert_eq!(
        relay("smtp://aireg:hunter2@localhost:25").user.as_deref(),
        Some("aireg")
    );

    for (url, problem) in [
        ("http://mail.example.fi", "unknown scheme `http`"),
        ("smtp://mail.example.fi?tls=yes", "unknown tls mode `yes`"),
        (
            "smtp://aireg:hunter2@mail.example.fi?timeout=5&tls=starttls",
            "unknown parameter `timeout`",
        ),
        (
            "smtps://aireg:hunter2@mail.example.fi?tls=starttls",
            "smtps:// uses TLS",
        ),
        (
            "smtp://aireg:hunter2@mail.example.fi:25",
            "credentials would be sent unencrypted",
        ),
        (
            "smtp://aireg@mail.example.fi?tls=starttls",
            "a user name without a password",
        ),
        ("smtp://mail.example.fi/inbox", "unexpected path `/inbox`"),
        ("smtp://mail.example.fi:0", "port 0"),
        (
            "smtp://aireg:hunter2@mail.example.fi:99999?tls=starttls",
            "not a URL",
        ),
        ("smtp:///", "no host"),
        ("aireg:hunter2@mail.example.fi", "unknown scheme `aireg`"),
        ("", "not a URL"),
    ] {
        let error = match SmtpRelay::parse(url) {
            Ok(r) => panic!("{url} was accepted as {r}"),
            Err(e) => format!("{e:#}"),
        };
        assert!(error.contains(problem), "{url}: {error}");
        assert!(error.starts_with("invalid SMTP URL"), "{url}: {error}");
        assert!(
            !error.contains("hunter2"),
            "{url}: the password is shown: {error}"
        );
    }

    let error = Mailer::new("smtp://127.0.0.1:25", "aireg <not an address>")
        .map(|_| ())
        .expect_err("a bad sender");
    assert!(
        format!("{error:#}").contains("AIREG_MAIL_FROM"),
        "{error:#}"
    );
    let mailer =
        Mailer::new("smtps://aireg:hunter2@mail.example.fi", DEFAULT_FROM).expect("TLS mailer");
    assert_eq!(mailer.relay(), "smtps://aireg:***@mail.example.fi:465");
    assert!(!format!("{mailer:?}").contains("hunter2"));
}

/// The whole way of a reminder: the scan finds a review coming due and one overdue, queues a
/// message to each owner in their own language, the worker delivers them over SMTP, and scans
/// and deliveries after that (also by a "restarted" server) send nothing more.
#[tokio::test]
async fn the_reminder_scan_mails_each_reminder_once_in_the_recipients_language() {
    use aireg_domain::clock::SystemClock;
    use aireg_domain::org::{Country, NewOrganisation, OrgKind};
    use aireg_domain::person::{Membership, NewUser, Role};
    use aireg_domain::policy::{Action, Actor, Resource, authorize};
    use aireg_domain::system::SystemRecord;
    use aireg_domain::{Lang, Localized};
    use aireg_rules::Content;
    use aireg_service::{Outbox, Services};

    if !smtp_available() {
        return;
    }
    let server = SmtpServer::start(free_port()).await;
    let db = TestDb::sqlite().await;
    let store: &dyn Store = &*db.store;
    let cli = Actor::command_line("test");
    let platform = authorize(&cli, Action::AdministerPlatform, Resource::Platform).expect("cli");
    let kajaani = store
        .create_organisation(
            &platform,
            NewOrganisation {
                slug: "kajaani".into(),
                kind: OrgKind::Municipality,
                parent_id: None,
                name: Localized::one(Lang::Fi, "Kajaani"),
                country: Country::FI,
                languages: vec![Lang::Fi, Lang::Sv],
                business_id: None,
                website: None,
            },
        )
        .await
        .expect("organisation");
    let mut people = Vec::new();
    for (email, language) in [
        ("owner@kajaani.example", Lang::Sv),
        ("process@kajaani.example", Lang::Fi),
    ] {
        let u = store
            .create_user(
                &platform,
                NewUser {
                    email: email.into(),
                    name: email.into(),
                    language,
                    platform_admin: false,
                },
                "x",
            )
            .await
            .expect("user");
        store
            .add_membership(
                &platform,
                Membership {
                    user_id: u.id,
                    org_id: kajaani.id,
                    role: Role::SystemOwner,
                },
            )
            .await
            .expect("membership");
        people.push(u);
    }
    let today = clock::now().date();
    let create = authorize(&cli, Action::CreateSystem, Resource::Org(kajaani.id)).expect("cli");
    let mut soon = SystemRecord {
        name: Localized::one(Lang::Fi, "Neuvontabotti"),
        next_review: Some(today + time::Duration::days(3)),
        system_owner: Some(people[0].id),
        ..SystemRecord::default()
    };
    soon.name.set(Lang::Sv, "Rådgivningsbot");
    let soon = store
        .create_system(&create, soon, None)
        .await
        .expect("record");
    let late = SystemRecord {
        name: Localized::one(Lang::Fi, "Lukujärjestys"),
        next_review: Some(today - time::Duration::days(10)),
        process_owner: Some(people[1].id),
        ..SystemRecord::default()
    };
    store
        .create_system(&create, late, None)
        .await
        .expect("record");

    let services = |db: &TestDb| {
        Services::new(
            db.store.clone(),
            std::sync::Arc::new(Content::embedded().expect("content")),
            std::sync::Arc::new(SystemClock),
            Outbox::new("https://airekisteri.example"),
        )
    };
    let running = services(&db);
    let scanned = running.scan_reminders(today).await.expect("scan");
    assert_eq!((scanned.due, scanned.queued), (2, 2));
    let mailer = Mailer::new(&server.url(), DEFAULT_FROM).expect("mailer");
    assert_eq!(
        deliver_due(store, &mailer, clock::now())
            .await
            .expect("deliver"),
        report(2, 0, 0)
    );
    // The next hour, and after a restart: the same reminders are not queued again.
    assert_eq!(running.scan_reminders(today).await.expect("scan").queued, 0);
    let restarted = services(&db);
    assert_eq!(
        restarted.scan_reminders(today).await.expect("scan").queued,
        0
    );
    assert_eq!(
        deliver_due(store, &mailer, clock::now() + time::Duration::hours(1))
            .await
            .expect("deliver"),
        report(0, 0, 0)
    );

    let mut got = server.messages();
    got.sort_by(|a, b| a.rcpt_to.cmp(&b.rcpt_to));
    assert_eq!(got.len(), 2, "{got:?}");
    let (owner, process) = (&got[0], &got[1]);
    assert_eq!(owner.rcpt_to, "owner@kajaani.example");
    assert_eq!(owner.content_language, "sv");
    assert!(
        owner.subject.contains("Rådgivningsbot"),
        "{}",
        owner.subject
    );
    assert!(
        owner.body.contains(&format!(
            "https://airekisteri.example/sv/staff/systems/{}/governance",
            soon.id
        )),
        "{}",
        owner.body
    );
    assert_eq!(process.rcpt_to, "process@kajaani.example");
    assert_eq!(process.content_language, "fi");
    assert!(process.subject.contains("myöhässä"), "{}", process.subject);
}
