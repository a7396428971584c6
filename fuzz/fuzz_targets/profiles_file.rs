//! Any bytes as `profiles.json`: profiles with distinct ids, or a damage report, never a panic;
//! what parses writes back to bytes that parse to the same list.
#![no_main]
use cmr_core::local_files::parse_profiles;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = parse_profiles(data) {
        let mut ids: Vec<&str> = file.profiles.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), file.profiles.len(), "ids are distinct");
        let again = serde_json::to_vec(&file).expect("profiles serialise");
        assert_eq!(parse_profiles(&again).expect("written profiles parse"), file);
    }
});
