//! Assessment templates (`content/assessments/`) and the pure engine that interprets them:
//! the data protection impact assessment (GDPR art. 35), the fundamental rights impact
//! assessment (AI Act art. 27), the security and privacy assessment, the change and cost impact
//! assessment and the background check (taustaselvitys) of an AI solution.
//!
//! A template is data: sections of questions (text, textarea, yes/no, choice, multiple choice,
//! date, number) and repeatable groups, with help texts in Finnish, Swedish and English,
//! conditions on earlier answers (`when`) and prefill links to the questions of other templates.
//! The engine checks answers ([`Template::check`]), decides which questions are shown
//! ([`Template::is_shown`]) and prefills answers from the other assessments of the same system
//! ([`Template::prefill`]). Storing instances, comments and sign-off is not its business.
//!
//! ```
//! use aireg_rules::assessment::{Answers, Templates};
//! use serde_json::json;
//!
//! let templates = Templates::embedded().expect("the embedded templates are valid");
//! let dpia = templates.get("dpia").expect("the DPIA template");
//! let mut answers = Answers::new();
//! answers.insert("special_categories".into(), json!(true));
//! assert!(dpia.is_shown("special_categories_list", &answers));
//! // A draft may be incomplete; completing it needs every shown required question.
//! assert!(dpia.check(&answers, false).is_empty());
//! assert!(dpia.check(&answers, true).iter().any(|e| e.path == "special_categories_list"));
//! ```

mod answers;
mod load;
mod template;

pub use answers::{AnswerError, Answers};
pub use load::{TEMPLATE_FILES, TemplateError, Templates};
pub use template::{Group, Item, Question, QuestionChoice, QuestionKind, Section, Template};
