//! The annual AI report as a board reads it: the PDF's text read back (`pdftotext`, Debian's
//! poppler-utils) names every organisation of the region and gives the register's figures.

use std::process::Command;

mod common;

use common::Installation;

/// The text of a PDF, or `None` when pdftotext is not installed (`AIREG_REQUIRE_PDFTOTEXT=1`,
/// set by CI, makes that a failure).
fn pdf_text(path: &std::path::Path) -> Option<String> {
    match Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
    {
        Ok(out) => {
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8(out.stdout).unwrap())
        }
        Err(_) => {
            assert!(
                std::env::var("AIREG_REQUIRE_PDFTOTEXT").is_err(),
                "AIREG_REQUIRE_PDFTOTEXT is set but pdftotext is not installed"
            );
            eprintln!("skipped: pdftotext (poppler-utils) is not installed");
            None
        }
    }
}

fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_annual_report_names_every_organisation_and_counts_as_the_register() {
    let inst = Installation::new();
    ok(&inst.run(&["demo", "--no-serve"]));
    // The demo's records are made now: this year's report holds them.
    let year = time::OffsetDateTime::now_utc().year().to_string();
    let dir = tempfile::tempdir().unwrap();
    let report = |org: &str, lang: &str, output: &std::path::Path| {
        ok(&inst.run(&[
            "report",
            "--org",
            org,
            "--year",
            &year,
            "--lang",
            lang,
            "--output",
            output.to_str().unwrap(),
        ]))
    };
    let kainuu = dir.path().join("kainuu.pdf");
    report("kainuu", "fi", &kainuu);
    let bytes = std::fs::read(&kainuu).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let Some(text) = pdf_text(&kainuu) else {
        return;
    };
    assert!(
        text.contains(&format!("Tekoälyn vuosiraportti {year}: Kainuu")),
        "{text}"
    );
    for name in [
        "Kainuun liitto",
        "Hyrynsalmen kunta",
        "Kajaanin kaupunki",
        "Kuhmon kaupunki",
        "Paltamon kunta",
        "Puolangan kunta",
        "Ristijärven kunta",
        "Sotkamon kunta",
        "Suomussalmen kunta",
    ] {
        assert!(text.contains(name), "{name} is named: {text}");
    }
    assert!(
        !text.contains("Tekniset palvelut"),
        "units are no rows: a record belongs to its organisation"
    );
    // Tagged for assistive technology, titled, fonts embedded.
    let info = Command::new("pdfinfo").arg(&kainuu).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains(&format!(
            "Title:           Tekoälyn vuosiraportti {year}: Kainuu"
        )),
        "{info}"
    );
    let fonts = Command::new("pdffonts").arg(&kainuu).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes yes ")),
        "embedded and subset: {fonts}"
    );

    // Each organisation's total is its number of records in the register (a staff export).
    let export = inst.run(&["export", "--format", "json", "--org", "kajaani"]);
    ok(&export);
    let register: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    let kajaani_id = register["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["slug"] == "kajaani")
        .map(|o| o["id"].clone())
        .unwrap();
    let kajaani_records = register["systems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["org_id"] == kajaani_id)
        .count();
    assert!(kajaani_records > 0);
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("Kajaanin kaupunki "))
        .unwrap_or_else(|| panic!("Kajaani's row: {text}"));
    let figures: Vec<&str> = row.split_whitespace().skip(2).collect();
    assert_eq!(figures[0], kajaani_records.to_string(), "{row}");
    // Organisations with no records are there with 0.
    let puolanka = text
        .lines()
        .find(|l| l.trim_start().starts_with("Puolangan kunta"))
        .unwrap();
    assert_eq!(puolanka.split_whitespace().nth(2), Some("0"), "{puolanka}");
    // The audit chain's head as it was, so a reader can check the register was not altered.
    let head = text
        .lines()
        .find(|l| l.contains(" · ") && l.split(" · ").nth(1).is_some_and(|h| h.trim().len() == 64));
    assert!(head.is_some(), "the chain's head: {text}");

    // Response times of incidents and residents' feedback are given (a dash when none).
    assert!(
        text.contains("Ensimmäiseen käsittelymerkintään kulunut aika"),
        "{text}"
    );
    assert!(text.contains("Vastausaika, mediaani (vrk)"), "{text}");

    // Avesta, in Swedish.
    let avesta = dir.path().join("avesta.pdf");
    report("avesta", "sv", &avesta);
    let text = pdf_text(&avesta).unwrap();
    assert!(
        text.contains(&format!("AI-årsrapport {year}: Avesta kommun")),
        "{text}"
    );
    assert!(text.contains("Kontrollsumma"), "{text}");
    // A year with more records added than the report lists: the first 200, and how many.
    let many = dir.path().join("many.csv");
    let rows: String = (0..201)
        .map(|i| format!("Vuoden {i:03}. järjestelmä\r\n"))
        .collect();
    std::fs::write(&many, format!("name_fi\r\n{rows}")).unwrap();
    ok(&inst.run(&[
        "import",
        "--format",
        "csv",
        many.to_str().unwrap(),
        "--org",
        "paltamo",
    ]));
    report("kainuu", "fi", &kainuu);
    let text = pdf_text(&kainuu).unwrap();
    let said = text
        .split("Luettelossa ensimmäiset 200 (yhteensä ")
        .nth(1)
        .unwrap_or_else(|| panic!("the list says it is cut: {text}"));
    let total: usize = said
        .split(')')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("a total: {said}"));
    assert!(total >= 201 + kajaani_records, "{total}");

    // No organisation, no report.
    let none = inst.run(&[
        "report",
        "--org",
        "nowhere",
        "--year",
        &year,
        "--output",
        dir.path().join("x.pdf").to_str().unwrap(),
    ]);
    assert!(!none.status.success());
}
