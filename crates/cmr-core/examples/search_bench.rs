//! Account-wide search benchmark: the big account (200 customers, 10,000 domains, 100,000
//! mailboxes) read into the row cache from the sandbox over loopback, then queries as a person
//! types them into the search box (Ctrl+K): whole addresses, domains, company names, parts of
//! words and misses. Prints p50, p95 and the longest query over all of them; the goal is an
//! answer within 50 ms.
//!
//! `cargo run --release -p cmr-core --example search_bench [-- --json]` (`--json` adds one line
//! of JSON with the figures, which `make bench` reads.)

mod common;

use std::time::Instant;

use cmr_core::{CacheKind, SearchQuery};

use common::{big_account_desk, quantile};

#[tokio::main]
async fn main() {
    let (sandbox, desk, _dir) = big_account_desk().await;

    let started = Instant::now();
    desk.sync_cache(CacheKind::Customers, None).await.expect("customers");
    let users: Vec<String> = sandbox.with_state(|s| s.users.keys().cloned().collect());
    for u in &users {
        desk.sync_cache(CacheKind::Domains, Some(u)).await.expect("domains");
        desk.sync_cache(CacheKind::Mailboxes, Some(u)).await.expect("mailboxes");
    }
    let fill_s = started.elapsed().as_secs_f64();
    let (mailboxes, domains) = sandbox.with_state(|s| (s.mailboxes.len(), s.domains.len()));
    println!("cache filled: {} customers, {domains} domains, {mailboxes} mailboxes in {fill_s:.1} s", users.len());

    // What people type: addresses and domains picked across the account, company names, the
    // first letters of a word (a query per keystroke), and text that matches nothing.
    let (emails, domain_names, companies) = sandbox.with_state(|s| {
        let step = (s.mailboxes.len() / 10).max(1);
        let emails: Vec<String> = s.mailboxes.values().step_by(step).take(10).map(|m| m.email()).collect();
        let step = (s.domains.len() / 10).max(1);
        let domains: Vec<String> = s.domains.values().step_by(step).take(10).map(|d| d.name.clone()).collect();
        let companies: Vec<String> = s.users.values().take(10).map(|u| u.company.clone()).collect();
        (emails, domains, companies)
    });
    let mut queries: Vec<String> = Vec::new();
    queries.extend(emails.iter().cloned());
    queries.extend(domain_names.iter().cloned());
    queries.extend(companies.iter().cloned());
    for email in emails.iter().take(3) {
        for n in 1..=email.len().min(8) {
            queries.push(email[..n].to_owned());
        }
    }
    queries.extend(["zzqqxx", "no-such-mailbox@nowhere.test", "atlas mail", "outreach"].map(String::from));

    // One pass not counted, so the page cache holds the database as in a running app.
    for q in &queries {
        desk.cache().search(&SearchQuery { query: q.clone(), per_kind: 6 }).expect("search");
    }
    let mut times = Vec::with_capacity(queries.len());
    for q in &queries {
        let t = Instant::now();
        let hits = desk.cache().search(&SearchQuery { query: q.clone(), per_kind: 6 }).expect("search");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(hits);
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let (p50, p95, max) = (quantile(&sorted, 0.5), quantile(&sorted, 0.95), *sorted.last().unwrap());
    println!("{} queries: p50 {p50:.2} ms, p95 {p95:.2} ms, longest {max:.2} ms", queries.len());
    if std::env::args().any(|a| a == "--json") {
        let figures = serde_json::json!({
            "customers": users.len(), "domains": domains, "mailboxes": mailboxes, "fillS": fill_s,
            "queries": queries.len(), "p50Ms": p50, "p95Ms": p95, "maxMs": max,
        });
        println!("{figures}");
    }
    desk.close();
    sandbox.shutdown().await;
}
