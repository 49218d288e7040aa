//! Every API answer the HTTP tests receive is held to the OpenAPI document the server
//! publishes: the operation documents the status, the content type is the documented one, and
//! the body is valid (JSON Schema 2020-12, as OpenAPI 3.1 says) against the documented schema.
//! So a change to a handler that the document does not follow fails the suite where it shows.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use axum::http::Method;
use serde_json::{Value, json};

use crate::harness::Reply;

/// The document, and a validator per documented response already met.
struct Contract {
    doc: Value,
    validators: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
}

fn contract() -> &'static Contract {
    static CONTRACT: OnceLock<Contract> = OnceLock::new();
    CONTRACT.get_or_init(|| Contract {
        doc: serde_json::to_value(aireg_web::api::openapi()).expect("the document is JSON"),
        validators: Mutex::new(HashMap::new()),
    })
}

/// The documented path (`/api/v1/systems/{id}`) a request path falls under.
fn template_of<'a>(doc: &'a Value, path: &str) -> Option<&'a str> {
    let parts: Vec<&str> = path.split('/').collect();
    doc["paths"]
        .as_object()?
        .keys()
        .map(String::as_str)
        .find(|t| {
            let pattern: Vec<&str> = t.split('/').collect();
            pattern.len() == parts.len()
                && pattern
                    .iter()
                    .zip(&parts)
                    .all(|(p, s)| (p.starts_with('{') && !s.is_empty()) || p == s)
        })
}

/// Checks an answer to `method path` against the document; panics naming what differs.
/// Paths the document does not describe (an unknown one, answered 404 or 405) are not held to it.
pub fn check(method: &Method, path: &str, reply: &Reply) {
    // A CORS preflight is the browser's question, not an operation of the document.
    if !path.starts_with("/api/v1/") || path == "/api/v1/openapi.json" || method == Method::OPTIONS
    {
        return;
    }
    let c = contract();
    let Some(template) = template_of(&c.doc, path) else {
        return;
    };
    let verb = method.as_str().to_ascii_lowercase();
    let operation = &c.doc["paths"][template][&verb];
    if operation.is_null() {
        assert_eq!(
            reply.status.as_u16(),
            405,
            "{method} {path}: no such operation, yet answered {}",
            reply.status
        );
        return;
    }
    let status = reply.status.as_str();
    let response = &operation["responses"][status];
    assert!(
        !response.is_null(),
        "{method} {template} answered {status}, which the document does not list: {}",
        reply.text
    );
    let Some(content) = response["content"].as_object() else {
        return;
    };
    let content_type = reply.header("content-type");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    let Some(media) = content.get(essence) else {
        panic!(
            "{method} {template} {status}: content type {content_type:?}, documented {:?}",
            content.keys().collect::<Vec<_>>()
        );
    };
    // Only JSON answers have a schema to hold them to (CSV, a workbook, an Atom feed do not).
    if !essence.ends_with("json") {
        return;
    }
    let body: Value = serde_json::from_str(&reply.text).unwrap_or_else(|e| {
        panic!(
            "{method} {template} {status}: not JSON ({e}): {}",
            reply.text
        )
    });
    let key = format!("{verb} {template} {status} {essence}");
    let validator = {
        let mut cache = c.validators.lock().unwrap();
        cache
            .entry(key)
            .or_insert_with(|| {
                // The response's schema, with the document's components beside it so that its
                // `#/components/schemas/…` references resolve.
                let schema = json!({
                    "$schema": "https://json-schema.org/draft/2020-12/schema",
                    "components": c.doc["components"],
                    "allOf": [media["schema"]],
                });
                Arc::new(
                    jsonschema::validator_for(&schema)
                        .unwrap_or_else(|e| panic!("the document's schema does not compile: {e}")),
                )
            })
            .clone()
    };
    let problems: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| format!("at {}: {e}", e.instance_path()))
        .collect();
    assert!(
        problems.is_empty(),
        "{method} {template} {status}: the body does not match the document:\n  {}\n{}",
        problems.join("\n  "),
        reply.text
    );
}

#[test]
fn an_answer_that_differs_from_the_document_is_caught() {
    use axum::http::{HeaderMap, HeaderValue, StatusCode};
    let reply = |status: u16, body: Value| {
        let mut headers = HeaderMap::new();
        headers.insert("content-type", HeaderValue::from_static("application/json"));
        Reply {
            status: StatusCode::from_u16(status).unwrap(),
            headers,
            text: body.to_string(),
        }
    };
    let ok = json!({"items": [], "total": 0, "page": 1, "per_page": 20});
    check(&Method::GET, "/api/v1/public/systems", &reply(200, ok));
    let wrong = json!({"items": [], "total": "none", "page": 1, "per_page": 20});
    let caught = std::panic::catch_unwind(|| {
        check(&Method::GET, "/api/v1/public/systems", &reply(200, wrong))
    });
    assert!(caught.is_err(), "a body against the schema is caught");
    let undocumented = std::panic::catch_unwind(|| {
        check(
            &Method::GET,
            "/api/v1/public/systems",
            &reply(418, json!({})),
        )
    });
    assert!(undocumented.is_err(), "an undocumented status is caught");
}
