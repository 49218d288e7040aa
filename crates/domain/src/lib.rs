//! The domain of aireg: organisations, people and roles, AI system records, the authorization
//! policy and the audit chain. Pure types and functions; no I/O, so everything here is tested
//! exhaustively without a database or a server.

/// A closed set of values with a stable text form (used in JSON, SQL and forms) and a message id
/// prefix for its localised names (`<prefix>-<value>` in the locale files, `_` written as `-`).
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident : $prefix:literal {
            // `tt`, not `literal`: a `literal` fragment reaches derive macros wrapped in an
            // invisible group, and utoipa then ignores the `serde(rename)` and publishes
            // `InUse` where the server speaks `in_use`.
            $( $(#[$vmeta:meta])* $variant:ident = $text:tt ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s.trim() { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The allowed text forms, for error messages.
            pub fn allowed() -> Vec<String> {
                Self::ALL.iter().map(|v| v.as_str().to_string()).collect()
            }

            /// Message id of this value's name in the locale files.
            pub fn message_id(self) -> String {
                format!("{}-{}", $prefix, self.as_str().replace('_', "-"))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::Vocabulary for $name {
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn text(self) -> &'static str {
                self.as_str()
            }
            fn message(self) -> String {
                self.message_id()
            }
        }
    };
}

/// What every closed set of values (`string_enum!`) offers, so that one function can list the
/// choices of any of them (in a form, in an error message).
pub trait Vocabulary: Copy + 'static {
    fn all() -> &'static [Self];
    /// The stable text form.
    fn text(self) -> &'static str;
    /// The message id of the localised name.
    fn message(self) -> String;
}

pub mod audit;
pub mod classification;
pub mod clock;
pub mod diff;
pub mod governance;
pub mod ids;
pub mod lang;
pub mod org;
pub mod person;
pub mod policy;
pub mod product;
pub mod search;
pub mod system;
pub mod usage;
pub mod validation;

pub use ids::{OrgId, ProductId, SystemId, TokenId, UserId};
pub use lang::{Lang, Localized, LocalizedList};
