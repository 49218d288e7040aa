//! `aireg synth`: a synthetic national register for the benchmark (`bench/run.sh`). Creates
//! 300 organisations (a national root, 20 regions, 279 municipalities) and writes N records as
//! an import file in the open data's columns, one row per record, spread over the
//! municipalities. Deterministic: the same N gives the same file. Texts are Finnish of the
//! length real records have, with a Swedish version for every third record and an English one
//! for every fifth; four in five records say they are published.

use std::io::Write;

use anyhow::Context;

use aireg_domain::org::{Country, NewOrganisation, OrgKind};
use aireg_domain::{Lang, Localized};
use aireg_service::Services;

use crate::cli::SynthArgs;
use crate::people::operator;

const REGIONS: usize = 20;
const MUNICIPALITIES: usize = 279;

/// The national root's slug: import the file into it.
pub const ROOT: &str = "synth";

const SERVICES: &[(&str, &str, &str)] = &[
    ("kirjasto", "bibliotek", "library"),
    ("koulu", "skola", "school"),
    (
        "varhaiskasvatus",
        "småbarnspedagogik",
        "early childhood education",
    ),
    ("kotihoito", "hemvård", "home care"),
    ("terveysasema", "hälsostation", "health centre"),
    ("sosiaalityö", "socialt arbete", "social work"),
    ("rakennusvalvonta", "byggnadstillsyn", "building control"),
    (
        "katujen kunnossapito",
        "gatuunderhåll",
        "street maintenance",
    ),
    ("jätehuolto", "avfallshantering", "waste management"),
    ("vesihuolto", "vattenförsörjning", "water supply"),
    ("pysäköinti", "parkering", "parking"),
    ("asiakaspalvelu", "kundtjänst", "customer service"),
    ("talous", "ekonomi", "finance"),
    ("henkilöstö", "personal", "human resources"),
    ("viestintä", "kommunikation", "communications"),
    ("nuorisotyö", "ungdomsarbete", "youth work"),
    ("liikunta", "idrott", "sports"),
    ("kulttuuri", "kultur", "culture"),
];

const THINGS: &[(&str, &str, &str)] = &[
    ("neuvontabotti", "chattbot", "chatbot"),
    ("suosittelu", "rekommendation", "recommendation"),
    ("ennuste", "prognos", "forecast"),
    ("luokittelu", "klassificering", "classification"),
    ("tekstintunnistus", "textigenkänning", "text recognition"),
    ("konekäännös", "maskinöversättning", "machine translation"),
    ("puheentunnistus", "taligenkänning", "speech recognition"),
    ("reittioptimointi", "ruttoptimering", "route optimisation"),
    ("riskiarvio", "riskbedömning", "risk assessment"),
    ("tiivistelmä", "sammanfattning", "summarisation"),
    ("aikataulutus", "schemaläggning", "scheduling"),
    ("kuvantunnistus", "bildigenkänning", "image recognition"),
];

const THEMES: &[&str] = &[
    "general_public_services",
    "public_order_and_safety",
    "economic_affairs",
    "environmental_protection",
    "housing_and_community_amenities",
    "health",
    "recreation_culture_and_religion",
    "education",
    "social_protection",
];

const LIFECYCLES: &[&str] = &[
    "idea",
    "development",
    "pilot",
    "in_use",
    "in_use",
    "retired",
];

/// A small deterministic generator (xorshift), so that the file depends on N only.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[(self.next() % from.len() as u64) as usize]
    }
}

pub async fn run(services: &Services, args: SynthArgs) -> anyhow::Result<()> {
    let store = services.store();
    let actor = operator("synth");
    let mut municipalities = Vec::new();
    if store.organisation_by_slug(ROOT).await?.is_none() {
        eprintln!("creating 300 organisations");
        let root = new_org(ROOT, OrgKind::Other, None, "Synteettinen rekisteri".into());
        let root = services.add_organisation(&actor, root).await?;
        for r in 0..REGIONS {
            let region = new_org(
                &format!("synth-alue-{r}"),
                OrgKind::Region,
                Some(root.id),
                format!("Alue {r}"),
            );
            let region = services.add_organisation(&actor, region).await?;
            for m in (r..MUNICIPALITIES).step_by(REGIONS) {
                let slug = format!("synth-kunta-{m}");
                let org = new_org(
                    &slug,
                    OrgKind::Municipality,
                    Some(region.id),
                    format!("Kunta {m}"),
                );
                services.add_organisation(&actor, org).await?;
            }
        }
    }
    for m in 0..MUNICIPALITIES {
        municipalities.push(format!("synth-kunta-{m}"));
    }
    let file = std::fs::File::create(&args.output)
        .with_context(|| format!("--output {}", args.output.display()))?;
    let mut out = csv::Writer::from_writer(std::io::BufWriter::new(file));
    out.write_record([
        "organisation",
        "name_fi",
        "name_sv",
        "name_en",
        "summary_fi",
        "summary_sv",
        "summary_en",
        "description_public_fi",
        "description_public_sv",
        "description_public_en",
        "purpose_fi",
        "data_description_fi",
        "human_oversight_fi",
        "keywords_fi",
        "lifecycle",
        "theme",
        "personal_data",
        "decisions_on_persons",
        "vendor",
        "contact_email",
        "publication",
    ])?;
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
    for i in 0..args.records {
        let org = &municipalities[i % municipalities.len()];
        let (s_fi, s_sv, s_en) = *dice.pick(SERVICES);
        let (t_fi, t_sv, t_en) = *dice.pick(THINGS);
        let sv = i.is_multiple_of(3);
        let en = i.is_multiple_of(5);
        let pick = |on: bool, text: String| if on { text } else { String::new() };
        let personal = dice.next().is_multiple_of(2);
        let row: Vec<String> = vec![
            org.clone(),
            format!("{} – {t_fi} {i}", capital(s_fi)),
            pick(sv, format!("{} – {t_sv} {i}", capital(s_sv))),
            pick(en, format!("{} – {t_en} {i}", capital(s_en))),
            format!(
                "Palvelun {s_fi} {t_fi} auttaa asukkaita ja työntekijöitä asioinnissa ja nopeuttaa käsittelyä."
            ),
            pick(
                sv,
                format!("Tjänstens {t_sv} för {s_sv} hjälper invånare och personal."),
            ),
            pick(
                en,
                format!("A {t_en} for {s_en} that helps residents and staff."),
            ),
            format!(
                "Kunnan {s_fi} käyttää tekoälyyn perustuvaa palvelua ({t_fi}), joka käsittelee \
                 asukkaiden ja asiakkaiden yhteydenottoja sekä palvelun omia tietoja. Palvelu \
                 ehdottaa työntekijälle toimenpiteitä, jotka työntekijä tarkistaa ennen päätöstä. \
                 Asukas voi aina asioida myös ilman tekoälyä, ja palautetta voi antaa rekisterin \
                 kautta. Palvelun toimintaa seurataan kuukausittain ja sen osuvuus raportoidaan \
                 lautakunnalle kerran vuodessa."
            ),
            pick(
                sv,
                format!(
                    "Kommunens {s_sv} använder en AI-baserad tjänst ({t_sv}) som behandlar \
                     invånarnas kontakter. Tjänsten föreslår åtgärder som en anställd granskar \
                     innan beslut fattas."
                ),
            ),
            pick(
                en,
                format!(
                    "The municipality's {s_en} uses an AI-based {t_en} that handles residents' \
                     contacts. It suggests actions that an employee checks before any decision."
                ),
            ),
            format!("Tavoitteena on sujuvampi {s_fi} ja nopeampi palvelu asukkaille."),
            format!(
                "Asiakkaiden yhteydenotot ja palvelun {s_fi} omat rekisteritiedot{}.",
                if personal {
                    ", myös henkilötietoja"
                } else {
                    ""
                }
            ),
            "Työntekijä tarkistaa jokaisen ehdotuksen ennen päätöstä.".to_string(),
            format!("{s_fi}, {t_fi}, tekoäly"),
            dice.pick(LIFECYCLES).to_string(),
            dice.pick(THEMES).to_string(),
            yes_no(personal).to_string(),
            yes_no(dice.next().is_multiple_of(4)).to_string(),
            format!("Toimittaja {} Oy", dice.next() % 40),
            format!("kirjaamo@{org}.example"),
            if i % 5 == 4 { "draft" } else { "published" }.to_string(),
        ];
        out.write_record(&row)?;
    }
    out.flush()?;
    let mut err = std::io::stderr();
    writeln!(
        err,
        "wrote {} records for {MUNICIPALITIES} municipalities to {}; import with --org {ROOT}",
        args.records,
        args.output.display()
    )?;
    Ok(())
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn new_org(
    slug: &str,
    kind: OrgKind,
    parent_id: Option<aireg_domain::OrgId>,
    name: String,
) -> NewOrganisation {
    NewOrganisation {
        slug: slug.to_string(),
        kind,
        parent_id,
        name: Localized::one(Lang::Fi, name),
        country: Country::FI,
        languages: vec![Lang::Fi, Lang::Sv, Lang::En],
        business_id: None,
        website: None,
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
