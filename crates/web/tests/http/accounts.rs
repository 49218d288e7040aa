//! Accounts without the command line: tokens with a scope, an organisation and an expiry;
//! invitations; password resets; one's own password and sessions; an admin disabling a member.

use axum::http::StatusCode;
use serde_json::{Value, json};
use time::Duration;

use aireg_domain::{Lang, clock};

use crate::harness::{PASSWORD, Session, World};

/// Takes every queued e-mail job: (recipient, subject, text).
async fn mails(w: &World) -> Vec<(String, String, String)> {
    let mut got = Vec::new();
    let later = clock::now() + Duration::days(1);
    while let Some(job) = w
        .store()
        .claim_job(later, Duration::minutes(5))
        .await
        .unwrap()
    {
        let field = |k: &str| job.payload[k].as_str().unwrap_or("").to_string();
        got.push((field("to"), field("subject"), field("text")));
        w.store()
            .finish_job(job.id, later, None, None)
            .await
            .unwrap();
    }
    got
}

/// The path of the aireg link in a message (`/fi/invitations/…`).
fn link_in(text: &str, marker: &str) -> String {
    let at = text.find(marker).expect("the message has the link");
    let rest = &text[at..];
    rest.split_whitespace().next().unwrap().to_string()
}

/// Creates a token on the token page and reads it from the answer.
async fn token_from_page(
    w: &World,
    s: &Session,
    org: &str,
    scope: &str,
    expires_in: &str,
) -> String {
    let r = w
        .post_form(
            "/en/staff/tokens",
            s,
            &[
                ("name", "integration"),
                ("org", org),
                ("scope", scope),
                ("expires_in", expires_in),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.text
        .split("<code class=\"token\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("the new token is shown")
        .to_string()
}

fn new_record(org: &str, name: &str) -> Value {
    json!({
        "organisation": org,
        "record": serde_json::to_value(crate::harness::record(name, Lang::Fi)).unwrap(),
    })
}

#[tokio::test]
async fn a_read_token_reads_but_may_not_write_and_says_why() {
    let w = World::new().await;
    let s = w.sign_in("editor@kajaani.example").await;
    let kajaani = w.kajaani.id.to_string();
    let read = token_from_page(&w, &s, &kajaani, "read", "30d").await;
    // Reads work.
    let r = w
        .get_with(&format!("/api/v1/systems/{}", w.draft.id), &read)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // A write is refused with 403, naming the scope held and the one needed.
    let r = w
        .json(
            "POST",
            "/api/v1/systems",
            Some(&read),
            &new_record("kajaani", "Uusi"),
        )
        .await;
    let doc = r.assert_problem(403, None);
    assert_eq!(doc["type"], "urn:aireg:problem:insufficient-scope");
    let detail = doc["detail"].as_str().unwrap();
    assert!(
        detail.contains("read") && detail.contains("write"),
        "{detail}"
    );
    assert!(
        r.header("www-authenticate").contains("insufficient_scope"),
        "{:?}",
        r.headers
    );
    // A write token writes.
    let write = token_from_page(&w, &s, &kajaani, "write", "30d").await;
    let r = w
        .json(
            "POST",
            "/api/v1/systems",
            Some(&write),
            &new_record("kajaani", "Uusi"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    // The token list shows scope, organisation and expiry.
    let page = w.page("/en/staff/tokens", &s.cookie).await;
    assert!(page.text.contains("Read") && page.text.contains("Write"));
    assert!(page.text.contains("kajaani") || page.text.contains("Kajaani"));
}

#[tokio::test]
async fn an_expired_token_gets_401_saying_so() {
    let w = World::new().await;
    let s = w.sign_in("editor@kajaani.example").await;
    let token = token_from_page(&w, &s, &w.kajaani.id.to_string(), "read", "7d").await;
    // Eight days later (the store's token is made to expire by moving its expiry back).
    let tokens = w.store().tokens_of(w.kajaani_editor.user.id).await.unwrap();
    let newest = tokens.iter().find(|t| t.name == "integration").unwrap();
    w.db.store
        .execute(&format!(
            "UPDATE api_token SET expires_at = '{}' WHERE id = '{}'",
            clock::rfc3339(clock::now() - Duration::minutes(1)),
            newest.id
        ))
        .await;
    let r = w
        .get_with(&format!("/api/v1/systems/{}", w.draft.id), &token)
        .await;
    let doc = r.assert_problem(401, None);
    assert_eq!(doc["type"], "urn:aireg:problem:token-expired");
    assert!(r.header("www-authenticate").contains("invalid_token"));
    // A token that never existed is a plain 401, not "expired".
    let r = w
        .get_with(&format!("/api/v1/systems/{}", w.draft.id), "aireg_nonsense")
        .await;
    assert_eq!(
        r.assert_problem(401, None)["type"],
        "urn:aireg:problem:unauthorized"
    );
}

#[tokio::test]
async fn a_token_acts_only_in_its_organisation_and_lives_no_longer_than_allowed() {
    let w = World::new().await;
    // The working group holds a role in the region Kainuu, which reaches Kajaani below it.
    let s = w.sign_in("group@kainuu.example").await;
    // An organisation where the person holds no role is refused.
    let r = w
        .post_form(
            "/en/staff/tokens",
            &s,
            &[
                ("name", "x"),
                ("org", &w.avesta.id.to_string()),
                ("scope", "read"),
                ("expires_in", "30d"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Longer than the longest allowed (365 days by default) is refused, naming the limit.
    let r = w
        .post_form(
            "/en/staff/tokens",
            &s,
            &[
                ("name", "x"),
                ("org", &w.kajaani.id.to_string()),
                ("scope", "read"),
                ("expires_in", "400d"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("365"), "{}", r.text);
    // A token for Kajaani does not reach Avesta's draft (nor would the person's roles).
    let token = token_from_page(&w, &s, &w.kajaani.id.to_string(), "read", "30d").await;
    let r = w
        .get_with(&format!("/api/v1/systems/{}", w.avesta_draft.id), &token)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_invited_person_sets_a_password_from_the_link_which_works_once() {
    let w = World::new().await;
    let admin = w.sign_in("admin@kajaani.example").await;
    // The answer is the same for an address with an account and one without.
    let new = w
        .post_form(
            "/fi/staff/orgs/kajaani/members",
            &admin,
            &[
                ("email", "Uusi.Henkilo@Kajaani.example"),
                ("role", "editor"),
            ],
        )
        .await;
    let existing = w
        .post_form(
            "/fi/staff/orgs/kajaani/members",
            &admin,
            &[("email", "editor@avesta.example"), ("role", "viewer")],
        )
        .await;
    assert_eq!(new.status, StatusCode::SEE_OTHER);
    assert_eq!(new.header("location"), existing.header("location"));
    // Nothing changed yet: the Avesta editor holds no role in Kajaani until they accept.
    let members = w
        .page("/fi/staff/orgs/kajaani/members", &admin.cookie)
        .await;
    assert!(members.text.contains("uusi.henkilo@kajaani.example"));
    let avesta_roles = w
        .store()
        .memberships_of(w.avesta_editor.user.id)
        .await
        .unwrap();
    assert!(avesta_roles.iter().all(|m| m.org_id != w.kajaani.id));

    let sent = mails(&w).await;
    let (_, subject, text) = sent
        .iter()
        .find(|(to, _, _)| to == "uusi.henkilo@kajaani.example")
        .expect("the invitation was mailed");
    assert!(subject.to_lowercase().contains("kajaani"), "{subject}");
    assert!(text.contains("7"), "{text}");
    let link = link_in(text, "http");
    let path = link.trim_start_matches("http://127.0.0.1:8080");
    assert!(path.starts_with("/fi/invitations/"), "{path}");

    // The link shows a form for a new account; a short password is refused in Finnish.
    let page = w.get(path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Uusi.Henkilo") || page.text.contains("uusi.henkilo"));
    let short = w
        .send(
            axum::http::Request::post(path)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from(
                    "name=Uusi+Henkil%C3%B6&password=lyhyt&password2=lyhyt",
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.text.contains("vähintään 12"), "{}", short.text);
    let body = format!("name=Uusi+Henkil%C3%B6&password={PASSWORD}&password2={PASSWORD}");
    let made = w
        .send(
            axum::http::Request::post(path)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from(body.clone()))
                .unwrap(),
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text);
    assert!(made.header("set-cookie").contains("aireg_session="));
    // Signed in as an editor of Kajaani.
    let s = w.sign_in("uusi.henkilo@kajaani.example").await;
    let r = w
        .post_form(
            "/fi/staff/systems",
            &s,
            &[("org", "kajaani"), ("name.fi", "Kutsutun järjestelmä")],
        )
        .await;
    assert!(
        r.status == StatusCode::SEE_OTHER || r.status.is_success(),
        "{}",
        r.text
    );
    // The link works once.
    let again = w
        .send(
            axum::http::Request::post(path)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert_eq!(w.get(path).await.status, StatusCode::NOT_FOUND);

    // The Avesta editor accepts theirs signed in, and only then holds the role.
    let (_, _, text) = sent
        .iter()
        .find(|(to, _, _)| to == "editor@avesta.example")
        .unwrap();
    let link = link_in(text, "http");
    let path = link.trim_start_matches("http://127.0.0.1:8080");
    let avesta = w.sign_in("editor@avesta.example").await;
    let page = w.page(path, &avesta.cookie).await;
    assert!(page.text.contains(&format!("{path}/accept")));
    let r = w.post_form(&format!("{path}/accept"), &avesta, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let roles = w
        .store()
        .memberships_of(w.avesta_editor.user.id)
        .await
        .unwrap();
    assert!(roles.iter().any(|m| m.org_id == w.kajaani.id));
}

#[tokio::test]
async fn only_an_organisations_admin_invites() {
    let w = World::new().await;
    let editor = w.sign_in("editor@kajaani.example").await;
    let r = w
        .post_form(
            "/fi/staff/orgs/kajaani/members",
            &editor,
            &[("email", "x@kajaani.example"), ("role", "org_admin")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let avesta = w.sign_in("admin@avesta.example").await;
    let r = w
        .post_form(
            "/fi/staff/orgs/kajaani/members",
            &avesta,
            &[("email", "x@kajaani.example"), ("role", "org_admin")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(mails(&w).await.is_empty());
}

#[tokio::test]
async fn a_reset_link_works_once_and_the_request_reveals_nothing() {
    let w = World::new().await;
    let post = |body: String| {
        axum::http::Request::post("/en/password-reset")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    let known = w.send(post("email=viewer%40kajaani.example".into())).await;
    let unknown = w.send(post("email=nobody%40kajaani.example".into())).await;
    assert_eq!(known.status, StatusCode::OK);
    assert_eq!(unknown.status, StatusCode::OK);
    // The same page but for the address typed.
    assert_eq!(
        known.text.replace("viewer@kajaani.example", "X"),
        unknown.text.replace("nobody@kajaani.example", "X")
    );
    let sent = mails(&w).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    let (to, _, text) = &sent[0];
    assert_eq!(to, "viewer@kajaani.example");
    // The viewer has a session and a token; both end with the reset.
    let before = w.sign_in("viewer@kajaani.example").await;
    let link = link_in(text, "http");
    let path = link.trim_start_matches("http://127.0.0.1:8080").to_string();
    assert_eq!(w.get(&path).await.status, StatusCode::OK);
    let reset = |pw: &str| {
        axum::http::Request::post(path.as_str())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(format!(
                "password={pw}&password2={pw}"
            )))
            .unwrap()
    };
    let r = w.send(reset("uusi-salasana-123")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    assert_eq!(
        w.page("/fi/staff", &before.cookie).await.status,
        StatusCode::SEE_OTHER
    );
    let r = w
        .get_with(
            &format!("/api/v1/systems/{}", w.draft.id),
            &w.kajaani_viewer.token,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // Once only.
    assert_eq!(
        w.send(reset("kolmas-salasana-123")).await.status,
        StatusCode::NOT_FOUND
    );
    // The new password signs in; the old does not.
    let signed = w
        .send(
            axum::http::Request::post("/fi/login")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from(
                    "email=viewer%40kajaani.example&password=uusi-salasana-123",
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_person_changes_their_password_and_ends_their_other_sessions() {
    let w = World::new().await;
    let here = w.sign_in("editor@kajaani.example").await;
    let elsewhere = w.sign_in("editor@kajaani.example").await;
    let page = w.page("/en/staff/account", &here.cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("this browser"));
    // A wrong current password is refused, naming the field.
    let r = w
        .post_form(
            "/en/staff/account/password",
            &here,
            &[
                ("current", "wrong-password-1"),
                ("password", "uusi-salasana-123"),
                ("password2", "uusi-salasana-123"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("not your current password"));
    // Mismatched repetitions too.
    let r = w
        .post_form(
            "/en/staff/account/password",
            &here,
            &[
                ("current", PASSWORD),
                ("password", "uusi-salasana-123"),
                ("password2", "uusi-salasana-124"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = w
        .post_form(
            "/en/staff/account/password",
            &here,
            &[
                ("current", PASSWORD),
                ("password", "uusi-salasana-123"),
                ("password2", "uusi-salasana-123"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    assert_eq!(
        w.page("/en/staff", &here.cookie).await.status,
        StatusCode::OK
    );
    assert_eq!(
        w.page("/en/staff", &elsewhere.cookie).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_person_sees_their_sessions_and_ends_one() {
    let w = World::new().await;
    let here = w.sign_in("editor@kajaani.example").await;
    let other = w.sign_in("editor@kajaani.example").await;
    let page = w.page("/en/staff/account", &here.cookie).await;
    let handles: Vec<String> = page
        .text
        .split("name=\"session\" value=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect();
    assert_eq!(handles.len(), 2, "{}", page.text);
    // Someone else's session cannot be ended by naming it.
    let viewer = w.sign_in("viewer@kajaani.example").await;
    for h in &handles {
        let r = w
            .post_form("/en/staff/account/sessions", &viewer, &[("session", h)])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    // Ending all but this one ends the other.
    let r = w
        .post_form("/en/staff/account/sessions", &here, &[("others", "1")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        w.page("/en/staff", &here.cookie).await.status,
        StatusCode::OK
    );
    assert_eq!(
        w.page("/en/staff", &other.cookie).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn an_admin_disables_a_member_and_their_sessions_end() {
    let w = World::new().await;
    let admin = w.sign_in("admin@kajaani.example").await;
    let viewer = w.sign_in("viewer@kajaani.example").await;
    let id = w.kajaani_viewer.user.id.to_string();
    let r = w
        .post_form(
            "/fi/staff/orgs/kajaani/members/disabled",
            &admin,
            &[("user", &id), ("disabled", "true")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    assert_eq!(
        w.page("/fi/staff", &viewer.cookie).await.status,
        StatusCode::SEE_OTHER
    );
    let r = w
        .get_with(
            &format!("/api/v1/systems/{}", w.draft.id),
            &w.kajaani_viewer.token,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // Enabled again.
    let r = w
        .post_form(
            "/fi/staff/orgs/kajaani/members/disabled",
            &admin,
            &[("user", &id), ("disabled", "false")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    w.sign_in("viewer@kajaani.example").await;
    // Not another organisation's member, and not a member who also works elsewhere.
    let r = w
        .post_form(
            "/fi/staff/orgs/kajaani/members/disabled",
            &admin,
            &[
                ("user", &w.avesta_editor.user.id.to_string()),
                ("disabled", "true"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let group = w.working_group.user.id.to_string();
    let r = w
        .post_form(
            "/fi/staff/orgs/avesta/members/disabled",
            &admin,
            &[("user", &group), ("disabled", "true")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

/// The value of a hidden field in a page.
fn hidden(text: &str, name: &str) -> String {
    text.split(&format!("name=\"{name}\" value=\""))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no {name} field"))
        .to_string()
}

fn code_now(secret: &str) -> String {
    let now = u64::try_from(clock::now().unix_timestamp()).unwrap();
    aireg_service::second_factor::code_at(secret, now).unwrap()
}

fn code_long_ago(secret: &str) -> String {
    let then = u64::try_from(clock::now().unix_timestamp()).unwrap() - 3600;
    aireg_service::second_factor::code_at(secret, then).unwrap()
}

/// Signs in with the password only: the answer (a redirect to the code page, with the half-made
/// session's cookie).
async fn password_step(w: &World, email: &str) -> crate::harness::Reply {
    w.send(
        axum::http::Request::post("/en/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(format!(
                "email={}&password={PASSWORD}&next=%2Fen%2Fstaff",
                email.replace('@', "%40")
            )))
            .unwrap(),
    )
    .await
}

async fn give_code(w: &World, cookie: &str, fields: &str) -> crate::harness::Reply {
    w.send(
        axum::http::Request::post("/en/login/code")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", cookie)
            .body(axum::body::Body::from(format!(
                "next=%2Fen%2Fstaff&{fields}"
            )))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn an_authenticator_app_is_set_up_asked_for_and_required_by_the_organisation() {
    let w = World::new().await;
    let s = w.sign_in("editor@kajaani.example").await;
    let setup = w.page("/en/staff/account/second-factor", &s.cookie).await;
    assert_eq!(setup.status, StatusCode::OK);
    let secret = hidden(&setup.text, "secret");
    assert!(
        setup
            .text
            .contains("otpauth://totp/aireg:editor@kajaani.example?secret=")
    );
    // A code not made with the key now is refused; the right one turns it on.
    let wrong = w
        .post_form(
            "/en/staff/account/second-factor",
            &s,
            &[
                ("action", "set"),
                ("secret", &secret),
                ("code", &code_long_ago(&secret)),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text.contains("not the current code"));
    let on = w
        .post_form(
            "/en/staff/account/second-factor",
            &s,
            &[
                ("action", "set"),
                ("secret", &secret),
                ("code", &code_now(&secret)),
            ],
        )
        .await;
    assert_eq!(on.status, StatusCode::SEE_OTHER, "{}", on.text);
    // Another app cannot replace it without its code (a session left open is not enough).
    let other = w.page("/en/staff/account/second-factor", &s.cookie).await;
    let other_secret = hidden(&other.text, "secret");
    let replaced = w
        .post_form(
            "/en/staff/account/second-factor",
            &s,
            &[
                ("action", "set"),
                ("secret", &other_secret),
                ("code", &code_now(&other_secret)),
            ],
        )
        .await;
    assert_eq!(replaced.status, StatusCode::CONFLICT);

    // Now the password alone signs no one in.
    let first = password_step(&w, "editor@kajaani.example").await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert!(first.header("location").starts_with("/en/login/code"));
    let half = first
        .header("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        w.page("/en/staff", &half).await.status,
        StatusCode::SEE_OTHER
    );
    let form = w.page("/en/login/code", &half).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains("id=\"code\""));
    let r = give_code(&w, &half, &format!("code={}", code_long_ago(&secret))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = give_code(&w, &half, &format!("code={}", code_now(&secret))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    assert_eq!(r.header("location"), "/en/staff");
    let full = r
        .header("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(w.page("/en/staff", &full).await.status, StatusCode::OK);
    // The half-made session is gone: its cookie opens nothing, not even the code page.
    assert_eq!(
        w.page("/en/login/code", &half).await.header("location"),
        "/en/login"
    );

    // Five wrong codes end a half-made session.
    let first = password_step(&w, "editor@kajaani.example").await;
    let half = first
        .header("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    for _ in 0..5 {
        let r = give_code(&w, &half, "code=000000").await;
        assert!(r.status.is_client_error() || r.status == StatusCode::SEE_OTHER);
    }
    let r = give_code(&w, &half, &format!("code={}", code_now(&secret))).await;
    assert!(
        r.status == StatusCode::TOO_MANY_REQUESTS || r.header("location") == "/en/login",
        "{} {}",
        r.status,
        r.header("location")
    );

    // Kajaani requires it: the viewer, who has none, sets it up at the next sign-in.
    let admin = w.sign_in("admin@kajaani.example").await;
    let r = w
        .post_form(
            "/en/staff/orgs/kajaani/second-factor",
            &admin,
            &[("required", "true")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let first = password_step(&w, "viewer@kajaani.example").await;
    assert!(first.header("location").starts_with("/en/login/code"));
    let half = first
        .header("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let form = w.page("/en/login/code", &half).await;
    let viewer_secret = hidden(&form.text, "secret");
    let r = give_code(
        &w,
        &half,
        &format!("secret={viewer_secret}&code={}", code_now(&viewer_secret)),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    assert!(
        w.store()
            .totp_secret(w.kajaani_viewer.user.id)
            .await
            .unwrap()
            .is_some()
    );
    // And cannot turn it off while Kajaani requires it.
    let full = r
        .header("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let page = w.page("/en/staff/account", &full).await;
    assert!(page.text.contains("cannot be turned off"));
    // Only Kajaani's admin decides that.
    let outsider = w.sign_in("admin@avesta.example").await;
    let r = w
        .post_form(
            "/en/staff/orgs/kajaani/second-factor",
            &outsider,
            &[("required", "false")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn reset_links_to_one_address_are_few_an_hour_whoever_asks() {
    let w = World::new().await;
    for _ in 0..5 {
        let r = w
            .send(
                axum::http::Request::post("/fi/password-reset")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(axum::body::Body::from("email=viewer%40kajaani.example"))
                    .unwrap(),
            )
            .await;
        // The same answer every time.
        assert_eq!(r.status, StatusCode::OK);
    }
    assert_eq!(mails(&w).await.len(), 3);
}
