//! The annual AI report a working group takes to its board (Kainuu policy § 10: the policy and
//! its use are reviewed yearly; Helsinki's working group reports to the management group): for
//! an organisation and those below it, and a year, in Finnish, Swedish or English, as a PDF with
//! its fonts embedded and its text selectable.
//!
//! [`gather`] reads the year from the register (every organisation below, those with no records
//! too; what was added and retired; high-risk systems and their obligations; approvals and
//! assessments; reviews; incidents and their art. 73 deadlines; residents' feedback; the policy's
//! changes and reviews; the audit chain's head) as plain data; [`pdf`] typesets it with the
//! Typst template `templates/annual.typ`.

mod gather;

pub use gather::gather;

use typst::foundations::{Dict, Value};
use typst_as_lib::TypstEngine;

static TEMPLATE: &str = include_str!("../templates/annual.typ");
/// DejaVu Sans, regular and bold (Bitstream Vera licence, `fonts/LICENSE-DejaVu`): every
/// Finnish and Swedish letter; the only fonts the PDF embeds (subset).
static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0}")]
    Service(#[from] aireg_service::ServiceError),
    #[error("the report could not be typeset: {0}")]
    Typeset(String),
}

/// The report's data typeset as a PDF.
pub fn pdf(data: &serde_json::Value) -> Result<Vec<u8>, ReportError> {
    let engine = TypstEngine::builder()
        .main_file(TEMPLATE)
        .fonts([REGULAR, BOLD])
        .build();
    let mut inputs = Dict::new();
    inputs.insert("data".into(), Value::Str(data.to_string().into()));
    let doc = engine
        .compile_with_input(inputs)
        .output
        .map_err(|e| ReportError::Typeset(format!("{e:?}")))?;
    typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default())
        .map_err(|e| ReportError::Typeset(format!("{e:?}")))
}
