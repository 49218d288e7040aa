//! Public answers kept in memory. A resident's request (no cookie, no token) for a public page
//! or the public API gets the bytes the same request got before, as long as the register has
//! not changed since: the key is the request and the register's generation, which is the
//! audit chain's head (every change to what the public sees is an audited write, in the
//! transaction that makes it). The head is read for every request (one row), so a change
//! made through any instance or the command line is seen by the next request everywhere.
//!
//! The head is read before the answer is made: an answer kept under a generation is at least
//! as new as it. Only whole `200` answers of known size without `Set-Cookie` or
//! `Cache-Control: no-store`/`private` are kept; streamed downloads pass through. The memory
//! is bounded by the configured budget.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::HttpBody as _;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use aireg_domain::SystemId;

use crate::AppState;
use crate::html::feedback;

/// The largest answer kept.
const MAX_ENTRY: u64 = 512 * 1024;

/// The register's generation: the audit chain's head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
struct Generation(i64);

struct Entry {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Default)]
struct Entries {
    generation: Generation,
    map: HashMap<String, Entry>,
    bytes: usize,
}

pub struct PublicCache {
    budget: usize,
    entries: Mutex<Entries>,
    /// Answers being made: a second request for the same one waits for it rather than making
    /// it again (a page nobody asked for in a while, asked for by many at once).
    making: Mutex<HashMap<String, std::sync::Arc<tokio::sync::Notify>>>,
}

/// How long a request waits for the same answer being made by another before making its own.
const WAIT_AT_MOST: std::time::Duration = std::time::Duration::from_secs(10);

impl PublicCache {
    /// A cache of at most `budget` bytes of answers; 0 keeps nothing.
    pub fn new(budget: usize) -> PublicCache {
        PublicCache {
            budget,
            making: Mutex::new(HashMap::new()),
            entries: Mutex::new(Entries::default()),
        }
    }

    fn get(&self, key: &str, generation: Generation) -> Option<Response> {
        let entries = self.entries.lock().ok()?;
        if entries.generation != generation {
            return None;
        }
        let e = entries.map.get(key)?;
        let mut res = Response::new(Body::from(e.body.clone()));
        *res.status_mut() = e.status;
        *res.headers_mut() = e.headers.clone();
        Some(res)
    }

    fn put(&self, key: String, generation: Generation, entry: Entry) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        let now = entries.generation;
        if generation < now {
            // Computed before a change that a newer answer has already seen.
            return;
        }
        if now != generation {
            // The register changed: what was kept is of an older one.
            *entries = Entries {
                generation,
                ..Entries::default()
            };
        }
        let size = key.len() + entry.body.len() + 256;
        if size > self.budget {
            return;
        }
        // Over the budget, the oldest generation's answers are all of equal worth: drop
        // what it takes, in no order.
        while entries.bytes + size > self.budget {
            let Some(k) = entries.map.keys().next().cloned() else {
                break;
            };
            if let Some(old) = entries.map.remove(&k) {
                entries.bytes -= k.len() + old.body.len() + 256;
            }
        }
        entries.bytes += size;
        if let Some(old) = entries.map.insert(key.clone(), entry) {
            entries.bytes -= key.len() + old.body.len() + 256;
        }
    }

    async fn generation(&self, state: &AppState) -> Option<Generation> {
        let head = state.store.audit_head().await.ok()?;
        Some(Generation(head.map_or(0, |(seq, _)| seq)))
    }
}

/// The key of a request the cache may answer: a GET or HEAD from someone not signed in.
fn key_of(req: &Request) -> Option<String> {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return None;
    }
    let h = req.headers();
    if h.contains_key(header::COOKIE) || h.contains_key(header::AUTHORIZATION) {
        return None;
    }
    let text = |name: header::HeaderName| {
        h.get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    Some(format!(
        "{} {}\n{}\n{}",
        req.method(),
        req.uri(),
        text(header::ACCEPT_LANGUAGE),
        text(header::ACCEPT)
    ))
}

/// The middleware: answers from the cache when it can, and keeps what it may; a page with a
/// feedback form gets its token for this visit either way.
pub async fn public_cache(State(state): State<AppState>, req: Request, next: Next) -> Response {
    with_form_token(answer(state, req, next).await).await
}

/// Puts a token made now in the page's feedback form ([`feedback::TOKEN_SLOT`]), so that a
/// kept page is given to each visitor with a form of the visit's time; such a page is not to
/// be kept anywhere else.
async fn with_form_token(res: Response) -> Response {
    let Some(system) = res
        .headers()
        .get(feedback::TOKEN_FOR)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<SystemId>().ok())
    else {
        return res;
    };
    let (mut parts, body) = res.into_parts();
    parts.headers.remove(feedback::TOKEN_FOR);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let page = String::from_utf8_lossy(&bytes)
        .replace(feedback::TOKEN_SLOT, &feedback::form_token(system));
    Response::from_parts(parts, Body::from(page))
}

async fn answer(state: AppState, req: Request, next: Next) -> Response {
    let cache = state.cache.clone();
    let Some(key) = key_of(&req).filter(|_| cache.budget > 0) else {
        return next.run(req).await;
    };
    let Some(generation) = cache.generation(&state).await else {
        return next.run(req).await;
    };
    if let Some(res) = cache.get(&key, generation) {
        return res;
    }
    // The first to ask makes the answer; the others wait for it, then read it from the cache
    // (or make their own when it could not be kept).
    let waiting = {
        let mut making = cache.making.lock().unwrap_or_else(|e| e.into_inner());
        match making.get(&key) {
            Some(n) => Some(n.clone().notified_owned()),
            None => {
                making.insert(key.clone(), Default::default());
                None
            }
        }
    };
    if let Some(done) = waiting {
        let _ = tokio::time::timeout(WAIT_AT_MOST, done).await;
        if let Some(res) = cache.get(&key, generation) {
            return res;
        }
        return next.run(req).await;
    }
    let made = Made {
        cache: &cache,
        key: key.clone(),
    };
    let res = next.run(req).await;
    let keep = res.status() == StatusCode::OK
        && !res.headers().contains_key(header::SET_COOKIE)
        && !res
            .headers()
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("no-store") || v.contains("private"))
        && res
            .body()
            .size_hint()
            .exact()
            .is_some_and(|n| n <= MAX_ENTRY);
    if !keep {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ENTRY as usize).await else {
        return Response::from_parts(parts, Body::empty());
    };
    cache.put(
        key,
        generation,
        Entry {
            status: parts.status,
            headers: parts.headers.clone(),
            body: bytes.clone(),
        },
    );
    drop(made);
    Response::from_parts(parts, Body::from(bytes))
}

/// Tells those waiting for an answer that it is made (kept or not), however the making ends.
struct Made<'a> {
    cache: &'a PublicCache,
    key: String,
}

impl Drop for Made<'_> {
    fn drop(&mut self) {
        if let Ok(mut making) = self.cache.making.lock()
            && let Some(n) = making.remove(&self.key)
        {
            n.notify_waiters();
        }
    }
}
