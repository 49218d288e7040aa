//! Secrets: passwords hashed with Argon2id (the `argon2` crate's defaults: 19 MiB, two passes)
//! off the async threads, and random session ids, CSRF tokens and API tokens of 32 bytes of
//! which only the SHA-256 is stored, so a copy of the database opens no session and no API.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};

use aireg_domain::audit::hex;

use crate::{ServiceError, ServiceResult};

/// `n` random bytes as hex.
pub fn random_hex(n: usize) -> ServiceResult<String> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).map_err(|e| ServiceError::Internal(format!("no randomness: {e}")))?;
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

async fn hashing_turn() -> ServiceResult<tokio::sync::SemaphorePermit<'static>> {
    static TURNS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_AT_ONCE);
    TURNS
        .acquire()
        .await
        .map_err(|e| ServiceError::Internal(format!("password hashing queue closed: {e}")))
}

/// Hashes a password with Argon2id on a blocking thread.
pub async fn hash_password(password: String) -> ServiceResult<String> {
    let _turn = hashing_turn().await?;
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| ServiceError::Internal(format!("password hashing failed: {e}")))
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("password hashing task failed: {e}")))?
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

pub fn new_api_token() -> ServiceResult<NewToken> {
    let secret = format!("aireg_{}", random_hex(32)?);
    Ok(NewToken {
        hash: sha256_hex(&secret),
        prefix: secret.chars().take(14).collect(),
        secret,
    })
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

    #[tokio::test]
    async fn passwords_verify() {
        let h = hash_password("oikein-hyvä-salasana".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("oikein-hyvä-salasana".into(), Some(h.clone())).await);
        assert!(!verify_password("väärä".into(), Some(h)).await);
        assert!(!verify_password("x".into(), None).await);
    }
}
