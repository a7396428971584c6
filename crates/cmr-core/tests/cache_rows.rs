//! The cache as rows: a read from the sandbox gives the same rows in the same order as the API,
//! filters count right, the rows survive a restart, a resync applies what changed at CMR, a
//! cancelled read keeps what it read, and the account-wide search finds any customer's rows.

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use cmr_client::mailboxes::Mailbox;
use cmr_core::{CacheKind, CoreEvent, RowFilter, RowQuery, RowSort, SearchQuery};
use cmr_sandbox::World;
use common::*;

fn ids(list: &[Mailbox]) -> Vec<String> {
    list.iter().map(|m| m.id().unwrap().to_owned()).collect()
}

fn all_pages(desk: &cmr_core::Desk, user: &str, filter: RowFilter, sort: RowSort, descending: bool) -> (u32, Vec<Mailbox>) {
    let (mut offset, mut out) = (0, Vec::new());
    let total = loop {
        let q = RowQuery { filter: filter.clone(), sort, descending, offset, limit: 250 };
        let page = desk.cache().row_page::<Mailbox>(Some(user), &q).unwrap();
        if page.rows.is_empty() {
            break page.total;
        }
        offset += page.rows.len() as u32;
        out.extend(page.rows);
    };
    (total, out)
}

/// The one customer of a `large` world with 1,250 mailboxes on 12 domains.
async fn large() -> (cmr_sandbox::SandboxHandle, String) {
    let sb = sandbox(World::Large { mailboxes: 1_250, domains: 12 }).await;
    let user = sb.with_state(|s| s.users.keys().next().unwrap().clone());
    (sb, user)
}

#[tokio::test]
async fn paged_rows_are_the_api_rows_in_the_api_order_and_filters_count_right() {
    let (sb, user) = large().await;
    let dir = tempfile::tempdir().unwrap();
    let (desk, sink) = open(dir.path(), &sb);
    let from_api = desk.client().get_all_mailboxes_for_user(&user).await.unwrap();
    assert_eq!(from_api.len(), 1_250);

    let outcome = desk.sync_cache(CacheKind::Mailboxes, Some(&user)).await.unwrap();
    assert!(outcome.complete);
    assert_eq!((outcome.read, outcome.entry.item_count), (1_250, 1_250));
    // One progress event per page, the count rising, the total known from the first page.
    let progress: Vec<_> = sink.events().into_iter().filter_map(|e| if let CoreEvent::CacheProgress(p) = e { Some(p) } else { None }).collect();
    assert_eq!(progress.len(), 14, "13 pages and the end");
    assert_eq!((progress[0].read, progress[0].total, progress[0].done), (100, Some(1_250), false));
    assert!(progress.windows(2).all(|w| w[0].read <= w[1].read));
    assert!(progress.last().unwrap().done);

    let (total, rows) = all_pages(&desk, &user, RowFilter::default(), RowSort::Position, false);
    assert_eq!(total, 1_250);
    assert_eq!(ids(&rows), ids(&from_api), "same rows, same order");
    assert_eq!(rows, from_api, "same content");

    // Filters, against the API's list filtered here.
    let domain = from_api[700].domain.clone().unwrap();
    let by_domain = RowFilter { domain: domain.clone(), ..Default::default() };
    let expected: Vec<&Mailbox> = from_api.iter().filter(|m| m.domain.as_deref() == Some(domain.as_str())).collect();
    let (n, got) = all_pages(&desk, &user, by_domain, RowSort::Position, false);
    assert_eq!(n as usize, expected.len());
    assert_eq!(ids(&got), expected.iter().map(|m| m.id().unwrap().to_owned()).collect::<Vec<_>>());

    let first = from_api[3].first_name.clone().unwrap().to_lowercase();
    let expected = from_api.iter().filter(|m| format!("{} {}", m.email.as_deref().unwrap_or(""), m.first_name.as_deref().unwrap_or("")).to_lowercase().contains(&first)).count();
    let (n, _) = all_pages(&desk, &user, RowFilter { query: first.to_uppercase(), ..Default::default() }, RowSort::Position, false);
    assert!(n as usize >= expected && n > 0, "a name search counts every mailbox with that name: {n} vs {expected}");
    let (n, _) = all_pages(&desk, &user, RowFilter { status: "ACTIVE".into(), warmup: "NONE".into(), ..Default::default() }, RowSort::Position, false);
    assert_eq!(n as usize, from_api.iter().filter(|m| m.warmup_status.is_none()).count());
    let (n, _) = all_pages(&desk, &user, RowFilter { status: "EXPIRED".into(), ..Default::default() }, RowSort::Position, false);
    assert_eq!(n, 0);
    let (n, _) = all_pages(&desk, &user, RowFilter { query: "no-such-mailbox-anywhere".into(), ..Default::default() }, RowSort::Position, false);
    assert_eq!(n, 0);

    // Sorting by address, both ways.
    let (_, sorted) = all_pages(&desk, &user, RowFilter::default(), RowSort::Label, false);
    let mut emails: Vec<String> = from_api.iter().map(|m| m.email.clone().unwrap()).collect();
    emails.sort();
    assert_eq!(sorted.iter().map(|m| m.email.clone().unwrap()).collect::<Vec<_>>(), emails);
    let (_, down) = all_pages(&desk, &user, RowFilter::default(), RowSort::Label, true);
    assert_eq!(down.first().unwrap().email, sorted.last().unwrap().email);

    // Select all shown: the ids matching a filter; and the rows of chosen ids.
    let domain_ids = desk.cache().row_ids(CacheKind::Mailboxes, Some(&user), &RowFilter { domain: domain.clone(), ..Default::default() }).unwrap();
    assert_eq!(domain_ids.len(), expected_len(&from_api, &domain));
    let chosen = desk.cache().rows_by_ids::<Mailbox>(Some(&user), &domain_ids[..3]).unwrap();
    assert_eq!(ids(&chosen), domain_ids[..3].to_vec());
    assert_eq!(desk.cache().rows_on_domains::<Mailbox>(Some(&user), &[domain.clone()]).unwrap().len(), domain_ids.len());
    assert_eq!(desk.cache().row_domains(CacheKind::Mailboxes, Some(&user)).unwrap().len(), 12);

    // The older whole-list command reads the same rows.
    let cached = desk.mailboxes(&user, false).await.unwrap();
    assert_eq!(ids(&cached.data), ids(&from_api));
}

fn expected_len(list: &[Mailbox], domain: &str) -> usize {
    list.iter().filter(|m| m.domain.as_deref() == Some(domain)).count()
}

#[tokio::test]
async fn rows_survive_a_restart_and_a_resync_applies_what_changed() {
    let (sb, user) = large().await;
    let dir = tempfile::tempdir().unwrap();
    {
        let (desk, _) = open(dir.path(), &sb);
        desk.sync_cache(CacheKind::Mailboxes, Some(&user)).await.unwrap();
    }
    // Changes at CMR: one added, one removed, one renamed.
    let (removed, renamed, added) = sb.with_state(|s| {
        let mut it = s.mailboxes.keys().cloned();
        let removed = it.next().unwrap();
        let renamed = it.next().unwrap();
        s.mailboxes.remove(&removed);
        s.mailboxes.get_mut(&renamed).unwrap().first_name = "Zebulon".into();
        let mut copy = s.mailboxes.values().next().unwrap().clone();
        copy.id = "mbx-added-after-first-read".into();
        copy.username = "newcomer".into();
        copy.first_name = "Newcomer".into();
        s.mailboxes.insert(copy.id.clone(), copy);
        (removed, renamed, "mbx-added-after-first-read".to_owned())
    });

    let (desk, _) = open(dir.path(), &sb);
    // Every call to CMR would fail now: the second open must not make one.
    sb.set_faults(cmr_sandbox::FaultConfig { error_rates: [("*".to_owned(), 1.0)].into(), error_status: 500, ..Default::default() });
    let entry = desk.cache().entry(CacheKind::Mailboxes, Some(&user)).unwrap().expect("still cached after a restart");
    assert!(entry.complete && entry.item_count == 1_250);
    // The second open answers from the rows without asking CMR.
    let cached = desk.mailboxes(&user, false).await.unwrap();
    assert_eq!(cached.data.len(), 1_250);
    assert!(cached.data.iter().any(|m| m.id() == Some(removed.as_str())));
    sb.set_faults(cmr_sandbox::FaultConfig::default());

    desk.sync_cache(CacheKind::Mailboxes, Some(&user)).await.unwrap();
    let from_api = desk.client().get_all_mailboxes_for_user(&user).await.unwrap();
    let (total, rows) = all_pages(&desk, &user, RowFilter::default(), RowSort::Position, false);
    assert_eq!(total, 1_250);
    assert_eq!(ids(&rows), ids(&from_api), "same rows, same order after the resync");
    assert!(!rows.iter().any(|m| m.id() == Some(removed.as_str())), "removed at CMR, removed here");
    assert!(rows.iter().any(|m| m.id() == Some(added.as_str())), "added at CMR, added here");
    let zeb = rows.iter().find(|m| m.id() == Some(renamed.as_str())).unwrap();
    assert_eq!(zeb.first_name.as_deref(), Some("Zebulon"));
    let found = desk.cache().row_page::<Mailbox>(Some(&user), &RowQuery { filter: RowFilter { query: "zebulon".into(), ..Default::default() }, limit: 10, ..Default::default() }).unwrap();
    assert_eq!(found.total, 1, "the search text follows the change");
}

#[tokio::test]
async fn a_cancelled_read_keeps_what_it_read_and_removes_nothing() {
    let (sb, user) = large().await;
    let dir = tempfile::tempdir().unwrap();
    let (desk, _) = open(dir.path(), &sb);
    desk.sync_cache(CacheKind::Mailboxes, Some(&user)).await.unwrap();
    // Every mailbox of the last domain goes at CMR; a read cancelled early must not drop them.
    let (last_domain, remaining) = sb.with_state(|s| {
        let d = s.mailboxes.values().last().unwrap().domain.clone();
        s.mailboxes.retain(|_, m| m.domain != d);
        (d, s.mailboxes.len() as u32)
    });
    sb.set_rate_limit(None);
    let slow = {
        let mut cfg = cmr_client::ClientConfig::new(sb.base_url(), cmr_client::ApiKey::new(KEY));
        cfg.requests_per_second = 4;
        cmr_client::CmrClient::new(cfg).unwrap()
    };
    desk.set_client(slow);
    let reader = desk.clone();
    let u = user.clone();
    let task = tokio::spawn(async move { reader.sync_cache(CacheKind::Mailboxes, Some(&u)).await });
    tokio::time::sleep(Duration::from_millis(600)).await;
    desk.cancel_cache_sync(CacheKind::Mailboxes, Some(&user));
    let outcome = task.await.unwrap().unwrap();
    assert!(!outcome.complete);
    assert!(outcome.read > 0 && outcome.read < remaining, "{}", outcome.read);
    assert_eq!(outcome.total, Some(remaining), "as CMR's first page said");
    let entry = desk.cache().entry(CacheKind::Mailboxes, Some(&user)).unwrap().unwrap();
    assert!(!entry.complete && entry.stale, "marked as a partial read");
    let still = desk.cache().row_ids(CacheKind::Mailboxes, Some(&user), &RowFilter { domain: last_domain, ..Default::default() }).unwrap();
    assert!(!still.is_empty(), "a cancelled read removes nothing");
    // The older whole-list command does not take a partial copy for the list.
    let listed = desk.mailboxes(&user, false).await.unwrap();
    assert_eq!(listed.data.len() as u32, remaining);
    assert!(!listed.stale);
}

#[tokio::test]
async fn the_search_finds_customers_domains_and_mailboxes_of_every_customer() {
    let sb = sandbox(World::Large { mailboxes: 3_000, domains: 300 }).await;
    let dir = tempfile::tempdir().unwrap();
    let (desk, _) = open(dir.path(), &sb);
    desk.sync_cache(CacheKind::Customers, None).await.unwrap();
    let users: Vec<String> = sb.with_state(|s| s.users.keys().cloned().collect());
    assert_eq!(users.len(), 3);
    for u in &users {
        desk.sync_cache(CacheKind::Domains, Some(u)).await.unwrap();
        desk.sync_cache(CacheKind::Mailboxes, Some(u)).await.unwrap();
    }
    let (target_user, email, company) = sb.with_state(|s| {
        let m = s.mailboxes.values().find(|m| m.user_id == users[2]).unwrap();
        (m.user_id.clone(), m.email(), s.users[&m.user_id].company.clone())
    });
    let hits = desk.cache().search(&SearchQuery { query: email.to_uppercase(), per_kind: 5 }).unwrap();
    let hit = hits.iter().find(|h| h.kind == CacheKind::Mailboxes).expect("the mailbox");
    assert_eq!((hit.label.as_str(), hit.customer_id.as_deref()), (email.as_str(), Some(target_user.as_str())));
    assert_eq!(hit.customer_label.as_deref(), Some(company.as_str()));

    let domain = email.split('@').nth(1).unwrap();
    let hits = desk.cache().search(&SearchQuery { query: domain.into(), per_kind: 5 }).unwrap();
    assert!(hits.iter().any(|h| h.kind == CacheKind::Domains && h.label == domain && h.customer_id.as_deref() == Some(target_user.as_str())));
    let hits = desk.cache().search(&SearchQuery { query: company.clone(), per_kind: 5 }).unwrap();
    assert!(hits.iter().any(|h| h.kind == CacheKind::Customers && h.id == target_user));
    // Short words are matched too (no trigram for them), and a miss finds nothing.
    let short = &email[..2];
    assert!(!desk.cache().search(&SearchQuery { query: short.into(), per_kind: 5 }).unwrap().is_empty());
    assert!(desk.cache().search(&SearchQuery { query: "zzqqxx".into(), per_kind: 5 }).unwrap().is_empty());
    let kinds: HashSet<_> = desk.cache().search(&SearchQuery { query: "outreach".into(), per_kind: 3 }).unwrap().iter().map(|h| h.kind).collect();
    assert!(kinds.contains(&CacheKind::Customers) && kinds.contains(&CacheKind::Domains));

    // Not a timing assertion: printed for the benchmark's reader (`--nocapture`).
    let started = Instant::now();
    for _ in 0..20 {
        desk.cache().search(&SearchQuery { query: "atlas mail".into(), per_kind: 8 }).unwrap();
    }
    println!("search over {} mailboxes: {:?} per query", 3_000, started.elapsed() / 20);
}

/// The search goes through the trigram index first, then checks each word on the rows it names:
/// it must find exactly the mailboxes whose address holds the text, as a plain scan does.
#[tokio::test]
async fn the_search_finds_the_same_mailboxes_as_a_plain_scan() {
    let sb = sandbox(World::Large { mailboxes: 3_000, domains: 300 }).await;
    let dir = tempfile::tempdir().unwrap();
    let (desk, _) = open(dir.path(), &sb);
    let users: Vec<String> = sb.with_state(|s| s.users.keys().cloned().collect());
    for u in &users {
        desk.sync_cache(CacheKind::Mailboxes, Some(u)).await.unwrap();
    }
    let emails: Vec<String> = sb.with_state(|s| s.mailboxes.values().map(|m| m.email().to_lowercase()).collect());
    // Whole addresses, and a local part with its "@" (text only an address holds).
    let queries: Vec<String> = emails
        .iter()
        .step_by(97)
        .flat_map(|e| [e.clone(), format!("{}@", e.split('@').next().unwrap())])
        .collect();
    assert!(queries.len() >= 60);
    for q in &queries {
        let expected: HashSet<&str> = emails.iter().filter(|e| e.contains(q.as_str())).map(String::as_str).collect();
        assert!(!expected.is_empty() && expected.len() < 50, "{q}: {}", expected.len());
        let found: HashSet<String> = desk
            .cache()
            .search(&SearchQuery { query: q.to_uppercase(), per_kind: 50 })
            .unwrap()
            .into_iter()
            .filter(|h| h.kind == CacheKind::Mailboxes)
            .map(|h| h.label.to_lowercase())
            .collect();
        assert_eq!(found, expected.iter().map(|e| e.to_string()).collect::<HashSet<_>>(), "{q}");
    }
}
