//! Mailboxes → Manage's query alone: the 50,000-mailbox customer of the big account read into
//! the row cache, then one window (200 rows, as the screen asks) per keystroke as a person
//! types into the filter and deletes it again. Prints p50, p95 and the longest, so the part
//! the database takes of a keystroke can be told from the part the window takes.
//!
//! `cargo run --release -p cmr-core --example rows_bench [-- --json]`

mod common;

use std::time::Instant;

use cmr_client::mailboxes::Mailbox;
use cmr_core::{CacheKind, RowFilter, RowQuery};

use common::{big_account_desk, quantile};

#[tokio::main]
async fn main() {
    let (sandbox, desk, _dir) = big_account_desk().await;
    let atlas = sandbox.with_state(|s| s.users.iter().find(|(_, u)| u.company == "Atlas Mail Group").map(|(id, _)| id.clone())).expect("atlas");
    let started = Instant::now();
    desk.sync_cache(CacheKind::Mailboxes, Some(&atlas)).await.expect("mailboxes");
    println!("50,000 mailboxes cached in {:.1} s", started.elapsed().as_secs_f64());

    let page = |query: &str| {
        let q = RowQuery { filter: RowFilter { query: query.into(), ..RowFilter::default() }, limit: 200, ..RowQuery::default() };
        let t = Instant::now();
        let p = desk.cache().row_page::<Mailbox>(Some(&atlas), &q).expect("page");
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let bytes = serde_json::to_string(&p).expect("json").len();
        (ms, p.total, bytes)
    };
    page("");
    let mut times = Vec::new();
    for letter in "etaoinsrhldcumfpgwybvkxjqz".chars().cycle().take(25) {
        let (typed, total, bytes) = page(&letter.to_string());
        let (deleted, _, _) = page("");
        println!("{letter}: {typed:.1} ms ({total} rows, {bytes} bytes of JSON), cleared {deleted:.1} ms");
        times.extend([typed, deleted]);
    }
    times.sort_by(f64::total_cmp);
    let (p50, p95, max) = (quantile(&times, 0.5), quantile(&times, 0.95), times[times.len() - 1]);
    println!("row_page: p50 {p50:.1} ms, p95 {p95:.1} ms, longest {max:.1} ms");
    if std::env::args().any(|a| a == "--json") {
        println!("{}", serde_json::json!({ "p50Ms": p50, "p95Ms": p95, "maxMs": max }));
    }
}
