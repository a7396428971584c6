//! Calendar arithmetic on millisecond timestamps (UTC), enough for ISO-8601 output and
//! month/year periods without pulling in a date library.

pub const SECOND: i64 = 1_000;
pub const MINUTE: i64 = 60 * SECOND;
pub const HOUR: i64 = 60 * MINUTE;
pub const DAY: i64 = 24 * HOUR;

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    days_from_civil(if m == 12 { y + 1 } else { y }, if m == 12 { 1 } else { m + 1 }, 1)
        - days_from_civil(y, m, 1)
}

/// `2026-03-08T23:59:59.000Z`, the form the API examples use.
pub fn iso(ms: i64) -> String {
    let days = ms.div_euclid(DAY);
    let rem = ms.rem_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / HOUR,
        (rem % HOUR) / MINUTE,
        (rem % MINUTE) / SECOND,
        rem % SECOND
    )
}

pub fn from_ymd(y: i64, m: i64, d: i64) -> i64 {
    days_from_civil(y, m, d) * DAY
}

/// Calendar months, clamping the day (Jan 31 + 1 month = Feb 28/29) like billing systems do.
pub fn add_months(ms: i64, months: i64) -> i64 {
    let days = ms.div_euclid(DAY);
    let rem = ms.rem_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    let total = y * 12 + (m - 1) + months;
    let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    let nd = d.min(days_in_month(ny, nm));
    days_from_civil(ny, nm, nd) * DAY + rem
}

/// The last millisecond of the UTC day that contains `ms`.
pub fn end_of_utc_day(ms: i64) -> i64 {
    ms.div_euclid(DAY) * DAY + DAY - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trip_and_months() {
        let t = from_ymd(2024, 1, 31) + 13 * HOUR + 5 * MINUTE + 7 * SECOND + 9;
        assert_eq!(iso(t), "2024-01-31T13:05:07.009Z");
        assert_eq!(iso(add_months(t, 1)), "2024-02-29T13:05:07.009Z");
        assert_eq!(iso(add_months(t, 12)), "2025-01-31T13:05:07.009Z");
        assert_eq!(iso(end_of_utc_day(t)), "2024-01-31T23:59:59.999Z");
        assert_eq!(iso(0), "1970-01-01T00:00:00.000Z");
    }
}
