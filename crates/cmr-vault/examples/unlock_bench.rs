//! Measures what a person waits for when unlocking, at the app's real cost settings, and the
//! file size for a number of keys:
//!   cargo run -p cmr-vault --example unlock_bench            (debug build)
//!   cargo run --release -p cmr-vault --example unlock_bench  (release build)

use std::time::Instant;

use cmr_vault::{KdfParams, Vault};

fn main() {
    let dir = std::env::temp_dir().join(format!("cmr-vault-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("keys.vault");
    let params = KdfParams::INTERACTIVE;
    let mut vault = Vault::create(&path, "a passphrase for measuring", params).unwrap();
    println!("Argon2id m={} KiB t={} p={}", params.memory_kib, params.passes, params.lanes);
    let mut sizes = Vec::new();
    for n in 1..=20 {
        let id = format!("{n:08x}-0000-4000-8000-000000000000");
        vault.set(&format!("profile:{id}"), &format!("cmr_partner_key_{n:032}")).unwrap();
        if [1, 2, 10, 20].contains(&n) {
            sizes.push((n, std::fs::metadata(&path).unwrap().len()));
        }
    }
    drop(vault);
    for (n, size) in sizes {
        println!("{n:>2} keys (profile:<uuid> → 48-char key): {size} bytes");
    }
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        Vault::open(&path, "a passphrase for measuring").unwrap();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!("unlock: median {:.0} ms (min {:.0}, max {:.0}) over 5", times[2], times[0], times[4]);
    std::fs::remove_dir_all(&dir).unwrap();
}
