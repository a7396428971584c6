//! Request pacing shared by every client that uses the same API key.
//!
//! CMR allows 5 requests per second per partner key, counted across all endpoints. Clients
//! are created in several places (the app's profiles, background jobs, tests), so the limiter
//! is not owned by one client: a process-wide registry hands out one limiter per
//! (hash of the key, configured rate). Clients with the same key and rate therefore share one
//! pace whether they are clones or built separately. The registry holds only weak references
//! and a salted hash, never the key.
//!
//! Pacing is a steady spacing of 1/rate with a burst of one: a burst of five followed by five
//! per second can put six requests inside one rolling second of a strict sliding-window
//! server. The spacing carries a small margin ([`PACING_MARGIN`]) so that scheduling jitter
//! on our side cannot bring two requests closer than the server counts.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

use governor::clock::DefaultClock;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};
use tokio::time::Instant;

use crate::key::ApiKey;

/// Extra spacing between requests, as a fraction of 1/rate.
pub const PACING_MARGIN: f64 = 0.01;

type Governor = RateLimiter<NotKeyed, InMemoryState, DefaultClock>;

/// One pace for one key. Waiters are served in arrival order.
pub struct SharedLimiter {
    rate: u32,
    // FIFO gate: tokio's mutex is fair, so concurrent callers leave in the order they came
    // and do not all wake on every free slot.
    gate: tokio::sync::Mutex<()>,
    governor: Governor,
    paused_until: Mutex<Option<Instant>>,
}

impl SharedLimiter {
    fn new(rate: u32) -> SharedLimiter {
        let rate = rate.max(1);
        let period = Duration::from_secs_f64((1.0 + PACING_MARGIN) / f64::from(rate));
        let quota = Quota::with_period(period)
            .expect("period is positive")
            .allow_burst(NonZeroU32::MIN);
        SharedLimiter {
            rate,
            gate: tokio::sync::Mutex::new(()),
            governor: RateLimiter::direct(quota),
            paused_until: Mutex::new(None),
        }
    }

    pub fn requests_per_second(&self) -> u32 {
        self.rate
    }

    /// Waits for this caller's slot.
    pub async fn acquire(&self) {
        let _turn = self.gate.lock().await;
        loop {
            let pause = *self.paused_until.lock().expect("limiter pause lock");
            match pause {
                Some(until) if until > Instant::now() => tokio::time::sleep_until(until).await,
                _ => break,
            }
        }
        self.governor.until_ready().await;
    }

    /// Holds every caller of this key back after a 429, for the time the server asked.
    pub fn pause_for(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut paused = self.paused_until.lock().expect("limiter pause lock");
        if paused.is_none_or(|current| current < until) {
            *paused = Some(until);
        }
    }
}

type Registry = Mutex<HashMap<(u64, u32), Weak<SharedLimiter>>>;

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| Mutex::new(HashMap::new()))
}

fn key_hash(key: &ApiKey) -> u64 {
    // Salted per process: the registry never holds anything that could be matched to a key.
    static SALT: OnceLock<std::collections::hash_map::RandomState> = OnceLock::new();
    SALT.get_or_init(Default::default).hash_one(key.expose_secret())
}

/// The limiter for this key and rate, created on first use.
pub fn limiter_for(key: &ApiKey, requests_per_second: u32) -> Arc<SharedLimiter> {
    let id = (key_hash(key), requests_per_second.max(1));
    let mut map = registry().lock().expect("limiter registry lock");
    if let Some(existing) = map.get(&id).and_then(Weak::upgrade) {
        return existing;
    }
    map.retain(|_, weak| weak.strong_count() > 0);
    let limiter = Arc::new(SharedLimiter::new(id.1));
    map.insert(id, Arc::downgrade(&limiter));
    limiter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_key_and_rate_share_one_limiter() {
        let a = limiter_for(&ApiKey::new("limiter-test-key-1"), 7);
        let b = limiter_for(&ApiKey::new("limiter-test-key-1"), 7);
        let c = limiter_for(&ApiKey::new("limiter-test-key-2"), 7);
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
    }

    #[tokio::test]
    async fn spaces_calls_evenly() {
        let limiter = SharedLimiter::new(20);
        let start = std::time::Instant::now();
        for _ in 0..5 {
            limiter.acquire().await;
        }
        // First call passes at once, then four gaps of ~50.5 ms.
        let elapsed = start.elapsed();
        assert!(elapsed >= Duration::from_millis(200), "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    }

    #[tokio::test]
    async fn pause_holds_callers_back() {
        let limiter = SharedLimiter::new(1000);
        limiter.pause_for(Duration::from_millis(120));
        let start = std::time::Instant::now();
        limiter.acquire().await;
        assert!(start.elapsed() >= Duration::from_millis(110));
    }
}
