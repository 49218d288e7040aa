//! HTML form bodies.
//!
//! Forms are read as the list of name/value pairs the browser sent, so repeated fields (links)
//! keep their order, and every value arrives as text: checking happens in the domain, and a
//! form with a mistake comes back with the person's input intact.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;

use aireg_domain::validation::has_control_character;

use crate::auth::{Staff, constant_time_eq};
use crate::error::AppError;
use crate::state::AppState;

/// The fields of a submitted form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormData(Vec<(String, String)>);

impl FormData {
    pub fn parse(body: &[u8]) -> FormData {
        FormData(form_urlencoded::parse(body).into_owned().collect())
    }

    /// The first value of a field, or "" when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Every value of a field, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// The form, or the first field holding a control character (no browser sends one; NUL
    /// could not even be stored on PostgreSQL).
    pub fn checked(self) -> Result<FormData, AppError> {
        match self
            .0
            .iter()
            .find(|(k, v)| has_control_character(k) || has_control_character(v))
        {
            Some((k, _)) => Err(AppError::Invalid(vec![
                aireg_domain::validation::FieldError::new(
                    k.clone(),
                    aireg_domain::validation::Problem::ControlCharacter,
                ),
            ])),
            None => Ok(self),
        }
    }
}

async fn read_form(req: Request, state: &AppState) -> Result<FormData, AppError> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Err(AppError::UnsupportedMediaType);
    }
    let bytes = Bytes::from_request(req, state)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    FormData::parse(&bytes).checked()
}

/// A form posted by a signed-in person, with its CSRF token checked against the session.
pub struct StaffForm {
    pub staff: Staff,
    pub form: FormData,
}

impl FromRequest<AppState> for StaffForm {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, AppError> {
        let (mut parts, body) = req.into_parts();
        let staff = Staff::from_request_parts(&mut parts, state).await?;
        let form = read_form(Request::from_parts(parts, body), state).await?;
        if !constant_time_eq(form.get("csrf"), &staff.session.csrf_token) {
            return Err(AppError::Forbidden);
        }
        Ok(StaffForm { staff, form })
    }
}

/// A file sent with a multipart form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// The form field it came in.
    pub field: String,
    /// The name on the sender's disk, without any folders.
    pub filename: String,
    pub data: Vec<u8>,
}

/// A multipart form (with files) posted by a signed-in person, CSRF token checked. File fields
/// left empty are dropped; a file larger than [`MAX_UPLOAD`] is not kept but named in
/// `oversized`, so the handler can show the form again with the rest of the input.
pub struct StaffMultipart {
    pub staff: Staff,
    pub form: FormData,
    pub files: Vec<Upload>,
    pub oversized: Vec<String>,
}

/// The largest single file [`StaffMultipart`] accepts.
pub const MAX_UPLOAD: usize = aireg_domain::governance::MAX_ATTACHMENT;

impl FromRequest<AppState> for StaffMultipart {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, AppError> {
        let (mut parts, body) = req.into_parts();
        let staff = Staff::from_request_parts(&mut parts, state).await?;
        let req = Request::from_parts(parts, body);
        let mut multipart = axum::extract::Multipart::from_request(req, state)
            .await
            .map_err(|_| AppError::UnsupportedMediaType)?;
        let mut fields = Vec::new();
        let mut files = Vec::new();
        let mut oversized = Vec::new();
        while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
            let name = field.name().unwrap_or("").to_string();
            match field.file_name().map(base_name) {
                Some(filename) => {
                    let mut data = Vec::new();
                    let mut too_large = false;
                    while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                        // Read on to the end, keeping nothing: the request's own limit bounds it.
                        too_large |= data.len() + chunk.len() > MAX_UPLOAD;
                        if !too_large {
                            data.extend_from_slice(&chunk);
                        }
                    }
                    if too_large {
                        oversized.push(filename);
                    } else if !filename.is_empty() || !data.is_empty() {
                        files.push(Upload {
                            field: name,
                            filename,
                            data,
                        });
                    }
                }
                None => {
                    let value = field.text().await.map_err(multipart_error)?;
                    fields.push((name, value));
                }
            }
        }
        let form = FormData(fields).checked()?;
        if !constant_time_eq(form.get("csrf"), &staff.session.csrf_token) {
            return Err(AppError::Forbidden);
        }
        Ok(StaffMultipart {
            staff,
            form,
            files,
            oversized,
        })
    }
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> AppError {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        AppError::PayloadTooLarge
    } else {
        AppError::BadRequest {
            field: None,
            detail: e.body_text(),
        }
    }
}

/// A file name without the folders some browsers send, and without control characters.
fn base_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    last.chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>()
        .trim()
        .to_string()
}

/// A form posted without a session (signing in). Cross-site posts are stopped by the origin
/// check in front of every page route.
pub struct PlainForm(pub FormData);

impl FromRequest<AppState> for PlainForm {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, AppError> {
        read_form(req, state).await.map(PlainForm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_fields_keep_their_order() {
        let f = FormData::parse(b"a=1&link_url=x&link_url=y&name.fi=K%C3%A4ytt%C3%B6");
        assert_eq!(f.get("a"), "1");
        assert_eq!(f.all("link_url"), ["x", "y"]);
        assert_eq!(f.get("name.fi"), "Käyttö");
        assert_eq!(f.get("missing"), "");
    }

    #[test]
    fn control_characters_are_refused() {
        assert!(FormData::parse(b"a=x%0Ay&b=%09").checked().is_ok());
        let e = FormData::parse(b"name.fi=a%00b").checked().unwrap_err();
        assert!(matches!(e, AppError::Invalid(ref f) if f[0].field == "name.fi"));
    }

    #[test]
    fn uploaded_file_names_lose_their_folders() {
        assert_eq!(base_name("C:\\Users\\x\\kuva.png"), "kuva.png");
        assert_eq!(base_name("../../etc/passwd"), "passwd");
        assert_eq!(base_name("a\u{0}b.txt"), "ab.txt");
    }
}
