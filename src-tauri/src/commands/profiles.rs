//! Settings → Profiles. The API key goes in, but never comes back out: views carry a mask only.

use tauri::{AppHandle, State};
use tauri_specta::Event;

use crate::error::AppResult;
use crate::events::ProfilesChanged;
use crate::profiles::{NewProfile, ProfileFields, ProfileView};
use crate::state::AppState;

fn announce(app: &AppHandle, state: &AppState) {
    let active_profile_id = state.profiles.active_profile_id().ok().flatten();
    // A missed notification only delays a refresh; the command's own result stands.
    let _ = ProfilesChanged { active_profile_id }.emit(app);
}

#[tauri::command]
#[specta::specta]
pub async fn list_profiles(state: State<'_, AppState>) -> AppResult<Vec<ProfileView>> {
    state.with_profiles(|p| p.list()).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_profile(
    app: AppHandle,
    state: State<'_, AppState>,
    input: NewProfile,
) -> AppResult<ProfileView> {
    let view = state.with_profiles(move |p| p.create(input)).await?;
    announce(&app, &state);
    Ok(view)
}

#[tauri::command]
#[specta::specta]
pub async fn update_profile(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    fields: ProfileFields,
) -> AppResult<ProfileView> {
    let view = state.with_profiles(move |p| p.update(&id, fields)).await?;
    announce(&app, &state);
    Ok(view)
}

#[tauri::command]
#[specta::specta]
pub async fn set_profile_key(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    api_key: String,
) -> AppResult<ProfileView> {
    let view = state.with_profiles(move |p| p.set_key(&id, &api_key)).await?;
    announce(&app, &state);
    Ok(view)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_profile_key(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> AppResult<ProfileView> {
    let view = state.with_profiles(move |p| p.delete_key(&id)).await?;
    announce(&app, &state);
    Ok(view)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_profile(app: AppHandle, state: State<'_, AppState>, id: String) -> AppResult<()> {
    state.with_profiles(move |p| p.delete(&id)).await?;
    announce(&app, &state);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn set_active_profile(
    app: AppHandle,
    state: State<'_, AppState>,
    id: Option<String>,
) -> AppResult<()> {
    state.with_profiles(move |p| p.set_active(id.as_deref())).await?;
    announce(&app, &state);
    Ok(())
}
