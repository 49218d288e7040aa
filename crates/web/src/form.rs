//! HTML form bodies.
//!
//! Forms are read as the list of name/value pairs the browser sent, so repeated fields (links)
//! keep their order, and every value arrives as text: checking happens in the domain, and a
//! form with a mistake comes back with the person's input intact.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;

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
    Ok(FormData::parse(&bytes))
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
}
