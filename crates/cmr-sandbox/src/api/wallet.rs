//! The single Partner wallet that pays for everything.

use axum::extract::State;
use serde_json::json;

use crate::envelope::{ok, ApiResult};
use crate::prices::dollars;
use crate::server::AppState;

pub async fn get_wallet_details(State(s): State<AppState>) -> ApiResult {
    let sim = s.sim();
    let recent: Vec<_> = sim.transactions.iter().rev().take(20).cloned().collect();
    ok("Wallet fetched successfully", json!({
        "walletBalance": dollars(sim.wallet_cents),
        "currency": "USD",
        "autoRechargeEnabled": sim.auto_recharge,
        "autoRechargeDetails": {"amount": if sim.auto_recharge { 100.0 } else { 0.0 }, "threshold": 0.0},
        "recentTransactions": recent,
    }))
}
