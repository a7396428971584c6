//! Simulated time. Every business rule reads this clock, never the wall clock, so tests can
//! run a month of renewals in milliseconds and the demo can finish an order in seconds.

use std::sync::Mutex;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// How simulated time moves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ClockMode {
    /// One simulated second per real second.
    Real,
    /// `factor` simulated seconds per real second; asynchronous work finishes quickly.
    Fast { factor: f64 },
    /// Time stands still until advanced explicitly (admin route or `SandboxHandle::advance`).
    Manual,
}

impl ClockMode {
    /// The default: provisioning that takes about a minute of simulated time completes in ~3 s.
    pub fn fast() -> Self {
        ClockMode::Fast { factor: 20.0 }
    }

    fn factor(self) -> f64 {
        match self {
            ClockMode::Real => 1.0,
            ClockMode::Fast { factor } => factor.max(0.0),
            ClockMode::Manual => 0.0,
        }
    }
}

#[derive(Debug)]
struct Anchor {
    sim_ms: i64,
    real: Instant,
    mode: ClockMode,
}

#[derive(Debug)]
pub struct Clock {
    anchor: Mutex<Anchor>,
}

/// Manual clocks start at a fixed instant so a seeded world is identical down to timestamps.
pub const MANUAL_EPOCH_MS: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

pub fn wall_clock_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(MANUAL_EPOCH_MS)
}

impl Clock {
    pub fn new(mode: ClockMode, start_ms: Option<i64>) -> Self {
        let sim_ms = start_ms.unwrap_or(match mode {
            ClockMode::Manual => MANUAL_EPOCH_MS,
            _ => wall_clock_ms(),
        });
        Clock { anchor: Mutex::new(Anchor { sim_ms, real: Instant::now(), mode }) }
    }

    pub fn now(&self) -> i64 {
        let a = self.anchor.lock().unwrap();
        a.sim_ms + (a.real.elapsed().as_millis() as f64 * a.mode.factor()) as i64
    }

    pub fn mode(&self) -> ClockMode {
        self.anchor.lock().unwrap().mode
    }

    /// Re-anchors so that changing the speed never makes time jump backwards.
    pub fn set_mode(&self, mode: ClockMode) {
        let now = self.now();
        let mut a = self.anchor.lock().unwrap();
        *a = Anchor { sim_ms: now, real: Instant::now(), mode };
    }

    pub fn advance(&self, ms: i64) -> i64 {
        let now = self.now();
        let mut a = self.anchor.lock().unwrap();
        a.sim_ms = now + ms.max(0);
        a.real = Instant::now();
        a.sim_ms
    }
}
