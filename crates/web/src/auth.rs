//! Who is asking: sessions for people using pages, bearer tokens for programs using the API.
//!
//! Passwords are hashed with Argon2id (the `argon2` crate's defaults: 19 MiB, two passes),
//! off the async threads. Session ids, CSRF tokens and API tokens are 32 random bytes; only
//! their SHA-256 is stored, so a copy of the database opens no session and no API.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use aireg_domain::audit::hex;
use aireg_domain::clock;
use aireg_domain::person::User;
use aireg_domain::policy::Actor;
use aireg_store::Session;

use crate::error::AppError;
use crate::state::AppState;

/// `n` random bytes as hex.
pub fn random_hex(n: usize) -> Result<String, AppError> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    Ok(hex(&buf))
}

pub fn sha256_hex(s: &str) -> String {
    hex(&Sha256::digest(s.as_bytes()))
}

/// Compares two strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// How many Argon2 computations (19 MiB each) may run at once; more sign-ins wait their turn,
/// so a flood of them cannot exhaust memory.
const HASHING_AT_ONCE: usize = 4;

async fn hashing_turn() -> Result<tokio::sync::SemaphorePermit<'static>, AppError> {
    static TURNS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_AT_ONCE);
    TURNS
        .acquire()
        .await
        .map_err(|e| AppError::Internal(format!("password hashing queue closed: {e}")))
}

/// Hashes a password with Argon2id on a blocking thread.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    let _turn = hashing_turn().await?;
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(format!("password hashing task failed: {e}")))?
}

/// Checks a password against a stored hash on a blocking thread. With no account, checks
/// against a dummy hash so that a wrong e-mail address takes as long as a wrong password.
pub async fn verify_password(password: String, stored: Option<String>) -> bool {
    let Ok(_turn) = hashing_turn().await else {
        return false;
    };
    let stored = match stored {
        Some(s) => s,
        None => dummy_hash().to_string(),
    };
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        Argon2::default()
            .hash_password(b"no account has this password")
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// A new API token: the secret shown once, its hash to store, and a short recognisable prefix.
pub struct NewToken {
    pub secret: String,
    pub hash: String,
    pub prefix: String,
}

pub fn new_api_token() -> Result<NewToken, AppError> {
    let secret = format!("aireg_{}", random_hex(32)?);
    Ok(NewToken {
        hash: sha256_hex(&secret),
        prefix: secret.chars().take(14).collect(),
        secret,
    })
}

/// The value of one cookie.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A signed-in person using the pages.
#[derive(Debug, Clone)]
pub struct Staff {
    pub user: User,
    pub actor: Actor,
    pub session: Session,
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if let Some(staff) = parts.extensions.get::<Staff>() {
            return Ok(staff.clone());
        }
        let staff = load_staff(parts, state)
            .await?
            .ok_or(AppError::Unauthorized)?;
        parts.extensions.insert(staff.clone());
        Ok(staff)
    }
}

/// The signed-in person, if any (public pages show "signed in as").
#[derive(Debug, Clone)]
pub struct MaybeStaff(pub Option<Staff>);

impl FromRequestParts<AppState> for MaybeStaff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        match Staff::from_request_parts(parts, state).await {
            Ok(s) => Ok(MaybeStaff(Some(s))),
            Err(AppError::Unauthorized) => Ok(MaybeStaff(None)),
            Err(e) => Err(e),
        }
    }
}

async fn load_staff(parts: &Parts, state: &AppState) -> Result<Option<Staff>, AppError> {
    let Some(id) = cookie(&parts.headers, state.config.session_cookie()) else {
        return Ok(None);
    };
    let hash = sha256_hex(id);
    let now = clock::now();
    let Some(session) = state.store.session(&hash, now).await? else {
        return Ok(None);
    };
    let Some(user) = state.store.user(session.user_id).await? else {
        return Ok(None);
    };
    if user.disabled {
        return Ok(None);
    }
    let Some(actor) = state.store.actor(user.id).await? else {
        return Ok(None);
    };
    // Slide the idle timeout, at most once a minute, never past the absolute limit.
    if now - session.last_seen_at > time::Duration::minutes(1) {
        let expires = (now + state.config.session_idle)
            .min(session.created_at + state.config.session_absolute);
        state.store.touch_session(&hash, now, expires).await?;
    }
    Ok(Some(Staff {
        user,
        actor,
        session,
    }))
}

/// Starts a session for `user`: stores its hash and returns the cookie to set.
pub async fn start_session(state: &AppState, user: &User) -> Result<String, AppError> {
    let id = random_hex(32)?;
    let now = clock::now();
    let session = Session {
        id_hash: sha256_hex(&id),
        user_id: user.id,
        csrf_token: random_hex(32)?,
        created_at: now,
        last_seen_at: now,
        expires_at: now + state.config.session_idle,
    };
    state.store.create_session(&session).await?;
    Ok(session_cookie(
        state,
        &id,
        Some(state.config.session_absolute),
    ))
}

/// The Set-Cookie value for the session cookie (`None` lifetime: delete it).
pub fn session_cookie(state: &AppState, value: &str, max_age: Option<time::Duration>) -> String {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let age = max_age.map(|d| d.whole_seconds()).unwrap_or(0);
    format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={age}{secure}",
        state.config.session_cookie()
    )
}

/// A program using the API with a bearer token.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    pub user: User,
    pub actor: Actor,
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .ok_or(AppError::Unauthorized)?;
        let now: OffsetDateTime = clock::now();
        let (_, user) = state
            .store
            .token_by_hash(&sha256_hex(token), now)
            .await?
            .ok_or(AppError::Unauthorized)?;
        let actor = state
            .store
            .actor(user.id)
            .await?
            .ok_or(AppError::Unauthorized)?;
        Ok(ApiCaller { user, actor })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_only_hashes_are_kept() {
        let a = new_api_token().unwrap();
        let b = new_api_token().unwrap();
        assert_ne!(a.secret, b.secret);
        assert!(a.secret.starts_with("aireg_"));
        assert_eq!(a.secret.len(), 6 + 64);
        assert_eq!(a.hash, sha256_hex(&a.secret));
        assert!(a.secret.starts_with(&a.prefix));
        assert!(!a.hash.contains(&a.secret[6..]));
    }

    #[test]
    fn constant_time_comparison() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; aireg_session=xyz; b=2".parse().unwrap(),
        );
        assert_eq!(cookie(&h, "aireg_session"), Some("xyz"));
        assert_eq!(cookie(&h, "nope"), None);
    }

    #[tokio::test]
    async fn passwords_verify() {
        let h = hash_password("oikein-hyvä-salasana".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("oikein-hyvä-salasana".into(), Some(h.clone())).await);
        assert!(!verify_password("väärä".into(), Some(h)).await);
        assert!(!verify_password("x".into(), None).await);
    }
}
