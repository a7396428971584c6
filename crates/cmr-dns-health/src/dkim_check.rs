//! DKIM keys at `<selector>._domainkey`: present, and a key a receiver can use (RFC 6376
//! §3.6.1: `v=DKIM1` if given, `p=` base64 that decodes and is not empty, `k=rsa` by
//! default). A provider's CNAME (Microsoft 365's `selector1._domainkey`) counts when it
//! leads to a key.

use base64::Engine;
use cmr_client::dns::DnsRecord;

use crate::answer::{Outcome, Rtype};
use crate::report::{HealthFinding, HealthInput, MailProvider};

/// Selectors to look at: the ones asked for (else the provider's), plus those of held
/// `<selector>._domainkey` records.
pub fn selectors(input: &HealthInput) -> Vec<String> {
    let mut out: Vec<String> = if input.dkim_selectors.is_empty() {
        match &input.provider {
            Some(MailProvider::Google) => vec!["google".into()],
            Some(MailProvider::Microsoft) => vec!["selector1".into(), "selector2".into()],
            _ => Vec::new(),
        }
    } else {
        input.dkim_selectors.iter().map(|s| s.trim().to_ascii_lowercase()).collect()
    };
    out.extend(input.held.iter().filter_map(held_selector));
    let mut seen = std::collections::HashSet::new();
    out.retain(|s| !s.is_empty() && seen.insert(s.clone()));
    out
}

fn held_selector(record: &DnsRecord) -> Option<String> {
    let host = record.host.trim().trim_end_matches('.').to_ascii_lowercase();
    let at = host.find("._domainkey")?;
    Some(host[..at].to_owned())
}

/// The findings for one selector's TXT answer.
pub fn dkim_findings(selector: &str, outcome: &Outcome) -> Vec<HealthFinding> {
    let name = format!("{selector}._domainkey");
    if outcome.failed().is_some() {
        return vec![HealthFinding::warning("dkim-unchecked", format!("The DKIM key at {name} could not be read (no answer from DNS)."))];
    }
    let via = outcome.of(Rtype::Cname).last().map(|c| c.value.clone());
    let texts = outcome.texts();
    if texts.is_empty() {
        return vec![match via {
            Some(target) => HealthFinding::error(
                "dkim-cname-dangling",
                format!("{name} points to {target}, which has no key yet. Turn DKIM on at the mail provider."),
            ),
            None => HealthFinding::error("dkim-missing", format!("No DKIM key at {name}: mail cannot be signed for this domain.")),
        }];
    }
    let keys: Vec<&String> = texts.iter().filter(|t| t.contains("p=")).collect();
    let Some(key) = keys.first() else {
        return vec![HealthFinding::error("dkim-invalid", format!("The TXT record at {name} is not a DKIM key (no p=)."))];
    };
    match check_key(key) {
        Ok(kind) => {
            let through = via.map(|t| format!(" through {t}")).unwrap_or_default();
            vec![HealthFinding::info("dkim-present", format!("DKIM key ({kind}) published at {name}{through}."))]
        }
        Err((code, message)) => vec![HealthFinding::error(code, format!("DKIM key at {name}: {message}"))],
    }
}

/// The key type, or why the record is unusable.
pub fn check_key(text: &str) -> Result<String, (&'static str, String)> {
    let content = cmr_dns::txt::txt_content_lossy(text);
    let tags: Vec<(String, String)> = content
        .split(';')
        .filter_map(|t| t.split_once('='))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.chars().filter(|c| !c.is_whitespace()).collect()))
        .collect();
    let get = |name: &str| tags.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    if let Some(v) = get("v") {
        if v != "DKIM1" {
            return Err(("dkim-invalid", format!("v={v} must be DKIM1.")));
        }
    }
    let kind = get("k").unwrap_or("rsa").to_ascii_lowercase();
    if kind != "rsa" && kind != "ed25519" {
        return Err(("dkim-invalid", format!("k={kind} is not a key type receivers know (rsa or ed25519).")));
    }
    match get("p") {
        None => Err(("dkim-invalid", "there is no public key (p=).".into())),
        Some("") => Err(("dkim-revoked", "the key is empty (p=), which means revoked.".into())),
        Some(p) => match base64::engine::general_purpose::STANDARD.decode(p) {
            Ok(bytes) if !bytes.is_empty() => Ok(kind),
            _ => Err(("dkim-invalid", "the public key (p=) is not valid base64.".into())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::Seen;

    fn txt(value: &str) -> Seen {
        Seen { rtype: Rtype::Txt, name: "google._domainkey.acme.com".into(), value: value.into(), priority: None, ttl: 300 }
    }

    #[test]
    fn keys_are_checked() {
        assert_eq!(check_key("v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1").unwrap(), "rsa");
        assert_eq!(check_key("p=MIGfMA0G CSqGSIb3").unwrap(), "rsa");
        assert_eq!(check_key("v=DKIM1; p=").unwrap_err().0, "dkim-revoked");
        assert_eq!(check_key("v=DKIM1; p=***").unwrap_err().0, "dkim-invalid");
        assert_eq!(check_key("v=DKIM2; p=AAAA").unwrap_err().0, "dkim-invalid");
        assert_eq!(check_key("v=DKIM1; k=dsa; p=AAAA").unwrap_err().0, "dkim-invalid");
    }

    #[test]
    fn answers_become_findings() {
        let ok = dkim_findings("google", &Outcome::Found(vec![txt("v=DKIM1; k=rsa; p=AAAA")]));
        assert_eq!(ok[0].code, "dkim-present");
        assert_eq!(dkim_findings("google", &Outcome::Void { negative_ttl: None })[0].code, "dkim-missing");
        let cname = Seen { rtype: Rtype::Cname, value: "selector1-acme-com._domainkey.acme.onmicrosoft.com".into(), ..txt("") };
        assert_eq!(dkim_findings("selector1", &Outcome::Found(vec![cname.clone()]))[0].code, "dkim-cname-dangling");
        let through = dkim_findings("selector1", &Outcome::Found(vec![cname, txt("v=DKIM1; p=AAAA")]));
        assert!(through[0].message.contains("through selector1-acme-com"), "{}", through[0].message);
    }

    #[test]
    fn selectors_come_from_provider_and_held_records() {
        let mut input = HealthInput::new("acme.com", vec![], Some(MailProvider::Microsoft));
        assert_eq!(selectors(&input), vec!["selector1", "selector2"]);
        input.held.push(DnsRecord { host: "s2024._domainkey".into(), ..Default::default() });
        input.held.push(DnsRecord { host: "selector1._domainkey".into(), ..Default::default() });
        assert_eq!(selectors(&input), vec!["selector1", "selector2", "s2024"]);
        input.dkim_selectors = vec!["Mine".into()];
        assert_eq!(selectors(&input), vec!["mine", "s2024", "selector1"]);
    }
}
