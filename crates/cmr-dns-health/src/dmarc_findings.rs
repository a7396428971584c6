//! The DMARC record at `_dmarc` as receivers read it: there, parsable, and what it asks.

use cmr_dns::lint::Severity;
use cmr_dns::record::is_dmarc;
use cmr_dns::{check_dmarc, parse_dmarc};

use crate::answer::Outcome;
use crate::report::HealthFinding;

pub fn dmarc_findings(outcome: &Outcome) -> Vec<HealthFinding> {
    if outcome.failed().is_some() {
        return vec![HealthFinding::warning("dmarc-unchecked", "The DMARC record could not be read (no answer from DNS).")];
    }
    let records: Vec<String> = outcome.texts().into_iter().filter(|t| is_dmarc(t)).collect();
    let value = match records.as_slice() {
        [] => {
            return vec![HealthFinding::error(
                "dmarc-missing",
                "No DMARC record: large mailbox providers expect one from bulk senders. Add a TXT record at _dmarc.",
            )]
        }
        [one] => one,
        _ => {
            return vec![HealthFinding::error(
                "dmarc-multiple",
                format!("{} DMARC records at _dmarc: receivers ignore them all. Keep one.", records.len()),
            )]
        }
    };
    let record = match parse_dmarc(value) {
        Ok(r) => r,
        Err(e) => return vec![HealthFinding::error("dmarc-unparsable", format!("The DMARC record cannot be read: {e}"))],
    };
    let mut out: Vec<HealthFinding> = check_dmarc(value)
        .into_iter()
        .map(|i| HealthFinding::new(i.severity, i.code, i.message))
        .collect();
    if let Some(p) = record.get("p").filter(|_| !out.iter().any(|f| f.severity == Severity::Error)) {
        out.push(HealthFinding::info("dmarc-policy", format!("DMARC policy: p={p}.")));
    }
    let mode = |name: &str| match record.get(name) {
        Some(v) if v.eq_ignore_ascii_case("s") => "strict",
        _ => "relaxed",
    };
    out.push(HealthFinding::info(
        "dmarc-alignment",
        format!("Alignment: DKIM {}, SPF {}.", mode("adkim"), mode("aspf")),
    ));
    match (record.get("rua"), record.get("ruf")) {
        (None, None) => out.push(HealthFinding::warning(
            "dmarc-no-reports",
            "DMARC asks for no reports (rua): nobody learns who sends as this domain.",
        )),
        (rua, ruf) => {
            let list = |v: Option<&str>| v.map(|v| v.replace("mailto:", "")).unwrap_or_else(|| "none".into());
            out.push(HealthFinding::info(
                "dmarc-reports",
                format!("DMARC reports go to {} (aggregate) and {} (failure).", list(rua), list(ruf)),
            ));
        }
    }
    out
}
