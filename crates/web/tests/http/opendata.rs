//! Open data: the downloads hold one row per published record and nothing else, in CSV, XLSX
//! and JSON with the licence; the change feed; the public API is open to other sites.

use axum::body::{Body, to_bytes};
use axum::http::{Method, Request, StatusCode, header};
use tower::ServiceExt;

use aireg_domain::system::{Field, Visibility};

use crate::harness::World;

/// A world with one more published record whose vendor is internal, and its public count.
async fn world() -> (World, i64) {
    let w = World::new().await;
    let mut r = crate::harness::record("Salainen toimittaja", aireg_domain::Lang::Fi);
    r.vendor = Some("Sisäinen Toimittaja Oy".into());
    r.visibility.insert(Field::Vendor, Visibility::Internal);
    r.summary = aireg_domain::Localized::one(aireg_domain::Lang::Fi, "=HYPERLINK(\"x\")");
    crate::harness::create_system(w.store(), &w.kajaani, r, true).await;
    let total = w.get("/api/v1/public/systems").await.json()["total"]
        .as_i64()
        .unwrap();
    (w, total)
}

#[tokio::test]
async fn the_csv_has_a_row_per_published_record_and_no_internal_field() {
    let (w, total) = world().await;
    assert!(total >= 2);
    let reply = w.get("/api/v1/public/open-data/systems.csv").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.header("content-type").starts_with("text/csv"));
    assert!(
        reply
            .header("link")
            .contains("creativecommons.org/licenses/by/4.0")
    );
    let mut csv = csv::Reader::from_reader(reply.text.as_bytes());
    let header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, aireg_service::opendata::columns());
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(rows.len() as i64, total);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert!(rows.iter().all(|r| &r[col("licence")] == "CC-BY-4.0"));
    assert!(
        rows.iter()
            .any(|r| r[col("id")] == w.published.id.to_string())
    );
    assert!(!reply.text.contains(&w.draft.id.to_string()), "no drafts");
    assert!(
        !reply.text.contains("Sisäinen Toimittaja"),
        "no internal fields"
    );
    // A formula is text to a spreadsheet.
    assert!(
        rows.iter()
            .any(|r| &r[col("summary_fi")] == "'=HYPERLINK(\"x\")")
    );

    // One organisation's download has its rows only; a wrong one is named.
    let avesta = w
        .get("/api/v1/public/open-data/systems.csv?org=avesta")
        .await;
    assert_eq!(avesta.text.lines().count(), 1, "the header only");
    assert!(
        avesta
            .header("content-disposition")
            .contains("aireg-systems-avesta.csv")
    );
    w.get("/api/v1/public/open-data/systems.csv?org=nowhere")
        .await
        .assert_problem(400, Some("org"));
    w.get("/api/v1/public/open-data/systems.pdf")
        .await
        .assert_problem(404, None);
}

#[tokio::test]
async fn the_json_and_the_workbook_hold_the_same_rows() {
    let (w, total) = world().await;
    let json = w.get("/api/v1/public/open-data/systems.json").await.json();
    assert_eq!(json["licence"], "CC-BY-4.0");
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len() as i64, total);
    assert_eq!(
        json["columns"].as_array().unwrap().len(),
        items[0].as_object().unwrap().len()
    );

    let res = w
        .app
        .clone()
        .oneshot(
            Request::get("/api/v1/public/open-data/systems.xlsx")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = to_bytes(res.into_body(), 1 << 24).await.unwrap();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = book.worksheet_range("AI systems").unwrap();
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(
        rows.len() as i64,
        total + 1,
        "a header and a row per record"
    );
    assert_eq!(rows[0][0].to_string(), "id");
    let ids: Vec<String> = rows[1..].iter().map(|r| r[0].to_string()).collect();
    let json_ids: Vec<String> = items
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, json_ids, "the same records in the same order");
}

#[tokio::test]
async fn the_feed_lists_published_changes_newest_first() {
    let (w, total) = world().await;
    let reply = w.get("/api/v1/public/feed.atom?lang=fi").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply
            .header("content-type")
            .starts_with("application/atom+xml")
    );
    assert_eq!(reply.text.matches("<entry>").count() as i64, total);
    let newest = reply.text.find("Salainen toimittaja").unwrap();
    let older = reply.text.find("Neuvontabotti").unwrap();
    assert!(newest < older, "newest first");
    assert!(!reply.text.contains(&w.draft.id.to_string()));
    w.get("/api/v1/public/feed.atom?lang=de")
        .await
        .assert_problem(400, Some("lang"));
}

#[tokio::test]
async fn the_public_api_is_open_to_other_sites_and_the_rest_is_not() {
    let w = World::new().await;
    let public = w.get("/api/v1/public/systems").await;
    assert_eq!(public.header("access-control-allow-origin"), "*");
    let preflight = w
        .send(
            Request::builder()
                .method(Method::OPTIONS)
                .uri("/api/v1/public/systems")
                .header("origin", "https://example.org")
                .header("access-control-request-method", "GET")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(preflight.status, StatusCode::NO_CONTENT);
    assert_eq!(preflight.header("access-control-allow-methods"), "GET");
    let staff = w.get("/api/v1/systems").await;
    assert!(
        staff
            .headers
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .is_none()
    );
    let page = w.get("/fi/").await;
    assert!(
        page.headers
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .is_none()
    );
}

#[tokio::test]
async fn the_open_data_and_api_pages_link_the_downloads_in_every_language() {
    let w = World::new().await;
    for (lang, heading) in [
        ("fi", "Avoin data"),
        ("sv", "Öppna data"),
        ("en", "Open data"),
    ] {
        let page = w.get(&format!("/{lang}/open-data")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains(&format!("<h1>{heading}</h1>")), "{lang}");
        assert!(
            page.text
                .contains("/api/v1/public/open-data/systems.csv?org=kajaani")
        );
        let api = w.get(&format!("/{lang}/api")).await;
        assert!(api.text.contains("GET /api/v1/public/systems"), "{lang}");
    }
    // The footer of every page leads to them.
    assert!(w.get("/sv/").await.text.contains("href=\"/sv/open-data\""));
}

#[tokio::test]
async fn the_standards_are_public_downloads() {
    let (w, total) = world().await;
    let nl = w
        .get("/api/v1/public/standards/nl-algoritmeregister.json")
        .await;
    assert_eq!(nl.status, StatusCode::OK);
    let records = nl.json();
    assert_eq!(records.as_array().unwrap().len() as i64, total);
    assert!(
        records
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["language"] == "nld")
    );
    assert!(
        !nl.text.contains("Sisäinen Toimittaja"),
        "no internal fields"
    );
    let avesta = w
        .get("/api/v1/public/standards/nl-algoritmeregister.json?org=avesta")
        .await
        .json();
    assert_eq!(avesta.as_array().unwrap().len(), 0);
    let dcat = w.get("/api/v1/public/standards/dcat-ap.ttl").await;
    assert!(dcat.header("content-type").starts_with("text/turtle"));
    assert!(dcat.text.contains("a dcat:Catalog"));
    let eu = w.get("/api/v1/public/standards/eu-database.json").await;
    assert_eq!(
        eu.json(),
        serde_json::json!([]),
        "no high-risk record in this world"
    );
    let atrs = w.get("/api/v1/public/standards/atrs.json").await;
    assert_eq!(atrs.status, StatusCode::OK);
    let records = atrs.json();
    assert_eq!(records.as_array().unwrap().len() as i64, total);
    assert!(
        records
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["standard_version"] == "v3.0" && r["website_url"].is_string())
    );
    assert!(
        !atrs.text.contains("Sisäinen Toimittaja"),
        "no internal fields"
    );
    for wrong in [
        "dcat-ap.json",
        "nl-algoritmeregister.ttl",
        "atrs.ttl",
        "uk.json",
    ] {
        w.get(&format!("/api/v1/public/standards/{wrong}"))
            .await
            .assert_problem(404, None);
    }
}
