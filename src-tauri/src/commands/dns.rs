//! DNS records of a customer's domains. Writes are audited with the zone before and after.

use cmr_client::dns::{AddDnsRecordsRequest, DeleteDnsRecordsRequest, DnsChangeStatus, DnsRecords, UpdateDnsRecordRequest};
use cmr_client::endpoints as ep;
use cmr_client::{Accepted, ApiResponse};
use cmr_core::Mutation;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn get_dns_records(state: State<'_, AppState>, user_id: String, domain: String) -> AppResult<ApiResponse<DnsRecords>> {
    Ok(state.desk().await?.read(|c| async move { c.get_dns_records(&user_id, &domain).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_dns_records(state: State<'_, AppState>, user_id: String, request: AddDnsRecordsRequest) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::ADD_DNS_RECORDS, &request.domain).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.add_dns_records(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_dns_record(
    state: State<'_, AppState>,
    user_id: String,
    request: UpdateDnsRecordRequest,
) -> AppResult<ApiResponse<Option<DnsChangeStatus>>> {
    let m = Mutation::new(&ep::UPDATE_DNS_RECORD, &request.domain).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.update_dns_record(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_dns_records(
    state: State<'_, AppState>,
    user_id: String,
    request: DeleteDnsRecordsRequest,
) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::DELETE_DNS_RECORDS, &request.domain).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.delete_dns_records(&user_id, &request).await }).await?)
}
