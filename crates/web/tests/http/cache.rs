//! The public answers kept in memory: a change to the register, made anywhere, is seen by the
//! next request; a signed-in person never gets a visitor's page, nor a visitor theirs.

use crate::harness::*;
use aireg_domain::Lang;

#[tokio::test]
async fn a_kept_answer_is_never_older_than_the_register() {
    let w = World::new().await;
    let first = w.get("/fi/").await;
    assert!(first.text.contains("Neuvontabotti"));
    let again = w.get("/fi/").await;
    assert_eq!(first.text, again.text, "the same register, the same page");
    assert_ne!(
        first.header("x-request-id"),
        again.header("x-request-id"),
        "a kept answer still gets its own request id"
    );
    let api = w.get("/api/v1/public/systems").await.json();
    // A change made past this instance (the command line, another instance): the next
    // request sees it.
    create_system(
        w.store(),
        &w.kajaani,
        record("Lumiauraennuste", Lang::Fi),
        true,
    )
    .await;
    assert!(w.get("/fi/").await.text.contains("Lumiauraennuste"));
    let after = w.get("/api/v1/public/systems").await.json();
    assert_eq!(
        after["total"].as_i64().unwrap(),
        api["total"].as_i64().unwrap() + 1
    );
}

#[tokio::test]
async fn signed_in_and_visitors_get_their_own_pages() {
    let w = World::new().await;
    let visitor = w.get("/fi/").await;
    let session = w.sign_in("editor@kajaani.example").await;
    let staff = w.page("/fi/", &session.cookie).await;
    assert!(staff.text.contains("Kirjaudu ulos"), "the staff's own page");
    assert!(!visitor.text.contains("Kirjaudu ulos"));
    assert!(!w.get("/fi/").await.text.contains("Kirjaudu ulos"));
}

#[tokio::test]
async fn a_record_page_with_its_feedback_form_is_made_for_each_visit() {
    let w = World::new().await;
    let path = format!("/fi/systems/{}", w.published.id);
    let first = w.get(&path).await;
    assert_eq!(first.header("cache-control"), "no-store");
    let token = |text: &str| {
        text.split("name=\"form_token\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default()
            .to_string()
    };
    assert!(!token(&first.text).is_empty());
    // A second later the form is given again, with the time of this visit.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let again = w.get(&path).await;
    assert_ne!(token(&first.text), token(&again.text));
    // The page is kept with a slot where the token goes, filled for each visit: neither the
    // slot nor the header that names the record is ever sent.
    for page in [&first, &again] {
        assert!(!page.text.contains("aireg-form-token-slot"));
        assert_eq!(page.header("x-aireg-form-token-for"), "");
    }
    let session = w.sign_in("editor@kajaani.example").await;
    let staff = w.page(&path, &session.cookie).await;
    assert!(!token(&staff.text).is_empty());
    assert!(!staff.text.contains("aireg-form-token-slot"));
}
