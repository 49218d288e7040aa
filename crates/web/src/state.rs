//! What every handler can reach: the store and the web configuration.

use std::sync::Arc;

use time::Duration;

use aireg_store::Store;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The address people reach aireg at, e.g. `https://airekisteri.kajaani.fi`. Session cookies
    /// are `Secure` (and `__Host-` prefixed) when it is https.
    pub public_url: String,
    /// A session ends after this long without a request…
    pub session_idle: Duration,
    /// …and at the latest this long after sign-in.
    pub session_absolute: Duration,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Failed sign-ins allowed per account within `throttle_window` before sign-in is refused.
    pub max_failures_per_account: i64,
    /// Failed sign-ins allowed per client address within `throttle_window`.
    pub max_failures_per_address: i64,
    pub throttle_window: Duration,
    /// A resident's feedback form sent sooner than this after the page was loaded is taken
    /// for a bot.
    pub feedback_min_age: Duration,
    /// Feedback messages accepted per client address, and per record, within an hour.
    pub feedback_per_address: i64,
    pub feedback_per_system: i64,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            public_url: "http://127.0.0.1:8080".into(),
            session_idle: Duration::hours(8),
            session_absolute: Duration::days(7),
            body_limit: 1024 * 1024,
            max_failures_per_account: 5,
            max_failures_per_address: 30,
            throttle_window: Duration::minutes(15),
            feedback_min_age: Duration::seconds(3),
            feedback_per_address: 5,
            feedback_per_system: 30,
        }
    }
}

impl WebConfig {
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The session cookie's name: `__Host-` prefixed when it can be (Secure, path /, no
    /// domain), which stops a sibling subdomain from planting one.
    pub fn session_cookie(&self) -> &'static str {
        if self.secure_cookies() {
            "__Host-aireg_session"
        } else {
            "aireg_session"
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<WebConfig>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: WebConfig) -> Self {
        AppState {
            store,
            config: Arc::new(config),
        }
    }
}
