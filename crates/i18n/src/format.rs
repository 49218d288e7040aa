//! Dates and times as people in Finland and Sweden read them.

use time::{Date, Month, OffsetDateTime, UtcOffset};

use aireg_domain::Lang;

/// A date: `23.11.2026` in Finnish, `2026-11-23` in Swedish and English.
pub fn date(d: Date, lang: Lang) -> String {
    match lang {
        Lang::Fi => format!("{}.{}.{}", d.day(), u8::from(d.month()), d.year()),
        Lang::Sv | Lang::En => aireg_domain::clock::iso(d),
    }
}

/// A file size for people: `840 B`, `12.5 kB`, `3.2 MB` (decimal units).
pub fn bytes(n: i64) -> String {
    let n = n.max(0) as f64;
    if n < 1000.0 {
        format!("{n} B")
    } else if n < 1_000_000.0 {
        format!("{:.1} kB", n / 1000.0)
    } else {
        format!("{:.1} MB", n / 1_000_000.0)
    }
}

/// A moment in Finnish time (Europe/Helsinki), which is what the register's users live in:
/// `23.11.2026 klo 16.04`, `2026-11-23 kl. 16:04`, `2026-11-23 16:04`.
pub fn datetime(t: OffsetDateTime, lang: Lang) -> String {
    let local = helsinki(t);
    let d = date(local.date(), lang);
    match lang {
        Lang::Fi => format!("{d} klo {}.{:02}", local.hour(), local.minute()),
        Lang::Sv => format!("{d} kl. {:02}:{:02}", local.hour(), local.minute()),
        Lang::En => format!("{d} {:02}:{:02}", local.hour(), local.minute()),
    }
}

/// Europe/Helsinki: UTC+2, and UTC+3 from 01:00 UTC on the last Sunday of March to 01:00 UTC
/// on the last Sunday of October (the EU summer-time rule, directive 2000/84/EC).
pub fn helsinki(t: OffsetDateTime) -> OffsetDateTime {
    let utc = t.to_offset(UtcOffset::UTC);
    let year = utc.year();
    let summer = match (
        last_sunday(year, Month::March),
        last_sunday(year, Month::October),
    ) {
        (Some(start), Some(end)) => {
            let start = start.with_hms(1, 0, 0).map(|d| d.assume_utc());
            let end = end.with_hms(1, 0, 0).map(|d| d.assume_utc());
            matches!((start, end), (Ok(s), Ok(e)) if utc >= s && utc < e)
        }
        _ => false,
    };
    let hours = if summer { 3 } else { 2 };
    utc.to_offset(UtcOffset::from_hms(hours, 0, 0).unwrap_or(UtcOffset::UTC))
}

fn last_sunday(year: i32, month: Month) -> Option<Date> {
    let last =
        Date::from_calendar_date(year, month, time::util::days_in_month(month, year)).ok()?;
    let back = last.weekday().number_days_from_sunday();
    last.checked_sub(time::Duration::days(i64::from(back)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn dates_per_language() {
        assert_eq!(date(date!(2026 - 03 - 05), Lang::Fi), "5.3.2026");
        assert_eq!(date(date!(2026 - 03 - 05), Lang::Sv), "2026-03-05");
    }

    #[test]
    fn helsinki_time_follows_eu_summer_time() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(helsinki(datetime!(2026-01-15 10:00 UTC)).hour(), 12);
        assert_eq!(helsinki(datetime!(2026-03-29 00:59 UTC)).hour(), 2);
        assert_eq!(helsinki(datetime!(2026-03-29 01:00 UTC)).hour(), 4);
        assert_eq!(helsinki(datetime!(2026-07-01 10:00 UTC)).hour(), 13);
        assert_eq!(helsinki(datetime!(2026-10-25 00:59 UTC)).hour(), 3);
        assert_eq!(helsinki(datetime!(2026-10-25 01:00 UTC)).hour(), 3);
        assert_eq!(
            helsinki(datetime!(2026-10-25 01:00 UTC))
                .offset()
                .whole_hours(),
            2
        );
        assert_eq!(
            datetime(datetime!(2026-11-23 14:04 UTC), Lang::Fi),
            "23.11.2026 klo 16.04"
        );
    }
}
