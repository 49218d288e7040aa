//! Time as the register records it.

use time::OffsetDateTime;

/// Where the use cases take the time from: the system clock in the server, a fixed time in
/// tests of what depends on the date (deadlines, reminders).
pub trait Clock: Send + Sync {
    /// Now, in UTC, truncated to whole microseconds.
    fn now(&self) -> OffsetDateTime;
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        now()
    }
}

/// A clock that always says the same time.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub OffsetDateTime);

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        truncate(self.0)
    }
}

/// The current time in UTC, truncated to whole microseconds.
///
/// PostgreSQL keeps timestamps to the microsecond; truncating here makes a value read back from
/// either engine equal to the one written, which the audit chain's hashes depend on.
pub fn now() -> OffsetDateTime {
    truncate(OffsetDateTime::now_utc())
}

/// Truncates a time to whole microseconds in UTC.
pub fn truncate(t: OffsetDateTime) -> OffsetDateTime {
    let t = t.to_offset(time::UtcOffset::UTC);
    let micros = t.microsecond();
    t.replace_microsecond(micros).unwrap_or(t)
}

/// RFC 3339 text of a time, always in UTC with six fractional digits, so the text is canonical.
pub fn rfc3339(t: OffsetDateTime) -> String {
    let t = truncate(t);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

/// A date as `YYYY-MM-DD` (ISO 8601), as stored and as used in forms and the API.
pub fn iso(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A date written `YYYY-MM-DD` (surrounding spaces allowed), as [`iso`] writes it.
pub fn parse_iso(s: &str) -> Option<time::Date> {
    time::Date::parse(
        s.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// Serde helpers for dates as `YYYY-MM-DD`.
pub mod iso_date {
    time::serde::format_description!(pub format, Date, "[year]-[month]-[day]");
    pub use format::option;
    pub use format::{deserialize, serialize};
}

/// A length of time as people type it for a token's life: `30m`, `12h`, `90d` (minutes, hours,
/// days; a whole positive number).
pub fn parse_lifetime(s: &str) -> Option<time::Duration> {
    let s = s.trim();
    let unit = s.chars().last()?;
    let n: i64 = s[..s.len() - unit.len_utf8()].trim().parse().ok()?;
    if n <= 0 {
        return None;
    }
    match unit.to_ascii_lowercase() {
        'm' => n.checked_mul(60),
        'h' => n.checked_mul(3_600),
        'd' => n.checked_mul(86_400),
        _ => None,
    }
    .map(time::Duration::seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes_read_as_people_write_them() {
        assert_eq!(parse_lifetime("30m"), Some(time::Duration::minutes(30)));
        assert_eq!(parse_lifetime("12h"), Some(time::Duration::hours(12)));
        assert_eq!(parse_lifetime(" 90d "), Some(time::Duration::days(90)));
        for bad in [
            "",
            "d",
            "0d",
            "-5d",
            "90",
            "90w",
            "1.5h",
            "9999999999999999d",
            "ä",
        ] {
            assert_eq!(parse_lifetime(bad), None, "{bad:?}");
        }
    }
    use time::macros::datetime;

    #[test]
    fn truncates_to_microseconds_and_formats_canonically() {
        let t = datetime!(2026-11-23 16:04:05.123456789 +02:00);
        assert_eq!(truncate(t).nanosecond(), 123_456_000);
        assert_eq!(rfc3339(t), "2026-11-23T14:04:05.123456Z");
    }
}
