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
