//! Journeys: what people do with aireg from the first page to the last, in a real browser with
//! scripts switched off (the site's Content-Security-Policy forbids them anyway). After every
//! step the journey checks what the person sees: headings, notices, values in the forms.
//!
//! - A resident finds a system in the public register, in Finnish and in Swedish, and sends
//!   feedback on it; the staff find the messages.
//! - A system owner registers a system that processes personal data, classifies it, asks for
//!   approvals and fills in the DPIA over two sittings; the privacy and security group and the
//!   process owner sign and approve; the owner takes it into use and publishes it; later the
//!   owner says it has no personal data, and the record shows as not compliant (English,
//!   Swedish, Finnish).
//! - A resident searches in Finnish as people write it (plural, inflected, compound) and
//!   narrows the list by what the records say about personal data.
//! - A staff member reports an incident with a screenshot; the working group sees it (Finnish,
//!   English).
//! - An organisation admin gives an existing account a role; the new editor registers a record
//!   (Swedish, English).
//! - An employee with no part in governance asks which AI tools she may use with which
//!   information, asks for a tool the catalogue lacks, and writes the statement for a document
//!   made with AI; the privacy and security group finds her request (Finnish); in Avesta the
//!   same questions get Avesta's answers (Swedish).

use std::path::Path;

use serde_json::{Value, json};

use aireg_domain::person::Role;
use aireg_domain::system::SystemRecord;
use aireg_domain::{Lang, Localized};
use aireg_rules::ai_act::{Pack, QuestionKind as AiActKind};
use aireg_rules::assessment::{Item, Question, QuestionKind, Templates};
use aireg_service::secrets::hash_password;

use crate::harness::{self, PASSWORD, World};
use crate::webdriver::{Browser, ChromeDriver};
use crate::{Site, browser, full_record, serve, sign_in};

// ---------------------------------------------------------------------------------------------
// What every journey uses
// ---------------------------------------------------------------------------------------------

/// The browser and its driver, for the sessions of several people.
struct Browsers {
    driver: ChromeDriver,
    chromium: String,
}

impl Browsers {
    fn start(chromium: String, driver: &str) -> Browsers {
        Browsers {
            driver: ChromeDriver::start(driver),
            chromium,
        }
    }

    /// A visitor's browser, scripts off.
    fn visitor(&self) -> Browser {
        self.driver.session(&self.chromium, false)
    }

    /// A person's own browser, signed in, scripts off.
    fn signed_in(&self, site: &Site, lang: &str, email: &str) -> Browser {
        let b = self.visitor();
        sign_in(&b, site, lang, email);
        b
    }
}

/// An account with roles in the world's organisations.
async fn account(w: &World, email: &str, grants: &[(&aireg_domain::org::Organisation, Role)]) {
    let hash = hash_password(PASSWORD.into()).await.unwrap();
    harness::person(w.store(), email, grants, &hash).await;
}

/// The one-time notice at the top of the page, or "" when there is none.
fn notice(b: &Browser) -> String {
    let css = "main .notice[role=status]";
    if b.exists(css) {
        b.text(css)
    } else {
        String::new()
    }
}

fn assert_notice(b: &Browser, expected: &str) {
    assert_eq!(notice(b), expected, "the notice at {}", b.url());
}

/// The page shows `text` somewhere in its main content.
fn assert_shows(b: &Browser, text: &str) {
    let main = b.text("main");
    assert!(
        main.contains(text),
        "{} does not show “{text}”:\n{main}",
        b.url()
    );
}

fn assert_heading(b: &Browser, expected: &str) {
    assert_eq!(b.text("h1"), expected, "the heading at {}", b.url());
}

/// No error summary: the form was accepted.
fn assert_no_errors(b: &Browser) {
    assert!(
        !b.exists(".error-summary"),
        "{} shows errors: {}",
        b.url(),
        b.texts(".error-summary").join(" / ")
    );
}

/// The id in a staff page's address: `/…/staff/systems/{id}…`.
fn system_id_of(b: &Browser) -> String {
    let url = b.url();
    url.split("/systems/")
        .nth(1)
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .unwrap_or_else(|| panic!("no record in {url}"))
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// A resident sends feedback
// ---------------------------------------------------------------------------------------------

fn search_register(b: &Browser, site: &Site, lang: &str, words: &str) {
    b.goto(&site.url(&format!("/{lang}/")));
    b.type_into("#q", words);
    b.press("form[role=search] button[type=submit]");
}

fn open_result(b: &Browser, name: &str) {
    let links = b.texts(".results h3 a");
    let i = links
        .iter()
        .position(|l| l == name)
        .unwrap_or_else(|| panic!("“{name}” is not among the results: {links:?}"));
    b.press(&format!(".results li:nth-child({}) h3 a", i + 1));
}

fn send_feedback(b: &Browser, kind: &str, message: &str, name: &str, email: &str) {
    b.choose("#feedback-kind", kind);
    b.type_into("#feedback-message", message);
    b.type_into("#feedback-name", name);
    b.type_into("#feedback-email", email);
    b.press("#feedback form button[type=submit]");
}

/// A published record with only a name and a summary in Finnish.
fn finnish_record(name: &str, summary: &str, personal_data: bool) -> SystemRecord {
    let mut r = full_record();
    for field in [
        &mut r.description_public,
        &mut r.description_technical,
        &mut r.purpose,
        &mut r.affected_groups,
        &mut r.legal_basis,
        &mut r.human_oversight,
        &mut r.data_description,
    ] {
        *field = Localized::one(Lang::Fi, "Kuvaus.");
    }
    r.name = Localized::one(Lang::Fi, name);
    r.summary = Localized::one(Lang::Fi, summary);
    r.keywords = Default::default();
    r.vendor = None;
    r.personal_data = Some(personal_data);
    r
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_searches_in_finnish_and_narrows_the_list() {
    let Some((chromium, driver)) = browser() else {
        return;
    };
    let w = World::new().await;
    for (name, summary, personal) in [
        (
            "Lukusuositukset",
            "Kirjastosuositukset verkkokirjaston käyttäjille.",
            true,
        ),
        (
            "Päivystävä vastaaja",
            "Jokainen asukas saa vastauksen.",
            false,
        ),
        (
            "Ostolaskujen käsittely",
            "Järjestelmä tiliöi laskut.",
            false,
        ),
    ] {
        let r = finnish_record(name, summary, personal);
        harness::create_system(w.store(), &w.kajaani, r, true).await;
    }
    let site = serve(&w).await;
    tokio::task::spawn_blocking(move || {
        let chrome = Browsers::start(chromium, &driver);
        let aino = chrome.visitor();
        for (words, found) in [
            ("kirjastot", "Lukusuositukset"),
            ("asukkaiden", "Päivystävä vastaaja"),
            ("tekoälyjärjestelmä", "Ostolaskujen käsittely"),
        ] {
            search_register(&aino, &site, "fi", words);
            assert_eq!(
                aino.text("#results-heading"),
                "1 tekoälyjärjestelmä",
                "{words}"
            );
            assert_eq!(aino.texts(".results h3 a"), [found], "{words}");
        }
        // The filter shows how many records each choice leaves, and narrows the list to them.
        aino.goto(&site.url("/fi/"));
        let options = aino.texts("#personal_data option");
        let yes = options
            .iter()
            .find(|o| o.starts_with("Kyllä ("))
            .unwrap_or_else(|| panic!("a yes with its count: {options:?}"))
            .clone();
        let n: usize = yes["Kyllä (".len()..yes.len() - 1].parse().unwrap();
        assert!(n >= 1, "{yes}");
        aino.choose("#personal_data", &yes);
        aino.press("form[role=search] button[type=submit]");
        let shown = aino.texts(".results h3 a");
        assert_eq!(shown.len(), n, "{shown:?}");
        assert!(shown.contains(&"Lukusuositukset".to_string()), "{shown:?}");
        assert!(
            !shown.contains(&"Päivystävä vastaaja".to_string()),
            "{shown:?}"
        );
        // The choice stays, so the list can be narrowed further.
        assert_eq!(aino.value("#personal_data"), "yes");
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_finds_a_system_and_sends_feedback() {
    let Some((chromium, driver)) = browser() else {
        return;
    };
    let w = World::new().await;
    harness::create_system(w.store(), &w.kajaani, full_record(), true).await;
    let site = serve(&w).await;
    tokio::task::spawn_blocking(move || {
        let chrome = Browsers::start(chromium, &driver);

        // Aino, in Finnish.
        let aino = chrome.visitor();
        search_register(&aino, &site, "fi", "ruokalista");
        assert_eq!(aino.text("#results-heading"), "1 tekoälyjärjestelmä");
        open_result(&aino, "Ruokalistojen kääntäjä");
        assert_heading(&aino, "Ruokalistojen kääntäjä");
        assert_eq!(
            aino.text("#feedback-heading"),
            "Kysy, ilmoita ongelmasta tai kyseenalaista käyttö"
        );
        send_feedback(
            &aino,
            "Kysymys",
            "Tarkistaako joku käännökset ennen julkaisua?",
            "Aino Asukas",
            "aino@example.fi",
        );
        assert_notice(&aino, "Palautteesi on lähetetty. Kiitos!");
        assert_heading(&aino, "Ruokalistojen kääntäjä");
        assert_eq!(
            aino.value("#feedback-message"),
            "",
            "the form is empty again"
        );
        // The notice is shown once: the same page in Swedish has none.
        aino.press("a[hreflang=sv]");
        assert_notice(&aino, "");
        assert_eq!(
            aino.text("#feedback-heading"),
            "Fråga, rapportera ett problem eller ifrågasätt användningen"
        );

        // Elsa, in Swedish, from the register's first page.
        let elsa = chrome.visitor();
        search_register(&elsa, &site, "sv", "matsedlar");
        assert_eq!(elsa.text("#results-heading"), "1 AI-system");
        open_result(&elsa, "Översättare av matsedlar");
        assert_heading(&elsa, "Översättare av matsedlar");
        send_feedback(
            &elsa,
            "En problemrapport",
            "Måndagens matsedel var inte översatt.",
            "Elsa Invånare",
            "elsa@example.se",
        );
        assert_notice(&elsa, "Din respons har skickats. Tack!");

        // Both messages reached the staff who answer them.
        let staff = chrome.signed_in(&site, "fi", "editor@kajaani.example");
        staff.goto(&site.url("/fi/staff/feedback"));
        assert_heading(&staff, "Asukkaiden palaute");
        assert_shows(&staff, "Tarkistaako joku käännökset ennen julkaisua?");
        assert_shows(&staff, "Måndagens matsedel var inte översatt.");
    })
    .await
    .expect("browser run");
}

// ---------------------------------------------------------------------------------------------
// A system owner takes a system that processes personal data into use
// ---------------------------------------------------------------------------------------------

/// The people of Kajaani's governance, per the Kainuu policy.
const OWNER: &str = "owner@kajaani.example";
const PROCESS_OWNER: &str = "process@kajaani.example";
/// A member of the privacy, security and architecture group (role `approver`).
const GROUP_MEMBER: &str = "approver@kajaani.example";

/// The harness names each person after their address.
fn person_name(email: &str) -> String {
    format!("Person {email}")
}

/// How the record form offers a person: name and address.
fn person_option(email: &str) -> String {
    format!("{} <{email}>", person_name(email))
}

/// The new-system form of Kajaani (Finnish is its language), filled in and saved.
fn register_system(b: &Browser, site: &Site, name: &str) {
    b.goto(&site.url("/en/staff/systems/new?org=kajaani"));
    assert_heading(b, "New AI system");
    b.type_into("#f-name-fi", name);
    b.type_into(
        "#f-summary-fi",
        "Vastaa kirjaston asiakkaiden kysymyksiin lainoista.",
    );
    b.choose("#f-lifecycle", "Planning");
    b.type_into(
        "#f-description_public-fi",
        "Tekoäly vastaa asiakkaiden kysymyksiin heidän lainoistaan.",
    );
    b.type_into("#f-purpose-fi", "Asiakaspalvelun nopeuttaminen.");
    b.choose("#f-personal_data", "Yes");
    b.choose("#f-sensitive_data", "No");
    b.choose("#f-system_owner", &person_option(OWNER));
    b.choose("#f-process_owner", &person_option(PROCESS_OWNER));
    b.type_into("#f-contact-email", "kirjasto@kajaani.example");
    b.press("form .actions button[type=submit]");
    assert_no_errors(b);
    assert_notice(b, "The AI system was created as a draft.");
    assert_heading(b, name);
}

/// Answers the AI Act questionnaire one question a page, choosing what gives `facts` (and
/// "no" or "none" for the rest), checks the outcome and saves the classification.
fn classify(b: &Browser, facts: &Value, category: &str) {
    b.press("a[href$='/classify']");
    let pack = Pack::embedded().expect("the AI Act pack");
    for step in 1.. {
        assert!(step < 40, "the questionnaire did not end");
        if !b.exists("input[name=question]") {
            break;
        }
        let legend = b.text("#answers legend");
        assert!(
            legend.starts_with(&format!("Question {step}")),
            "step {step}: {legend}"
        );
        let id = b.value("input[name=question]");
        let q = pack.question(&id).expect("a question of the pack");
        let wanted = q.sets.as_ref().and_then(|f| facts.get(f));
        let mut picked = 0;
        for (i, o) in q.options.iter().enumerate() {
            let pick = match (q.kind, wanted) {
                (AiActKind::Multi, Some(Value::Array(items))) => items.contains(&o.value),
                (AiActKind::Multi, _) => false,
                (_, Some(v)) => o.value == *v,
                (_, None) => {
                    o.value == Value::Bool(false) || o.value == Value::Null || o.value == "none"
                }
            };
            if pick && (q.kind == AiActKind::Multi || picked == 0) {
                b.tick(&format!("#answer-{i}"));
                picked += 1;
            }
        }
        assert!(
            q.kind == AiActKind::Multi || picked == 1,
            "no answer for {id}"
        );
        b.type_into(
            "#justification",
            "Checked against the vendor's documentation.",
        );
        b.press("button[value=next]");
        assert_no_errors(b);
    }
    assert_eq!(b.text("form h2"), "Check and save");
    assert_eq!(b.text("form p.lead strong"), category);
    b.press("button[value=save]");
    assert_notice(
        b,
        "The classification was saved and the obligations updated.",
    );
    assert_shows(b, category);
}

fn open_governance(b: &Browser, site: &Site, lang: &str, id: &str) {
    b.goto(&site.url(&format!("/{lang}/staff/systems/{id}")));
    b.press("a[href$='/governance']");
}

/// What the policy still needs before the record may move to `state` (the row of the
/// lifecycle table, as someone who may move it sees it).
fn gate(b: &Browser, state: &str) -> String {
    b.text(&format!(
        "#lifecycle-heading ~ table tr:has(input[name=to][value={state}]) td"
    ))
}

/// The lifecycle state the governance page shows.
fn lifecycle(b: &Browser) -> String {
    b.text("main > .wrap > p.meta strong")
}

/// The statuses in a table of the governance page (`approvals`, `assessments`).
fn statuses(b: &Browser, table: &str) -> Vec<String> {
    b.texts(&format!("#{table}-heading ~ table td .badge"))
}

/// The governance page lists what taking the record into use still needs.
fn check_what_use_needs(b: &Browser, site: &Site, id: &str, name: &str) {
    open_governance(b, site, "en", id);
    assert_heading(b, &format!("Governance: {name}"));
    assert_eq!(lifecycle(b), "Planning");
    let needs = gate(b, "in_use");
    for missing in [
        "Approval of the privacy, security and architecture group is missing",
        "Approval of the process owner is missing",
        "The signed data protection impact assessment (DPIA) is missing",
    ] {
        assert!(needs.contains(missing), "{missing}: {needs}");
    }
    assert!(
        !needs.contains("classification"),
        "the record is classified: {needs}"
    );
}

fn ask_for_approvals(b: &Browser, note: &str) {
    b.type_into("#approval-note", note);
    b.press("form[action$='/approvals'] button[type=submit]");
    assert_no_errors(b);
    assert_notice(b, "The approvals were requested.");
    assert_eq!(
        statuses(b, "approvals"),
        ["Waiting for a decision", "Waiting for a decision"]
    );
    assert_shows(b, note);
}

/// The answers the owner gives at the first sitting, as the English form shows them.
struct FirstSitting;

impl FirstSitting {
    const PURPOSE: &str = "Answering library customers' questions about their loans.";
    const CONTROLLER: &str = "City of Kajaani, library services";
    const SUBJECTS: [&str; 2] = ["residents", "children"];
    const COUNT: &str = "1,000–9,999";
    const SPECIAL: &str = "No";
    const START: &str = "2027-01-15";
}

/// The DPIA over two sittings: part of it saved as a draft; reopened later, it shows those
/// answers, and the rest are added and the whole saved as complete.
fn fill_dpia_in_two_sittings(b: &Browser, site: &Site, id: &str) {
    b.press("a[href$='/assessments/dpia']");
    assert_heading(b, "Data protection impact assessment (DPIA)");
    assert_eq!(assessment_status(b), "Not started");
    fill_dpia_partly(b);
    b.press("button[value=save]");
    assert_no_errors(b);
    assert_notice(b, "The changes were saved as a new version.");
    assert_eq!(assessment_status(b), "Draft");
    assert_first_sitting_kept(b);

    open_governance(b, site, "en", id);
    assert_eq!(statuses(b, "assessments"), ["Draft"]);
    b.press("a[href$='/assessments/dpia']");
    assert_notice(b, "");
    assert_eq!(assessment_status(b), "Draft");
    // A reopened assessment shows every stored answer (this broke once; fixed in db8c1f8).
    assert_first_sitting_kept(b);

    complete_dpia(b);
    assert_notice(
        b,
        "The assessment was saved as complete. It now waits for sign-off.",
    );
    assert_eq!(assessment_status(b), "Completed, waiting for sign-off");
    assert_first_sitting_kept(b);
    assert_eq!(
        b.value("#g-risks-0-risk_description"),
        "Described in the project plan, section 3."
    );
}

/// Fills in part of the DPIA: an answer of each kind.
fn fill_dpia_partly(b: &Browser) {
    b.type_into("#q-purpose", FirstSitting::PURPOSE);
    b.type_into("#q-controller", FirstSitting::CONTROLLER);
    for s in FirstSitting::SUBJECTS {
        b.tick(&format!("input[name='q.data_subjects'][value={s}]"));
    }
    b.choose("#q-data_subject_count", FirstSitting::COUNT);
    b.choose("#q-special_categories", FirstSitting::SPECIAL);
    type_date(b, "#q-processing_start", FirstSitting::START);
}

/// A date typed into an `<input type=date>`: Chromium takes the digits in the order of its
/// own locale's format, here en-US's month, day, year.
fn type_date(b: &Browser, css: &str, iso: &str) {
    let [year, month, day]: [&str; 3] = iso
        .split('-')
        .collect::<Vec<_>>()
        .try_into()
        .expect("YYYY-MM-DD");
    b.type_into(css, &format!("{month}{day}{year}"));
    assert_eq!(
        b.value(css),
        iso,
        "the date typed into {css} (does this browser's locale order dates month, day, year?)"
    );
}

/// The first sitting's answers are all in the form.
fn assert_first_sitting_kept(b: &Browser) {
    let kept = |what: &str| format!("the DPIA's {what} at {}", b.url());
    assert_eq!(
        b.value("#q-purpose"),
        FirstSitting::PURPOSE,
        "{}",
        kept("purpose")
    );
    assert_eq!(
        b.value("#q-controller"),
        FirstSitting::CONTROLLER,
        "{}",
        kept("controller")
    );
    for s in FirstSitting::SUBJECTS {
        assert!(
            b.is_selected(&format!("input[name='q.data_subjects'][value={s}]")),
            "{}",
            kept(&format!("data subjects: {s}"))
        );
    }
    assert!(
        !b.is_selected("input[name='q.data_subjects'][value=patients]"),
        "{}",
        kept("data subjects: only those ticked")
    );
    assert_eq!(
        b.chosen("#q-data_subject_count"),
        FirstSitting::COUNT,
        "{}",
        kept("number of data subjects")
    );
    assert_eq!(
        b.chosen("#q-special_categories"),
        FirstSitting::SPECIAL,
        "{}",
        kept("special categories")
    );
    assert_eq!(
        b.value("#q-processing_start"),
        FirstSitting::START,
        "{}",
        kept("start of processing")
    );
}

/// Answers one question the way a careful owner with nothing special to report would.
fn answer(b: &Browser, q: &Question, name: &str) {
    let css = format!("#{}", name.replace('.', "-"));
    match q.kind {
        QuestionKind::Text | QuestionKind::Textarea => {
            b.type_into(&css, "Described in the project plan, section 3.")
        }
        QuestionKind::YesNo => b.choose(&css, "No"),
        QuestionKind::Choice => b.choose(&css, q.options[0].label.get("en")),
        QuestionKind::Multi => b.tick(&format!(
            "input[name='{name}'][value='{}']",
            q.options[0].value
        )),
        QuestionKind::Number => b.type_into(&css, "1"),
        QuestionKind::Date => type_date(b, &css, "2027-01-15"),
    }
}

/// Answers every question still open that applies (after "no" answers no conditional one
/// does) and describes one risk, and saves the DPIA as complete.
fn complete_dpia(b: &Browser) {
    let tpl = Templates::embedded()
        .expect("the templates")
        .get("dpia")
        .expect("the DPIA");
    for item in tpl.items() {
        match item {
            Item::Question(q) if q.depends_on().is_none() => {
                let name = format!("q.{}", q.id);
                let open = match q.kind {
                    QuestionKind::Multi => !b.exists(&format!("input[name='{name}']:checked")),
                    _ => b.value(&format!("#{}", name.replace('.', "-"))).is_empty(),
                };
                if open {
                    answer(b, q, &name);
                }
            }
            Item::Group(g) => {
                for q in &g.questions {
                    answer(b, q, &format!("g.{}.0.{}", g.id, q.id));
                }
            }
            Item::Question(_) => {}
        }
    }
    b.press("button[value=complete]");
    assert_no_errors(b);
}

fn assessment_status(b: &Browser) -> String {
    b.text("dl.facts dd .badge")
}

/// A member of the privacy and security group (in Swedish) comments on the DPIA and signs it
/// off.
fn comment_and_sign_dpia(b: &Browser, site: &Site, id: &str, name: &str) {
    open_governance(b, site, "sv", id);
    assert_heading(b, &format!("Styrning: {name}"));
    b.press("a[href$='/assessments/dpia']");
    assert_eq!(assessment_status(b), "Klar, väntar på godkännande");
    b.type_into("#comment-text", "Lagringstiden stämmer med arkivplanen.");
    b.press("form[action$='/comments'] button[type=submit]");
    assert_notice(b, "Din kommentar lades till.");
    assert_shows(b, "Lagringstiden stämmer med arkivplanen.");
    b.press("form[action$='/sign'] button[type=submit]");
    assert_notice(b, "Bedömningen godkändes.");
    assert_eq!(assessment_status(b), "Godkänd");
}

/// Approves the one request the person may decide on the governance page, with the minutes
/// it was decided in.
fn approve(b: &Browser, site: &Site, lang: &str, id: &str, minutes: &str) {
    open_governance(b, site, lang, id);
    let form = "form[action*='/staff/approvals/']";
    assert_eq!(
        b.find_all(form).len(),
        1,
        "one request to decide at {}",
        b.url()
    );
    assert!(b.is_selected(&format!("{form} input[value=approve]")));
    b.type_into(&format!("{form} input[name=minutes_ref]"), minutes);
    b.press(&format!("{form} button[type=submit]"));
    assert_no_errors(b);
}

/// With the DPIA signed and both approvals given, the owner moves the record to "in use".
fn take_into_use(b: &Browser, site: &Site, id: &str) {
    open_governance(b, site, "en", id);
    assert_eq!(statuses(b, "approvals"), ["Approved", "Approved"]);
    assert_eq!(statuses(b, "assessments"), ["Signed off"]);
    assert_eq!(gate(b, "in_use"), "Nothing: the move may go ahead.");
    b.press("form[action$='/transitions'] input[value=in_use] ~ button");
    assert_no_errors(b);
    assert_notice(b, "The system was moved to its new lifecycle state.");
    assert_eq!(lifecycle(b), "In use");
}

fn publish(b: &Browser, site: &Site, id: &str, name: &str) {
    b.goto(&site.url(&format!("/en/staff/systems/{id}")));
    assert_heading(b, name);
    b.press("form[action$='/publish'] button[type=submit]");
    assert_notice(b, "The AI system is now published in the public register.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_system_owner_takes_a_system_with_personal_data_into_use() {
    let Some((chromium, driver)) = browser() else {
        return;
    };
    let w = World::new().await;
    account(&w, OWNER, &[(&w.kajaani, Role::SystemOwner)]).await;
    account(&w, PROCESS_OWNER, &[(&w.kajaani, Role::ProcessOwner)]).await;
    account(&w, GROUP_MEMBER, &[(&w.kajaani, Role::Approver)]).await;
    let site = serve(&w).await;
    tokio::task::spawn_blocking(move || {
        let chrome = Browsers::start(chromium, &driver);
        let name = "Kirjaston lainaneuvoja";

        // The owner, in English, registers and classifies the system, asks for the approvals
        // and fills in the DPIA.
        let owner = chrome.signed_in(&site, "en", OWNER);
        register_system(&owner, &site, name);
        let id = system_id_of(&owner);
        classify(
            &owner,
            &json!({"ai_system": true, "roles": ["deployer"], "public_authority": true}),
            "Minimal risk",
        );
        check_what_use_needs(&owner, &site, &id, name);
        ask_for_approvals(&owner, "The DPIA is on this page.");
        fill_dpia_in_two_sittings(&owner, &site, &id);

        // The privacy and security group, in Swedish, signs the DPIA off and approves.
        let group = chrome.signed_in(&site, "sv", GROUP_MEMBER);
        comment_and_sign_dpia(&group, &site, &id, name);
        approve(&group, &site, "sv", &id, "§ 4 / 12.3.2027");
        assert_notice(&group, "Ditt beslut registrerades.");
        assert_shows(&group, "§ 4 / 12.3.2027");

        // The process owner, in Finnish, approves.
        let process = chrome.signed_in(&site, "fi", PROCESS_OWNER);
        approve(&process, &site, "fi", &id, "");
        assert_notice(&process, "Päätöksesi kirjattiin.");
        assert_heading(&process, &format!("Hallinta: {name}"));
        assert_eq!(
            statuses(&process, "approvals"),
            ["Hyväksytty", "Hyväksytty"]
        );

        // The owner takes it into use and publishes it.
        take_into_use(&owner, &site, &id);
        publish(&owner, &site, &id, name);

        // The record's history names each version.
        owner.press("a[href$='/history']");
        assert_eq!(
            owner.texts("main section h2"),
            [
                "Version 3: Published",
                "Version 2: Moved to another lifecycle state",
                "Version 1: Created"
            ]
        );

        // Residents find it in the register, in use.
        let resident = chrome.visitor();
        search_register(&resident, &site, "fi", "lainaneuvoja");
        assert_eq!(resident.text("#results-heading"), "1 tekoälyjärjestelmä");
        assert!(resident.text(".results .meta").contains("Käytössä"));
        open_result(&resident, name);
        assert_heading(&resident, name);

        // Later the owner says it processes no personal data after all. The policy then wants
        // the owner's own decision, which the owner's own edit may not ask of the owner: the
        // record is shown as not compliant, on its page and its governance page.
        owner.goto(&site.url(&format!("/en/staff/systems/{id}/edit")));
        owner.choose("#f-personal_data", "No");
        owner.press("form .actions button[type=submit]");
        assert_no_errors(&owner);
        assert_shows(&owner, "Not compliant with the policy");
        assert_shows(&owner, "The system owner's deployment decision is missing");
        // The process owner sees the same in Finnish.
        process.goto(&site.url(&format!("/fi/staff/systems/{id}/governance")));
        assert_shows(&process, "Ei ohjeistuksen mukainen");
    })
    .await
    .expect("browser run");
}

// ---------------------------------------------------------------------------------------------
// A staff member reports an incident
// ---------------------------------------------------------------------------------------------

/// A 1×1 PNG image.
const SCREENSHOT: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde\0\0\0\x0cIDATx\x9cc\xf8\xcf\xc0\0\0\x03\x01\x01\0\xc9\xfe\x92\xef\0\0\0\0IEND\xaeB`\x82";

fn report_incident(b: &Browser, kind: &str, title: &str, description: &str, file: &Path) {
    b.press("a[href$='/incidents/new']");
    assert_heading(b, "Ilmoita poikkeamasta");
    b.choose("#kind", kind);
    b.type_into("#title", title);
    b.type_into("#description", description);
    b.attach_file("#attachments", file);
    b.press("form[action$='/incidents'] button[type=submit]");
    assert_no_errors(b);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_staff_member_reports_an_incident_with_a_screenshot() {
    let Some((chromium, driver)) = browser() else {
        return;
    };
    let w = World::new().await;
    let published = w.published.id.to_string();
    let site = serve(&w).await;
    let files = tempfile::tempdir().expect("a directory");
    let screenshot = files.path().join("kuvakaappaus.png");
    std::fs::write(&screenshot, SCREENSHOT).expect("the screenshot");
    tokio::task::spawn_blocking(move || {
        let chrome = Browsers::start(chromium, &driver);
        let title = "Botti kertoi väärän aukioloajan";

        // A viewer of Kajaani, in Finnish.
        let staff = chrome.signed_in(&site, "fi", "viewer@kajaani.example");
        open_governance(&staff, &site, "fi", &published);
        assert_heading(&staff, "Hallinta: Neuvontabotti");
        report_incident(
            &staff,
            "Virhe",
            title,
            "Botti kertoi kirjaston olevan auki sunnuntaina.",
            &screenshot,
        );
        assert_notice(&staff, "Poikkeamailmoitus lähetettiin.");
        assert_heading(&staff, title);
        assert_shows(&staff, "Botti kertoi kirjaston olevan auki sunnuntaina.");
        assert!(
            staff
                .texts("main ul li a")
                .contains(&"kuvakaappaus.png".to_string()),
            "the screenshot is listed"
        );

        // The Kainuu AI working group, in English, sees it among the open incidents.
        let group = chrome.signed_in(&site, "en", "group@kainuu.example");
        group.goto(&site.url("/en/staff/orgs/kainuu/governance"));
        assert_heading(&group, "Governance overview: Org kainuu");
        let open = group.texts("section:has(#wg-incidents) li");
        assert!(
            open.iter()
                .any(|l| l.starts_with(title) && l.contains("Error · New")),
            "{open:?}"
        );
        let links = group.texts("section:has(#wg-incidents) li a");
        let i = links.iter().position(|l| l == title).expect("our incident");
        group.press(&format!(
            "section:has(#wg-incidents) li:nth-child({}) a",
            i + 1
        ));
        assert_heading(&group, title);
        assert_shows(&group, "kuvakaappaus.png");
    })
    .await
    .expect("browser run");
}

// ---------------------------------------------------------------------------------------------
// An organisation admin invites a new member, who creates their account from the link
// ---------------------------------------------------------------------------------------------

const NEWCOMER: &str = "newcomer@kajaani.example";

fn invite(b: &Browser, site: &Site, org: &str, email: &str, role: &str) {
    b.goto(&site.url(&format!("/sv/staff/orgs/{org}/members")));
    assert_heading(b, &format!("Medlemmar i Org {org}"));
    b.type_into("#member-email", email);
    b.choose("#member-role", role);
    b.press("form[action$='/members'] button[type=submit]");
    assert_no_errors(b);
}

/// The roles the members table lists for a person.
fn roles_of(b: &Browser, name: &str) -> Vec<String> {
    let names = b.texts("main table tbody th");
    let Some(i) = names.iter().position(|n| n == name) else {
        return Vec::new();
    };
    b.texts(&format!(
        "main table tbody tr:nth-child({}) td ul > li",
        i + 1
    ))
    .into_iter()
    .map(|li| li.lines().next().unwrap_or("").trim().to_string())
    .collect()
}

fn register_record(b: &Browser, site: &Site, name: &str) {
    b.goto(&site.url("/en/staff/systems/new?org=kajaani"));
    assert_heading(b, "New AI system");
    b.type_into("#f-name-fi", name);
    b.type_into("#f-summary-fi", "Tiivistää kokousten muistiot.");
    b.type_into("#f-description_public-fi", "Tekoäly tiivistää muistiot.");
    b.type_into("#f-purpose-fi", "Valmistelun tukeminen.");
    b.type_into("#f-contact-email", "kirjaamo@kajaani.example");
    b.press("form .actions button[type=submit]");
    assert_no_errors(b);
    assert_notice(b, "The AI system was created as a draft.");
    assert_heading(b, name);
}

/// The link in the newest queued e-mail to `to`, as its recipient would click it.
fn link_mailed_to(store: &dyn aireg_store::Store, to: &str) -> String {
    let handle = tokio::runtime::Handle::current();
    let later = aireg_domain::clock::now() + time::Duration::days(1);
    let mut link = None;
    while let Some(job) = handle
        .block_on(store.claim_job(later, time::Duration::minutes(5)))
        .unwrap()
    {
        if job.payload["to"] == to {
            let text = job.payload["text"].as_str().unwrap_or("").to_string();
            link = text
                .split_whitespace()
                .find(|w| w.starts_with("http"))
                .map(str::to_string);
        }
        handle
            .block_on(store.finish_job(job.id, later, None, None))
            .unwrap();
    }
    link.expect("an e-mail with a link")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_invites_a_member_who_creates_an_account_and_uses_the_role() {
    let Some((chromium, driver)) = browser() else {
        return;
    };
    let w = World::new().await;
    let site = serve(&w).await;
    let store = w.db.store.clone();
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        let _rt = handle.enter();
        let chrome = Browsers::start(chromium, &driver);

        // Kajaani's admin, in Swedish, invites a newcomer as an editor.
        let admin = chrome.signed_in(&site, "sv", "admin@kajaani.example");
        invite(&admin, &site, "kajaani", NEWCOMER, "Registerredaktör");
        assert_notice(
            &admin,
            "Inbjudan skickades. Personen får rollen när hen tar emot den.",
        );
        assert!(
            admin
                .texts("main table tbody th")
                .contains(&NEWCOMER.to_string())
        );

        // The newcomer opens the link from the e-mail, in English, and creates an account.
        let link = link_mailed_to(&*store, NEWCOMER);
        let path = link
            .split_once("/sv/invitations/")
            .map(|(_, secret)| format!("/en/invitations/{secret}"))
            .expect("an invitation link");
        let newcomer = chrome.visitor();
        newcomer.goto(&site.url(&path));
        assert_heading(&newcomer, "Invitation to aireg");
        assert_shows(&newcomer, "Register editor");
        newcomer.type_into("#new-name", "Noora Uusi");
        newcomer.type_into("#new-password", "lyhyt");
        newcomer.type_into("#new-password2", "lyhyt");
        newcomer.press("main form button[type=submit]");
        assert_eq!(
            newcomer.text("#new-password-error"),
            "Use at least 12 characters."
        );
        newcomer.type_into("#new-name", "");
        newcomer.type_into("#new-password", "pitkä-ja-hyvä-salasana");
        newcomer.type_into("#new-password2", "pitkä-ja-hyvä-salasana");
        newcomer.press("main form button[type=submit]");
        assert_no_errors(&newcomer);
        assert_notice(
            &newcomer,
            "Welcome! You now hold the role you were invited to.",
        );

        // The new editor registers a record.
        register_record(&newcomer, &site, "Kokousmuistioiden tiivistäjä");

        // The link worked once.
        let again = chrome.visitor();
        again.goto(&site.url(&path));
        assert_heading(&again, "This link no longer works");

        // The admin sees the member listed with the role, and their record among Kajaani's.
        admin.goto(&site.url("/sv/staff/orgs/kajaani/members"));
        assert_eq!(roles_of(&admin, "Noora Uusi"), ["Registerredaktör"]);
        admin.goto(&site.url("/sv/staff/systems"));
        assert_shows(&admin, "Kokousmuistioiden tiivistäjä");
    })
    .await
    .expect("browser run");
}

// ---------------------------------------------------------------------------------------------
// Someone who forgot their password sets a new one from the link, and turns on an app
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forgotten_password_is_set_anew_from_the_link_and_a_second_factor_turned_on() {
    let Some((chromium, driver)) = browser() else {
        return;
    };
    let w = World::new().await;
    let site = serve(&w).await;
    let store = w.db.store.clone();
    tokio::task::spawn_blocking(move || {
        let chrome = Browsers::start(chromium, &driver);
        // In Swedish, from the sign-in page.
        let b = chrome.visitor();
        b.goto(&site.url("/sv/login"));
        b.click("a[href$='/password-reset']");
        assert_heading(&b, "Byt lösenord");
        b.type_into("#reset-email", "viewer@kajaani.example");
        b.press("main form button[type=submit]");
        assert_shows(&b, "Om viewer@kajaani.example är adressen till ett konto");

        // The link from the e-mail, in the account's own language (Finnish): a new password,
        // typed twice.
        let link = link_mailed_to(&*store, "viewer@kajaani.example");
        assert!(link.contains("/fi/password-reset/"), "{link}");
        b.goto(&link.replace("http://127.0.0.1:8080", &site.url("")));
        assert_heading(&b, "Valitse uusi salasana");
        b.type_into("#new-password", "ett-nytt-langt-losenord");
        b.type_into("#new-password2", "ett-annat-langt-losenord");
        b.press("main form button[type=submit]");
        assert_eq!(
            b.text("#new-password2-error"),
            "Salasanat eroavat. Kirjoita sama uusi salasana kahdesti."
        );
        b.type_into("#new-password", "ett-nytt-langt-losenord");
        b.type_into("#new-password2", "ett-nytt-langt-losenord");
        b.press("main form button[type=submit]");
        assert_notice(&b, "Salasanasi on asetettu. Kirjaudu sillä sisään.");

        // Signing in with it, then turning an authenticator app on.
        b.type_into("#email", "viewer@kajaani.example");
        b.type_into("#password", "ett-nytt-langt-losenord");
        b.press("form[action$='/login'] button[type=submit]");
        assert_no_errors(&b);
        b.goto(&site.url("/fi/staff/account"));
        b.click("a[href$='/account/second-factor']");
        assert_heading(&b, "Ota todennussovellus käyttöön");
        let secret = b.text("main code.token");
        let now = u64::try_from(aireg_domain::clock::now().unix_timestamp()).unwrap();
        let code = aireg_service::second_factor::code_at(&secret, now).unwrap();
        b.type_into("#code", &code);
        b.press("main form button[type=submit]");
        assert_notice(
            &b,
            "Todennussovellus on käytössä: kirjautuminen kysyy sen koodin.",
        );

        // The link worked once.
        b.goto(&link.replace("http://127.0.0.1:8080", &site.url("")));
        assert_heading(&b, "Linkki ei enää toimi");
    })
    .await
    .expect("browser run");
}

// ---------------------------------------------------------------------------------------------
// A municipality's employee signs in with the municipality's own account (OpenID Connect)
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kajaani_employee_signs_in_with_the_municipalitys_own_account() {
    let Some((chromium, driver)) = browser() else {
        return;
    };
    let w = World::new().await;
    let site = serve(&w).await;
    let accounts = json!({
        "aino": {
            "email": "aino.virtanen@kajaani.fi",
            "email_verified": true,
            "name": "Aino Virtanen",
            "groups": ["kajaani-ai-owners"],
        }
    });
    let Some(idp) = crate::idp::start_idp(&accounts, &site.url("/sso/callback")) else {
        return;
    };
    let issuer = idp.issuer.clone();
    tokio::task::spawn_blocking(move || {
        let chrome = Browsers::start(chromium, &driver);

        // Kajaani's admin, in Finnish, sets the municipality's provider up.
        let admin = chrome.signed_in(&site, "fi", "admin@kajaani.example");
        admin.goto(&site.url("/fi/staff/orgs/kajaani/members"));
        admin.click("a[href$='/sign-in']");
        assert_heading(&admin, "Kirjautuminen: Org kajaani");
        admin.type_into("#sso-issuer", &issuer);
        admin.type_into("#sso-client_id", "aireg-kajaani");
        admin.type_into("#sso-client_secret", "aireg-kajaani-secret");
        admin.type_into("#sso-email_domains", "kajaani.fi");
        admin.type_into("#sso-role_map", "kajaani-ai-owners = system_owner");
        admin.press("form[action$='/sign-in'] button[type=submit]");
        assert_no_errors(&admin);
        assert_notice(&admin, "Tunnistuspalvelu tallennettiin.");

        // Aino, who has no account yet, signs in with her work account, in English.
        let aino = chrome.visitor();
        aino.goto(&site.url("/en/login"));
        aino.type_into("#sso-email", "aino.virtanen@kajaani.fi");
        aino.press("form[action$='/login/sso'] button[type=submit]");
        aino.wait_until("the municipality's sign-in page", |b| {
            b.url().starts_with(&issuer) && b.exists("input[name=login]")
        });
        aino.type_into("input[name=login]", "aino");
        aino.press("button[type=submit]");
        aino.wait_until("back in aireg", |b| {
            b.url().starts_with(&site.url("/en/staff"))
        });
        assert_heading(&aino, "Overview");
        assert!(aino.source().contains("Aino Virtanen"), "signed in as Aino");

        // Her group makes her a system owner in Kajaani: she registers a system there.
        register_record(&aino, &site, "Ainon kokousavustaja");

        // Her account page says how she signed in.
        aino.goto(&site.url("/en/staff/account"));
        assert_shows(&aino, &format!("Identity provider {issuer}"));
    })
    .await
    .expect("browser run");
    drop(idp);
}

// ---------------------------------------------------------------------------------------------
// An employee asks which AI tools she may use
// ---------------------------------------------------------------------------------------------

/// Asks the catalogue's question with the page's form.
fn ask_may_i_use(b: &Browser, tool: &str, class: &str) {
    b.clear("#tool");
    b.type_into("#tool", tool);
    b.choose("#data_class", class);
    b.press("form[action*='/ai-tools#'] button[type=submit]");
    assert_no_errors(b);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employee_asks_which_ai_tools_she_may_use_and_asks_for_a_new_one() {
    let Some((chromium, driver)) = browser() else {
        return;
    };
    let w = World::new().await;
    account(&w, GROUP_MEMBER, &[(&w.kajaani, Role::Approver)]).await;
    let site = serve(&w).await;
    tokio::task::spawn_blocking(move || {
        let chrome = Browsers::start(chromium, &driver);
        // Kajaani's viewer: no part in governance.
        let riikka = chrome.signed_in(&site, "fi", "viewer@kajaani.example");
        riikka.press("nav a[href='/fi/staff/ai-tools']");
        assert_heading(&riikka, "Tekoälytyökalut: Org kajaani");
        assert_shows(&riikka, "Hyväksytyt työkalut");

        // ChatGPT with confidential information: no, with the policy's section.
        ask_may_i_use(&riikka, "ChatGPT", "Salassa pidettävä");
        let answer = riikka.text("#answer-heading");
        assert!(answer.starts_with("Ei: ChatGPT"), "{answer}");
        assert!(riikka.text(".answer").contains("kohdat 7b"), "the section is cited");
        // With public information: yes, on conditions.
        ask_may_i_use(&riikka, "ChatGPT", "Julkinen");
        assert!(
            riikka.text("#answer-heading").starts_with("Kyllä, ehdoin: ChatGPT"),
            "{}",
            riikka.text("#answer-heading")
        );

        // A tool the catalogue lacks: not approved, and she asks for it.
        ask_may_i_use(&riikka, "Kielikone X", "Sisäinen");
        assert!(riikka.text("#answer-heading").starts_with("Ei: Kielikone X"));
        riikka.type_into("#request-purpose", "Kirjaston tiedotteiden käännökset ruotsiksi.");
        riikka.press("form[action$='/ai-tools/request'] button[type=submit]");
        assert_no_errors(&riikka);
        assert_notice(
            &riikka,
            "Pyyntösi tallennettiin luonnoksena rekisteriin ja lähetettiin työkalujen lisäämisestä vastaaville.",
        );
        assert_heading(&riikka, "Kielikone X");

        // The statement for a memo drafted with Copilot names the tool and her.
        riikka.goto(&site.url("/fi/orgs/kajaani/ai-tools"));
        riikka.press("a[href='/fi/orgs/kajaani/ai-tools/disclosure']");
        riikka.type_into("#tool", "Copilot");
        riikka.type_into("#what", "muistion luonnos tehtiin tekoälyllä");
        riikka.press("form[action*='/disclosure'] button[type=submit]");
        assert_no_errors(&riikka);
        let statement = riikka.text(".statement");
        assert!(statement.contains("Copilot"), "{statement}");
        assert!(statement.contains("muistion luonnos"), "{statement}");
        assert!(
            statement.contains(&person_name("viewer@kajaani.example")),
            "the signed-in person by default: {statement}"
        );

        // The privacy and security group finds the request among Kajaani's drafts.
        let group = chrome.signed_in(&site, "fi", GROUP_MEMBER);
        group.goto(&site.url("/fi/staff/systems"));
        assert_shows(&group, "Kielikone X");

        // In Avesta, in Swedish: a public AI service with internal information is no, and the
        // statement for a memo cites the engine and the date of the search as the source.
        let erik = chrome.signed_in(&site, "sv", "editor@avesta.example");
        erik.press("nav a[href='/sv/staff/ai-tools']");
        assert_heading(&erik, "AI-verktyg: Org avesta");
        ask_may_i_use(&erik, "ChatGPT", "Intern");
        let answer = erik.text("#answer-heading");
        assert!(answer.starts_with("Nej: ChatGPT"), "{answer}");
        ask_may_i_use(&erik, "ChatGPT", "Öppen");
        assert!(erik.text("#answer-heading").starts_with("Ja, på villkor: ChatGPT"));
        erik.press("a[href='/sv/orgs/avesta/ai-tools/disclosure']");
        assert!(!erik.exists("#what"), "Avesta's statement asks only for the tool and the date");
        erik.type_into("#tool", "chatgpt");
        erik.press("form[action*='/disclosure'] button[type=submit]");
        assert_no_errors(&erik);
        let statement = erik.text(".statement");
        assert!(statement.starts_with("Källa: ChatGPT, sökdatum "), "{statement}");
    })
    .await
    .expect("browser run");
}
