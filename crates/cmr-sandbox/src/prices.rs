//! The sandbox price list (integer cents). Real prices vary per partner; these are fixed so
//! tests and screenshots are stable.

use crate::model::Cents;

/// (tld, registration per year, renewal per year)
pub const TLDS: &[(&str, Cents, Cents)] = &[
    ("com", 1200, 1450),
    ("net", 1400, 1600),
    ("org", 1300, 1500),
    ("io", 3500, 3900),
    ("co", 2800, 3000),
    ("info", 900, 1800),
    ("biz", 1100, 1700),
    ("live", 1000, 2600),
    ("xyz", 300, 1300),
];

pub const DEFAULT_TLDS: &[&str] = &["com", "net", "org", "io", "co", "info"];

pub const MAILBOX_MONTHLY: Cents = 300;
/// From the renewal that crosses twelve months of activity.
pub const MAILBOX_MONTHLY_AFTER_YEAR: Cents = 500;
pub const WARMUP_MONTHLY: Cents = 100;
pub const PLACEMENT_PER_MAILBOX: Cents = 50;
pub const PLACEMENT_AI_INSIGHT: Cents = 200;
pub const PREWARM_PURCHASE: Cents = 3000;
pub const PREWARM_RENEWAL: Cents = 1500;

pub fn tld_of(domain: &str) -> &str {
    domain.rsplit('.').next().unwrap_or("")
}

pub fn registration(domain: &str) -> Option<Cents> {
    let tld = tld_of(domain);
    TLDS.iter().find(|t| t.0 == tld).map(|t| t.1)
}

pub fn renewal(domain: &str) -> Cents {
    let tld = tld_of(domain);
    TLDS.iter().find(|t| t.0 == tld).map(|t| t.2).unwrap_or(2000)
}

/// Prices that the API documents as numbers.
pub fn dollars(c: Cents) -> f64 {
    c as f64 / 100.0
}

/// Prices that the API documents as strings (`renewalPrice: "14.50"`).
pub fn decimal(c: Cents) -> String {
    let sign = if c < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", c.abs() / 100, c.abs() % 100)
}
