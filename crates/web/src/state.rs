//! What every handler can reach: the use cases (and through them the store, for reads) and the
//! web configuration.

use std::sync::Arc;

use time::Duration;

use aireg_domain::clock::SystemClock;
use aireg_rules::Content;
use aireg_service::accounts::SignInRules;
use aireg_service::{Outbox, Services};
use aireg_store::Store;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The address people reach aireg at, e.g. `https://airekisteri.kajaani.fi`. Session cookies
    /// are `Secure` (and `__Host-` prefixed) when it is https.
    pub public_url: String,
    /// Sign-in throttling and session lifetimes.
    pub sign_in: SignInRules,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// A resident's feedback form sent sooner than this after the page was loaded is taken
    /// for a bot.
    pub feedback_min_age: Duration,
    /// Feedback messages accepted per client address, and per record, within an hour.
    pub feedback_per_address: i64,
    pub feedback_per_system: i64,
    /// Proxies whose `Forwarded` / `X-Forwarded-For` give the client's address.
    pub trusted_proxies: crate::client::TrustedProxies,
    /// Bytes of public answers kept in memory (see [`crate::cache`]); 0 keeps none.
    pub public_cache_bytes: usize,
    /// The fewest distinct users a published usage figure may have (never below
    /// `aireg_domain::usage::MIN_USERS`).
    pub usage_min_users: u32,
    /// How long API tokens live by default and at most.
    pub tokens: aireg_service::accounts::TokenRules,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            public_url: "http://127.0.0.1:8080".into(),
            sign_in: SignInRules::default(),
            body_limit: 1024 * 1024,
            feedback_min_age: Duration::seconds(3),
            feedback_per_address: 5,
            feedback_per_system: 30,
            trusted_proxies: crate::client::TrustedProxies::default(),
            public_cache_bytes: 32 * 1024 * 1024,
            usage_min_users: aireg_domain::usage::MIN_USERS,
            tokens: aireg_service::accounts::TokenRules::default(),
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
    /// The use cases.
    pub services: Arc<Services>,
    /// The store, for the reads pages and the API make (each with the reader's scope).
    pub store: Arc<dyn Store>,
    pub config: Arc<WebConfig>,
    /// Public answers kept in memory.
    pub cache: Arc<crate::cache::PublicCache>,
    /// The operator's measurements, when they are on (`--metrics-bind`).
    pub metrics: Option<Arc<crate::metrics::Metrics>>,
}

impl AppState {
    pub fn new(services: Arc<Services>, config: WebConfig) -> Self {
        AppState {
            store: services.store_arc(),
            services,
            cache: Arc::new(crate::cache::PublicCache::new(config.public_cache_bytes)),
            config: Arc::new(config),
            metrics: None,
        }
    }

    /// The same, counting requests for the operator's metrics.
    pub fn with_metrics(mut self) -> Self {
        self.metrics = Some(Arc::new(crate::metrics::Metrics::default()));
        self
    }

    /// The use cases over `store` with `content`, the system clock and e-mail links to the
    /// configured public address (what a server needs; tests too).
    pub fn with_store(store: Arc<dyn Store>, content: Content, config: WebConfig) -> Self {
        let services = Services::new(
            store,
            Arc::new(content),
            Arc::new(SystemClock),
            Outbox::new(config.public_url.clone()),
        );
        AppState::new(Arc::new(services), config)
    }
}
