use std::sync::Arc;

use super::*;
use crate::error::ErrorCode;
use crate::secrets::{MemoryStore, Secret, SecretError, SecretStore};

struct NoKeychain;

impl SecretStore for NoKeychain {
    fn get(&self, _: &str) -> Result<Option<Secret>, SecretError> {
        Err(SecretError::Unavailable("no session bus".into()))
    }
    fn set(&self, _: &str, _: &Secret) -> Result<(), SecretError> {
        Err(SecretError::Unavailable("no session bus".into()))
    }
    fn delete(&self, _: &str) -> Result<(), SecretError> {
        Err(SecretError::Unavailable("no session bus".into()))
    }
}

const KEY: &str = "cmr_partner_key_0123456789ab12";

fn new_profile(name: &str) -> NewProfile {
    NewProfile {
        fields: ProfileFields {
            name: name.into(),
            environment: Environment::Production,
            base_url: PRODUCTION_BASE_URL.into(),
            default_customer_id: None,
        },
        api_key: KEY.into(),
    }
}

fn service(dir: &std::path::Path, secrets: Arc<dyn SecretStore>) -> ProfileService {
    ProfileService::new(ProfileFileStore::new(dir), secrets)
}

#[test]
fn create_stores_key_in_keychain_and_only_metadata_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemoryStore::default());
    let svc = service(dir.path(), secrets.clone());
    let view = svc.create(new_profile("Agency")).unwrap();
    assert!(!view.active, "saving a profile does not switch the app away from the Demo");
    assert_eq!(svc.active_profile_id().unwrap(), None);
    assert_eq!(view.key, KeyStatus::Set { mask: "…ab12".into() });
    assert_eq!(secrets.get(&format!("profile:{}", view.profile.id)).unwrap().unwrap().expose_secret(), KEY);

    let on_disk = std::fs::read_to_string(dir.path().join("profiles.json")).unwrap();
    assert!(on_disk.contains("Agency"));
    assert!(!on_disk.contains(KEY) && !on_disk.contains("ab12"), "no part of the key on disk");
}

#[test]
fn profiles_and_masks_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemoryStore::default());
    let first = service(dir.path(), secrets.clone());
    let id = first.create(new_profile("Agency")).unwrap().profile.id;
    first.set_active(Some(&id)).unwrap();
    let again = service(dir.path(), secrets).list().unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].profile.id, id);
    assert_eq!(again[0].key, KeyStatus::Set { mask: "…ab12".into() });
    assert!(again[0].active);
}

#[test]
fn bad_input_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemoryStore::default());
    let svc = service(dir.path(), secrets);
    svc.create(new_profile("Agency")).unwrap();

    let mut bad = new_profile("agency");
    bad.fields.base_url = "http://customers.coldmailreseller.com".into();
    bad.api_key = "  ".into();
    let err = svc.create(bad).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    let fields = err.fields.unwrap();
    assert_eq!(fields.keys().collect::<Vec<_>>(), ["apiKey", "baseUrl", "name"]);
    assert_eq!(svc.list().unwrap().len(), 1);
}

#[test]
fn replace_and_delete_key() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path(), Arc::new(MemoryStore::default()));
    let id = svc.create(new_profile("Agency")).unwrap().profile.id;
    let view = svc.set_key(&id, "another_partner_key_zzzz9876").unwrap();
    assert_eq!(view.key, KeyStatus::Set { mask: "…9876".into() });
    assert_eq!(svc.delete_key(&id).unwrap().key, KeyStatus::Missing);
    assert_eq!(svc.list().unwrap()[0].key, KeyStatus::Missing);
    assert_eq!(svc.set_key(&id, "").unwrap_err().code, ErrorCode::Validation);
}

#[test]
fn delete_removes_keychain_entry_and_falls_back_to_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemoryStore::default());
    let svc = service(dir.path(), secrets.clone());
    let a = svc.create(new_profile("A")).unwrap().profile.id;
    let b = svc.create(new_profile("B")).unwrap().profile.id;
    svc.set_active(Some(&a)).unwrap();
    svc.delete(&a).unwrap();
    assert_eq!(secrets.get(&format!("profile:{a}")).unwrap(), None);
    assert_eq!(svc.active_profile_id().unwrap(), None, "the Demo, not the other account ({b})");
    assert_eq!(svc.delete(&a).unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn update_keeps_key_and_checks_names() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path(), Arc::new(MemoryStore::default()));
    let a = svc.create(new_profile("A")).unwrap().profile.id;
    svc.create(new_profile("B")).unwrap();
    let mut fields = new_profile("B").fields;
    assert_eq!(svc.update(&a, fields.clone()).unwrap_err().fields.unwrap()["name"], "Another profile already has this name.");
    fields.name = "A renamed".into();
    fields.environment = Environment::Sandbox;
    let view = svc.update(&a, fields).unwrap();
    assert_eq!(view.profile.name, "A renamed");
    assert_eq!(view.profile.environment, Environment::Sandbox);
    assert_eq!(view.key, KeyStatus::Set { mask: "…ab12".into() });
}

#[test]
fn no_keychain_is_a_clear_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path(), Arc::new(NoKeychain));
    let err = svc.create(new_profile("Agency")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Keychain);
    assert!(err.message.contains("keychain is not available"));
    assert!(!dir.path().join("profiles.json").exists(), "no silent plaintext fallback");
}

#[test]
fn a_damaged_profile_file_is_reported_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("profiles.json"), b"{ not json").unwrap();
    let svc = service(dir.path(), Arc::new(MemoryStore::default()));
    assert_eq!(svc.list().unwrap_err().code, ErrorCode::Storage);
    assert_eq!(svc.create(new_profile("A")).unwrap_err().code, ErrorCode::Storage);
    assert_eq!(std::fs::read(dir.path().join("profiles.json")).unwrap(), b"{ not json");
}
