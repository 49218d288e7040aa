//! The register as a DCAT-AP 3.0.1 catalogue (Turtle): the whole register and each
//! organisation as a dataset with its CSV, XLSX and JSON downloads, and the API as a data
//! service. It conforms to SEMIC's SHACL shapes (copies in `content/standards/dcat-ap/`); as a
//! validator does not fetch the EU vocabularies, every resource whose class the shapes check is
//! typed here, and every controlled value names its scheme.

use std::fmt::Write;

use aireg_domain::Lang;
use aireg_domain::org::{Licence, OrgKind, Organisation};
use aireg_domain::policy::ReadScope;
use aireg_i18n::Tr;

use crate::{ServiceResult, Services};

const EU: &str = "http://publications.europa.eu/resource/authority";

/// A Turtle string literal.
fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The same text in every language, as tagged literals.
fn in_all(f: impl Fn(Lang) -> String) -> String {
    Lang::ALL
        .iter()
        .map(|l| format!("{}@{}", lit(&f(*l)), l.code()))
        .collect::<Vec<_>>()
        .join(" , ")
}

impl Services {
    /// The catalogue of the register (of `org` and the organisations below it, when given).
    pub async fn dcat_catalogue(
        &self,
        public_url: &str,
        org: Option<&Organisation>,
    ) -> ServiceResult<String> {
        let base = public_url.trim_end_matches('/');
        let orgs = self.store().organisations().await?;
        let tree = self.store().org_tree().await?;
        let included: Vec<&Organisation> = orgs
            .iter()
            .filter(|o| o.kind != OrgKind::Unit)
            .filter(|o| org.is_none_or(|root| tree.descendants_and_self(root.id).contains(&o.id)))
            .collect();
        let modified = self
            .store()
            .recently_changed(&ReadScope::public(), 1)
            .await?
            .first()
            .map(|s| s.updated_at)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
        let modified = modified
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        let tr = |l: Lang, id: &str| Tr::new(l).get(id);
        // Each organisation's licence (its own or the nearest above it); the catalogue's is
        // the default, or the organisation's it describes.
        let licences = self.licences().await?;
        let licence_of = |o: Option<&Organisation>| {
            o.and_then(|o| licences.get(&o.id).copied())
                .unwrap_or(Licence::DEFAULT)
        };
        let catalogue_licence = licence_of(org).eu;
        let mut t = String::new();
        // Writing into a String cannot fail.
        let _ = write!(
            t,
            "@prefix dcat:   <http://www.w3.org/ns/dcat#> .\n\
             @prefix dcatap: <http://data.europa.eu/r5r/> .\n\
             @prefix dct:    <http://purl.org/dc/terms/> .\n\
             @prefix foaf:   <http://xmlns.com/foaf/0.1/> .\n\
             @prefix skos:   <http://www.w3.org/2004/02/skos/core#> .\n\
             @prefix vcard:  <http://www.w3.org/2006/vcard/ns#> .\n\
             @prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .\n\n"
        );
        let (catalog, publisher) = match org {
            Some(o) => (
                format!("{base}/dcat/{}", o.slug),
                format!("{base}/en/orgs/{}", o.slug),
            ),
            None => (format!("{base}/dcat"), format!("{base}/#register")),
        };
        let title = |l: Lang| match org {
            Some(o) => format!("{}: {}", tr(l, "site-name"), o.display_name(l)),
            None => tr(l, "site-name"),
        };
        let languages = format!("<{EU}/language/FIN> , <{EU}/language/SWE> , <{EU}/language/ENG>");
        let datasets: Vec<String> = std::iter::once(format!("{catalog}/dataset"))
            .chain(
                included
                    .iter()
                    .filter(|o| org.is_none_or(|root| root.id != o.id))
                    .map(|o| format!("{base}/dcat/{}/dataset", o.slug)),
            )
            .map(|d| format!("<{d}>"))
            .collect();
        let _ = write!(
            t,
            "<{catalog}>\n    a dcat:Catalog ;\n    dct:title {} ;\n    dct:description {} ;\n    \
             dct:publisher <{publisher}> ;\n    foaf:homepage <{base}/en/> ;\n    \
             dct:language {languages} ;\n    dct:license <{catalogue_licence}> ;\n    \
             dct:modified \"{modified}\"^^xsd:dateTime ;\n    \
             dcat:themeTaxonomy <{EU}/data-theme> ;\n    dcat:dataset {} ;\n    \
             dcat:service <{catalog}/api> .\n\n",
            in_all(title),
            in_all(|l| tr(l, "dcat-catalogue-description")),
            datasets.join(" , "),
        );
        if org.is_none() {
            let _ = write!(
                t,
                "<{publisher}>\n    a foaf:Agent ;\n    foaf:name {} .\n\n",
                in_all(|l| tr(l, "site-name"))
            );
        }
        // The catalogue's own dataset: every included organisation's published records.
        let download = |org_query: &str, ext: &str| {
            format!("{base}/api/v1/public/open-data/systems.{ext}{org_query}")
        };
        let dataset = |t: &mut String,
                       id: &str,
                       name: &dyn Fn(Lang) -> String,
                       query: &str,
                       publisher: &str,
                       licence: &str| {
            let dists: Vec<String> = ["csv", "xlsx", "json"]
                .iter()
                .map(|e| format!("<{id}/{e}>"))
                .collect();
            let _ = write!(
                t,
                "<{id}>\n    a dcat:Dataset ;\n    dct:title {} ;\n    dct:description {} ;\n    \
                 dct:publisher <{publisher}> ;\n    dcat:theme <{EU}/data-theme/GOVE> ;\n    \
                 dcat:keyword {} ;\n    dcat:landingPage <{base}/en/open-data> ;\n    \
                 dct:language {languages} ;\n    \
                 dct:accrualPeriodicity <{EU}/frequency/UPDATE_CONT> ;\n    \
                 dct:modified \"{modified}\"^^xsd:dateTime ;\n    dcat:distribution {} .\n\n",
                in_all(name),
                in_all(|l| tr(l, "dcat-dataset-description")),
                in_all(|l| tr(l, "dcat-keyword")),
                dists.join(" , "),
            );
            for (ext, file_type, media) in [
                ("csv", "CSV", "text/csv"),
                (
                    "xlsx",
                    "XLSX",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("json", "JSON", "application/json"),
            ] {
                let _ = write!(
                    t,
                    "<{id}/{ext}>\n    a dcat:Distribution ;\n    dct:title {} ;\n    \
                     dcat:accessURL <{base}/en/open-data> ;\n    dcat:downloadURL <{}> ;\n    \
                     dct:format <{EU}/file-type/{file_type}> ;\n    \
                     dcat:mediaType <https://www.iana.org/assignments/media-types/{media}> ;\n    \
                     dct:license <{licence}> ;\n    \
                     dcatap:availability <{EU}/planned-availability/STABLE> ;\n    \
                     dct:modified \"{modified}\"^^xsd:dateTime .\n\n",
                    in_all(|l| format!("{} ({file_type})", name(l))),
                    download(query, ext),
                );
            }
        };
        let whole_query = org.map(|o| format!("?org={}", o.slug)).unwrap_or_default();
        dataset(
            &mut t,
            &format!("{catalog}/dataset"),
            &title,
            &whole_query,
            &publisher,
            catalogue_licence,
        );
        for o in &included {
            let agent = format!("{base}/en/orgs/{}", o.slug);
            let kind = match o.kind {
                OrgKind::Region | OrgKind::RegionalCouncil => "RegionalAuthority",
                _ => "LocalAuthority",
            };
            let _ = write!(
                t,
                "<{agent}>\n    a foaf:Agent ;\n    foaf:name {} ;\n    \
                 dct:type <http://purl.org/adms/publishertype/{kind}> .\n\n",
                in_all(|l| o.display_name(l).to_string())
            );
            if org.is_some_and(|root| root.id == o.id) {
                continue;
            }
            let name = |l: Lang| format!("{}: {}", tr(l, "site-name"), o.display_name(l));
            dataset(
                &mut t,
                &format!("{base}/dcat/{}/dataset", o.slug),
                &name,
                &format!("?org={}", o.slug),
                &agent,
                licence_of(Some(o)).eu,
            );
        }
        let _ = write!(
            t,
            "<{catalog}/api>\n    a dcat:DataService ;\n    dct:title {} ;\n    \
             dcat:endpointURL <{base}/api/v1> ;\n    \
             dcat:endpointDescription <{base}/api/v1/openapi.json> ;\n    \
             dct:conformsTo <https://spec.openapis.org/oas/v3.1.0> ;\n    \
             dcat:servesDataset <{catalog}/dataset> ;\n    dct:publisher <{publisher}> ;\n    \
             dct:license <{catalogue_licence}> .\n\n",
            in_all(|l| tr(l, "api-title")),
        );
        // The types and schemes the shapes check, which the EU vocabularies would supply.
        let _ = write!(
            t,
            "<{base}/en/> a foaf:Document .\n\
             <{base}/en/open-data> a foaf:Document .\n\
             <https://spec.openapis.org/oas/v3.1.0> a dct:Standard .\n\
             <http://purl.org/adms/licencetype/1.0> a skos:ConceptScheme ; dct:title \"Licence type\"@en .\n"
        );
        for l in Licence::ALL {
            // The ADMS licence type: what the licence asks of a reuser.
            let kind = match l.spdx {
                "CC0-1.0" => "PublicDomain",
                "CC-BY-SA-4.0" => "ShareAlike",
                _ => "Attribution",
            };
            let _ = writeln!(
                t,
                "<{}> a dct:LicenseDocument ; dct:type <http://purl.org/adms/licencetype/{kind}> ; \
                 foaf:page <{}> .",
                l.eu, l.url
            );
        }
        for (kind, label) in [
            ("PublicDomain", "Public domain"),
            ("ShareAlike", "Share-alike"),
        ] {
            let _ = writeln!(
                t,
                "<http://purl.org/adms/licencetype/{kind}> a skos:Concept ; skos:prefLabel \"{label}\"@en ; \
                 skos:inScheme <http://purl.org/adms/licencetype/1.0> ."
            );
        }
        for ft in ["CSV", "XLSX", "JSON"] {
            let _ = writeln!(
                t,
                "<{EU}/file-type/{ft}> a dct:MediaTypeOrExtent ; skos:inScheme <{EU}/file-type> ."
            );
        }
        for m in [
            "text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/json",
        ] {
            let _ = writeln!(
                t,
                "<https://www.iana.org/assignments/media-types/{m}> a dct:MediaType ."
            );
        }
        for l in ["FIN", "SWE", "ENG"] {
            let _ = writeln!(
                t,
                "<{EU}/language/{l}> a dct:LinguisticSystem ; skos:inScheme <{EU}/language> ."
            );
        }
        let _ = write!(
            t,
            "<{EU}/frequency/UPDATE_CONT> a dct:Frequency ; skos:inScheme <{EU}/frequency> .\n\
             <{EU}/data-theme> a skos:ConceptScheme ; dct:title \"Data theme\"@en .\n\
             <{EU}/data-theme/GOVE> a skos:Concept ; skos:prefLabel \"Government and public sector\"@en ; \
             skos:inScheme <{EU}/data-theme> .\n\
             <{EU}/planned-availability/STABLE> a skos:Concept ; skos:prefLabel \"stable\"@en ; \
             skos:inScheme <{EU}/planned-availability> .\n\
             <http://purl.org/adms/publishertype/1.0> a skos:ConceptScheme ; dct:title \"Publisher type\"@en .\n\
             <http://purl.org/adms/publishertype/LocalAuthority> a skos:Concept ; \
             skos:prefLabel \"Local Authority\"@en ; skos:inScheme <http://purl.org/adms/publishertype/1.0> .\n\
             <http://purl.org/adms/publishertype/RegionalAuthority> a skos:Concept ; \
             skos:prefLabel \"Regional Authority\"@en ; skos:inScheme <http://purl.org/adms/publishertype/1.0> .\n\
             <http://purl.org/adms/licencetype/Attribution> a skos:Concept ; skos:prefLabel \"Attribution\"@en ; \
             skos:inScheme <http://purl.org/adms/licencetype/1.0> .\n"
        );
        Ok(t)
    }
}
