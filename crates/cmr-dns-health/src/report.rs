//! What a health check hands back: the input it takes, and the report the app shows and keeps.

use cmr_client::dns::DnsRecord;
use serde::{Deserialize, Serialize};

pub use cmr_dns::Severity;

/// The mailboxes' provider, which decides the expected MX and DKIM selectors.
pub type MailProvider = cmr_client::ServiceProvider;

/// One domain to check.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HealthInput {
    pub domain: String,
    /// What CMR holds for the domain (GET /dns).
    pub held: Vec<DnsRecord>,
    pub provider: Option<MailProvider>,
    /// DKIM selectors to look at. Empty: the provider's (`google`; `selector1`, `selector2`).
    /// Selectors of held `<sel>._domainkey` records are always added.
    pub dkim_selectors: Vec<String>,
}

impl HealthInput {
    pub fn new(domain: impl Into<String>, held: Vec<DnsRecord>, provider: Option<MailProvider>) -> Self {
        HealthInput { domain: domain.into(), held, provider, dkim_selectors: Vec::new() }
    }
}

/// Whether the check could reach DNS at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum NetworkState {
    Ok,
    /// Every server timed out or was unreachable: nothing was learnt, good or bad.
    NoNetwork,
    /// Some questions went unanswered; what they would have told is `Unchecked`.
    Partial,
}

/// Which servers gave the answer a record's state rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum SeenAt {
    /// The domain's own name servers: what is published now.
    Authoritative,
    /// A recursive resolver: what receivers see, possibly from its cache.
    Public,
}

/// How the world sees one record CMR holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum VisibilityState {
    Published,
    /// Nothing of this type at the name yet.
    NotYetVisible,
    /// The name answers with other values (an old one still cached, or a change not made).
    Different { seen: Vec<String> },
    /// No answer (timeout, refused) or a type the check does not look up.
    Unchecked,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RecordVisibility {
    /// As CMR holds it (`@`, `_dmarc`, …).
    pub host: String,
    /// Full name asked for.
    pub name: String,
    #[serde(rename = "type")]
    pub record_type: String,
    /// The held value (for DMARC, as CMR publishes it: completed with its default tags).
    pub held: String,
    pub state: VisibilityState,
    /// The TTL that explains a delay: the answer's, or for a missing record the negative
    /// caching time from the zone's SOA.
    pub ttl: Option<u32>,
    pub seen_at: Option<SeenAt>,
    /// The name servers already publish the record but a public resolver still answers
    /// otherwise; it catches up within `publicTtl` seconds.
    pub public_lag: bool,
    pub public_ttl: Option<u32>,
}

/// One result of the mail checks. `code` is stable (the UI may filter on it); `message` is
/// for the reseller.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HealthFinding {
    pub severity: Severity,
    pub code: String,
    pub message: String,
}

impl HealthFinding {
    pub fn new(severity: Severity, code: &str, message: impl Into<String>) -> Self {
        HealthFinding { severity, code: code.to_owned(), message: message.into() }
    }
    pub fn error(code: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }
    pub fn info(code: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, message)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HealthReport {
    pub domain: String,
    /// RFC 3339, UTC.
    pub checked_at: String,
    pub network: NetworkState,
    /// DNS questions sent (a cached or repeated question counts once).
    pub queries: u32,
    /// One per held record, in the held order.
    pub records: Vec<RecordVisibility>,
    /// Errors first, then warnings, then information.
    pub findings: Vec<HealthFinding>,
}

impl HealthReport {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }

    /// Held records the world does not see as CMR holds them.
    pub fn not_published(&self) -> usize {
        self.records
            .iter()
            .filter(|r| matches!(r.state, VisibilityState::NotYetVisible | VisibilityState::Different { .. }))
            .count()
    }

    pub fn finding(&self, code: &str) -> Option<&HealthFinding> {
        self.findings.iter().find(|f| f.code == code)
    }

    /// What the lists count against the domain (errors, warnings and records the world does
    /// not see as held) and the first of them in words: an error first, then a record not
    /// seen, then a warning. Empty when there is nothing to count.
    pub fn problems(&self) -> (u32, String) {
        let serious = || self.findings.iter().filter(|f| matches!(f.severity, Severity::Error | Severity::Warning));
        let unseen = || self.records.iter().filter(|r| matches!(r.state, VisibilityState::NotYetVisible | VisibilityState::Different { .. }));
        let headline = serious()
            .find(|f| f.severity == Severity::Error)
            .map(|f| f.message.clone())
            .or_else(|| {
                unseen().next().map(|r| match &r.state {
                    VisibilityState::Different { .. } => format!("{} {} differs from what CMR holds", r.record_type, r.name),
                    _ => format!("{} {} is not yet visible", r.record_type, r.name),
                })
            })
            .or_else(|| serious().next().map(|f| f.message.clone()))
            .unwrap_or_default();
        ((serious().count() + unseen().count()) as u32, headline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(state: VisibilityState) -> RecordVisibility {
        RecordVisibility {
            host: "@".into(),
            name: "acme.com".into(),
            record_type: "TXT".into(),
            held: "v=spf1 -all".into(),
            state,
            ttl: Some(300),
            seen_at: Some(SeenAt::Authoritative),
            public_lag: false,
            public_ttl: None,
        }
    }

    fn report(records: Vec<RecordVisibility>, findings: Vec<HealthFinding>) -> HealthReport {
        HealthReport { domain: "acme.com".into(), checked_at: String::new(), network: NetworkState::Ok, queries: 3, records, findings }
    }

    #[test]
    fn problems_count_errors_warnings_and_unseen_records_and_name_the_worst_first() {
        assert_eq!(report(vec![record(VisibilityState::Published)], vec![HealthFinding::info("spf-lookups", "3 lookups")]).problems(), (0, String::new()));
        let unseen = report(vec![record(VisibilityState::NotYetVisible)], vec![HealthFinding::warning("dmarc-policy-none", "p=none")]);
        assert_eq!(unseen.problems(), (2, "TXT acme.com is not yet visible".into()));
        let worst = report(
            vec![record(VisibilityState::Different { seen: vec!["old".into()] })],
            vec![HealthFinding::warning("w", "a warning"), HealthFinding::error("spf-too-many-lookups", "SPF needs 12 lookups")],
        );
        assert_eq!(worst.problems(), (3, "SPF needs 12 lookups".into()));
        assert_eq!(report(vec![record(VisibilityState::Different { seen: vec![] })], vec![]).problems().1, "TXT acme.com differs from what CMR holds");
    }
}
