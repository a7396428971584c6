//! Any text as `endpoints.toml`: overrides or errors with their lines, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = cmr_client::EndpointOverrides::from_toml(text, "endpoints.toml");
});
