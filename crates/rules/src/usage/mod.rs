//! Staff use of AI tools: each country's information classes (`content/data-classes/`), the
//! catalogue of tools a policy pack keeps (`[staff_use]`, `[[tool]]`, `[[forbidden_use]]`) and
//! the pure answer to "may I use this tool with this data?".
//!
//! ```
//! use aireg_domain::org::Country;
//! use aireg_rules::policy::Policies;
//! use aireg_rules::usage::{DataClasses, Verdict, answer};
//!
//! let pack = Policies::embedded().unwrap().get("tampere-region").unwrap();
//! let staff = pack.staff_use.as_ref().unwrap();
//! let classes = DataClasses::embedded().unwrap().of(Country::FI).unwrap();
//! let chatgpt = staff.tool("ChatGPT");
//! let confidential = classes.get("confidential").unwrap();
//! assert_eq!(answer(staff, classes, chatgpt, confidential, "").verdict, Verdict::No);
//! ```

mod answer;
mod catalogue;
mod classes;

pub use answer::{Answer, Reason, Verdict, answer};
pub use catalogue::{
    Cited, DISCLOSURE_PLACEHOLDERS, ForbiddenUse, StaffUse, Tool, ToolKind, ToolStatus, Unlisted,
    Words, fill, name_key, placeholders,
};
pub(crate) use catalogue::{RawStaffUse, build};
pub use classes::{CountryClasses, DATA_CLASS_FILES, DataClass, DataClassError, DataClasses};
