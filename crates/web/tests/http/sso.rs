//! Signing in through an organisation's identity provider, against a real OpenID provider
//! (`tests/idp`: oidc-provider on node) started here: the sign-in as a person does it, the
//! roles following the provider's groups, and each way an answer must be refused.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use aireg_domain::person::Role;
use aireg_service::sso::{SsoRefusal, TokenFault};
use aireg_service::{ServiceError, Services};

use crate::harness::{Reply, World};
use crate::idp::{Idp, start_idp};

/// aireg's address in the tests, so its callback is this.
const CALLBACK: &str = "http://127.0.0.1:8080/sso/callback";

/// A browser's cookie jar, enough for the provider's interaction cookies.
#[derive(Default)]
struct Jar(BTreeMap<String, String>);

impl Jar {
    fn header(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, res: &ureq::http::Response<ureq::Body>) {
        for v in res.headers().get_all("set-cookie") {
            let pair = v.to_str().unwrap_or("").split(';').next().unwrap_or("");
            if let Some((k, v)) = pair.split_once('=') {
                self.0.insert(k.trim().to_string(), v.to_string());
            }
        }
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

/// One request to the provider: (status, Location made absolute, body).
fn at_idp(
    issuer: &str,
    jar: &mut Jar,
    method: &str,
    url: &str,
    form: Option<&str>,
) -> (u16, String, String) {
    let a = agent();
    let url = if url.starts_with('/') {
        format!("{issuer}{url}")
    } else {
        url.to_string()
    };
    let cookie = jar.header();
    let res = match (method, form) {
        ("POST", Some(f)) => a
            .post(&url)
            .header("cookie", &cookie)
            .content_type("application/x-www-form-urlencoded")
            .send(f),
        _ => a.get(&url).header("cookie", &cookie).call(),
    };
    let mut res = res.unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    jar.keep(&res);
    let location = res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(|l| {
            if l.starts_with('/') {
                format!("{issuer}{l}")
            } else {
                l.to_string()
            }
        })
        .unwrap_or_default();
    let body = res.body_mut().read_to_string().unwrap_or_default();
    (res.status().as_u16(), location, body)
}

/// Signs `login` in at the provider, from the authorization URL to where it sends the browser
/// back (the callback with `code` and `state`).
fn log_in_at_idp(issuer: &str, authorize: &str, login: &str) -> String {
    let mut jar = Jar::default();
    let (status, interaction, body) = at_idp(issuer, &mut jar, "GET", authorize, None);
    assert_eq!(status, 303, "{authorize}: {body}");
    let (status, _, form) = at_idp(issuer, &mut jar, "GET", &interaction, None);
    assert_eq!(status, 200);
    assert!(form.contains("name=\"login\""), "{form}");
    let (status, resume, body) = at_idp(
        issuer,
        &mut jar,
        "POST",
        &interaction,
        Some(&format!("login={login}")),
    );
    assert_eq!(status, 303, "{body}");
    let (status, back, body) = at_idp(issuer, &mut jar, "GET", &resume, None);
    assert_eq!(status, 303, "{body}");
    assert!(back.starts_with(CALLBACK), "{back}");
    back
}

fn b64url(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(A[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

fn query_param(url: &str, name: &str) -> String {
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// An ID token the provider issues to `client` for `login` with `nonce`, fetched as that client
/// would (code flow with PKCE, the secret in the request).
fn id_token(issuer: &str, client: &str, login: &str, nonce: &str) -> String {
    let verifier = "a-pkce-verifier-of-the-test-that-is-long-enough-0123456789";
    let challenge = b64url(&Sha256::digest(verifier.as_bytes()));
    let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let authorize = format!(
        "{issuer}/auth?response_type=code&client_id={client}&redirect_uri={}&scope=openid%20email%20profile&state=st&nonce={nonce}&code_challenge={challenge}&code_challenge_method=S256",
        enc(CALLBACK)
    );
    let back = log_in_at_idp(issuer, &authorize, login);
    let code = query_param(&back, "code");
    let form = format!(
        "grant_type=authorization_code&code={}&redirect_uri={}&code_verifier={verifier}&client_id={client}&client_secret={client}-secret",
        enc(&code),
        enc(CALLBACK)
    );
    let mut res = agent()
        .post(&format!("{issuer}/token"))
        .content_type("application/x-www-form-urlencoded")
        .send(form.as_str())
        .unwrap();
    let body: Value = serde_json::from_str(&res.body_mut().read_to_string().unwrap()).unwrap();
    body["id_token"]
        .as_str()
        .unwrap_or_else(|| panic!("no ID token: {body}"))
        .to_string()
}

fn accounts() -> Value {
    json!({
        "aino": {"email": "aino.virtanen@kajaani.fi", "email_verified": true, "name": "Aino Virtanen", "groups": ["kajaani-ai-owners", "staff"]},
        "olli": {"email": "olli@elsewhere.example", "email_verified": true, "name": "Olli Muualta", "groups": ["kajaani-ai-owners"]},
    })
}

/// Kajaani's admin sets the provider up on the organisation's sign-in page.
async fn configure(w: &World, idp: &Idp) {
    let admin = w.sign_in("admin@kajaani.example").await;
    let r = w
        .post_form(
            "/en/staff/orgs/kajaani/sign-in",
            &admin,
            &[
                ("issuer", &idp.issuer),
                ("client_id", "aireg-kajaani"),
                ("client_secret", "aireg-kajaani-secret"),
                ("email_domains", "kajaani.fi"),
                ("role_claim", "groups"),
                ("role_map", "kajaani-ai-owners = system_owner"),
                ("local_passwords", "on"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
}

/// From aireg's sign-in form to the provider and back: the callback's answer.
async fn sign_in_through(
    w: &World,
    idp: &Idp,
    email: &str,
    login: &str,
) -> (Reply, String, String) {
    let start = start_at(
        w,
        &format!(
            "email={}",
            form_urlencoded::byte_serialize(email.as_bytes()).collect::<String>()
        ),
    )
    .await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.text);
    let browser = start
        .header("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert!(browser.starts_with("aireg_sso="), "{browser}");
    let authorize = start.header("location");
    assert!(authorize.starts_with(&idp.issuer), "{authorize}");
    assert!(authorize.contains("code_challenge_method=S256"));
    assert!(authorize.contains("nonce="));
    let back = blocking_login(&idp.issuer, &authorize, login).await;
    let path = back.trim_start_matches("http://127.0.0.1:8080").to_string();
    let answer = callback(w, &path, Some(&browser)).await;
    (answer, path, browser)
}

/// The sign-in page's form asking for one's organisation's sign-in, sent.
async fn start_at(w: &World, fields: &str) -> Reply {
    w.send(
        Request::post("/fi/login/sso")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(fields.to_string()))
            .unwrap(),
    )
    .await
}

/// The provider's side of a sign-in, as a browser does it (blocking HTTP, off the runtime).
async fn blocking_login(issuer: &str, authorize: &str, login: &str) -> String {
    let (issuer, authorize, login) = (issuer.to_string(), authorize.to_string(), login.to_string());
    tokio::task::spawn_blocking(move || log_in_at_idp(&issuer, &authorize, &login))
        .await
        .unwrap()
}

async fn callback(w: &World, path: &str, browser: Option<&str>) -> Reply {
    let mut req = Request::get(path).header(header::USER_AGENT, "Mozilla/5.0 (testing)");
    if let Some(b) = browser {
        req = req.header(header::COOKIE, b);
    }
    w.send(req.body(Body::empty()).unwrap()).await
}

fn session_of(r: &Reply) -> String {
    r.header("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kajaani_employee_signs_in_through_the_provider_and_roles_follow_the_groups() {
    let Some(idp) = start_idp(&accounts(), CALLBACK) else {
        return;
    };
    let w = World::new().await;
    configure(&w, &idp).await;
    // The sign-in page lets its form lead to the provider (and nowhere else).
    let login = w.get("/fi/login").await;
    let csp = login.header("content-security-policy");
    assert!(
        csp.contains(&format!("form-action 'self' {};", idp.issuer)),
        "{csp}"
    );

    // Aino has no account; her group maps to system owner in Kajaani.
    let (answer, replay, browser) =
        sign_in_through(&w, &idp, "aino.virtanen@kajaani.fi", "aino").await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.text);
    assert_eq!(answer.header("location"), "/fi/staff");
    let cookie = session_of(&answer);
    assert!(cookie.starts_with("aireg_session="), "{cookie}");
    let dashboard = w.page("/fi/staff", &cookie).await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert!(dashboard.text.contains("Aino Virtanen"));
    let (aino, _) = w
        .store()
        .user_by_email("aino.virtanen@kajaani.fi")
        .await
        .unwrap()
        .unwrap();
    let roles = w.store().memberships_of(aino.id).await.unwrap();
    assert_eq!(roles.len(), 1);
    assert_eq!(
        (roles[0].org_id, roles[0].role),
        (w.kajaani.id, Role::SystemOwner)
    );
    // Her session says how she signed in.
    let account = w.page("/en/staff/account", &cookie).await;
    assert!(account.text.contains(&idp.issuer), "{}", account.text);

    // She registers a system in Kajaani, not in Avesta.
    let csrf = dashboard
        .text
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let session = crate::harness::Session {
        cookie: cookie.clone(),
        csrf,
    };
    let made = w
        .post_form(
            "/fi/staff/systems",
            &session,
            &[("org", "kajaani"), ("name.fi", "Ainon avustaja")],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text);
    let refused = w
        .post_form(
            "/fi/staff/systems",
            &session,
            &[("org", "avesta"), ("name.fi", "Ainon avustaja")],
        )
        .await;
    assert!(
        matches!(refused.status.as_u16(), 403 | 404),
        "{}",
        refused.status
    );

    // The provider's answer works once: replayed, the state is unknown.
    let again = callback(&w, &replay, Some(&browser)).await;
    assert_eq!(again.status, StatusCode::FORBIDDEN);
    assert!(again.text.contains("Aloita alusta") || again.text.contains("Start again"));

    // The group is removed at the provider: at the next sign-in the role is gone.
    let mut changed = accounts();
    changed["aino"]["groups"] = json!(["staff"]);
    std::fs::write(&idp.accounts, changed.to_string()).unwrap();
    let (answer, _, _) = sign_in_through(&w, &idp, "aino.virtanen@kajaani.fi", "aino").await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.text);
    assert!(w.store().memberships_of(aino.id).await.unwrap().is_empty());
    let r = w
        .post_form(
            "/fi/staff/systems",
            &crate::harness::Session {
                cookie: session_of(&answer),
                csrf: session.csrf.clone(),
            },
            &[("org", "kajaani"), ("name.fi", "Toinen")],
        )
        .await;
    assert!(matches!(r.status.as_u16(), 403 | 404), "{}", r.status);

    // Someone from a domain the provider does not speak for is refused.
    let (answer, _, _) = sign_in_through(&w, &idp, "aino.virtanen@kajaani.fi", "olli").await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(answer.text.contains("verkkotunnuksessa") || answer.text.contains("domain"));
    assert!(
        w.store()
            .user_by_email("olli@elsewhere.example")
            .await
            .unwrap()
            .is_none()
    );

    // An answer brought to another browser (without the cookie of the one that started it)
    // is refused: no one can have a victim finish a sign-in they started.
    let start = start_at(&w, "org=kajaani").await;
    let authorize = start.header("location");
    let back = blocking_login(&idp.issuer, &authorize, "aino").await;
    let path = back.trim_start_matches("http://127.0.0.1:8080");
    let stranger = callback(&w, path, None).await;
    assert_eq!(stranger.status, StatusCode::FORBIDDEN);
    assert!(
        stranger.header("set-cookie").is_empty()
            || !stranger.header("set-cookie").starts_with("aireg_session=")
    );

    // An unknown e-mail domain on aireg's own form goes nowhere.
    let r = start_at(&w, "email=someone%40nowhere.example").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // A sign-in cannot be started from another site (login CSRF): only a same-origin post.
    let r = w
        .send(
            Request::post("/fi/login/sso")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "cross-site")
                .body(Body::from("org=kajaani"))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // An intranet link names the organisation: the sign-in page offers its sign-in.
    let r = w.get("/fi/login/sso?org=kajaani").await;
    assert_eq!(r.header("location"), "/fi/login?org=kajaani");
    let page = w.get("/fi/login?org=kajaani").await;
    assert!(page.text.contains("name=\"org\" value=\"kajaani\""));

    // An account that holds roles elsewhere is not linked by its address: the platform's
    // editor of Avesta, say, whose address a Kajaani provider claims.
    let mut elsewhere = accounts();
    elsewhere["mallory"] =
        json!({"email": "editor@kajaani.fi", "email_verified": true, "name": "M", "groups": []});
    std::fs::write(&idp.accounts, elsewhere.to_string()).unwrap();
    crate::harness::person(
        w.store(),
        "editor@kajaani.fi",
        &[(&w.avesta, Role::Editor)],
        "!",
    )
    .await;
    let (answer, _, _) = sign_in_through(&w, &idp, "editor@kajaani.fi", "mallory").await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(
        answer.text.contains("roles beyond") || answer.text.contains("organisaatiosi ulkopuolella")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn id_tokens_for_another_audience_forged_expired_or_of_another_sign_in_are_refused() {
    let Some(idp) = start_idp(&accounts(), CALLBACK) else {
        return;
    };
    let w = World::new().await;
    configure(&w, &idp).await;
    let services = Services::new(
        w.db.store.clone(),
        Arc::new(aireg_rules::Content::embedded().unwrap()),
        Arc::new(aireg_domain::clock::SystemClock),
        aireg_service::outbox::Outbox::new("http://127.0.0.1:8080"),
    );
    let kajaani = w
        .store()
        .identity_provider(w.kajaani.id)
        .await
        .unwrap()
        .unwrap();
    let issuer = idp.issuer.clone();
    let tokens = tokio::task::spawn_blocking(move || {
        let ours = id_token(&issuer, "aireg-kajaani", "aino", "n-ours");
        let other = id_token(&issuer, "other-app", "aino", "n-other");
        let short = id_token(&issuer, "aireg-short", "aino", "n-short");
        (ours, other, short)
    })
    .await
    .unwrap();
    let (ours, other, short) = tokens;
    let refusal = |r: Result<aireg_service::sso::Vouched, ServiceError>| match r {
        Err(ServiceError::SsoRefused(r)) => r,
        other => panic!("not refused: {other:?}"),
    };

    // The genuine token for aireg with its nonce is accepted and says who and which roles.
    let who = services
        .verify_id_token(&kajaani, &ours, "n-ours")
        .await
        .unwrap();
    assert_eq!(who.email, "aino.virtanen@kajaani.fi");
    assert_eq!(who.roles, vec![Role::SystemOwner]);
    // The same token for another sign-in (its nonce) is refused.
    assert_eq!(
        refusal(services.verify_id_token(&kajaani, &ours, "n-other").await),
        SsoRefusal::BadToken(TokenFault::Nonce)
    );
    // A token the provider minted for another client (audience) is refused.
    assert_eq!(
        refusal(services.verify_id_token(&kajaani, &other, "n-other").await),
        SsoRefusal::BadToken(TokenFault::Audience)
    );
    // A changed signature is refused.
    let mut parts: Vec<String> = ours.split('.').map(str::to_string).collect();
    let sig = parts[2].clone();
    let flipped = if sig.starts_with('A') { "B" } else { "A" };
    parts[2] = format!("{flipped}{}", &sig[1..]);
    assert_eq!(
        refusal(
            services
                .verify_id_token(&kajaani, &parts.join("."), "n-ours")
                .await
        ),
        SsoRefusal::BadToken(TokenFault::Signature)
    );
    // So is a changed payload under the genuine signature (another e-mail address).
    let mut parts: Vec<String> = ours.split('.').map(str::to_string).collect();
    parts[1] = b64url(
        json!({"iss": idp.issuer, "sub": "x", "aud": "aireg-kajaani", "exp": 4_000_000_000u64, "iat": 1, "nonce": "n-ours", "email": "mayor@kajaani.fi"})
            .to_string()
            .as_bytes(),
    );
    assert_eq!(
        refusal(
            services
                .verify_id_token(&kajaani, &parts.join("."), "n-ours")
                .await
        ),
        SsoRefusal::BadToken(TokenFault::Signature)
    );
    // An expired token (this client's tokens live a second) is refused.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let mut short_client = kajaani.clone();
    short_client.client_id = "aireg-short".into();
    assert_eq!(
        refusal(
            services
                .verify_id_token(&short_client, &short, "n-short")
                .await
        ),
        SsoRefusal::BadToken(TokenFault::Expired)
    );
    // Another provider's issuer is refused even with the keys of this one.
    let mut elsewhere = kajaani.clone();
    elsewhere.issuer = format!("{}/", idp.issuer);
    assert!(
        services
            .verify_id_token(&elsewhere, &ours, "n-ours")
            .await
            .is_err()
    );
}
