//! Users: the partner's customers. Each command is the client method of the same name.

use cmr_client::endpoints as ep;
use cmr_client::users::{CreatedUser, ListUsersQuery, NewUser, User, UserUpdate, UsersPage};
use cmr_client::{Accepted, ApiResponse};
use cmr_core::Mutation;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_users(state: State<'_, AppState>, query: ListUsersQuery) -> AppResult<ApiResponse<UsersPage>> {
    Ok(state.desk().await?.read(|c| async move { c.list_users(&query).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_user(state: State<'_, AppState>, user_id: String) -> AppResult<ApiResponse<User>> {
    Ok(state.desk().await?.read(|c| async move { c.get_user(&user_id).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_user(state: State<'_, AppState>, user: NewUser) -> AppResult<ApiResponse<Option<CreatedUser>>> {
    let m = Mutation::new(&ep::CREATE_USER, &user.email).request(&user);
    Ok(state.desk().await?.mutate(m, |c| async move { c.create_user(&user).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_user(
    state: State<'_, AppState>,
    user_id: String,
    update: UserUpdate,
) -> AppResult<ApiResponse<Option<User>>> {
    let m = Mutation::new(&ep::UPDATE_USER, &user_id).customer(&user_id).request(&update);
    Ok(state.desk().await?.mutate(m, |c| async move { c.update_user(&user_id, &update).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_user(state: State<'_, AppState>, user_id: String) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::DELETE_USER, &user_id).customer(&user_id);
    Ok(state.desk().await?.mutate(m, |c| async move { c.delete_user(&user_id).await }).await?)
}
