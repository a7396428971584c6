//! Settings → Profiles → where keys are kept: the keychain's state, and the encrypted vault
//! for computers without one (create, unlock, lock, move the keys to the keychain).
//! Passphrases come in and are wiped after use; they are never stored or sent back.

use tauri::{AppHandle, Runtime, State};
use zeroize::Zeroizing;

use super::profiles::emit_profiles_changed;
use crate::error::AppResult;
use crate::key_storage::KeyStorageStatus;
use crate::state::AppState;

/// The keys' store changed: profile lists show new key states, and no client keeps a key the
/// user has just locked away.
fn keys_changed<R: Runtime>(app: &AppHandle<R>, state: &AppState) {
    state.keys_changed();
    emit_profiles_changed(app, state);
}

#[tauri::command]
#[specta::specta]
pub async fn key_storage_status(state: State<'_, AppState>) -> AppResult<KeyStorageStatus> {
    state.with_keys(|k| Ok(k.status())).await
}

/// Starts the vault and keeps keys there from now on. `replace_damaged` is the user's
/// confirmation that a damaged vault may be set aside (it is renamed, never overwritten); the
/// answer is the path it was kept under.
#[tauri::command]
#[specta::specta]
pub async fn create_vault<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    passphrase: String,
    repeat: String,
    replace_damaged: bool,
) -> AppResult<Option<String>> {
    let (passphrase, repeat) = (Zeroizing::new(passphrase), Zeroizing::new(repeat));
    let moved = state.with_keys(move |k| k.create_vault(&passphrase, &repeat, replace_damaged)).await?;
    keys_changed(&app, &state);
    Ok(moved)
}

/// Opens the vault for this run. A wrong passphrase is a field error on `passphrase`; tries
/// are not limited and never change the file.
#[tauri::command]
#[specta::specta]
pub async fn unlock_vault<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, passphrase: String) -> AppResult<()> {
    let passphrase = Zeroizing::new(passphrase);
    state.with_keys(move |k| k.unlock(&passphrase)).await?;
    keys_changed(&app, &state);
    Ok(())
}

/// Forgets the vault's key and entries now; profiles that use it stop until it is unlocked.
#[tauri::command]
#[specta::specta]
pub async fn lock_vault<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> AppResult<()> {
    state.keys.lock();
    state.close_user_desks();
    keys_changed(&app, &state);
    Ok(())
}

/// Copies every key into the keychain, reads each back, and only then removes the vault file.
/// Answers how many keys moved.
#[tauri::command]
#[specta::specta]
pub async fn move_keys_to_keychain<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> AppResult<u32> {
    let result = state.with_keys(|k| k.move_to_keychain()).await;
    // Even a failure part-way may have switched the store (the file could not be removed).
    keys_changed(&app, &state);
    result
}
