//! What the tests of the real binary share: an installation (content and data folders), the
//! binary run in it, `aireg serve` on a free port, JSON posts with a token.

#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_aireg");

pub fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

pub fn copy_dir(from: &Path, to: &Path) {
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
pub struct Installation {
    _dir: tempfile::TempDir,
    pub content: PathBuf,
    pub data: PathBuf,
}

impl Installation {
    pub fn new() -> Installation {
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

    pub fn aireg(&self) -> Command {
        let mut c = Command::new(BIN);
        c.arg("--data-dir")
            .arg(&self.data)
            .arg("--content-dir")
            .arg(&self.content)
            .env_remove("DATABASE_URL")
            .env_remove("AIREG_SMTP_URL");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.aireg().args(args).output().unwrap()
    }

    /// Edits a policy pack's file in this installation's content.
    pub fn edit_policy(&self, file: &str, from: &str, to: &str) {
        let path = self.content.join("policies").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} holds {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

/// `aireg serve` on a free port, stopped when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    /// What it writes to standard error, read as it comes so the pipe never fills.
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    pub fn start(inst: &Installation) -> Server {
        Server::start_with(inst, &[], &[])
    }

    /// `aireg serve` with more arguments and environment variables.
    pub fn start_with(inst: &Installation, args: &[&str], envs: &[(&str, &str)]) -> Server {
        let port = free_port();
        let mut child = inst
            .aireg()
            .args(["serve", "--port", &port.to_string()])
            .args(args)
            .envs(envs.iter().copied())
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
    pub fn stop(mut self) -> String {
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
pub fn post(url: &str, token: &str, body: Value) -> (u16, Value) {
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
