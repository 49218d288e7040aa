//! Packs from disk, as an operator uses them: a copy of `content/` given with `--content-dir`,
//! one policy pack edited, takes effect at the next start of the real binary without a build
//! (and its new version is audited); a broken pack stops the start, naming the file, the place
//! and the problem.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_aireg");

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The content and data folders of one installation.
struct Installation {
    _dir: tempfile::TempDir,
    content: PathBuf,
    data: PathBuf,
}

impl Installation {
    fn new() -> Installation {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        copy_dir(&self::content(), &content);
        let data = dir.path().join("data");
        Installation {
            _dir: dir,
            content,
            data,
        }
    }

    fn aireg(&self) -> Command {
        let mut c = Command::new(BIN);
        c.arg("--data-dir")
            .arg(&self.data)
            .arg("--content-dir")
            .arg(&self.content)
            .env_remove("DATABASE_URL")
            .env_remove("AIREG_SMTP_URL");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.aireg().args(args).output().unwrap()
    }

    /// Edits a policy pack's file in this installation's content.
    fn edit_policy(&self, file: &str, from: &str, to: &str) {
        let path = self.content.join("policies").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} holds {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

/// `aireg serve` on a free port, stopped when dropped.
struct Server {
    child: Child,
    base: String,
    /// What it writes to standard error, read as it comes so the pipe never fills.
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    fn start(inst: &Installation) -> Server {
        let port = free_port();
        let mut child = inst
            .aireg()
            .args(["serve", "--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = std::io::Read::read(&mut pipe, &mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        while !stderr.lock().unwrap().contains("aireg is serving") {
            assert!(
                Instant::now() < deadline,
                "aireg did not start: {}",
                stderr.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        assert!(TcpStream::connect(("127.0.0.1", port)).is_ok());
        Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            stderr,
        }
    }

    /// Stops the server and returns what it wrote to standard error.
    fn stop(mut self) -> String {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A POST of JSON with a token, read as JSON.
fn post(url: &str, token: &str, body: Value) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let auth = format!("Bearer {token}");
    let mut res = agent
        .post(url)
        .header("Authorization", &auth)
        .header("Accept-Language", "en")
        .send_json(body)
        .unwrap();
    let status = res.status().as_u16();
    (status, res.body_mut().read_json().unwrap_or(Value::Null))
}

#[test]
fn an_edited_policy_pack_takes_effect_at_the_next_start_and_a_broken_one_stops_it() {
    let inst = Installation::new();
    let out = inst.run(&["demo", "--no-serve"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = inst.run(&[
        "token",
        "create",
        "--user",
        "matti.korhonen@kajaani.example",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();

    // Before: the gate names a missing classification in the pack's own words.
    let server = Server::start(&inst);
    let (status, created) = post(
        &format!("{}/api/v1/systems", server.base),
        &token,
        json!({"organisation": "kajaani", "record": {
            "name": {"fi": "Uusi avustaja"}, "lifecycle": "planning"
        }}),
    );
    assert_eq!(status, 201, "{created}");
    let transition = format!(
        "/api/v1/systems/{}/transitions",
        created["id"].as_str().unwrap()
    );
    let url = |server: &Server| format!("{}{transition}", server.base);
    let (status, refused) = post(&url(&server), &token, json!({"to": "in_use"}));
    assert_eq!(status, 409, "{refused}");
    let texts = |doc: &Value| -> Vec<String> {
        doc["missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["message"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert!(texts(&refused).contains(&"The AI Act classification is missing or incomplete".into()));
    let first = server.stop();
    assert!(
        first.contains("Policy pack kainuu is now at version 1.1.0"),
        "{first}"
    );

    // The working group revises the policy: a new version with reworded text.
    inst.edit_policy(
        "kainuu.toml",
        "version = \"1.1.0\"\nadopted",
        "version = \"1.2.0\"\nadopted",
    );
    inst.edit_policy(
        "kainuu.toml",
        "[[changelog]]\n",
        "[[changelog]]\nversion = \"1.2.0\"\ndate = \"2026-12-06\"\ntext = { fi = \"Uusi sanamuoto.\", sv = \"Ny formulering.\", en = \"New wording.\" }\n\n[[changelog]]\n",
    );
    inst.edit_policy(
        "kainuu.toml",
        "en = \"The AI Act classification is missing or incomplete\"",
        "en = \"Classify the system under the AI Act first (policy 1.2, section 5)\"",
    );
    let server = Server::start(&inst);
    let (status, refused) = post(&url(&server), &token, json!({"to": "in_use"}));
    assert_eq!(status, 409, "{refused}");
    assert!(
        texts(&refused)
            .contains(&"Classify the system under the AI Act first (policy 1.2, section 5)".into()),
        "{refused}"
    );
    let second = server.stop();
    assert!(
        second.contains("Policy pack kainuu is now at version 1.2.0 (audited)"),
        "{second}"
    );
    assert!(
        second.contains("policy packs") && second.contains("kainuu 1.2.0"),
        "{second}"
    );
    let verify = inst.run(&["audit", "verify"]);
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );

    // A broken pack stops the start before anything listens, naming file, place and problem.
    inst.edit_policy(
        "kainuu.toml",
        "to = [\"pilot\", \"in_use\"]",
        "to = [\"pilot\", \"live\"]",
    );
    let port = free_port().to_string();
    let out = inst.run(&["serve", "--port", &port]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("kainuu.toml"), "{err}");
    assert!(err.contains("unknown state `live`"), "{err}");
    assert!(err.contains(".to"), "the place in the file: {err}");
}

#[test]
fn a_content_dir_without_content_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .arg("--content-dir")
        .arg(dir.path())
        .args(["classify", "-"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ai-act/") && err.contains("policies/"),
        "{err}"
    );
}
