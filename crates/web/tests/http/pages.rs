//! The pages people use: the public register in three languages, signing in, and the staff
//! work of keeping records.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::harness::World;

fn html_lang(text: &str) -> &str {
    text.split("<html lang=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("")
}

#[tokio::test]
async fn the_register_exists_in_three_languages() {
    let w = World::new().await;
    for (lang, heading) in [
        (
            "fi",
            "Julkisissa palveluissa käytettävät tekoälyjärjestelmät",
        ),
        ("sv", "AI-system som används i offentliga tjänster"),
        ("en", "AI systems in use in public services"),
    ] {
        let r = w.get(&format!("/{lang}/")).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(html_lang(&r.text), lang);
        assert!(r.text.contains(heading), "{lang}");
        assert!(r.text.contains("Neuvontabotti"));
        assert!(
            !r.text.contains("Luonnosjärjestelmä"),
            "drafts are not public"
        );

        let page = w.get(&format!("/{lang}/systems/{}", w.published.id)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(html_lang(&page.text), lang);
        // The Finnish-only name is marked as Finnish on the Swedish and English pages.
        if lang == "fi" {
            assert!(page.text.contains("<h1>Neuvontabotti</h1>"));
        } else {
            assert!(
                page.text
                    .contains("<h1><span lang=\"fi\">Neuvontabotti</span></h1>")
            );
        }
        let login = w.get(&format!("/{lang}/login")).await;
        assert_eq!(html_lang(&login.text), lang);
    }
    // Drafts and unknown pages are 404 pages in the page's language.
    let draft = w.get(&format!("/sv/systems/{}", w.draft.id)).await;
    assert_eq!(draft.status, StatusCode::NOT_FOUND);
    assert_eq!(html_lang(&draft.text), "sv");
    assert!(draft.text.contains("Hittades inte"));
    assert_eq!(
        w.get("/en/no-such-page").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(w.get("/de/").await.status, StatusCode::NOT_FOUND);
    // The root picks a language from the browser.
    let root = w
        .send(
            Request::get("/")
                .header(header::ACCEPT_LANGUAGE, "sv-SE,sv;q=0.9,en;q=0.5")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(root.header("location"), "/sv/");
    // Security headers on every page.
    let r = w.get("/fi/").await;
    assert!(
        r.header("content-security-policy")
            .contains("default-src 'none'")
    );
    assert_eq!(r.header("x-content-type-options"), "nosniff");
}

#[tokio::test]
async fn the_register_filters_and_rejects_bad_filters() {
    let w = World::new().await;
    let r = w.get("/en/?q=NEUVONTA").await;
    assert!(r.text.contains("Neuvontabotti"));
    let r = w.get("/en/?q=zzz").await;
    assert!(r.text.contains("No published AI systems match"));
    let r = w.get("/en/?org=avesta").await;
    assert!(!r.text.contains("Neuvontabotti"));
    let bad = w.get("/fi/?page=-1").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text.contains("page"), "the message names the parameter");
}

#[tokio::test]
async fn signing_in_and_out() {
    let w = World::new().await;
    // Wrong password: the form again, with the e-mail kept and a message in Finnish.
    let r = w
        .send(
            Request::post("/fi/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("email=editor%40kajaani.example&password=wrong"))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.text.contains("Sähköpostiosoite tai salasana on väärin."));
    assert!(r.text.contains("value=\"editor@kajaani.example\""));

    let s = w.sign_in("editor@kajaani.example").await;
    assert!(s.cookie.starts_with("aireg_session="));
    let dash = w.page("/fi/staff", &s.cookie).await;
    assert_eq!(dash.status, StatusCode::OK);
    assert!(dash.text.contains("Person editor@kajaani.example"));
    assert_eq!(dash.header("cache-control"), "no-store");

    let out = w.post_form("/fi/logout", &s, &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(out.header("set-cookie").contains("Max-Age=0"));
    let after = w.page("/fi/staff", &s.cookie).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER, "the session is gone");
}

#[tokio::test]
async fn signing_in_again_in_the_same_browser_ends_the_previous_session() {
    let w = World::new().await;
    let first = w.sign_in("editor@kajaani.example").await;
    let again = w
        .send(
            Request::post("/fi/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, &first.cookie)
                .body(Body::from(format!(
                    "email=viewer%40kajaani.example&password={}",
                    crate::harness::PASSWORD
                )))
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.text);
    let second = again
        .header("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_ne!(second, first.cookie);
    assert_eq!(w.page("/fi/staff", &second).await.status, StatusCode::OK);
    let old = w.page("/fi/staff", &first.cookie).await;
    assert_eq!(
        old.status,
        StatusCode::SEE_OTHER,
        "the earlier session ended"
    );
}

/// The probe's check: wrong passwords for an account, from one address or from many, never
/// stop its owner signing in from theirs, nor the others behind the attacker's address (a
/// shared proxy); behind a trusted proxy the address counted is the client's.
#[tokio::test]
async fn wrong_passwords_from_elsewhere_never_lock_the_owner_out() {
    use std::net::SocketAddr;

    use axum::extract::ConnectInfo;
    use tower::ServiceExt;

    use aireg_service::accounts::SignInRules;
    use aireg_web::WebConfig;
    use aireg_web::client::TrustedProxies;

    let w = World::new().await;
    let app = w.app_with(WebConfig {
        trusted_proxies: TrustedProxies::parse("10.0.0.1").unwrap(),
        sign_in: SignInRules {
            slow_account_after: 3,
            max_delay: time::Duration::milliseconds(200),
            ..SignInRules::default()
        },
        ..WebConfig::default()
    });
    // Every request comes through the trusted proxy, which names the client.
    let sign_in = |client: &str, email: &str, password: &str| {
        let mut req = Request::post("/en/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("x-forwarded-for", client)
            .body(Body::from(format!(
                "email={}&password={password}",
                email.replace('@', "%40")
            )))
            .unwrap();
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 1], 40000))));
        let app = app.clone();
        async move {
            crate::harness::Reply::read(app.oneshot(req).await.unwrap())
                .await
                .status
        }
    };
    let right = crate::harness::PASSWORD;
    let owner = "viewer@kajaani.example";

    // One attacker address: five wrong passwords, then that address may not try the account.
    for _ in 0..5 {
        assert_eq!(
            sign_in("203.0.113.66", owner, "wrong").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        sign_in("203.0.113.66", owner, right).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // The owner, from their own address, is in; so is a colleague behind the attacker's.
    assert_eq!(
        sign_in("198.51.100.7", owner, right).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        sign_in("203.0.113.66", "editor@kajaani.example", right).await,
        StatusCode::SEE_OTHER
    );

    // Many addresses: each gets its few tries; the account is slowed, never locked.
    for n in 1..=8 {
        for _ in 0..2 {
            assert_eq!(
                sign_in(&format!("192.0.2.{n}"), owner, "wrong").await,
                StatusCode::UNAUTHORIZED
            );
        }
    }
    assert_eq!(
        sign_in("198.51.100.7", owner, right).await,
        StatusCode::SEE_OTHER
    );

    // Without the proxy's word, a client's own X-Forwarded-For is not believed: naming the
    // refused attacker address does not make this client refused (nor would it let the
    // attacker pass as someone else).
    let mut req = Request::post("/en/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("x-forwarded-for", "203.0.113.66")
        .body(Body::from(format!(
            "email=viewer%40kajaani.example&password={right}"
        )))
        .unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([198, 51, 100, 99], 5555))));
    let direct = crate::harness::Reply::read(app.clone().oneshot(req).await.unwrap()).await;
    assert_eq!(direct.status, StatusCode::SEE_OTHER);
}

/// Guesses sent at once cannot all slip under the limit: each attempt counts before its
/// password is checked.
#[tokio::test]
async fn parallel_guesses_get_no_more_than_the_limit() {
    use tower::ServiceExt;
    let w = World::new().await;
    let app = w.app_with(aireg_web::WebConfig::default());
    let mut guesses = tokio::task::JoinSet::new();
    for n in 0..12 {
        let app = app.clone();
        guesses.spawn(async move {
            let req = Request::post("/en/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!(
                    "email=viewer%40kajaani.example&password=guess-{n}"
                )))
                .unwrap();
            app.oneshot(req).await.unwrap().status()
        });
    }
    let mut checked = 0;
    while let Some(status) = guesses.join_next().await {
        match status.unwrap() {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => {}
            other => panic!("{other}"),
        }
    }
    assert!(checked <= 5, "{checked} guesses were checked");
}

#[tokio::test]
async fn repeated_failed_sign_ins_are_throttled() {
    let w = World::new().await;
    let attempt = |password: &'static str| {
        Request::post("/en/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "email=viewer%40kajaani.example&password={password}"
            )))
            .unwrap()
    };
    for _ in 0..5 {
        assert_eq!(
            w.send(attempt("wrong")).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    // Now even the right password waits.
    let r = w.send(attempt(crate::harness::PASSWORD)).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!r.header("retry-after").is_empty());
    assert!(r.text.contains("Too many attempts"));
    // Other accounts are not affected.
    w.sign_in("editor@kajaani.example").await;
}

#[tokio::test]
async fn a_record_is_created_with_the_form_and_mistakes_are_named() {
    let w = World::new().await;
    let s = w.sign_in("editor@kajaani.example").await;
    let form = w.page("/fi/staff/systems/new?org=kajaani", &s.cookie).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains("<label for=\"f-name-fi\">"));

    // Mistakes: no name, a bad link, an end before the start. The form comes back with the
    // input kept and each mistake named, in a summary and next to its field.
    let r = w
        .post_form(
            "/fi/staff/systems",
            &s,
            &[
                ("org", "kajaani"),
                ("summary.fi", "Tiivistelmä säilyy"),
                ("lifecycle", "planning"),
                ("start_date", "2026-05-01"),
                ("end_date", "2026-04-01"),
                ("links.title", "Ohje"),
                ("links.url", "ftp://x"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("Tiivistelmä säilyy"));
    assert!(r.text.contains("class=\"error-summary\""));
    assert!(r.text.contains("href=\"#f-name-fi\""));
    assert!(r.text.contains("href=\"#f-end_date\""));
    assert!(r.text.contains("href=\"#f-links-0-url\""));
    assert!(r.text.contains("Anna arvo."));
    assert!(r.text.contains("aria-invalid=\"true\""));
    assert!(r.text.contains("<option value=\"planning\" selected>"));
    assert!(
        !r.text.contains("<option value=\"in_use\""),
        "a new record starts in an early state"
    );

    let ok = w
        .post_form(
            "/fi/staff/systems",
            &s,
            &[
                ("org", "kajaani"),
                ("name.fi", "Käännöspalvelu"),
                ("summary.fi", "Kääntää verkkosivut."),
                ("description_public.fi", "Kuvaus."),
                ("purpose.fi", "Tarkoitus."),
                ("contact.email", "kirjaamo@kajaani.example"),
                ("lifecycle", "development"),
                ("keywords.fi", "käännös, kielet"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text);
    let location = ok.header("location");
    assert!(location.ends_with("?done=created"));
    let page = w.page(&location, &s.cookie).await;
    assert!(
        page.text
            .contains("Tekoälyjärjestelmä luotiin luonnoksena.")
    );
    assert!(page.text.contains("käännös, kielet"));

    // Publish it from its page.
    let path = location.trim_end_matches("?done=created").to_string();
    let published = w
        .post_form(&format!("{path}/publish"), &s, &[("version", "1")])
        .await;
    assert_eq!(published.status, StatusCode::SEE_OTHER);
    let public = w.get("/fi/").await;
    assert!(public.text.contains("Käännöspalvelu"));
}

#[tokio::test]
async fn a_stale_edit_keeps_the_input_and_saves_nothing() {
    let w = World::new().await;
    let s = w.sign_in("editor@kajaani.example").await;
    let edit = format!("/fi/staff/systems/{}/edit", w.draft.id);
    let form = w.page(&edit, &s.cookie).await;
    assert!(form.text.contains("value=\"Luonnosjärjestelmä\""));
    let first = w
        .post_form(
            &edit,
            &s,
            &[
                ("version", "1"),
                ("name.fi", "Ensimmäinen"),
                ("lifecycle", "idea"),
            ],
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let second = w
        .post_form(
            &edit,
            &s,
            &[
                ("version", "1"),
                ("name.fi", "Toinen"),
                ("lifecycle", "idea"),
            ],
        )
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(
        second.text.contains("value=\"Toinen\""),
        "the input is kept"
    );
    assert!(second.text.contains("versioksi 2"));
    let current = w
        .get_with(
            &format!("/api/v1/systems/{}", w.draft.id),
            &w.kajaani_editor.token,
        )
        .await
        .json();
    assert_eq!(current["record"]["name"]["fi"], "Ensimmäinen");

    // The history shows both versions and what changed, word by word.
    let history = w
        .page(
            &format!("/fi/staff/systems/{}/history", w.draft.id),
            &s.cookie,
        )
        .await;
    assert_eq!(history.status, StatusCode::OK);
    assert!(history.text.contains("Versio 2: Muokattu"));
    assert!(history.text.contains("Luonnosjärjestelmä</del>"));
    assert!(history.text.contains("Ensimmäinen</ins>"));
}

#[tokio::test]
async fn publishing_names_what_is_missing() {
    let w = World::new().await;
    let s = w.sign_in("editor@kajaani.example").await;
    let mut bare = aireg_domain::system::SystemRecord::default();
    bare.name.set(aireg_domain::Lang::Fi, "Pelkkä nimi");
    let sys = crate::harness::create_system(w.store(), &w.kajaani, bare, false).await;
    let page = w
        .page(&format!("/en/staff/systems/{}", sys.id), &s.cookie)
        .await;
    assert!(page.text.contains("Before this can be published"));
    assert!(page.text.contains("Summary (Finnish)") || page.text.contains("Summary:"));
    // A form that does not say which version it saw changes nothing.
    let r = w
        .post_form(&format!("/en/staff/systems/{}/publish", sys.id), &s, &[])
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = w
        .post_form(
            &format!("/en/staff/systems/{}/publish", sys.id),
            &s,
            &[("version", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("Contact e-mail") || r.text.contains("Contact:"));
}

#[tokio::test]
async fn an_organisation_admin_manages_members_and_tokens() {
    let w = World::new().await;
    let admin = w.sign_in("admin@kajaani.example").await;
    let members = w
        .page("/en/staff/orgs/kajaani/members", &admin.cookie)
        .await;
    assert_eq!(members.status, StatusCode::OK);
    assert!(members.text.contains("editor@kajaani.example"));

    // Inviting someone changes nothing until they accept (`accounts` follows the link).
    let r = w
        .post_form(
            "/en/staff/orgs/kajaani/members",
            &admin,
            &[("email", "editor@avesta.example"), ("role", "viewer")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let seen = w
        .get_with(
            &format!("/api/v1/systems/{}", w.draft.id),
            &w.avesta_editor.token,
        )
        .await;
    assert_eq!(seen.status, StatusCode::NOT_FOUND, "not before accepting");
    // A malformed address is named, the input kept.
    let r = w
        .post_form(
            "/en/staff/orgs/kajaani/members",
            &admin,
            &[("email", "nobody-at-x.example"), ("role", "viewer")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("e-mail address"), "{}", r.text);
    assert!(r.text.contains("value=\"nobody-at-x.example\""));
    // Take the viewer's role away: their token no longer reaches Kajaani's draft.
    let r = w
        .post_form(
            "/en/staff/orgs/kajaani/members/remove",
            &admin,
            &[
                ("user", &w.kajaani_viewer.user.id.to_string()),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        w.get_with(
            &format!("/api/v1/systems/{}", w.draft.id),
            &w.kajaani_viewer.token
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    // The editor makes a token; it is shown once and works; the admin revokes it.
    let editor = w.sign_in("editor@kajaani.example").await;
    let made = w
        .post_form(
            "/en/staff/tokens",
            &editor,
            &[
                ("name", "integration"),
                ("org", &w.kajaani.id.to_string()),
                ("scope", "write"),
                ("expires_in", "30d"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.text);
    let secret = made
        .text
        .split("<code class=\"token\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap()
        .to_string();
    assert_eq!(
        w.get_with("/api/v1/systems", &secret).await.status,
        StatusCode::OK
    );
    let listing = w.page("/en/staff/tokens", &editor.cookie).await;
    assert!(
        !listing.text.contains(&secret),
        "the secret is not shown again"
    );
    let tokens = w.store().tokens_of(w.kajaani_editor.user.id).await.unwrap();
    let made_id = tokens.iter().find(|t| t.name == "integration").unwrap().id;
    let r = w
        .post_form(
            &format!("/en/staff/orgs/kajaani/tokens/{made_id}/revoke"),
            &admin,
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    w.get_with("/api/v1/systems", &secret)
        .await
        .assert_problem(401, None);
}
