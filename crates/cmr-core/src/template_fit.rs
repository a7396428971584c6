//! Whether a mail template suits the mailboxes a domain already has. A Microsoft 365 template
//! on a domain whose mailboxes are on Google (or the reverse) points the domain's mail at a
//! provider where those mailboxes have no inbox: they stop receiving, and the old provider's
//! DKIM no longer matches the mail servers. The DNS editor shows such a mismatch as a warning
//! that needs an explicit confirmation, and starts on the template that fits.

use std::collections::BTreeMap;

use cmr_client::domains::Domain;
use cmr_client::mailboxes::Mailbox;
use cmr_client::ServiceProvider;
use cmr_dns::{MailTemplate, TemplateOutcome};
use serde::{Deserialize, Serialize};

/// The template that serves mailboxes on `provider`.
pub fn template_for(provider: &ServiceProvider) -> Option<MailTemplate> {
    match provider {
        ServiceProvider::Google => Some(MailTemplate::GoogleWorkspace),
        ServiceProvider::Microsoft => Some(MailTemplate::Microsoft365),
        ServiceProvider::Other(_) => None,
    }
}

/// Provider → template, for the UI's default choice (the wire names CMR uses).
pub fn templates_by_provider() -> BTreeMap<&'static str, MailTemplate> {
    ServiceProvider::KNOWN.iter().zip(ServiceProvider::WIRE).filter_map(|(p, w)| Some((*w, template_for(p)?))).collect()
}

fn template_name(t: MailTemplate) -> &'static str {
    match t {
        MailTemplate::GoogleWorkspace => "Google Workspace",
        MailTemplate::Microsoft365 => "Microsoft 365",
    }
}

/// What a template would break on one domain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TemplateMismatch {
    /// Mailboxes on the domain whose provider the template does not serve.
    pub mailboxes: u32,
    /// The template those mailboxes need.
    pub fits: MailTemplate,
    /// What stops working, in words.
    pub message: String,
}

/// A template's plan for one domain, with what it would break.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TemplatePlan {
    #[serde(flatten)]
    pub outcome: TemplateOutcome,
    /// Set when the domain's mailboxes are on another provider.
    #[serde(default)]
    pub mismatch: Option<TemplateMismatch>,
}

/// Checks `template` against the mailboxes on `domain` (a mailbox without a provider of its
/// own is on its domain's).
pub fn mismatch(template: MailTemplate, domain: &str, domain_info: Option<&Domain>, mailboxes: &[Mailbox]) -> Option<TemplateMismatch> {
    let on_domain = |m: &&Mailbox| m.domain.as_deref().is_some_and(|d| d.eq_ignore_ascii_case(domain));
    let fallback = domain_info.and_then(|d| d.service_provider.as_ref());
    let mut counts: BTreeMap<MailTemplate, u32> = BTreeMap::new();
    for m in mailboxes.iter().filter(on_domain) {
        if let Some(t) = m.service_provider.as_ref().or(fallback).and_then(template_for) {
            *counts.entry(t).or_default() += 1;
        }
    }
    let (fits, n) = counts.into_iter().filter(|(t, _)| *t != template).max_by_key(|(_, n)| *n)?;
    let (want, have) = (template_name(template), template_name(fits));
    let boxes = if n == 1 { "1 mailbox".to_owned() } else { format!("{n} mailboxes") };
    let message = format!(
        "{boxes} on {domain} {are} on {have}. {want}'s MX records would send their mail to {want}, where they have no inbox: \
         they would stop receiving mail, and {have}'s DKIM would no longer match the domain's mail servers. \
         Use the {have} template, or move the mailboxes first.",
        are = if n == 1 { "is" } else { "are" },
    );
    Some(TemplateMismatch { mailboxes: n, fits, message })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mailbox(domain: &str, provider: Option<&str>) -> Mailbox {
        serde_json::from_value(serde_json::json!({"domain": domain, "serviceProvider": provider, "username": "a"})).unwrap()
    }

    #[test]
    fn a_template_for_the_other_provider_names_what_stops_working() {
        let boxes: Vec<Mailbox> = (0..8).map(|_| mailbox("acme.com", Some("GOOGLE"))).collect();
        let m = mismatch(MailTemplate::Microsoft365, "acme.com", None, &boxes).expect("a mismatch");
        assert_eq!(m.mailboxes, 8);
        assert_eq!(m.fits, MailTemplate::GoogleWorkspace);
        assert!(m.message.starts_with("8 mailboxes on acme.com are on Google Workspace."), "{}", m.message);
        assert!(m.message.contains("stop receiving mail"));
        assert_eq!(mismatch(MailTemplate::GoogleWorkspace, "acme.com", None, &boxes), None, "the fitting template is fine");
    }

    #[test]
    fn mailboxes_without_a_provider_are_on_their_domains_and_other_domains_do_not_count() {
        let domain: Domain = serde_json::from_value(serde_json::json!({"domainName": "acme.com", "serviceProvider": "MICROSOFT"})).unwrap();
        let boxes = vec![mailbox("acme.com", None), mailbox("other.com", Some("GOOGLE"))];
        let m = mismatch(MailTemplate::GoogleWorkspace, "acme.com", Some(&domain), &boxes).expect("a mismatch");
        assert_eq!((m.mailboxes, m.fits), (1, MailTemplate::Microsoft365));
        assert!(m.message.starts_with("1 mailbox on acme.com is on Microsoft 365."));
        assert_eq!(mismatch(MailTemplate::GoogleWorkspace, "empty.com", None, &boxes), None, "no mailboxes, nothing breaks");
    }

    #[test]
    fn every_provider_has_its_template() {
        assert_eq!(templates_by_provider().len(), ServiceProvider::KNOWN.len());
    }
}
