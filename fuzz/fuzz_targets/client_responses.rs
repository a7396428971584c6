//! Any bytes as a reply body: the envelope and every response type of the client must parse
//! or fail with an error, never panic. The first byte picks the type.
#![no_main]
use cmr_client::{dns, domains, exports, geo, mailboxes, orders, prewarmup, subscriptions, users, wallet, warmup, Accepted, ApiResponse};
use libfuzzer_sys::fuzz_target;

macro_rules! parse_as {
    ($body:expr, $pick:expr, $($t:ty),+ $(,)?) => {{
        let parsers: &[fn(&[u8])] = &[$(|b| { let _ = serde_json::from_slice::<ApiResponse<$t>>(b); }),+];
        parsers[$pick as usize % parsers.len()]($body);
    }};
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else { return };
    let _ = serde_json::from_slice::<Accepted>(body);
    parse_as!(
        body,
        pick,
        geo::CodeMap,
        exports::ConnectedPlatforms,
        dns::DnsRecords,
        domains::DomainSuggestions,
        domains::DomainsPage,
        mailboxes::MailboxAdminDetails,
        mailboxes::MailboxDetails,
        mailboxes::MailboxesPage,
        Option<users::CreatedUser>,
        Option<exports::CredentialCreated>,
        Option<dns::DnsChangeStatus>,
        Option<domains::DomainAvailability>,
        Option<orders::OrderCreated>,
        Option<warmup::PlacementOrder>,
        Option<users::User>,
        Option<Vec<domains::DomainAutoRenew>>,
        Option<Vec<mailboxes::MailboxUpdateResult>>,
        Option<warmup::WarmupState>,
        orders::Order,
        orders::OrderStatusInfo,
        warmup::PlacementReports,
        exports::PlatformWorkspaces,
        prewarmup::PrewarmupInventory,
        subscriptions::SubscriptionsPage,
        users::User,
        users::UsersPage,
        Vec<domains::DomainRenewalPrice>,
        wallet::Wallet,
    );
});
