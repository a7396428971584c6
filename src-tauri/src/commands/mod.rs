//! Tauri commands: thin adapters, one module per area. Logic lives in the modules they call.

pub mod profiles;
