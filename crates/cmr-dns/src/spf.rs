//! SPF checks (RFC 7208) on top of `decon-spf`, which parses the mechanisms and counts the
//! terms that cost a DNS lookup without needing a resolver.
//!
//! Two gaps of that parser are closed here: it refuses modifiers other than `redirect=`
//! (RFC 7208 §6 allows `exp=` and unknown modifiers, which cost no lookup), and it matches
//! mechanism names case-sensitively (the RFC says they are not). So modifiers are set aside
//! and names lower-cased before parsing.

use decon_spf::mechanism::{Kind, Qualifier};
use decon_spf::{Spf, SpfError};

use crate::txt::txt_content_lossy;

/// RFC 7208 §4.6.4: at most 10 terms that cause DNS lookups.
pub const MAX_SPF_LOOKUPS: u32 = 10;

/// What the lint panel needs to know about one SPF value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpfAnalysis {
    /// Syntax errors; when not empty the other fields may be incomplete.
    pub errors: Vec<String>,
    /// Terms costing a DNS lookup: include, a, mx, ptr, exists, redirect.
    pub lookups: u32,
    /// Qualifier of the `all` term (`+`, `-`, `~`, `?`), if there is one.
    pub all: Option<char>,
    /// Whether a `redirect=` modifier hands evaluation to another domain.
    pub redirect: bool,
    /// Whether the deprecated `ptr` mechanism is used.
    pub uses_ptr: bool,
    /// Terms after `all`, which are never evaluated.
    pub after_all: Vec<String>,
}

/// Parses and checks an SPF value (plain or quoted TXT text).
pub fn analyze_spf(value: &str) -> SpfAnalysis {
    let content = txt_content_lossy(value);
    let mut analysis = SpfAnalysis::default();
    let mut terms = content.split_whitespace();
    match terms.next() {
        Some(v) if v.eq_ignore_ascii_case("v=spf1") => {}
        _ => {
            analysis.errors.push("An SPF record must start with v=spf1.".into());
            return analysis;
        }
    }
    let mut kept = vec!["v=spf1".to_owned()];
    let mut seen_all = false;
    for term in terms {
        let lower = if term.contains('%') { term.to_owned() } else { term.to_ascii_lowercase() };
        if seen_all {
            analysis.after_all.push(term.to_owned());
        }
        if let Some((name, _)) = lower.split_once('=') {
            if name != "redirect" {
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
                    analysis.errors.push(format!("'{term}' is not a valid SPF term."));
                }
                // exp= and unknown modifiers cost no lookup (RFC 7208 §6).
                continue;
            }
        }
        if lower.trim_start_matches(['+', '-', '~', '?']) == "all" {
            seen_all = true;
        }
        kept.push(lower);
    }
    let spf = match kept.join(" ").parse::<Spf<String>>() {
        Ok(spf) => spf,
        Err(e) => {
            analysis.errors.push(spf_error_message(&e));
            return analysis;
        }
    };
    analysis.lookups = u32::from(spf.lookup_count());
    for m in spf.iter() {
        match m.kind() {
            Kind::All => analysis.all = Some(qualifier_char(m.qualifier())),
            Kind::Redirect => analysis.redirect = true,
            Kind::Ptr => analysis.uses_ptr = true,
            _ => {}
        }
    }
    if analysis.redirect && analysis.all.is_some() {
        // RFC 7208 §6.1: the redirect is ignored when the record has an all term.
        analysis.errors.push("The record has both redirect= and all; the redirect is never used.".into());
    }
    analysis
}

fn qualifier_char(q: &Qualifier) -> char {
    match q {
        Qualifier::Pass => '+',
        Qualifier::Fail => '-',
        Qualifier::SoftFail => '~',
        Qualifier::Neutral => '?',
    }
}

/// The parser's errors in words a reseller understands.
fn spf_error_message(e: &SpfError) -> String {
    match e {
        SpfError::InvalidVersion => "An SPF record must start with v=spf1.".into(),
        SpfError::SourceLengthExceeded => "The SPF record is longer than 512 characters; shorten it (fewer ip4/include terms).".into(),
        SpfError::InvalidIPAddr(err) => format!("An ip4/ip6 term is not a valid address or network ({err})."),
        SpfError::InvalidMechanism(err) => format!("An SPF term is not valid: {err}."),
        SpfError::ModifierMayOccurOnlyOnce(_) => "redirect= may appear only once.".into(),
        other => format!("The SPF record is not valid: {other}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record_with_includes(n: usize) -> String {
        let includes: Vec<String> = (0..n).map(|i| format!("include:_spf{i}.example.net")).collect();
        format!("v=spf1 {} ~all", includes.join(" "))
    }

    #[test]
    fn counts_lookup_terms() {
        let a = analyze_spf("v=spf1 a mx include:_spf.google.com exists:%{i}.x.example.net ip4:192.0.2.0/24 -all");
        assert!(a.errors.is_empty(), "{:?}", a.errors);
        assert_eq!(a.lookups, 4);
        assert_eq!(a.all, Some('-'));
        assert_eq!(analyze_spf(&record_with_includes(10)).lookups, 10);
        assert_eq!(analyze_spf(&record_with_includes(11)).lookups, 11);
        assert_eq!(analyze_spf("v=spf1 redirect=_spf.example.net").lookups, 1);
    }

    #[test]
    fn modifiers_and_case_are_accepted() {
        let a = analyze_spf("v=spf1 Include:_spf.google.com exp=explain.acme.com ~ALL");
        assert!(a.errors.is_empty(), "{:?}", a.errors);
        assert_eq!(a.lookups, 1);
        assert_eq!(a.all, Some('~'));
    }

    #[test]
    fn syntax_errors_are_reported() {
        assert!(!analyze_spf("v=spf2 -all").errors.is_empty());
        assert!(!analyze_spf("v=spf1 ip4:999.1.1.1 -all").errors.is_empty());
        assert!(!analyze_spf("v=spf1 include: -all").errors.is_empty());
        assert!(!analyze_spf("v=spf1 redirect=a.example redirect=b.example").errors.is_empty());
    }

    #[test]
    fn all_qualifiers_and_ptr() {
        assert_eq!(analyze_spf("v=spf1 +all").all, Some('+'));
        assert_eq!(analyze_spf("v=spf1 all").all, Some('+'));
        assert_eq!(analyze_spf("v=spf1 mx").all, None);
        assert!(analyze_spf("v=spf1 ptr -all").uses_ptr);
        assert_eq!(analyze_spf("v=spf1 -all mx").after_all, vec!["mx"]);
    }
}
