//! Which OS credential store holds the keys, chosen explicitly per target at compile time.
//!
//! keyring falls back to an in-memory mock store on a target whose native store feature is
//! not enabled: saving a key then "succeeds" and the key is gone when the app closes. Naming
//! each platform's store here makes that a build error instead — `keyring::macos` exists only
//! with `apple-native`, `keyring::windows` only with `windows-native`, `keyring::secret_service`
//! only with a Secret Service feature — and an unsupported target does not build at all.

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
compile_error!("CMR Desk keeps API keys in the OS keychain; this target has no supported store");

/// Installs the platform's native store as keyring's default (once, at start).
pub fn use_native_store() {
    #[cfg(target_os = "linux")]
    keyring::set_default_credential_builder(keyring::secret_service::default_credential_builder());
    #[cfg(target_os = "macos")]
    keyring::set_default_credential_builder(keyring::macos::default_credential_builder());
    #[cfg(target_os = "windows")]
    keyring::set_default_credential_builder(keyring::windows::default_credential_builder());
}


#[cfg(test)]
mod tests {
    /// The store installed here is a real one: what one entry saves, a second entry reads
    /// (keyring's mock keeps values per entry object, so this fails on the mock).
    #[test]
    #[ignore = "needs a Secret Service session; run by the test command under dbus-run-session"]
    fn the_native_store_keeps_keys_across_entries() {
        super::use_native_store();
        let account = format!("platform-test-{}", uuid::Uuid::new_v4());
        let first = keyring::Entry::new("cmr-desk-test", &account).unwrap();
        first.set_password("cmr_platform_key_0123456789").unwrap();
        let second = keyring::Entry::new("cmr-desk-test", &account).unwrap();
        assert_eq!(second.get_password().unwrap(), "cmr_platform_key_0123456789");
        second.delete_credential().unwrap();
    }
}
