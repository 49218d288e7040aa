//! HTTP tests: the real router, in process, on a fresh SQLite database (and, for the flows that
//! touch the database most, on PostgreSQL too when it is configured).

mod accounts;
mod ai_act;
mod ai_use;
mod api;
mod cache;
mod contract;
mod diagnostics;
mod governance;
mod harness;
#[path = "../idp/launch.rs"]
mod idp;
mod metrics;
mod opendata;
mod outsiders;
mod pages;
mod public_pages;
mod reports;
mod sso;
