//! Settings → Profiles. The API key goes in, but never comes back out: views carry a mask only.

use tauri::{AppHandle, Runtime, State};
use tauri_specta::Event;

use crate::demo::DEMO_PROFILE_ID;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::events::ProfilesChanged;
use crate::profiles::{NewProfile, ProfileFields, ProfileService, ProfileView};
use crate::state::AppState;

fn announce<R: Runtime>(app: &AppHandle<R>, state: &AppState) {
    state.forget_client();
    emit_profiles_changed(app, state);
}

/// The profile is gone or its key changed: its tracker and bulk jobs stop now rather than go
/// on calling CMR with the old key; a fresh desk is opened with the new key on next use.
fn retire_desk<R: Runtime>(app: &AppHandle<R>, state: &AppState, id: &str) {
    // Forget first: a desk being opened meanwhile sees the change and is not kept.
    state.forget_client();
    state.close_desk(id);
    emit_profiles_changed(app, state);
}

pub(crate) fn emit_profiles_changed<R: Runtime>(app: &AppHandle<R>, state: &AppState) {
    let active_profile_id = state.profiles.active_profile_id().ok().flatten();
    // A missed notification only delays a refresh; the command's own result stands.
    let _ = ProfilesChanged { active_profile_id }.emit(app);
}

/// The Demo profile is built in: it can be made active, not edited or deleted.
fn refuse_demo(id: &str) -> AppResult<()> {
    if id == DEMO_PROFILE_ID {
        return Err(AppError::new(ErrorCode::Validation, "The Demo profile is built in and cannot be changed."));
    }
    Ok(())
}

/// Changes one of a profile's keys (never the Demo's), then retires its desk and client so the
/// next call uses the new key: the one shape of the four key commands below.
async fn change_key<R, F>(app: &AppHandle<R>, state: &AppState, id: String, change: F) -> AppResult<ProfileView>
where
    R: Runtime,
    F: FnOnce(&ProfileService, &str) -> AppResult<ProfileView> + Send + 'static,
{
    refuse_demo(&id)?;
    let key_id = id.clone();
    let view = state.with_profiles(move |p| change(p, &key_id)).await?;
    retire_desk(app, state, &id);
    Ok(view)
}

/// The Demo profile first, then the user's own, each with its key shown only as a mask.
#[tauri::command]
#[specta::specta]
pub async fn list_profiles(state: State<'_, AppState>) -> AppResult<Vec<ProfileView>> {
    state.profile_views().await
}

#[tauri::command]
#[specta::specta]
pub async fn create_profile<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: NewProfile,
) -> AppResult<ProfileView> {
    state.require_own_profiles()?;
    let view = state.with_profiles(move |p| p.create(input)).await?;
    crate::app_log::info(&format!("profile added: “{}” ({}, {:?})", view.profile.name, view.profile.id, view.profile.environment));
    announce(&app, &state);
    Ok(view)
}

#[tauri::command]
#[specta::specta]
pub async fn update_profile<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    fields: ProfileFields,
) -> AppResult<ProfileView> {
    refuse_demo(&id)?;
    let view = state.with_profiles(move |p| p.update(&id, fields)).await?;
    announce(&app, &state);
    Ok(view)
}

#[tauri::command]
#[specta::specta]
pub async fn set_profile_key<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    api_key: String,
) -> AppResult<ProfileView> {
    change_key(&app, &state, id, move |p, id| p.set_key(id, &api_key)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_profile_key<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> AppResult<ProfileView> {
    change_key(&app, &state, id, move |p, id| p.delete_key(id)).await
}

/// The sandbox key: a second keychain entry of the profile, sent only to CMR's `/sandbox/...`
/// operations. Like the partner key it goes in and never comes back out.
#[tauri::command]
#[specta::specta]
pub async fn set_profile_sandbox_key<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    sandbox_key: String,
) -> AppResult<ProfileView> {
    change_key(&app, &state, id, move |p, id| p.set_sandbox_key(id, &sandbox_key)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_profile_sandbox_key<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> AppResult<ProfileView> {
    change_key(&app, &state, id, move |p, id| p.delete_sandbox_key(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_profile<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, id: String) -> AppResult<()> {
    refuse_demo(&id)?;
    let gone = id.clone();
    state.with_profiles(move |p| p.delete(&gone)).await?;
    crate::app_log::info(&format!("profile deleted: {id}"));
    retire_desk(&app, &state, &id);
    Ok(())
}

/// `null` or `"demo"` makes the Demo profile active.
#[tauri::command]
#[specta::specta]
pub async fn set_active_profile<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: Option<String>,
) -> AppResult<()> {
    // The Demo profile is active whenever no profile of the user's is.
    let id = id.filter(|id| id != DEMO_PROFILE_ID);
    if id.is_some() {
        state.require_own_profiles()?;
    }
    let chosen = id.clone();
    state.with_profiles(move |p| p.set_active(chosen.as_deref())).await?;
    crate::app_log::info(&format!("active profile: {}", id.as_deref().unwrap_or(DEMO_PROFILE_ID)));
    announce(&app, &state);
    Ok(())
}

#[derive(Debug, Clone, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionCheck {
    pub profile_id: String,
    pub demo: bool,
}

/// Asks CMR something harmless (the wallet) with the active profile's key, so the user learns
/// at once whether the key and base URL work.
#[tauri::command]
#[specta::specta]
pub async fn check_connection(state: State<'_, AppState>) -> AppResult<ConnectionCheck> {
    let active = state.active_client().await?;
    active.client.get_wallet_details().await?;
    Ok(ConnectionCheck { profile_id: active.profile_id, demo: active.demo })
}
