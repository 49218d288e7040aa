//! JSON request bodies: the content type is checked, the size is limited, and a body that does
//! not fit is refused with the path of the field that did not fit.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

use aireg_domain::validation::{FieldError, Problem, has_control_character};

use crate::error::AppError;

/// A JSON body of type `T`.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        if !is_json(
            req.headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
        ) {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = read_body(req, state).await?;
        parse(&bytes).map(ApiJson)
    }
}

/// An optional JSON body: no body at all is `None`.
pub struct OptionalJson<T>(pub Option<T>);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for OptionalJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(String::from);
        let bytes = read_body(req, state).await?;
        // JSON's own whitespace only (a form feed is not "no body").
        if bytes
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        {
            return Ok(OptionalJson(None));
        }
        if !is_json(content_type.as_deref()) {
            return Err(AppError::UnsupportedMediaType);
        }
        // `null` is no body too, as the document says.
        parse::<Option<T>>(&bytes).map(OptionalJson)
    }
}

fn is_json(content_type: Option<&str>) -> bool {
    let Some(ct) = content_type else {
        return false;
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

async fn read_body<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, AppError> {
    Bytes::from_request(req, state).await.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge
        } else {
            AppError::BadRequest {
                field: None,
                detail: format!("the request body could not be read: {r}"),
            }
        }
    })
}

/// The path of the first text (key or value) holding a control character.
fn control_character_at(v: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    let at = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match v {
        Value::String(s) if has_control_character(s) => Some(if path.is_empty() {
            "body".into()
        } else {
            path.to_string()
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, x)| control_character_at(x, &format!("{path}[{i}]"))),
        Value::Object(map) => map.iter().find_map(|(k, x)| {
            if has_control_character(k) {
                Some(at(k))
            } else {
                control_character_at(x, &at(k))
            }
        }),
        _ => None,
    }
}

fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) {
        if let Some(field) = control_character_at(&value, "") {
            return Err(AppError::Invalid(vec![FieldError::new(
                field,
                Problem::ControlCharacter,
            )]));
        }
        // Every body of the API is an object (or, where optional, null). serde would also read
        // an array as a struct's fields in order (`[null]` as `{"version": null}`), which the
        // document does not allow.
        if !(value.is_object() || value.is_null()) {
            return Err(AppError::BadRequest {
                field: Some("body".into()),
                detail: "the body must be a JSON object".into(),
            });
        }
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        // serde_path_to_error marks a key it could not read as `?`; the map is the field.
        let path = e.path().to_string().trim_end_matches(".?").to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() || inner.is_io() {
            AppError::BadRequest {
                field: None,
                detail: format!("the body is not valid JSON: {inner}"),
            }
        } else {
            let field = if path == "." || path.is_empty() {
                "body".to_string()
            } else {
                path
            };
            AppError::Invalid(vec![FieldError::new(
                field,
                Problem::Unreadable {
                    detail: strip_position(&inner.to_string()),
                },
            )])
        }
    })?;
    de.end().map_err(|e| AppError::BadRequest {
        field: None,
        detail: format!("the body is not valid JSON: {e}"),
    })?;
    Ok(value)
}

/// serde_json appends " at line 1 column 40"; the field path already says where.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_with_their_path() {
        let e =
            parse::<serde_json::Value>(br#"{"record": {"name": {"fi": "a\u0000b"}}}"#).unwrap_err();
        assert_eq!(
            e,
            AppError::Invalid(vec![FieldError::new(
                "record.name.fi",
                Problem::ControlCharacter
            )])
        );
        assert!(parse::<serde_json::Value>(br#"{"a": ["ok\nline", "tab\t"]}"#).is_ok());
        let e = parse::<serde_json::Value>(br#"{"a": ["x", "\u0007"]}"#).unwrap_err();
        assert_eq!(
            e,
            AppError::Invalid(vec![FieldError::new("a[1]", Problem::ControlCharacter)])
        );
    }
    use crate::api::dto::RecordDto;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        record: RecordDto,
    }

    fn field(r: Result<Body, AppError>) -> String {
        match r {
            Err(AppError::Invalid(e)) => e[0].field.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(
            field(parse(
                br#"{"record": {"name": {"fi": "x"}, "lifecycle": "live"}}"#
            )),
            "record.lifecycle"
        );
        assert_eq!(
            field(parse(br#"{"record": {"name": {"de": "x"}}}"#)),
            "record.name"
        );
        assert_eq!(
            field(parse(
                br#"{"record": {"links": [{"title": "a", "url": 5}]}}"#
            )),
            "record.links[0].url"
        );
        let unknown = field(parse(br#"{"record": {"colour": "red"}}"#));
        assert!(unknown.starts_with("record"), "{unknown}");
        assert!(matches!(
            parse::<Body>(b"{\"record\": "),
            Err(AppError::BadRequest { .. })
        ));
        assert!(matches!(
            parse::<Body>(br#"{"record": {}} trailing"#),
            Err(AppError::BadRequest { .. })
        ));
    }

    #[test]
    fn content_types() {
        assert!(is_json(Some("application/json")));
        assert!(is_json(Some("application/json; charset=utf-8")));
        assert!(is_json(Some("application/merge-patch+json")));
        assert!(!is_json(Some("text/plain")));
        assert!(!is_json(None));
    }
}
