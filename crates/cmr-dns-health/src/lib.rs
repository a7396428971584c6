//! Live DNS health of a domain: what the world resolves, compared with what CMR holds, and
//! checks of the mail records (SPF with its lookup count, DMARC, DKIM, MX).
//!
//! - [`check_domain`]: one domain, one [`HealthReport`]; the app runs it as a bulk job;
//! - [`ResolverSettings`]: which servers are asked (the domain's own name servers, then
//!   public resolvers; or given servers, such as the Demo's loopback DNS server);
//! - the checks themselves ([`walk_spf`], [`verdict`], [`spf_findings`], …) read answers
//!   through the [`Lookup`] trait, so they run on [`StaticDns`] answers without a network.
//!
//! Free of any window: the app wraps it in commands.

pub mod answer;
mod check;
pub mod compare;
pub mod dkim_check;
pub mod dmarc_findings;
pub mod mx_check;
pub mod report;
mod resolve;
pub mod settings;
pub mod spf_findings;
pub mod spf_walk;
pub mod static_dns;

pub use answer::{Lookup, Outcome, Rtype, Seen};
pub use check::check_domain;
pub use compare::{published_value, same_dmarc, verdict, Verdict};
pub use dkim_check::{check_key, dkim_findings, selectors};
pub use dmarc_findings::dmarc_findings;
pub use mx_check::mx_findings;
pub use report::{
    HealthFinding, HealthInput, HealthReport, MailProvider, NetworkState, RecordVisibility, SeenAt, Severity, VisibilityState,
};
pub use settings::{ResolverSettings, DEFAULT_TIMEOUT, PUBLIC_RESOLVERS};
pub use spf_findings::spf_findings;
pub use spf_walk::{walk_spf, SpfWalk, MAX_DEPTH, MAX_VOID_LOOKUPS};
pub use static_dns::StaticDns;
