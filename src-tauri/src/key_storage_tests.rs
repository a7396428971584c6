//! The key store choice and the vault, on a real data folder with a keychain that can be
//! switched off and on.

use std::sync::Arc;

use super::*;
use crate::profiles::{Environment, KeyStatus, NewProfile, ProfileFields, ProfileFileStore, ProfileService};
use crate::secrets::SwitchableKeychain;

const PASS: &str = "granite lantern orbit seven";
const KEY: &str = "cmr_partner_key_vault_0123ab12";

struct App {
    keychain: Arc<SwitchableKeychain>,
    keys: Arc<KeyStorage>,
    profiles: ProfileService,
}

/// One run of the app on `dir`: a fresh KeyStorage and ProfileService, as after a restart.
fn start(dir: &Path, keychain: Arc<SwitchableKeychain>) -> App {
    let keys = Arc::new(KeyStorage::new(dir, keychain.clone()));
    let profiles = ProfileService::new(ProfileFileStore::new(dir), keys.clone());
    App { keychain, keys, profiles }
}

fn new_profile(name: &str) -> NewProfile {
    NewProfile {
        fields: ProfileFields {
            name: name.into(),
            environment: Environment::Sandbox,
            base_url: "http://127.0.0.1:9".into(),
            default_customer_id: None,
        },
        api_key: KEY.into(),
    }
}

fn field_errors(e: AppError) -> BTreeMap<String, String> {
    assert_eq!(e.code, ErrorCode::Validation, "{e:?}");
    e.fields.expect("field errors")
}

#[test]
fn the_keychain_is_the_default_and_no_vault_is_offered_while_it_answers() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path(), Arc::new(SwitchableKeychain::default()));
    let status = app.keys.status();
    assert_eq!((status.store, status.keychain_available, &status.vault), (KeyStore::Keychain, true, &VaultState::None));
    let err = app.keys.create_vault(PASS, PASS, false).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(!app.keys.vault_path().exists());
    app.profiles.create(new_profile("Agency")).unwrap();
    assert_eq!(app.keychain.inner.get(&format!("profile:{}", app.profiles.list().unwrap()[0].profile.id)).unwrap().unwrap().expose_secret(), KEY);
}

#[test]
fn without_a_keychain_nothing_falls_back_to_the_vault_silently() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path(), Arc::new(SwitchableKeychain::unreachable()));
    let status = app.keys.status();
    assert!(!status.keychain_available);
    assert!(status.keychain_message.unwrap().contains("org.freedesktop.secrets"), "the platform's reason is passed on");
    assert_eq!(status.store, KeyStore::Keychain);
    let err = app.profiles.create(new_profile("Agency")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Keychain);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(names.is_empty(), "no vault, no choice file, no profile file: {names:?}");
}

#[test]
fn passphrase_rules_are_field_errors() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path(), Arc::new(SwitchableKeychain::unreachable()));
    let fields = field_errors(app.keys.create_vault("short", "shorter", false).unwrap_err());
    assert!(fields["passphrase"].contains("at least 12 characters"));
    assert_eq!(fields["repeat"], "The two passphrases differ.");
    assert!(!app.keys.vault_path().exists());
}

#[test]
fn a_vault_keeps_keys_across_a_restart_and_unlocks_once_with_the_right_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(SwitchableKeychain::unreachable());
    let app = start(dir.path(), keychain.clone());
    assert_eq!(app.keys.create_vault(PASS, PASS, false).unwrap(), None);
    assert_eq!(app.keys.status().vault, VaultState::Unlocked { key_count: 0 });
    let id = app.profiles.create(new_profile("Agency")).unwrap().profile.id;
    app.profiles.set_active(Some(&id)).unwrap();
    assert_eq!(app.keys.status().vault, VaultState::Unlocked { key_count: 1 });
    drop(app);

    let app = start(dir.path(), keychain);
    let status = app.keys.status();
    assert_eq!((status.store, &status.vault), (KeyStore::Vault, &VaultState::Locked), "the choice is remembered");
    assert_eq!(app.profiles.list().unwrap()[0].key, KeyStatus::Locked);
    assert_eq!(app.profiles.active_credentials().err().unwrap().code, ErrorCode::VaultLocked);

    let fields = field_errors(app.keys.unlock("granite lantern orbit eight").unwrap_err());
    assert!(fields["passphrase"].contains("does not open the vault"));
    assert!(fields["passphrase"].contains("no limit on tries"));
    app.keys.unlock(PASS).unwrap();
    app.profiles.forget_key_statuses();
    assert_eq!(app.profiles.list().unwrap()[0].key, KeyStatus::Set { mask: "…ab12".into() });
    let creds = app.profiles.active_credentials().unwrap().unwrap();
    assert_eq!(creds.profile.id, id);
    assert_eq!(creds.key.unwrap().expose_secret(), KEY);

    app.keys.lock();
    assert!(matches!(app.keys.get(&format!("profile:{id}")), Err(SecretError::VaultLocked)));
    assert_eq!(app.keys.status().vault, VaultState::Locked);
    let err = app.profiles.set_key(&id, "another_key_0000zz").unwrap_err();
    assert_eq!(err.code, ErrorCode::VaultLocked);
}

#[test]
fn a_damaged_vault_is_reported_and_replaced_only_when_confirmed_and_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(SwitchableKeychain::unreachable());
    let app = start(dir.path(), keychain.clone());
    app.keys.create_vault(PASS, PASS, false).unwrap();
    app.profiles.create(new_profile("Agency")).unwrap();
    let path = app.keys.vault_path();
    let whole = std::fs::read(&path).unwrap();
    drop(app);
    let cut = &whole[..whole.len() - 10];
    std::fs::write(&path, cut).unwrap();

    let app = start(dir.path(), keychain);
    let VaultState::Damaged { message } = app.keys.status().vault else { panic!("{:?}", app.keys.status()) };
    assert!(message.contains("cut short"), "{message}");
    let err = app.keys.unlock(PASS).unwrap_err();
    assert_eq!(err.code, ErrorCode::Storage);
    assert!(err.message.contains("damaged") && err.message.contains("start a new vault"), "{}", err.message);
    let listed = &app.profiles.list().unwrap()[0].key;
    assert!(matches!(listed, KeyStatus::Unreadable { message } if message.contains("damaged")), "{listed:?}");

    let err = app.keys.create_vault(PASS, PASS, false).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(std::fs::read(&path).unwrap(), cut, "never overwritten without the confirmation");

    let aside = PathBuf::from(app.keys.create_vault(PASS, PASS, true).unwrap().expect("kept aside"));
    assert_eq!(std::fs::read(&aside).unwrap(), cut, "the damaged bytes are kept");
    assert_eq!(app.keys.status().vault, VaultState::Unlocked { key_count: 0 });
    assert!(cmr_vault::inspect(&path).is_ok());
}

#[test]
fn keys_move_to_the_keychain_when_it_answers_and_only_then_is_the_vault_removed() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(SwitchableKeychain::unreachable());
    let app = start(dir.path(), keychain.clone());
    app.keys.create_vault(PASS, PASS, false).unwrap();
    let a = app.profiles.create(new_profile("A")).unwrap().profile.id;
    let b = app.profiles.create(new_profile("B")).unwrap().profile.id;
    app.profiles.set_active(Some(&a)).unwrap();
    app.profiles.set_sandbox_key(&b, "cmr_sandbox_key_bbbb2222").unwrap();

    // Still no keychain: refused, nothing changes.
    assert_eq!(app.keys.move_to_keychain().unwrap_err().code, ErrorCode::Keychain);
    assert!(app.keys.vault_path().exists());
    assert_eq!(app.keys.store(), KeyStore::Vault);

    keychain.set_reachable(true);
    // Locked: the keys cannot be read, so none can move.
    app.keys.lock();
    assert_eq!(app.keys.move_to_keychain().unwrap_err().code, ErrorCode::VaultLocked);
    app.keys.unlock(PASS).unwrap();
    assert_eq!(app.keys.move_to_keychain().unwrap(), 3);
    assert!(!app.keys.vault_path().exists(), "the vault file is removed once every key is in the keychain");
    let get = |account: String| keychain.inner.get(&account).unwrap().map(|s| s.expose_secret().to_owned());
    assert_eq!(get(format!("profile:{a}")).as_deref(), Some(KEY));
    assert_eq!(get(format!("profile:{b}")).as_deref(), Some(KEY));
    assert_eq!(get(format!("profile:{b}:sandbox")).as_deref(), Some("cmr_sandbox_key_bbbb2222"));
    drop(app);

    let app = start(dir.path(), keychain);
    assert_eq!(app.keys.status().store, KeyStore::Keychain, "the switch is remembered");
    assert_eq!(app.profiles.active_credentials().unwrap().unwrap().key.unwrap().expose_secret(), KEY);
}

/// A keychain that accepts writes but gives back something else.
struct ForgetfulKeychain;

impl SecretStore for ForgetfulKeychain {
    fn get(&self, _: &str) -> Result<Option<Secret>, SecretError> {
        Ok(None)
    }
    fn set(&self, _: &str, _: &Secret) -> Result<(), SecretError> {
        Ok(())
    }
    fn delete(&self, _: &str) -> Result<(), SecretError> {
        Ok(())
    }
}

#[test]
fn a_keychain_that_does_not_give_keys_back_leaves_the_vault_in_place() {
    let dir = tempfile::tempdir().unwrap();
    // The vault was chosen in an earlier run, when no keychain answered.
    let earlier = start(dir.path(), Arc::new(SwitchableKeychain::unreachable()));
    earlier.keys.create_vault(PASS, PASS, false).unwrap();
    earlier.profiles.create(new_profile("A")).unwrap();
    drop(earlier);

    let keys = KeyStorage::new(dir.path(), Arc::new(ForgetfulKeychain));
    keys.unlock(PASS).unwrap();
    let err = keys.move_to_keychain().unwrap_err();
    assert_eq!(err.code, ErrorCode::Keychain);
    assert!(err.message.contains("nothing was removed"));
    assert!(keys.vault_path().exists());
    assert_eq!(keys.status().vault, VaultState::Unlocked { key_count: 1 });
    assert_eq!(KeyStorage::new(dir.path(), Arc::new(ForgetfulKeychain)).store(), KeyStore::Vault);
}

#[test]
fn a_vault_whose_file_went_missing_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(SwitchableKeychain::unreachable());
    let app = start(dir.path(), keychain.clone());
    app.keys.create_vault(PASS, PASS, false).unwrap();
    std::fs::remove_file(app.keys.vault_path()).unwrap();
    drop(app);
    let app = start(dir.path(), keychain);
    assert_eq!(app.keys.status().vault, VaultState::Missing);
    assert!(app.keys.unlock(PASS).unwrap_err().message.contains("missing"));
}
