//! The demo register exported as open data and in the record standards by the real binary, each
//! checked against the standard's official files: the Dutch register's JSON schema
//! (MinBZK `schema.json`) and SEMIC's DCAT-AP 3.0.1 SHACL shapes (run with pyshacl, which CI
//! installs; `AIREG_REQUIRE_SHACL=1` makes its absence a failure).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_aireg");

fn standards() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/standards")
}

/// A demo database in a temporary folder.
struct Demo {
    dir: tempfile::TempDir,
}

impl Demo {
    fn new() -> Demo {
        let dir = tempfile::tempdir().unwrap();
        let demo = Demo { dir };
        let out = demo.aireg(&["demo", "--no-serve"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        demo
    }

    fn aireg(&self, args: &[&str]) -> std::process::Output {
        Command::new(BIN)
            .arg("--data-dir")
            .arg(self.dir.path())
            .args(args)
            .env_remove("DATABASE_URL")
            .env_remove("AIREG_SMTP_URL")
            .env_remove("AIREG_PUBLIC_URL")
            .output()
            .unwrap()
    }

    /// Exports `format` into a file and returns the file and what the command said.
    fn export(&self, format: &str) -> (PathBuf, String) {
        let file = self.dir.path().join(format!("export.{format}"));
        let out = self.aireg(&[
            "export",
            "--format",
            format,
            "--public-url",
            "https://register.example.fi",
            "--output",
            file.to_str().unwrap(),
        ]);
        let said = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success(), "{said}");
        (file, said)
    }
}

#[test]
fn the_standards_exports_conform_to_their_official_files() {
    let demo = Demo::new();

    // Open data: one row per published record.
    let (csv_file, said) = demo.export("csv");
    let rows = csv::Reader::from_path(&csv_file).unwrap().records().count();
    assert!(
        said.contains(&format!("{rows} published records exported")),
        "{said}"
    );
    assert!(rows >= 20, "{rows}");

    // The Dutch register: every record valid against the official schema.
    let (nl, said) = demo.export("nl-algoritmeregister");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(standards().join("nl-algoritmeregister/schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft7::new(&schema).expect("the official schema compiles");
    let records: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&nl).unwrap()).unwrap();
    assert_eq!(records.len(), rows, "the same published records");
    for r in &records {
        let problems: Vec<String> = validator.iter_errors(r).map(|e| e.to_string()).collect();
        assert!(problems.is_empty(), "{}: {problems:?}", r["name"]);
        assert_eq!(r["schema"], "1.0.0");
    }
    // What the standard cannot carry is said, not dropped in silence.
    assert!(
        said.contains("considerations: aireg keeps no such field"),
        "{said}"
    );
    assert!(
        said.contains("language: the standard allows only Dutch"),
        "{said}"
    );
    // One organisation's export holds its records only.
    let out = demo.aireg(&[
        "export",
        "--format",
        "nl-algoritmeregister",
        "--org",
        "avesta",
    ]);
    let avesta: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!avesta.is_empty() && avesta.len() < records.len());
    assert!(
        avesta
            .iter()
            .all(|r| r["organization"].as_str().unwrap().contains("Avesta"))
    );

    // Eurocities v0.3.1: every required attribute present, every enumeration one of its values
    // (the standard's own JSON schema cannot be used: it marks `required` in a way JSON Schema
    // does not allow).
    let (euro, said) = demo.export("eurocities");
    let records: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&euro).unwrap()).unwrap();
    assert_eq!(records.len(), rows);
    let required = [
        "name",
        "description_short",
        "organization",
        "department",
        "contact_email",
        "area",
        "domain",
        "status",
        "decision_making_process",
        "goal",
        "impact",
        "risks",
        "proportionality",
        "lawful_basis",
        "training_data",
        "source_data",
        "connected_data_sources",
        "description",
        "monitoring",
        "human_intervention",
        "objection_procedure",
        "standard_version",
        "lang",
        "publication_date",
        "last_change_date",
        "revision_date",
    ];
    let enums: [(&str, &[&str]); 4] = [
        (
            "status",
            &[
                "planned",
                "design",
                "development",
                "pilot",
                "evaluation",
                "operational",
                "retired",
            ],
        ),
        (
            "risk_category",
            &["minimal risk", "limited risk", "high risk", "unacceptable"],
        ),
        ("algorithm_type", &["self-learning", "rule-based", "hybrid"]),
        (
            "domain",
            &[
                "taxes",
                "housing, living and living environment",
                "culture, sports and leisure",
                "defence",
                "economy and entrepreneurship",
                "family, youth and households",
                "finance",
                "generic",
                "health and health care",
                "immigration and integration",
                "international collaboration and development aid",
                "agriculture, nature and food",
                "environment, spacial planning and water",
                "education and science",
                "public safety",
                "government",
                "justice",
                "travel, living and working abroad",
                "subsidies, benefits and allowances",
                "traffic and transportation",
                "work and career",
            ],
        ),
    ];
    for r in &records {
        for key in required {
            assert!(r[key].is_string(), "{}: {key} missing", r["name"]);
        }
        for (key, allowed) in enums {
            if let Some(v) = r.get(key) {
                assert!(allowed.contains(&v.as_str().unwrap()), "{key}: {v}");
            }
        }
        assert_eq!(r["standard_version"], "0.3.1");
    }
    assert!(
        said.contains("objection_procedure: aireg keeps no such field"),
        "{said}"
    );

    // The UK ATRS: exactly the official v3.0 template's attributes, and every facet value one
    // GOV.UK's finder allows.
    let (atrs, said) = demo.export("atrs");
    let records: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&atrs).unwrap()).unwrap();
    assert_eq!(records.len(), rows);
    let table = std::fs::read_to_string(standards().join("atrs/v3.0_template_table.md")).unwrap();
    let attributes: std::collections::BTreeSet<String> = table
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            (cells.len() >= 8 && cells[0].starts_with(|c: char| c.is_ascii_digit()))
                .then(|| cells[1].replace("<br>", "").trim().to_string())
        })
        .collect();
    assert_eq!(attributes.len(), 64, "65 rows, `phase` twice");
    let finder: Value = serde_json::from_str(
        &std::fs::read_to_string(
            standards().join("atrs/govuk_finder_schema_algorithmic_transparency_records.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let allowed = |facet: &str| -> Vec<String> {
        finder["facets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["key"] == format!("algorithmic_transparency_record_{facet}"))
            .unwrap()["allowed_values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["value"].as_str().unwrap().to_string())
            .collect()
    };
    for r in &records {
        let keys: std::collections::BTreeSet<String> =
            r.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, attributes);
        for facet in ["phase", "region", "function", "organisation_type"] {
            if let Some(v) = r[facet].as_str() {
                assert!(allowed(facet).contains(&v.to_string()), "{facet}: {v}");
            }
        }
        assert_eq!(r["standard_version"], "v3.0");
        assert!(r["name"].as_str().is_some_and(|n| !n.is_empty()));
        assert!(
            r["website_url"]
                .as_str()
                .unwrap()
                .starts_with("https://register.example.fi/")
        );
    }
    assert!(
        said.contains("senior_responsible_owner: aireg keeps no such field"),
        "{said}"
    );

    // The EU database: high-risk uses only, each with its gaps named.
    let (eu, said) = demo.export("eu-database");
    let entries: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&eu).unwrap()).unwrap();
    assert!(!entries.is_empty());
    assert!(entries.iter().all(|e| e["c1_deployer"]["name"].is_string()));
    assert!(said.contains("C2 submitted by"), "{said}");

    // An organisation may name another licence: its rows, its download and its datasets say so.
    let out = demo.aireg(&["org", "licence", "--slug", "avesta", "--licence", "CC0-1.0"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bad = demo.aireg(&["org", "licence", "--slug", "avesta", "--licence", "MIT"]);
    assert!(!bad.status.success(), "an unknown licence is refused");
    let (csv_file, said) = demo.export("csv");
    assert!(
        said.contains("licence CC-BY-4.0"),
        "the whole register's default: {said}"
    );
    let licences: Vec<(String, String)> = csv_rows(&csv_file)
        .into_iter()
        .map(|r| (r["organisation"].clone(), r["licence"].clone()))
        .collect();
    assert!(
        licences
            .iter()
            .any(|(o, l)| o == "avesta" && l == "CC0-1.0")
    );
    assert!(
        licences
            .iter()
            .all(|(o, l)| o == "avesta" || l == "CC-BY-4.0")
    );

    // DCAT-AP: conforms to the official shapes.
    let (ttl, _) = demo.export("dcat-ap");
    let text = std::fs::read_to_string(&ttl).unwrap();
    assert!(text.contains("https://register.example.fi/api/v1/public/open-data/systems.csv"));
    assert!(
        text.contains("dct:license <http://publications.europa.eu/resource/authority/licence/CC0>")
    );
    shacl(&ttl);
}

/// Validates Turtle with pyshacl against the DCAT-AP 3.0.1 shapes: the mandatory shapes must
/// hold with no result at all; with the recommended and vocabulary shapes too, only warnings
/// may remain (a municipality is not in the EU's list of corporate bodies).
fn shacl(data: &Path) {
    let available = Command::new("pyshacl")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        assert!(
            std::env::var_os("AIREG_REQUIRE_SHACL").is_none(),
            "AIREG_REQUIRE_SHACL is set but pyshacl is missing: pip install pyshacl"
        );
        eprintln!("pyshacl is not installed: the DCAT-AP shapes were not checked");
        return;
    }
    let shapes = standards().join("dcat-ap/modular");
    let dir = tempfile::tempdir().unwrap();
    let join = |files: &[&str], name: &str| {
        let mut all = String::new();
        for f in files {
            all.push_str(&std::fs::read_to_string(shapes.join(f)).unwrap());
            all.push('\n');
        }
        let path = dir.path().join(name);
        std::fs::write(&path, all).unwrap();
        path
    };
    let mandatory = join(
        &["shapes.ttl", "range.ttl", "deprecateduris.ttl"],
        "base.ttl",
    );
    let full = join(
        &[
            "shapes.ttl",
            "range.ttl",
            "shapes_recommended.ttl",
            "deprecateduris.ttl",
            "mdr-vocabularies.shape.ttl",
        ],
        "full.ttl",
    );
    for (shapes, allow_warnings) in [(&mandatory, false), (&full, true)] {
        let mut cmd = Command::new("pyshacl");
        if allow_warnings {
            cmd.arg("-w");
        }
        let out = cmd
            .arg("-s")
            .arg(shapes)
            .args(["-df", "turtle"])
            .arg(data)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && report.contains("Conforms: True"),
            "{}: {report}",
            shapes.display()
        );
    }
}

/// The rows of a CSV export, by column name.
fn csv_rows(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

fn write_csv(path: &Path, rows: &[std::collections::BTreeMap<String, String>]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    let header: Vec<&String> = rows[0].keys().collect();
    w.write_record(&header).unwrap();
    for r in rows {
        w.write_record(r.values()).unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn an_export_imports_back_and_comes_out_equal() {
    let demo = Demo::new();
    let export = |name: &str, format: &str| {
        let file = demo.dir.path().join(name);
        let out = demo.aireg(&[
            "export",
            "--format",
            format,
            "--org",
            "kajaani",
            "--output",
            file.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        file
    };
    let import = |file: &Path, format: &str, extra: &[&str]| {
        let mut args = vec![
            "import",
            "--format",
            format,
            file.to_str().unwrap(),
            "--org",
            "kajaani",
        ];
        args.extend_from_slice(extra);
        let out = demo.aireg(&args);
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };

    // The register's own export, read back: every record matched by its id, none changed.
    for (format, name) in [
        ("csv", "a.csv"),
        ("xlsx", "a.xlsx"),
        ("nl-algoritmeregister", "a.json"),
        ("eurocities", "e.json"),
        ("atrs", "t.json"),
    ] {
        let file = export(name, format);
        let (ok, said) = import(&file, format, &["--dry-run"]);
        assert!(ok, "{said}");
        assert!(
            said.contains("New: 0, changed: 0, unchanged: 5"),
            "{format}: {said}"
        );
        assert!(said.contains("matched by its id"), "{said}");
    }

    // As new records (no ids, other names): created, published, and exported as they came.
    let original = csv_rows(&export("a.csv", "csv"));
    let mut copies = original.clone();
    for r in &mut copies {
        r.insert("id".into(), String::new());
        let name = format!("{} (kopio)", r["name_fi"]);
        r.insert("name_fi".into(), name);
    }
    let copies_file = demo.dir.path().join("copies.csv");
    write_csv(&copies_file, &copies);
    let (ok, said) = import(&copies_file, "csv", &["--dry-run", "--lang", "fi"]);
    assert!(ok, "{said}");
    assert!(said.contains("Uusia: 5"), "{said}");
    assert!(said.contains("koeajo"), "{said}");
    let (ok, said) = import(&copies_file, "csv", &[]);
    assert!(ok, "{said}");
    assert!(said.contains("The import was saved."), "{said}");
    let after = csv_rows(&export("b.csv", "csv"));
    assert_eq!(after.len(), original.len() + 5);
    let own = [
        "id",
        "url",
        "first_published",
        "updated",
        "version",
        "ai_act_category",
    ];
    for copy in &copies {
        let found = after
            .iter()
            .find(|r| r["name_fi"] == copy["name_fi"])
            .unwrap_or_else(|| panic!("{} was imported", copy["name_fi"]));
        for (column, value) in copy {
            if !own.contains(&column.as_str()) {
                assert_eq!(&found[column], value, "{}: {column}", copy["name_fi"]);
            }
        }
    }
    // The same file again updates nothing and duplicates nothing (matched by name).
    let (ok, said) = import(&copies_file, "csv", &[]);
    assert!(ok, "{said}");
    assert!(said.contains("New: 0, changed: 0, unchanged: 5"), "{said}");
    assert!(said.contains("matched by its name"), "{said}");

    // A file with a few columns changes those only: what it does not carry stays.
    let few = demo.dir.path().join("few.csv");
    std::fs::write(
        &few,
        format!(
            "id,name_fi\r\n{},{} (uusi nimi)\r\n",
            original[0]["id"], original[0]["name_fi"]
        ),
    )
    .unwrap();
    let (ok, said) = import(&few, "csv", &["--dry-run"]);
    assert!(ok, "{said}");
    assert!(
        said.contains("changes name_fi\n") || said.trim_end().contains("changes name_fi"),
        "{said}"
    );
    assert!(!said.contains("summary_fi"), "{said}");
    // Two rows for one record are a mistake, not two saves.
    let twice = demo.dir.path().join("twice.csv");
    std::fs::write(
        &twice,
        format!("id,name_fi\r\n{id},A\r\n{id},B\r\n", id = original[0]["id"]),
    )
    .unwrap();
    let (ok, said) = import(&twice, "csv", &["--dry-run"]);
    assert!(!ok, "{said}");
    assert!(
        said.contains("another row of the file is for the same record"),
        "{said}"
    );

    // A workbook whose two cells lie a million rows apart is refused, not read into memory.
    let wide = demo.dir.path().join("wide.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "name_fi").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    book.save(&wide).unwrap();
    let (ok, said) = import(&wide, "xlsx", &["--dry-run"]);
    assert!(!ok, "{said}");
    assert!(said.contains("XLSX: the sheet spans more than"), "{said}");

    // A date typed into Excel is a date cell, not text: it is read as its date.
    let dated = demo.dir.path().join("dated.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "id").unwrap();
    sheet.write_string(0, 1, "start_date").unwrap();
    sheet.write_string(0, 2, "name_fi").unwrap();
    sheet.write_string(1, 0, &original[0]["id"]).unwrap();
    sheet.write_string(1, 2, &original[0]["name_fi"]).unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 3, 1).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("d.m.yyyy");
    sheet
        .write_datetime_with_format(1, 1, &date, &format)
        .unwrap();
    book.save(&dated).unwrap();
    let (ok, said) = import(&dated, "xlsx", &[]);
    assert!(ok, "{said}");
    let row = csv_rows(&export("dated.csv", "csv"))
        .into_iter()
        .find(|r| r["id"] == original[0]["id"])
        .unwrap();
    assert_eq!(row["start_date"], "2024-03-01");

    // A malformed file names row and column and changes nothing.
    let mut broken = copies.clone();
    broken[1].insert("lifecycle".into(), "live".into());
    broken[2].insert("start_date".into(), "2026-13-01".into());
    broken[3].insert("name_fi".into(), "Uusi rivi".into());
    let broken_file = demo.dir.path().join("broken.csv");
    write_csv(&broken_file, &broken);
    let (ok, said) = import(&broken_file, "csv", &[]);
    assert!(!ok, "{said}");
    assert!(
        said.contains("Row 3:") && said.contains("✗ lifecycle: "),
        "{said}"
    );
    assert!(
        said.contains("Row 4:") && said.contains("✗ start_date: "),
        "{said}"
    );
    assert!(said.contains("Nothing was saved"), "{said}");
    assert_eq!(
        csv_rows(&export("c.csv", "csv")).len(),
        after.len(),
        "nothing saved"
    );
    // With --partial the good rows are saved: the new one is created.
    let (ok, said) = import(&broken_file, "csv", &["--partial"]);
    assert!(!ok, "the bad rows are still reported");
    assert!(said.contains("The import was saved."), "{said}");
    assert_eq!(csv_rows(&export("d.csv", "csv")).len(), after.len() + 1);
}

#[test]
fn the_official_atrs_example_and_a_broken_record_import_as_they_should() {
    let demo = Demo::new();
    let import = |file: &Path, extra: &[&str]| {
        let mut args = vec![
            "import",
            "--format",
            "atrs",
            file.to_str().unwrap(),
            "--org",
            "kajaani",
        ];
        args.extend_from_slice(extra);
        let out = demo.aireg(&args);
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };
    // GOV.UK's own example of a record in the Content API: its title names the tool after the
    // organisation, its body is the record's text, its facets give area and phase.
    let example = standards()
        .join("atrs/examples/govuk_content_item_example_algorithmic_transparency_record.json");
    let (ok, said) = import(&example, &["--dry-run"]);
    assert!(ok, "{said}");
    assert!(said.contains("Related Links"), "{said}");
    assert!(said.contains("New: 1"), "{said}");
    let (ok, said) = import(&example, &[]);
    assert!(ok, "{said}");
    assert!(said.contains("The import was saved."), "{said}");
    let out = demo.aireg(&["export", "--format", "json", "--org", "kajaani"]);
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = all.to_string();
    assert!(text.contains("node2vec"), "the body became the description");
    assert!(
        text.contains("general_public_services"),
        "the function became the area"
    );
    // Again: matched by its name, nothing new.
    let (ok, said) = import(&example, &["--dry-run"]);
    assert!(ok, "{said}");
    assert!(said.contains("New: 0"), "{said}");
    assert!(said.contains("matched by its name"), "{said}");

    // A body in Markdown with numbered headings, as govspeak has it; a phase GOV.UK does not
    // know names its row and column, and nothing is saved.
    let broken = demo.dir.path().join("broken-atrs.json");
    std::fs::write(
        &broken,
        serde_json::to_vec(&serde_json::json!([
            {
                "title": "Kainuu: Parking assistant",
                "description": "Suggests free parking places.",
                "details": {
                    "body": "## Tier 1\n\n### 1.2 - Description\n\nIt suggests places.\n\n### 2.2.3 - Benefit\n\nLess driving around.\n",
                    "metadata": { "algorithmic_transparency_record_phase": "production" }
                }
            },
            { "name": "Queue forecast", "phase": "live" }
        ]))
        .unwrap(),
    )
    .unwrap();
    let (ok, said) = import(&broken, &[]);
    assert!(!ok, "{said}");
    assert!(
        said.contains("Row 2:") && said.contains("✗ phase: "),
        "{said}"
    );
    assert!(said.contains("Nothing was saved"), "{said}");
    let (_, said) = import(&broken, &["--dry-run"]);
    assert!(said.contains("Parking assistant"), "{said}");
}

#[test]
fn a_region_imports_the_records_of_its_members_in_one_file() {
    let demo = Demo::new();
    let file = demo.dir.path().join("region.csv");
    std::fs::write(
        &file,
        "organisation,name_fi,summary_fi\r\n\
         kajaani,Alueen tuonti A,Yksi\r\n\
         sotkamo,Alueen tuonti B,Kaksi\r\n\
         kainuu,Alueen tuonti C,Kolme\r\n",
    )
    .unwrap();
    let run = |org: &str, extra: &[&str]| {
        let mut args = vec![
            "import",
            "--format",
            "csv",
            file.to_str().unwrap(),
            "--org",
            org,
        ];
        args.extend_from_slice(extra);
        let out = demo.aireg(&args);
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };
    let (ok, said) = run("kainuu", &[]);
    assert!(ok, "{said}");
    assert!(said.contains("New: 3"), "{said}");
    let out = demo.aireg(&["export", "--format", "json", "--org", "sotkamo"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Alueen tuonti B"));
    // Again: each row matched by its name in its own organisation.
    let (ok, said) = run("kainuu", &["--dry-run"]);
    assert!(ok, "{said}");
    assert!(said.contains("New: 0, changed: 0, unchanged: 3"), "{said}");
    // A municipality cannot import for its region or a neighbour.
    let (ok, said) = run("kajaani", &["--dry-run"]);
    assert!(!ok, "{said}");
    assert!(
        said.contains("Row 3:") && said.contains("✗ organisation: "),
        "{said}"
    );
    assert!(said.contains("Row 4:"), "{said}");
}
