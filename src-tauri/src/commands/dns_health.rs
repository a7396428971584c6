//! Live DNS health: what the world resolves for a domain, against what CMR holds for it, and
//! the mail records' checks (SPF lookups, DMARC, DKIM, MX). Each check reads the zone from CMR
//! (one rate-limited request), asks DNS, and keeps the report with its time for the DNS
//! screen and the Overview.

use cmr_client::ServiceProvider;
use cmr_core::HealthRecord;
use cmr_dns_health::{check_domain, HealthInput, HealthReport, NetworkState, ResolverSettings};
use tauri::State;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Where the questions go. `CMR_DESK_DNS_SERVERS` (a list of `address:port`) sends every
/// question to those servers, for a network of one's own; the Demo profile asks the Demo's
/// loopback name server, which publishes its zones; otherwise each domain's own name servers
/// first, then public resolvers.
fn resolver_settings(state: &AppState, demo: bool) -> AppResult<ResolverSettings> {
    if let Ok(list) = std::env::var("CMR_DESK_DNS_SERVERS") {
        return ResolverSettings::from_list(&list).map_err(|e| AppError::internal(format!("CMR_DESK_DNS_SERVERS: {e}")));
    }
    if demo {
        if let Some(addr) = state.demo.dns_addr() {
            return Ok(ResolverSettings::loopback(addr));
        }
    }
    Ok(ResolverSettings::internet())
}

/// Checks one domain now: reads what CMR holds, asks DNS, keeps the report.
#[tauri::command]
#[specta::specta]
pub async fn check_dns_health(
    state: State<'_, AppState>,
    user_id: String,
    domain: String,
    provider: Option<ServiceProvider>,
) -> AppResult<HealthReport> {
    let demo = state.active_client().await?.demo;
    let settings = resolver_settings(&state, demo)?;
    let desk = state.desk().await?;
    let (user, name) = (user_id.clone(), domain.clone());
    let held = desk.read(|c| async move { c.get_dns_records(&user, &name).await }).await?.data.records;
    let report = check_domain(&HealthInput::new(domain.clone(), held, provider), &settings).await;
    let (problems, headline) = report.problems();
    let network = match report.network {
        NetworkState::Ok => "ok",
        NetworkState::NoNetwork => "noNetwork",
        NetworkState::Partial => "partial",
    };
    let json = serde_json::to_string(&report).map_err(|e| AppError::internal(format!("health report: {e}")))?;
    desk.cache().put_dns_health(&HealthRecord {
        domain: &domain,
        customer_id: Some(&user_id),
        checked_at: cmr_core::time::now_ms(),
        network,
        problems,
        headline: &headline,
        report_json: &json,
    })?;
    Ok(report)
}

/// The last check of a domain, if it was ever checked (no request, no DNS question).
#[tauri::command]
#[specta::specta]
pub async fn cached_dns_health(state: State<'_, AppState>, domain: String) -> AppResult<Option<HealthReport>> {
    let desk = state.desk().await?;
    // A report written by an older build that no longer parses counts as never checked.
    Ok(desk.cache().dns_health_report(&domain)?.and_then(|json| serde_json::from_str(&json).ok()))
}
