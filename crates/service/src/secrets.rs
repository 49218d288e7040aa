//! Secrets: passwords hashed with Argon2id (the `argon2` crate's defaults: 19 MiB, two passes)
//! off the async threads, and random session ids, CSRF tokens and API tokens of 32 bytes of
//! which only the SHA-256 is stored, so a copy of the database opens no session and no API.

use std::sync::{Mutex, OnceLock};

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
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

/// Argon2's working memory, kept between computations: at most one buffer per computation
/// that may run at once. Allocated afresh each time, 19 MiB on whichever blocking thread ran
/// it, the allocator kept it per thread: resident memory went from 22 MB to over 700 MB after
/// 128 sign-ins, and stayed there. Reused, it stays at `HASHING_AT_ONCE` × 19 MiB.
static WORKING_MEMORY: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

/// Runs `f` with `blocks` blocks of working memory from the kept buffers, cleared after use
/// (they held material derived from a password).
fn with_working_memory<T>(blocks: usize, f: impl FnOnce(&mut [Block]) -> T) -> T {
    let taken = WORKING_MEMORY.lock().ok().and_then(|mut kept| kept.pop());
    let mut memory = taken.unwrap_or_default();
    memory.resize(blocks, Block::default());
    let result = f(&mut memory);
    memory.fill(Block::default());
    // Only buffers of today's parameters are kept: a stored hash with a larger `m` (an old or
    // foreign one) must not keep more memory for good.
    if memory.len() <= Params::default().block_count()
        && let Ok(mut kept) = WORKING_MEMORY.lock()
        && kept.len() < HASHING_AT_ONCE
    {
        kept.push(memory);
    }
    result
}

/// An Argon2id hash in PHC form (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), computed in
/// the kept working memory.
fn hash_now(password: &[u8]) -> ServiceResult<String> {
    let failed =
        |e: &dyn std::fmt::Display| ServiceError::Internal(format!("password hashing failed: {e}"));
    let argon2 = Argon2::default();
    let params = argon2.params().clone();
    let mut salt = [0u8; Salt::RECOMMENDED_LENGTH];
    getrandom::fill(&mut salt).map_err(|e| failed(&e))?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    with_working_memory(params.block_count(), |memory| {
        argon2.hash_password_into_with_memory(password, &salt, &mut out, memory)
    })
    .map_err(|e| failed(&e))?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| failed(&e))?,
        salt: Some(Salt::new(&salt).map_err(|e| failed(&e))?),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(hash.to_string())
}

/// Whether `password` gives the stored PHC hash, with the algorithm, version and parameters
/// the hash names, computed in the kept working memory.
fn verify_now(password: &[u8], stored: &str) -> bool {
    let Ok(hash) = PasswordHash::new(stored) else {
        return false;
    };
    let (Ok(algorithm), Some(salt), Some(expected)) = (
        Algorithm::try_from(hash.algorithm.as_str()),
        hash.salt.as_ref(),
        hash.hash.as_ref(),
    ) else {
        return false;
    };
    let version = match hash.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(v)) => v,
        Some(Err(_)) => return false,
    };
    let Ok(params) = Params::try_from(&hash) else {
        return false;
    };
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let mut out = vec![0u8; expected.len()];
    let computed = with_working_memory(params.block_count(), |memory| {
        argon2.hash_password_into_with_memory(password, salt.as_ref(), &mut out, memory)
    });
    computed.is_ok() && constant_time_eq_bytes(&out, expected.as_bytes())
}

fn constant_time_eq_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Hashes a password with Argon2id on a blocking thread.
pub async fn hash_password(password: String) -> ServiceResult<String> {
    let _turn = hashing_turn().await?;
    tokio::task::spawn_blocking(move || hash_now(password.as_bytes()))
        .await
        .map_err(|e| ServiceError::Internal(format!("password hashing task failed: {e}")))?
}

/// Checks a password against a stored hash on a blocking thread. With no account, checks
/// against a dummy hash so that a wrong e-mail address takes as long as a wrong password.
pub async fn verify_password(password: String, stored: Option<String>) -> bool {
    let Ok(_turn) = hashing_turn().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        let stored = match stored {
            Some(s) => s,
            None => dummy_hash().to_string(),
        };
        verify_now(password.as_bytes(), &stored)
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_now(b"no account has this password").unwrap_or_default())
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

    #[test]
    fn hashes_are_standard_argon2id_and_read_by_the_reference_implementation() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let ours = hash_now(b"oikein-hyva-salasana").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"oikein-hyva-salasana", &parsed)
                .is_ok()
        );
        // And a hash the crate wrote (as stored by earlier releases) verifies here.
        let theirs = Argon2::default()
            .hash_password(b"vanha")
            .unwrap()
            .to_string();
        assert!(verify_now(b"vanha", &theirs));
        assert!(!verify_now(b"uusi", &theirs));
        assert!(!verify_now(b"vanha", "not a hash"));
        assert!(
            WORKING_MEMORY.lock().unwrap().len() <= HASHING_AT_ONCE,
            "the working memory is kept, bounded"
        );
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
