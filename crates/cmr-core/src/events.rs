//! Progress the core reports while it works. The shell implements [`EventSink`] by emitting
//! typed window events; tests collect them in a [`MemorySink`]. The core never imports Tauri.

use std::sync::Mutex;

use serde::Serialize;

use crate::bulk::JobView;
use crate::cache::CacheEntryInfo;
use crate::tracker::{ActionView, OrderReading};

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", content = "data", rename_all = "camelCase")]
pub enum CoreEvent {
    /// A tracked action changed state (accepted, polled, succeeded, reconciled, …).
    Action(ActionView),
    /// A bulk job moved on: counts by item state.
    Job(JobView),
    /// A cached read model was refreshed or invalidated.
    Cache(CacheEntryInfo),
    /// A read of a cached list from CMR moved on (one event per page).
    CacheProgress(crate::cache_sync::CacheReadProgress),
    /// The tracker read the status of an order it follows.
    Order(OrderReading),
}

pub trait EventSink: Send + Sync + 'static {
    /// Must not block: called from the core's tasks.
    fn emit(&self, event: CoreEvent);
}

/// Drops every event (a CLI, or tests that do not look).
pub struct NullSink;

impl EventSink for NullSink {
    fn emit(&self, _event: CoreEvent) {}
}

/// Keeps every event, for tests.
#[derive(Default)]
pub struct MemorySink {
    events: Mutex<Vec<CoreEvent>>,
}

impl MemorySink {
    pub fn events(&self) -> Vec<CoreEvent> {
        self.events.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl EventSink for MemorySink {
    fn emit(&self, event: CoreEvent) {
        self.events.lock().unwrap_or_else(|e| e.into_inner()).push(event);
    }
}
