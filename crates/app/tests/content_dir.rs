//! Packs from disk, as an operator uses them: a copy of `content/` given with `--content-dir`,
//! one policy pack edited, takes effect at the next start of the real binary without a build
//! (and its new version is audited); a broken pack stops the start, naming the file, the place
//! and the problem.

use std::process::{Command, Stdio};

use serde_json::{Value, json};

mod common;

use common::{BIN, Installation, Server, free_port, post};

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
        "--org",
        "kajaani",
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
