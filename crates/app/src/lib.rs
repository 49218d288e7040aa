//! The parts of the `aireg` binary that its integration tests drive directly: e-mail delivery
//! and the job worker.

pub mod jobs;
pub mod mail;
