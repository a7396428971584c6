//! Every business rule the sandbox enforces, with where it comes from. A refusal the live API
//! was never seen to make is `Assumed`; `--lenient` (`SandboxConfig::lenient`) switches those
//! off, so a client can be tested against only what CMR documents. Each enforcement site asks
//! `rule_on(Rule::X)`; a test checks that every rule is asked for in the file named here.
//! Request-shape parsing (a required field missing, a string where a number belongs) is not a
//! business rule and is not listed.

use std::fmt::Write;

/// Where a rule comes from (see cmr-api.md §0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The whole seed page (PUT /dns), kept in seed-update-dns-page.txt.
    Seed,
    /// A docs page (SEEN in cmr-api.md / openapi.yaml).
    Docs,
    /// CMR's help-centre content (SEEN-HG).
    HelpGuide,
    /// Not documented anywhere: a plausible guess.
    Assumed,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Seed => "seed",
            Source::Docs => "docs",
            Source::HelpGuide => "help guide",
            Source::Assumed => "assumed",
        }
    }
}

macro_rules! rules {
    ($($variant:ident => ($id:literal, $source:ident, $file:literal, $desc:literal),)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Rule { $($variant,)* }

        pub struct RuleInfo {
            pub rule: Rule,
            pub id: &'static str,
            pub variant: &'static str,
            pub source: Source,
            /// The source file (under src/) whose code enforces it.
            pub enforced_in: &'static str,
            pub description: &'static str,
        }

        pub const RULES: &[RuleInfo] = &[
            $(RuleInfo { rule: Rule::$variant, id: $id, variant: stringify!($variant), source: Source::$source,
                enforced_in: $file, description: $desc },)*
        ];
    };
}

rules! {
    MainKey => ("auth.main-key", Seed, "server.rs", "Every non-sandbox route needs the partner key in cmr-x-api-key (or the query alternative); else 401"),
    SandboxKey => ("auth.sandbox-key", HelpGuide, "server.rs", "The /sandbox/pre-warmup routes take only the sandbox key, in cmr-x-sandbox-api-key; production and sandbox keys are not interchangeable"),
    RateLimit => ("rate.5-per-second", HelpGuide, "server.rs", "5 requests/s per key across all routes; 429 with Retry-After beyond"),
    UserIdRequired => ("user.id-required", HelpGuide, "envelope.rs", "User-level calls without userId answer \"Please provide a userId\""),
    UserExists => ("user.exists", HelpGuide, "sim.rs", "An unknown userId answers \"The requested user does not exist.\""),
    PageLimit => ("paging.limit", HelpGuide, "envelope.rs", "page starts at 1; limit is at most 100 (subscriptions: 1000, assumed along)"),
    UserRequiredFields => ("user.required-fields", Docs, "api/users.rs", "Create user needs every field except addressLineTwo/Three"),
    UserCharset => ("user.charset", HelpGuide, "api/users.rs", "User text fields take letters, digits, spaces and . , ' # & ( ) / - after HTML entities are decoded"),
    UserCountry => ("user.country-code", Docs, "api/users.rs", "country is an ISO 3166-1 alpha-2 code from /geo/countries"),
    UserEmailFormat => ("user.email-format", Assumed, "api/users.rs", "email must look like an address"),
    UserFieldLength => ("user.field-length", Assumed, "api/users.rs", "User text fields are at most 200 characters"),
    UserPhoneDigits => ("user.phone-digits", Assumed, "api/users.rs", "phoneCc and phone are digits only"),
    UserEmailUnique => ("user.email-unique", Assumed, "api/users.rs", "No two users of a partner share an email"),
    UserDeleteEmpty => ("user.delete-empty", Docs, "api/users.rs", "A user is deleted only with zero domains and zero mailboxes; the refusal carries domainCount and mailboxCount"),
    RenewalWindow => ("domain.renewal-window", HelpGuide, "billing.rs", "An ACTIVE domain is renewable from 45 days before expiry"),
    GraceRenewable => ("domain.grace-period", HelpGuide, "billing.rs", "A GRACE_PERIOD domain is renewable until the end of the UTC day 7 days after expiry; EXPIRED is not"),
    RenewOtherStatus => ("domain.renew-status", Assumed, "billing.rs", "RENEWING, PENDING, TRANSFERRED and INACTIVE domains are not renewed"),
    YearsRange => ("order.years-range", Assumed, "api/domains.rs", "years (renewal and new domains) is between 1 and 10"),
    WalletCovers => ("wallet.covers", HelpGuide, "sim.rs", "Every paid action needs the wallet to cover it (auto-recharge tops up first)"),
    DomainNameValid => ("domain.name-syntax", Assumed, "lifecycle.rs", "Domain names are lower-case LDH labels with an alphabetic TLD"),
    TldSupported => ("domain.tld-supported", Assumed, "lifecycle.rs", "Only the TLDs in the price list can be registered"),
    RestrictedWords => ("domain.restricted-words", Docs, "lifecycle.rs", "Names with restricted words are refused (domain order failure reason)"),
    ForwardingActive => ("domain.forwarding-active", Assumed, "api/domains.rs", "URL and email forwarding need an ACTIVE domain (email forwarding: with at least one mailbox)"),
    EmailForwardingActive => ("domain.email-forwarding-active", HelpGuide, "api/domains.rs", "Email forwarding needs every mailbox on the domain ACTIVE"),
    ClientIdValid => ("domain.client-id", Assumed, "api/domains.rs", "A Google client id ends in .apps.googleusercontent.com and goes on GOOGLE domains only"),
    DomainRemoveEmpty => ("domain.remove-empty", HelpGuide, "api/domains.rs", "A domain is removed only with zero mailboxes"),
    PendingDomainLocked => ("domain.pending-locked", Assumed, "api/domains.rs", "A PENDING domain has no DNS zone and cannot be removed yet"),
    WorkspaceConflict => ("domain.workspace-conflict", HelpGuide, "api/domains.rs", "has-workspace answers an error (409) when a workspace already claims the name"),
    DmarcTagsOnDmarcOnly => ("dns.excluded-tags-dmarc-only", HelpGuide, "api/dns.rs", "excludedDMARCtags only on a _dmarc TXT record (400)"),
    DmarcTagsKnown => ("dns.excluded-tags-known", Seed, "api/dns.rs", "excludedDMARCtags names only the default tags rua, ruf, fo, rf, ri, pct, sp, aspf, adkim"),
    DnsRecordType => ("dns.record-type", Docs, "api/dns.rs", "recordType is one of A, AAAA, CNAME, MX, TXT, NS"),
    DnsRecordExists => ("dns.record-exists", Seed, "api/dns.rs", "recordId names an existing record of that domain"),
    DnsValueFormat => ("dns.value-format", Assumed, "api/dns.rs", "Values fit their type (IPv4/IPv6, host names, numeric MX priority, TXT ≤ 2048, DMARC starts v=DMARC1 with p=); priority on MX only"),
    DnsNoClash => ("dns.no-clash", Assumed, "api/dns.rs", "No identical record, one DMARC record per host, CNAME alone at its host"),
    BillingMonthly => ("order.billing-monthly", Docs, "api/orders.rs", "billingCycle is MONTHLY"),
    OrderListsMailboxes => ("order.lists-mailboxes", HelpGuide, "api/orders.rs", "Each ordered domain lists its mailboxes under mailboxes.<domain> (no count field)"),
    MaxMailboxesPerDomain => ("order.max-mailboxes", Assumed, "api/orders.rs", "At most 100 mailboxes per domain in one order"),
    UsernameFormat => ("mailbox.username-format", Assumed, "api/orders.rs", "Usernames are lower-case letters, digits, . _ - (≤ 64, no leading/trailing dot, no two dots in a row)"),
    UsernameUnique => ("mailbox.username-unique", Assumed, "api/orders.rs", "A username appears once per domain"),
    OrderDomainOnce => ("order.domain-once", Assumed, "api/orders.rs", "A domain appears once in an order"),
    SubscriptionOrDomain => ("order.subscription-or-domain", Docs, "api/orders.rs", "Adding mailboxes takes subscriptionId (active subscription) or domainId (cancelled one), never both"),
    AddMailboxesActiveDomain => ("order.active-domain", Assumed, "api/orders.rs", "Mailboxes are added to ACTIVE domains only"),
    DeprecatedGoogleOnly => ("order.deprecated-google-only", Docs, "api/orders.rs", "The deprecated multipart add-mailboxes endpoint serves GOOGLE only"),
    ProcessPendingOnly => ("order.process-pending", Assumed, "api/orders.rs", "Only a PENDING order is processed, and only while its names are still free"),
    MailboxRemovalCutoff => ("mailbox.removal-cutoff", Docs, "api/mailboxes.rs", "A mailbox is removed only earlier than 24 h before its subscription expires"),
    MailboxMustBeActive => ("mailbox.must-be-active", Assumed, "api/mailboxes.rs", "Updates, removal, exports, warmup and placement need a mailbox that is not being created (ACTIVE)"),
    ProfilePictureUrl => ("mailbox.profile-picture-url", Assumed, "api/mailboxes.rs", "profilePicture is an http(s) URL"),
    SubscriptionCancelCutoff => ("subscription.cancel-cutoff", HelpGuide, "api/subscriptions.rs", "Cancellations are sent at least 24 h before the subscription expires"),
    SubscriptionState => ("subscription.state", Assumed, "api/subscriptions.rs", "Renew needs ACTIVE or PAST_DUE; toggle and cancel refuse CANCELLED/EXPIRED; recreate needs ACTIVE"),
    CredentialValidation => ("export.credential-validation", Docs, "api/exports.rs", "Platform credentials are validated with the platform; failure answers 400"),
    CredentialOwner => ("export.credential-owner", Docs, "api/exports.rs", "A credential or mailbox of another user answers 403"),
    PlatformMetadata => ("export.platform-metadata", Assumed, "api/exports.rs", "EMAILBISON needs metadata.appBaseUrl; orgId is INSTANTLY-only and required before exporting there"),
    ExportOnce => ("export.once-at-a-time", Assumed, "api/exports.rs", "One export of a mailbox at a time"),
    OauthRoute => ("export.oauth-route", HelpGuide, "api/exports.rs", "Re-export needs the provider's OAuth route (googleOauthRoute / microsoftOauthRoute)"),
    WarmupOnce => ("warmup.enrol-once", Assumed, "api/warmup.rs", "A mailbox is enrolled in warmup once; pause/resume/settings need an enrolment"),
    WarmupSettingsRange => ("warmup.settings-range", Assumed, "api/warmup.rs", "Warmup settings stay within sane ranges (limits, rates 0..1, min ≤ max)"),
    PlacementWallet => ("placement.wallet", HelpGuide, "api/warmup.rs", "A placement test the wallet cannot cover answers 402"),
    PrewarmInPool => ("prewarmup.in-pool", Docs, "api/prewarmup.rs", "Pre-warmup orders name inventory domains (sandbox: the four fixed ones)"),
    PrewarmProvider => ("prewarmup.provider", Docs, "api/prewarmup.rs", "A pre-warmed domain is ordered with its own serviceProvider"),
    PrewarmAssignedOnce => ("prewarmup.assigned-once", Assumed, "api/prewarmup.rs", "A pre-warmed domain already assigned (sandbox: until reset) is refused"),
}

impl Rule {
    pub fn info(self) -> &'static RuleInfo {
        RULES.iter().find(|r| r.rule == self).expect("every rule is in the table")
    }

    /// On unless lenient and assumed.
    pub fn on(self, lenient: bool) -> bool {
        !(lenient && self.info().source == Source::Assumed)
    }
}

/// (source, count) in table order of sources.
pub fn counts() -> Vec<(Source, usize)> {
    [Source::Seed, Source::Docs, Source::HelpGuide, Source::Assumed]
        .into_iter()
        .map(|s| (s, RULES.iter().filter(|r| r.source == s).count()))
        .collect()
}

/// The table `cmr-sandbox --rules` prints.
pub fn table() -> String {
    let mut out = String::new();
    let w = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let f = RULES.iter().map(|r| r.enforced_in.len()).max().unwrap_or(0);
    let _ = writeln!(out, "{:<w$}  {:<10}  {:<f$}  description", "id", "source", "enforced in");
    for r in RULES {
        let _ = writeln!(out, "{:<w$}  {:<10}  {:<f$}  {}", r.id, r.source.as_str(), r.enforced_in, r.description);
    }
    let summary: Vec<String> = counts().iter().map(|(s, n)| format!("{} {n}", s.as_str())).collect();
    let _ = writeln!(out, "\n{} rules: {}. --lenient switches off the assumed ones.", RULES.len(), summary.join(", "));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_every_rule_is_asked_for_where_the_table_says() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src/");
        for r in RULES {
            let text = std::fs::read_to_string(format!("{src}{}", r.enforced_in)).unwrap();
            assert!(text.contains(&format!("Rule::{}", r.variant)), "{} is not checked in {}", r.id, r.enforced_in);
        }
    }

    #[test]
    fn the_readme_lists_every_rule() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        for r in RULES {
            assert!(readme.contains(&format!("`{}` | {} |", r.id, r.source.as_str())), "README misses {}", r.id);
        }
    }

    #[test]
    fn lenient_turns_off_only_assumed_rules() {
        assert!(Rule::UsernameFormat.on(false));
        assert!(!Rule::UsernameFormat.on(true));
        assert!(Rule::MailboxRemovalCutoff.on(true));
        assert!(table().contains("auth.sandbox-key"));
    }
}
