//! Typed events from the backend to the UI (tauri-specta generates their TS listeners).

use serde::{Deserialize, Serialize};
use specta::Type;
use tauri_specta::Event;

/// The profile list or the active profile changed; screens holding account data reload.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct ProfilesChanged {
    pub active_profile_id: Option<String>,
}

/// A tracked CMR action changed state (accepted, polled, done, reconciled after a lost answer).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct ActionProgress(pub cmr_core::ActionView);

/// A bulk job moved on; carries its counts by item state.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct JobProgress(pub cmr_core::JobView);

/// A cached read model was refreshed or went stale; screens showing it reload or mark it.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct CacheChanged(pub cmr_core::CacheEntryInfo);

/// A read of a cached list from CMR moved on: one event per page ("12,300 of 50,000 read").
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct CacheProgress(pub cmr_core::CacheReadProgress);

/// The tracker read the status of an order it follows (a watched order is read every 2 s).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct OrderProgress(pub cmr_core::OrderReading);

/// Hands the core's progress to the window as the typed events above.
pub struct WindowEvents<R: tauri::Runtime>(pub tauri::AppHandle<R>);

impl<R: tauri::Runtime> cmr_core::EventSink for WindowEvents<R> {
    fn emit(&self, event: cmr_core::CoreEvent) {
        // A window that is gone or not listening misses nothing it cannot re-read.
        let _ = match event {
            cmr_core::CoreEvent::Action(a) => ActionProgress(a).emit(&self.0),
            cmr_core::CoreEvent::Job(j) => JobProgress(j).emit(&self.0),
            cmr_core::CoreEvent::Cache(c) => CacheChanged(c).emit(&self.0),
            cmr_core::CoreEvent::CacheProgress(p) => CacheProgress(p).emit(&self.0),
            cmr_core::CoreEvent::Order(o) => OrderProgress(o).emit(&self.0),
        };
    }
}
