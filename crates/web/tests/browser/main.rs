//! Browser tests in headless Chromium (Debian's `chromium` and `chromedriver`):
//!
//! - every kind of page passes axe-core's WCAG 2.1 A and AA rules, in each language;
//! - the staff work (sign in, create, publish, fix a mistake) is done with scripts switched off,
//!   by filling in forms and pressing buttons, as any browser can;
//! - people's journeys from start to end, scripts off (`journeys.rs`).
//!
//! Skipped, saying so, when the browser is not installed; `AIREG_REQUIRE_BROWSER=1` (set by CI)
//! turns the skip into a failure.

#[path = "../http/contract.rs"]
#[allow(dead_code)]
mod contract;
#[path = "../http/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "../idp/launch.rs"]
#[allow(dead_code)]
mod idp;
mod journeys;
mod webdriver;

use std::io::Write;

use serde_json::Value;

use aireg_domain::system::{
    AiTechnique, DataClassification, Lifecycle, Link, OversightMode, SystemRecord,
};
use aireg_domain::{Lang, Localized};
use aireg_web::{AppState, WebConfig};

use harness::{PASSWORD, World};
use webdriver::{Browser, ChromeDriver, binaries};

const AXE: &str = include_str!("axe.min.js");

fn browser() -> Option<(String, String)> {
    match binaries() {
        Some(b) => Some(b),
        None if std::env::var("AIREG_REQUIRE_BROWSER").is_ok_and(|v| !v.is_empty()) => {
            panic!("AIREG_REQUIRE_BROWSER is set but chromium/chromedriver are not installed")
        }
        None => {
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: browser tests (apt-get install chromium chromium-driver to run them)"
            );
            None
        }
    }
}

/// A record with every field filled, so the pages show everything they can.
fn full_record() -> SystemRecord {
    let mut r = harness::record("Ruokalistojen kääntäjä", Lang::Fi);
    r.name.set(Lang::Sv, "Översättare av matsedlar");
    r.name.set(Lang::En, "Menu translator");
    r.description_technical =
        Localized::one(Lang::Fi, "Konekäännöspalvelu, jonka tulokset tarkistetaan.");
    r.affected_groups = Localized::one(Lang::Fi, "Oppilaat ja huoltajat.");
    r.legal_basis = Localized::one(Lang::Fi, "Perusopetuslaki (628/1998) 31 §.");
    r.human_oversight_mode = Some(OversightMode::HumanInTheLoop);
    r.human_oversight = Localized::one(
        Lang::Fi,
        "Ravintolapalvelun työntekijä tarkistaa käännökset.",
    );
    r.decisions_on_persons = Some(false);
    r.data_description = Localized::one(Lang::Fi, "Ruokalistat.");
    r.personal_data = Some(false);
    r.sensitive_data = Some(false);
    r.data_classification = Some(DataClassification::Public);
    r.ai_technique = Some(AiTechnique::DeepLearning);
    r.lifecycle = Lifecycle::InUse;
    r.start_date = Some(time::macros::date!(2025 - 08 - 01));
    r.next_review = Some(time::macros::date!(2026 - 08 - 01));
    r.keywords
        .set(Lang::Fi, vec!["käännös".into(), "ruokalista".into()]);
    r.links.push(Link {
        title: "Ruokalistat".into(),
        url: "https://www.kajaani.fi/ruokalistat".into(),
    });
    r.contact.phone = Some("+358 8 6155 2000".into());
    r
}

struct Site {
    base: String,
}

impl Site {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

fn sign_in(b: &Browser, site: &Site, lang: &str, email: &str) {
    b.goto(&site.url(&format!("/{lang}/login")));
    b.type_into("#email", email);
    b.type_into("#password", PASSWORD);
    b.click("form[action$='/login'] button[type=submit]");
    let staff = format!("/{lang}/staff");
    b.wait_until("signed in", |b| b.url().ends_with(&staff));
}

/// Runs axe on the current page; returns one line per violation.
fn axe(b: &Browser) -> Vec<String> {
    if b.execute("return typeof axe") != Value::String("object".into()) {
        b.execute(&format!("{AXE}\nreturn true;"));
    }
    let out = b.execute_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {
             runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
             resultTypes: ['violations']
         }).then(r => done(JSON.stringify(r.violations.map(v => ({
             id: v.id, impact: v.impact, help: v.help,
             nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))
         })))), e => done(JSON.stringify([{id: 'axe-failed', impact: 'error', help: String(e), nodes: []}])));",
    );
    let violations: Vec<Value> =
        serde_json::from_str(out.as_str().unwrap_or("[]")).unwrap_or_default();
    violations
        .iter()
        .map(|v| {
            format!(
                "{} ({}): {} at {}",
                v["id"], v["impact"], v["help"], v["nodes"]
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_pass_the_accessibility_check() {
    let Some((chromium, driver)) = browser() else {
        return;
    };
    let w = World::new().await;
    let full = harness::create_system(w.store(), &w.kajaani, full_record(), true).await;
    // A high-risk classification, so the classification, obligation and public pages show all
    // they can.
    let classified = w
        .json(
            "POST",
            &format!("/api/v1/systems/{}/classifications", full.id),
            Some(&w.kajaani_editor.token),
            &serde_json::json!({"facts": {"ai_system": true, "roles": ["deployer"], "annex_iii": "3b",
                "public_authority": true, "decisions_on_persons": true, "personal_data": true,
                "transparency": ["interaction"]}, "justification": "Evaluates learning outcomes."}),
        )
        .await;
    assert_eq!(classified.status.as_u16(), 201, "{}", classified.text);
    // Usage figures, one held back, so the organisation's page shows its table.
    let import = aireg_domain::policy::authorize(
        &aireg_domain::policy::Actor::command_line("a11y"),
        aireg_domain::policy::Action::ImportUsage,
        aireg_domain::policy::Resource::Org(w.kajaani.id),
    )
    .unwrap();
    let cell = |tool: &str, users| aireg_domain::usage::UsageCell {
        tool: tool.into(),
        month: {
            let today = aireg_domain::clock::now().date();
            aireg_domain::usage::month_of(today.replace_day(1).unwrap() - time::Duration::days(1))
        },
        users,
        uses: 100,
    };
    w.store()
        .replace_usage(
            &import,
            w.kajaani.id,
            &[w.kajaani.id],
            vec![cell("copilot_work", 30), cell("chatgpt", 2)],
            false,
        )
        .await
        .unwrap();
    // The viewer has an authenticator app, so signing in shows the code page.
    let own = aireg_domain::policy::authorize(
        &aireg_domain::policy::Actor::command_line("a11y"),
        aireg_domain::policy::Action::AdministerPlatform,
        aireg_domain::policy::Resource::Platform,
    )
    .unwrap();
    w.store()
        .set_totp_secret(
            &own,
            w.kajaani_viewer.user.id,
            Some("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
        )
        .await
        .unwrap();
    let site = serve(&w).await;
    let (published, draft) = (full.id, w.draft.id);
    let (incident, _) = (w.incident, w.feedback);
    let report = tokio::task::spawn_blocking(move || {
        let chrome = ChromeDriver::start(&driver);
        let b = chrome.session(&chromium, true);
        let mut report: Vec<String> = Vec::new();
        // The check itself can fail: a page with known faults must be reported.
        b.goto("data:text/html,<html><body><img src='x.png'><input type='text'></body></html>");
        let faults = axe(&b).join("\n");
        for rule in ["html-has-lang", "image-alt", "label"] {
            assert!(faults.contains(rule), "axe missed {rule}: {faults}");
        }
        let mut check = |b: &Browser, what: &str| {
            for v in axe(b) {
                report.push(format!("{what} [{}]: {v}", b.url()));
            }
        };
        for lang in ["fi", "sv", "en"] {
            b.goto(&site.url(&format!("/{lang}/")));
            check(&b, "register");
            b.goto(&site.url(&format!("/{lang}/?q=zzz-no-match")));
            check(&b, "register, nothing found");
            b.goto(&site.url(&format!("/{lang}/systems/{published}")));
            check(&b, "public record");
            b.goto(&site.url(&format!("/{lang}/login")));
            check(&b, "sign-in");
            b.goto(&site.url(&format!("/{lang}/open-data")));
            check(&b, "open data");
            b.goto(&site.url(&format!("/{lang}/api")));
            check(&b, "API");
            b.goto(&site.url(&format!("/{lang}/orgs/kajaani")));
            check(&b, "organisation");
            b.goto(&site.url(&format!("/{lang}/orgs/kajaani/policy")));
            check(&b, "public policy");
            b.goto(&site.url(&format!("/{lang}/accessibility")));
            check(&b, "accessibility statement");
            b.goto(&site.url(&format!("/{lang}/privacy")));
            check(&b, "privacy notice");
            b.goto(&site.url(&format!(
                "/{lang}/orgs/kajaani/ai-tools?tool=ChatGPT&data_class=confidential"
            )));
            check(&b, "AI tools, an answer");
            b.goto(&site.url(&format!(
                "/{lang}/orgs/avesta/ai-tools/disclosure?tool=ChatGPT&date=2026-12-05&what=x&person=y"
            )));
            check(&b, "disclosure statement");
            b.goto(&site.url(&format!("/{lang}/orgs/avesta/ai-use")));
            check(&b, "how staff use AI");
            b.goto(&site.url(&format!("/{lang}/password-reset")));
            check(&b, "forgotten password");
            b.goto(&site.url(&format!("/{lang}/invitations/no-such-link")));
            check(&b, "a link that no longer works");
        }
        b.goto(&site.url("/en/nowhere"));
        check(&b, "not found");
        // A failed sign-in shows the error summary.
        b.goto(&site.url("/sv/login"));
        b.type_into("#email", "editor@kajaani.example");
        b.type_into("#password", "wrong password");
        b.click("form[action$='/login'] button[type=submit]");
        b.wait_until("the sign-in fails", |b| {
            b.source().contains("error-summary")
        });
        check(&b, "sign-in failed");
        // The right password of an account with an authenticator app asks for its code.
        b.goto(&site.url("/sv/login"));
        b.type_into("#email", "viewer@kajaani.example");
        b.type_into("#password", harness::PASSWORD);
        b.click("form[action$='/login'] button[type=submit]");
        b.wait_until("the code page", |b| b.exists("#code"));
        check(&b, "authenticator code");

        sign_in(&b, &site, "fi", "admin@kajaani.example");
        let staff_pages = [
            ("dashboard", "/fi/staff".to_string()),
            ("staff list", "/fi/staff/systems".to_string()),
            ("staff record", format!("/fi/staff/systems/{published}")),
            ("staff draft", format!("/sv/staff/systems/{draft}")),
            ("edit form", format!("/fi/staff/systems/{published}/edit")),
            ("new form", "/en/staff/systems/new?org=kajaani".to_string()),
            ("history", format!("/fi/staff/systems/{published}/history")),
            ("own tokens", "/fi/staff/tokens".to_string()),
            ("import", "/sv/staff/import".to_string()),
            ("members", "/en/staff/orgs/kajaani/members".to_string()),
            ("own account", "/sv/staff/account".to_string()),
            (
                "authenticator app set-up",
                "/en/staff/account/second-factor".to_string(),
            ),
            ("sign-in settings", "/fi/staff/orgs/kajaani/sign-in".to_string()),
            (
                "classification",
                format!("/fi/staff/systems/{published}/classification"),
            ),
            (
                "questionnaire",
                format!("/en/staff/systems/{published}/classify"),
            ),
            (
                "obligations",
                "/fi/staff/orgs/kajaani/obligations?show=all".to_string(),
            ),
            ("content pack", "/sv/staff/ai-act".to_string()),
            (
                "governance",
                format!("/fi/staff/systems/{published}/governance"),
            ),
            (
                "governance of a draft",
                format!("/sv/staff/systems/{draft}/governance"),
            ),
            (
                "DPIA form",
                format!("/en/staff/systems/{draft}/assessments/dpia"),
            ),
            (
                "FRIA form",
                format!("/fi/staff/systems/{published}/assessments/fria"),
            ),
            (
                "incident report form",
                format!("/sv/staff/systems/{draft}/incidents/new"),
            ),
            ("incidents", "/fi/staff/incidents?show=all".to_string()),
            ("incident", format!("/en/staff/incidents/{incident}")),
            ("feedback", "/fi/staff/feedback".to_string()),
            ("policy", "/sv/staff/orgs/kajaani/policy".to_string()),
            (
                "governance overview",
                "/fi/staff/orgs/kainuu/governance".to_string(),
            ),
            (
                "AI tools, a request offered",
                "/fi/orgs/kajaani/ai-tools?tool=Kielikone&data_class=internal".to_string(),
            ),
            (
                "AI tools, a bad question",
                "/sv/orgs/kajaani/ai-tools?tool=&data_class=x".to_string(),
            ),
        ];
        for (what, path) in staff_pages {
            b.goto(&site.url(&path));
            check(&b, what);
        }
        // A refused lifecycle move lists what is missing.
        b.goto(&site.url(&format!("/fi/staff/systems/{draft}/governance")));
        b.click("form[action$='/transitions'] input[value='in_use'] ~ button");
        b.wait_until("the refusal is shown", |b| {
            b.source().contains("error-summary")
        });
        check(&b, "governance, move refused");
        // An assessment completed too early names each unanswered question.
        b.goto(&site.url(&format!("/en/staff/systems/{draft}/assessments/dpia")));
        b.click("button[value='complete']");
        b.wait_until("the assessment comes back", |b| {
            b.source().contains("error-summary")
        });
        check(&b, "assessment with errors");
        // The form with mistakes named.
        b.goto(&site.url(&format!("/fi/staff/systems/{draft}/edit")));
        b.clear("#f-name-fi");
        b.type_into("#f-links-0-url", "not a web address");
        b.click("form[action$='/edit'] .actions button[type=submit]");
        b.wait_until("the form comes back", |b| {
            b.source().contains("error-summary")
        });
        let page = b.source();
        assert!(
            page.contains("error-summary"),
            "the form came back with errors: {} {}",
            b.url(),
            page.chars().take(3000).collect::<String>()
        );
        check(&b, "edit form with errors");
        // A new token on its one showing.
        b.goto(&site.url("/fi/staff/tokens"));
        b.type_into("#token-name", "saavutettavuustesti");
        b.click("form[action$='/staff/tokens'] button[type=submit]");
        b.wait_until("the token is shown", |b| {
            b.source().contains("class=\"token\"")
        });
        check(&b, "token created");
        report
    })
    .await
    .expect("browser run");
    assert!(
        report.is_empty(),
        "accessibility violations (WCAG 2.1 A/AA, axe-core):\n{}",
        report.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_staff_work_is_done_without_javascript() {
    let Some((chromium, driver)) = browser() else {
        return;
    };
    let w = World::new().await;
    let site = serve(&w).await;
    tokio::task::spawn_blocking(move || {
        let chrome = ChromeDriver::start(&driver);
        let b = chrome.session(&chromium, false);
        sign_in(&b, &site, "en", "editor@kajaani.example");

        // A new record, first with a mistake, then right.
        b.goto(&site.url("/en/staff/systems/new?org=kajaani"));
        b.type_into("#f-summary-fi", "Kääntää ruokalistat.");
        b.click("form .actions button[type=submit]");
        b.wait_until("the form comes back", |b| {
            b.source().contains("error-summary")
        });
        let page = b.source();
        assert!(
            page.contains("error-summary"),
            "the mistake is named: {} {}",
            b.url(),
            page.chars().take(4000).collect::<String>()
        );
        assert!(page.contains("Kääntää ruokalistat."), "the input is kept");
        b.type_into("#f-name-fi", "Ruokalistakäännös");
        b.type_into("#f-description_public-fi", "Kuvaus asukkaille.");
        b.type_into("#f-purpose-fi", "Tarkoitus.");
        b.type_into("#f-contact-email", "ruoka@kajaani.example");
        b.click("form .actions button[type=submit]");
        b.wait_until("created", |b| b.url().contains("done=created"));

        // Publish it, and find it in the public register.
        b.click("form[action$='/publish'] button[type=submit]");
        b.wait_until("published", |b| b.url().contains("done=published"));
        b.goto(&site.url("/en/?q=ruokalista"));
        assert!(b.source().contains("Ruokalistakäännös"));

        // Sign out.
        b.goto(&site.url("/en/staff"));
        b.click("form[action$='/logout'] button[type=submit]");
        b.wait_until("signed out", |b| b.url().contains("done=signed-out"));
        b.goto(&site.url("/en/staff"));
        assert!(
            b.url().contains("/en/login"),
            "the staff pages need signing in again"
        );
    })
    .await
    .expect("browser run");
}

/// Serves the world's app on a loopback port.
async fn serve(w: &World) -> Site {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let addr = listener.local_addr().expect("its address");
    let config = WebConfig {
        public_url: format!("http://{addr}"),
        // A resident's feedback may be sent at once (the HTTP tests' world does the same).
        feedback_min_age: time::Duration::ZERO,
        ..WebConfig::default()
    };
    let state = AppState::with_store(
        w.db.store.clone(),
        aireg_rules::Content::embedded().unwrap(),
        config,
    );
    tokio::spawn(aireg_web::serve(listener, state, std::future::pending()));
    Site {
        base: format!("http://{addr}"),
    }
}
