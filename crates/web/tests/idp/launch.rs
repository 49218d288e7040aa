//! A real OpenID provider for the tests (`tests/idp`: npm's oidc-provider on node), started on
//! a free port with three clients (`aireg-kajaani`, `other-app`, `aireg-short` whose ID tokens
//! live a second) and the accounts given. Shared by the HTTP and browser tests.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

/// The provider, running.
pub struct Idp {
    child: Child,
    pub issuer: String,
    /// The accounts file, read at every sign-in: rewrite it to change a person's groups.
    pub accounts: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Idp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn idp_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/idp")
}

/// Starts the provider, installing it first if needed; `None` (the test is skipped, saying so)
/// where node or the npm registry is missing, unless `AIREG_REQUIRE_OIDC` is set.
pub fn start_idp(accounts: &Value, callback: &str) -> Option<Idp> {
    let required = std::env::var_os("AIREG_REQUIRE_OIDC").is_some();
    let skip = |why: String| {
        assert!(!required, "AIREG_REQUIRE_OIDC is set but {why}");
        eprintln!("skipped: {why}");
        None
    };
    let dir = idp_dir();
    // Installed once per test run: tests run side by side, and two `npm ci` at once would
    // delete each other's files.
    static INSTALLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let installed = *INSTALLED.get_or_init(|| {
        dir.join("node_modules/oidc-provider").exists()
            || Command::new("npm")
                .args([
                    "ci",
                    "--omit=dev",
                    "--no-audit",
                    "--no-fund",
                    "--loglevel=error",
                ])
                .current_dir(&dir)
                .status()
                .is_ok_and(|s| s.success())
    });
    if !installed {
        return skip(format!("`npm ci` in {} failed", dir.display()));
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let tmp = tempfile::tempdir().unwrap();
    let clients = tmp.path().join("clients.json");
    let client = |id: &str, auth: &str, extra: Value| {
        let mut c = json!({
            "client_id": id,
            "client_secret": format!("{id}-secret"),
            "redirect_uris": [callback],
            "grant_types": ["authorization_code"],
            "response_types": ["code"],
            "token_endpoint_auth_method": auth,
        });
        c.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        c
    };
    std::fs::write(
        &clients,
        json!([
            client("aireg-kajaani", "client_secret_basic", json!({})),
            client("other-app", "client_secret_post", json!({})),
            client(
                "aireg-short",
                "client_secret_post",
                json!({"id_token_ttl": 1})
            ),
        ])
        .to_string(),
    )
    .unwrap();
    let accounts_file = tmp.path().join("accounts.json");
    std::fs::write(&accounts_file, accounts.to_string()).unwrap();
    let child = Command::new("node")
        .arg("idp.mjs")
        .current_dir(&dir)
        .env("IDP_PORT", port.to_string())
        .env("IDP_CLIENTS", &clients)
        .env("IDP_ACCOUNTS", &accounts_file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return skip(format!("node could not be started: {e}")),
    };
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "ready", "the provider did not start");
    Some(Idp {
        child,
        issuer: format!("http://127.0.0.1:{port}"),
        accounts: accounts_file,
        _dir: tmp,
    })
}
