//! The SPF walk in words a reseller acts on.

use cmr_dns::{analyze_spf, MAX_SPF_LOOKUPS};

use crate::report::HealthFinding;
use crate::spf_walk::{SpfWalk, MAX_VOID_LOOKUPS};

pub fn spf_findings(walk: &SpfWalk) -> Vec<HealthFinding> {
    let mut out = Vec::new();
    if walk.failed {
        out.push(HealthFinding::warning("spf-unchecked", "The SPF record could not be read (no answer from DNS)."));
        return out;
    }
    match walk.records.len() {
        0 => {
            out.push(HealthFinding::error(
                "spf-missing",
                "No SPF record: receivers cannot tell which servers may send for this domain. Add a TXT record at @ starting with v=spf1.",
            ));
            return out;
        }
        1 => {}
        n => {
            out.push(HealthFinding::error(
                "spf-multiple",
                format!("{n} SPF records at the domain: receivers reject them all. Merge them into one."),
            ));
            return out;
        }
    }
    let analysis = analyze_spf(&walk.records[0]);
    for e in &analysis.errors {
        out.push(HealthFinding::error("spf-invalid", format!("SPF: {e}")));
    }
    match analysis.all {
        Some('+') => out.push(HealthFinding::error(
            "spf-pass-all",
            "SPF ends in +all: any server in the world may send as this domain. Use ~all or -all.",
        )),
        Some('?') => out.push(HealthFinding::warning(
            "spf-neutral-all",
            "SPF ends in ?all, which protects nothing. Use ~all or -all.",
        )),
        _ => {}
    }
    if walk.over_limit() {
        out.push(HealthFinding::error(
            "spf-too-many-lookups",
            format!(
                "SPF needs {} DNS lookups; receivers stop at {MAX_SPF_LOOKUPS} and fail the check. Remove includes that are not used.",
                walk.lookups
            ),
        ));
    } else {
        out.push(HealthFinding::info("spf-lookups", format!("SPF uses {} of {MAX_SPF_LOOKUPS} DNS lookups.", walk.lookups)));
    }
    if walk.void_lookups > MAX_VOID_LOOKUPS {
        out.push(HealthFinding::error(
            "spf-void-lookups",
            format!(
                "{} SPF lookups find nothing ({}); receivers fail SPF after {MAX_VOID_LOOKUPS}.",
                walk.void_lookups,
                walk.void_names.join(", ")
            ),
        ));
    } else if walk.void_lookups > 0 {
        out.push(HealthFinding::warning(
            "spf-void-lookup",
            format!("SPF refers to names that do not exist: {}.", walk.void_names.join(", ")),
        ));
    }
    for chain in &walk.loops {
        out.push(HealthFinding::error("spf-loop", format!("SPF includes loop back on themselves: {chain}.")));
    }
    if walk.too_deep {
        out.push(HealthFinding::error("spf-too-deep", "SPF includes nest too deeply to be evaluated."));
    }
    for name in &walk.missing_includes {
        out.push(HealthFinding::error("spf-include-missing", format!("SPF includes {name}, which has no SPF record.")));
    }
    for name in &walk.ambiguous_includes {
        out.push(HealthFinding::error("spf-include-multiple", format!("SPF includes {name}, which has more than one SPF record.")));
    }
    if !walk.unreadable.is_empty() {
        out.push(HealthFinding::warning(
            "spf-partly-unchecked",
            format!("Part of SPF could not be read ({}); the lookup count may be low.", walk.unreadable.join(", ")),
        ));
    }
    out
}
