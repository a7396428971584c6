//! Any bytes as `settings.json`: settings or a damage report, never a panic; what parses writes
//! back to bytes that parse to the same settings.
#![no_main]
use cmr_core::local_files::parse_settings;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(settings) = parse_settings(data) {
        let again = serde_json::to_vec(&settings).expect("settings serialise");
        assert_eq!(parse_settings(&again).expect("written settings parse"), settings);
    }
});
