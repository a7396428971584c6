//! The Overview from the cache: once every customer's domains and the account's subscriptions
//! are read from the sandbox, the due list and the counts are exactly what the sandbox holds.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use cmr_core::{CacheKind, DueKind};
use cmr_sandbox::World;
use common::*;

const DAY: i64 = 86_400_000;

#[tokio::test]
async fn the_overview_lists_what_the_sandbox_has_due_and_counts_by_status() {
    let sb = sandbox(World::Demo).await;
    let dir = tempfile::tempdir().unwrap();
    let (desk, _) = open(dir.path(), &sb);

    // Nothing read yet: an empty picture that says so.
    let empty = desk.cache().overview(sb.now_ms(), 45).unwrap();
    assert_eq!((empty.customers, empty.domains_read_for, empty.subscriptions_read), (0, 0, false));
    assert!(empty.due.is_empty() && empty.oldest_sync.is_none());

    desk.sync_cache(CacheKind::Customers, None).await.unwrap();
    let users: Vec<String> = sb.with_state(|s| s.users.keys().cloned().collect());
    for u in &users {
        desk.sync_cache(CacheKind::Domains, Some(u)).await.unwrap();
    }
    desk.sync_cache(CacheKind::Subscriptions, None).await.unwrap();

    let now = sb.now_ms();
    let o = desk.cache().overview(now, 45).unwrap();
    assert_eq!(o.customers as usize, users.len());
    assert_eq!(o.domains_read_for as usize, users.len());
    assert!(o.subscriptions_read && o.oldest_sync.is_some() && o.newest_sync.is_some());

    let (domains_due, subs_due, domain_counts) = sb.with_state(|s| {
        let until = now + 45 * DAY;
        let domains: BTreeSet<String> = s
            .domains
            .values()
            .filter(|d| {
                let status = d.status.as_str();
                (matches!(status, "ACTIVE" | "RENEWING" | "GRACE_PERIOD") && d.expire_on >= now && d.expire_on <= until)
                    || (status == "GRACE_PERIOD" && d.expire_on >= now - 8 * DAY)
            })
            .map(|d| d.name.clone())
            .collect();
        let subs: BTreeSet<String> = s
            .subscriptions
            .values()
            .filter(|x| {
                let status = x.status.as_str();
                matches!(status, "ACTIVE" | "RENEWING" | "PAST_DUE") && x.period_end <= until && (x.period_end >= now || status == "PAST_DUE")
            })
            .map(|x| x.id.clone())
            .collect();
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for d in s.domains.values() {
            *counts.entry(d.status.as_str().to_owned()).or_default() += 1;
        }
        (domains, subs, counts)
    });
    assert!(!domains_due.is_empty() && !subs_due.is_empty(), "the Demo account has renewals coming");
    let listed = |kind| o.due.iter().filter(|d| d.kind == kind).map(|d| d.id.clone()).collect::<BTreeSet<_>>();
    assert_eq!(listed(DueKind::Domain), domains_due);
    assert_eq!(listed(DueKind::Subscription), subs_due);
    let counted: BTreeMap<String, u32> = o.domains.iter().map(|c| (c.status.clone(), c.count)).collect();
    assert_eq!(counted, domain_counts);
    // Soonest first, each named by its customer.
    let at = |d: &cmr_core::DueItem| cmr_core::time::parse_time(&d.due).unwrap();
    assert!(o.due.windows(2).all(|w| at(&w[0]) <= at(&w[1])));
    assert!(o.due.iter().all(|d| d.customer_label.is_some()), "{:?}", o.due);
    assert!(o.due.iter().filter(|d| d.kind == DueKind::Subscription).all(|d| d.cents.is_some()));
}
