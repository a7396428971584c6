//! Wall-clock time as stored (milliseconds since the epoch) and as shown (RFC 3339, UTC).

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

/// Milliseconds since the Unix epoch, UTC.
pub type Ms = i64;

pub fn now_ms() -> Ms {
    Utc::now().timestamp_millis()
}

/// `2026-01-31T12:00:00.000Z`.
pub fn iso(ms: Ms) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .map(|d| d.to_rfc3339_opts(SecondsFormat::Millis, true))
        .unwrap_or_default()
}

/// Reads an RFC 3339 time or a bare date (`2026-01-31`, meaning its first millisecond, UTC).
pub fn parse_time(text: &str) -> Option<Ms> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.timestamp_millis());
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis())
}

/// Reads the end of a range: a bare date includes that whole day.
pub fn parse_range_end(text: &str) -> Option<Ms> {
    let ms = parse_time(text)?;
    let is_bare_date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").is_ok();
    Some(if is_bare_date { ms + 86_400_000 - 1 } else { ms })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_reads_dates() {
        let ms = 1_767_225_600_000; // 2026-01-01T00:00:00Z
        assert_eq!(iso(ms), "2026-01-01T00:00:00.000Z");
        assert_eq!(parse_time(&iso(ms)), Some(ms));
        assert_eq!(parse_time("2026-01-01"), Some(ms));
        assert_eq!(parse_range_end("2026-01-01"), Some(ms + 86_399_999));
        assert_eq!(parse_time("yesterday"), None);
    }
}
