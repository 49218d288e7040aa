//! What goes to the board: the governance overview's figures as charts, as tables of the same
//! figures and as CSV, every organisation below counted, those with no records too.

use axum::http::StatusCode;

use aireg_domain::Lang;
use aireg_domain::org::{Country, OrgKind};

use crate::harness::{World, org};

#[tokio::test]
async fn the_overview_draws_its_figures_and_gives_them_as_csv() {
    let w = World::new().await;
    // A member municipality with no records yet.
    let kainuu = w
        .store()
        .organisation_by_slug("kainuu")
        .await
        .unwrap()
        .unwrap();
    org(
        w.store(),
        "paltamo",
        OrgKind::Municipality,
        Some(&kainuu),
        Country::FI,
        Lang::Fi,
    )
    .await;
    let group = w.sign_in(&w.working_group.user.email).await;
    let page = w
        .page("/en/staff/orgs/kainuu/governance", &group.cookie)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let figures = page
        .text
        .split("id=\"figures-heading\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap();
    // Three charts, each named by its heading and followed by its table.
    assert_eq!(
        figures.matches("<svg class=\"chart\" role=\"img\"").count(),
        3,
        "{figures}"
    );
    assert!(figures.contains("aria-labelledby=\"chart-orgs\""));
    assert!(
        figures.contains("<th scope=\"row\">Org paltamo</th><td>0</td>"),
        "{figures}"
    );
    assert!(
        figures.contains("<th scope=\"row\">Org kajaani</th><td>2</td>"),
        "{figures}"
    );
    assert!(
        page.text.contains("Org paltamo"),
        "listed in the table of organisations too"
    );

    let csv = w
        .page(
            "/en/staff/orgs/kainuu/governance/figures.csv",
            &group.cookie,
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert!(csv.header("content-disposition").contains("aireg-kainuu-"));
    let lines: Vec<&str> = csv.text.lines().collect();
    assert!(
        lines[0].starts_with("\u{feff}Organisation,Systems,Idea,"),
        "{}",
        lines[0]
    );
    let kajaani = lines
        .iter()
        .find(|l| l.starts_with("Org kajaani,"))
        .unwrap();
    assert!(kajaani.starts_with("Org kajaani,2,"), "{kajaani}");
    assert!(lines.iter().any(|l| l.starts_with("Org paltamo,0,")));
    // The columns add up to the total: every record has one state and one category.
    let cells: Vec<usize> = kajaani
        .split(',')
        .skip(1)
        .map(|c| c.parse().unwrap())
        .collect();
    let states = aireg_domain::system::Lifecycle::ALL.len();
    assert_eq!(cells[1..=states].iter().sum::<usize>(), cells[0]);
    assert_eq!(cells[states + 1..].iter().sum::<usize>(), cells[0]);

    // Another organisation's people get neither.
    let outsider = w.sign_in(&w.avesta_admin.user.email).await;
    assert_eq!(
        w.page(
            "/en/staff/orgs/kainuu/governance/figures.csv",
            &outsider.cookie
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_overview_offers_the_annual_report_as_a_pdf() {
    let w = World::new().await;
    let group = w.sign_in(&w.working_group.user.email).await;
    let page = w
        .page("/fi/staff/orgs/kainuu/governance", &group.cookie)
        .await;
    assert!(
        page.text
            .contains("/fi/staff/orgs/kainuu/governance/report.pdf")
    );
    let year = aireg_domain::clock::now().year();
    let pdf = w
        .page(
            &format!("/sv/staff/orgs/kainuu/governance/report.pdf?year={year}"),
            &group.cookie,
        )
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.header("content-type"), "application/pdf");
    assert!(
        pdf.header("content-disposition")
            .contains(&format!("aireg-kainuu-{year}-sv.pdf"))
    );
    let bad = w
        .page(
            "/fi/staff/orgs/kainuu/governance/report.pdf?year=tänään",
            &group.cookie,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}
