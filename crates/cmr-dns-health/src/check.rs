//! One domain's health check: the held records against the world, then the mail checks.

use cmr_dns::names::{absolute_name, normalize_domain};

use crate::answer::Rtype;
use crate::compare::{published_value, rtype_of, verdict};
use crate::dkim_check::{dkim_findings, selectors};
use crate::dmarc_findings::dmarc_findings;
use crate::mx_check::mx_findings;
use crate::report::{HealthInput, HealthReport, NetworkState, RecordVisibility, SeenAt, VisibilityState};
use crate::resolve::Dns;
use crate::settings::ResolverSettings;
use crate::spf_findings::spf_findings;
use crate::spf_walk::walk_spf;

/// Checks one domain. Never fails: what could not be asked is `Unchecked` and the report's
/// `network` says why; with no network at all it returns within a timeout or two.
pub async fn check_domain(input: &HealthInput, settings: &ResolverSettings) -> HealthReport {
    let domain = normalize_domain(&input.domain);
    let checked_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let dns = Dns::connect(&domain, settings).await;
    let mut report =
        HealthReport { domain: domain.clone(), checked_at, network: NetworkState::Ok, queries: 0, records: Vec::new(), findings: Vec::new() };
    // The apex TXT is needed for SPF anyway; asked first, it tells whether DNS answers at all.
    let apex_txt = if dns.network() == NetworkState::NoNetwork { None } else { Some(dns.world(&domain, Rtype::Txt).await) };
    if apex_txt.is_none() || dns.network() == NetworkState::NoNetwork {
        report.records = input.held.iter().map(|r| unchecked(&domain, r)).collect();
        report.network = NetworkState::NoNetwork;
        report.queries = dns.queries();
        return report;
    }
    for held in &input.held {
        report.records.push(visibility(&dns, &domain, held).await);
    }
    let walk = walk_spf(&dns, &domain, apex_txt).await;
    report.findings.extend(spf_findings(&walk));
    report.findings.extend(dmarc_findings(&dns.world(&format!("_dmarc.{domain}"), Rtype::Txt).await));
    for selector in selectors(input) {
        let outcome = dns.world(&format!("{selector}._domainkey.{domain}"), Rtype::Txt).await;
        report.findings.extend(dkim_findings(&selector, &outcome));
    }
    if selectors(input).is_empty() {
        report.findings.push(crate::report::HealthFinding::info(
            "dkim-no-selectors",
            "No DKIM selector to check: the mail provider is not known and CMR holds no _domainkey record.",
        ));
    }
    report.findings.extend(mx_findings(&dns.world(&domain, Rtype::Mx).await, input.provider.as_ref()));
    report.findings.sort_by_key(|f| f.severity);
    report.network = dns.network();
    report.queries = dns.queries();
    report
}

fn unchecked(domain: &str, held: &cmr_client::dns::DnsRecord) -> RecordVisibility {
    RecordVisibility {
        host: held.host.clone(),
        name: absolute_name(&held.host, domain),
        record_type: cmr_dns::record::record_type_of(held).as_str().to_ascii_uppercase(),
        held: published_value(held),
        state: VisibilityState::Unchecked,
        ttl: None,
        seen_at: None,
        public_lag: false,
        public_ttl: None,
    }
}

/// The domain's own servers decide; the public resolvers are asked too, to tell a record
/// already published but still cached otherwise (public lag).
async fn visibility(dns: &Dns, domain: &str, held: &cmr_client::dns::DnsRecord) -> RecordVisibility {
    let mut out = unchecked(domain, held);
    let Some(rtype) = rtype_of(held) else {
        return out;
    };
    let mut first = None;
    for at in dns.roles() {
        let v = verdict(domain, held, &dns.ask(at, &out.name, rtype).await);
        match &first {
            None if v.state != VisibilityState::Unchecked => {
                out.state = v.state.clone();
                out.ttl = v.ttl;
                out.seen_at = Some(at);
                first = Some(v);
            }
            Some(auth) if at == SeenAt::Public => {
                out.public_ttl = v.ttl;
                out.public_lag = auth.state == VisibilityState::Published
                    && !matches!(v.state, VisibilityState::Published | VisibilityState::Unchecked);
            }
            _ => {}
        }
    }
    out
}
