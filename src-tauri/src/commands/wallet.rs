//! The partner wallet, which pays for everything.

use cmr_client::wallet::Wallet;
use cmr_client::ApiResponse;
use cmr_core::charge::{ChargeRequest, Quote};
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn get_wallet_details(state: State<'_, AppState>) -> AppResult<ApiResponse<Wallet>> {
    Ok(state.desk().await?.read(|c| async move { c.get_wallet_details().await }).await?)
}

/// Prices a paid action against the wallet as CMR reports it now (one read): lines, total,
/// wallet now → after, what recurs, and the reason Pay is disabled when the app knows the
/// payment would be refused (`cmr_core::charge`).
#[tauri::command]
#[specta::specta]
pub async fn quote_charge(state: State<'_, AppState>, request: ChargeRequest) -> AppResult<Quote> {
    let desk = state.desk().await?;
    let wallet = match desk.read(|c| async move { c.get_wallet_details().await }).await {
        Ok(reply) => reply.data.wallet_balance.and_then(|m| m.to_cents()).ok_or_else(|| "CMR sent no wallet balance".to_owned()),
        Err(e) => Err(crate::error::AppError::from(e).message),
    };
    let quote = cmr_core::charge::quote(&request, wallet, state.settings.get().low_balance_cents);
    if let Some(operation) = request.operation.as_deref() {
        let charge = cmr_core::charges::QuotedCharge { cents: quote.total_cents, estimate: quote.estimate };
        desk.expect_charge(operation, request.customer_id.as_deref(), charge);
    }
    Ok(quote)
}

/// The wallet balance under which a paid action warns first (cents), if the user set one.
#[tauri::command]
#[specta::specta]
pub async fn get_low_balance_mark(state: State<'_, AppState>) -> AppResult<Option<i32>> {
    Ok(state.settings.get().low_balance_cents.map(|c| c.clamp(0, i64::from(i32::MAX)) as i32))
}

/// Sets (or, with `null`, clears) the low-balance mark; kept in settings.json.
#[tauri::command]
#[specta::specta]
pub async fn set_low_balance_mark(state: State<'_, AppState>, cents: Option<i32>) -> AppResult<()> {
    use cmr_core::local_files::LOW_BALANCE_MAX_CENTS;
    let problem = match cents.map(i64::from) {
        Some(c) if c < 0 => Some("The low-balance mark is an amount of zero or more.".to_owned()),
        Some(c) if c > LOW_BALANCE_MAX_CENTS => {
            Some(format!("The low-balance mark is at most ${}.", LOW_BALANCE_MAX_CENTS / 100))
        }
        _ => None,
    };
    if let Some(message) = problem {
        return Err(crate::error::AppError::validation([("lowBalance".to_owned(), message)].into()));
    }
    state.settings.update(|s| s.low_balance_cents = cents.map(i64::from))?;
    Ok(())
}
