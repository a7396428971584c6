//! Per-key token bucket: `rps` requests per second with a burst of `rps`, like the live
//! limit of 5 requests/s per Partner key. Uses the wall clock, not simulated time.

use std::collections::HashMap;
use std::time::Instant;

struct Bucket {
    tokens: f64,
    last: Instant,
}

pub struct RateLimiter {
    pub rps: Option<u32>,
    buckets: HashMap<String, Bucket>,
}

impl RateLimiter {
    pub fn new(rps: Option<u32>) -> Self {
        RateLimiter { rps: rps.filter(|r| *r > 0), buckets: HashMap::new() }
    }

    pub fn set(&mut self, rps: Option<u32>) {
        self.rps = rps.filter(|r| *r > 0);
        self.buckets.clear();
    }

    /// `Ok` to proceed, or `Err(retry_after_seconds)`.
    pub fn check(&mut self, key: &str) -> Result<(), u64> {
        let Some(rps) = self.rps else { return Ok(()) };
        let rate = rps as f64;
        let now = Instant::now();
        let b = self.buckets.entry(key.to_string()).or_insert(Bucket { tokens: rate, last: now });
        b.tokens = (b.tokens + now.duration_since(b.last).as_secs_f64() * rate).min(rate);
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - b.tokens) / rate).ceil().max(1.0) as u64)
        }
    }
}
