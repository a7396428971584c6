//! The domain's MX against the mailboxes' provider: mail for Google Workspace must reach
//! Google, for Microsoft 365 the tenant's `*.mail.protection.outlook.com`.

use crate::answer::{Outcome, Rtype};
use crate::report::{HealthFinding, MailProvider};

/// Whether an MX host belongs to the provider.
pub fn provider_host(provider: &MailProvider, host: &str) -> bool {
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    match provider {
        MailProvider::Google => {
            host == "smtp.google.com" || host.ends_with(".google.com") || host.ends_with(".googlemail.com")
        }
        // `*.mx.microsoft` is the newer, DNSSEC-signed form Microsoft hands out.
        MailProvider::Microsoft => host.ends_with(".mail.protection.outlook.com") || host.ends_with(".mx.microsoft"),
        MailProvider::Other(_) => true,
    }
}

pub fn mx_findings(outcome: &Outcome, provider: Option<&MailProvider>) -> Vec<HealthFinding> {
    if outcome.failed().is_some() {
        return vec![HealthFinding::warning("mx-unchecked", "The MX records could not be read (no answer from DNS).")];
    }
    let hosts: Vec<String> = outcome.of(Rtype::Mx).iter().map(|s| s.value.clone()).collect();
    if hosts.is_empty() {
        return vec![HealthFinding::error("mx-missing", "No MX record: mail sent to this domain cannot be delivered.")];
    }
    let list = hosts.join(", ");
    match provider.filter(|p| p.is_known()) {
        Some(p) => {
            let name = match p {
                MailProvider::Microsoft => "Microsoft 365",
                _ => "Google Workspace",
            };
            let foreign: Vec<&String> = hosts.iter().filter(|h| !provider_host(p, h)).collect();
            if foreign.len() == hosts.len() {
                vec![HealthFinding::error(
                    "mx-provider-mismatch",
                    format!("MX points to {list}, not to {name}: replies to these mailboxes will not arrive."),
                )]
            } else if !foreign.is_empty() {
                let others = foreign.iter().map(|h| h.as_str()).collect::<Vec<_>>().join(", ");
                vec![HealthFinding::warning(
                    "mx-mixed",
                    format!("MX also lists {others}, which is not {name}: some mail may go elsewhere."),
                )]
            } else {
                vec![HealthFinding::info("mx-provider", format!("MX points to {name} ({list})."))]
            }
        }
        None => vec![HealthFinding::info("mx-hosts", format!("MX points to {list}."))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::Seen;

    fn mx(host: &str) -> Seen {
        Seen { rtype: Rtype::Mx, name: "acme.com".into(), value: host.into(), priority: Some(1), ttl: 300 }
    }

    #[test]
    fn provider_hosts() {
        let g = MailProvider::Google;
        assert!(provider_host(&g, "ASPMX.L.GOOGLE.COM."));
        assert!(provider_host(&g, "smtp.google.com"));
        assert!(!provider_host(&g, "acme-com.mail.protection.outlook.com"));
        assert!(provider_host(&MailProvider::Microsoft, "acme-com.mail.protection.outlook.com"));
    }

    #[test]
    fn findings() {
        let google = Outcome::Found(vec![mx("smtp.google.com")]);
        assert_eq!(mx_findings(&google, Some(&MailProvider::Google))[0].code, "mx-provider");
        assert_eq!(mx_findings(&google, Some(&MailProvider::Microsoft))[0].code, "mx-provider-mismatch");
        let mixed = Outcome::Found(vec![mx("smtp.google.com"), mx("mx.other.net")]);
        assert_eq!(mx_findings(&mixed, Some(&MailProvider::Google))[0].code, "mx-mixed");
        assert_eq!(mx_findings(&Outcome::Void { negative_ttl: None }, None)[0].code, "mx-missing");
        assert_eq!(mx_findings(&google, None)[0].code, "mx-hosts");
    }
}
