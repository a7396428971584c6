//! What this app has charged. When a person presses Pay, the priced confirmation they saw is
//! remembered for that operation and customer; the paid call's row in the audit log then
//! carries that total, written before the call is sent (so a crash mid-call keeps it too).
//! The wallet view adds up those rows: a call CMR accepted, or one whose lost answer was
//! reconciled as applied, counts as charged; one still unknown is listed apart. CMR offers no
//! transaction history through the API, so this is what the app itself sent, at the prices it
//! showed — not CMR's ledger.

use std::collections::HashMap;
use std::sync::Mutex;

use rusqlite::{params_from_iter, Row};
use serde::{Deserialize, Serialize};

use crate::audit::AuditLog;
use crate::error::{DeskError, DeskResult};
use crate::time::{iso, now_ms, parse_range_end, parse_time, Ms};

/// A priced confirmation waits this long for its Pay; an older one is not used.
const FRESH_MS: Ms = 30 * 60 * 1000;

/// The total a paid call was quoted at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuotedCharge {
    pub cents: i64,
    /// Some line of the quote was the app's estimate.
    pub estimate: bool,
}

/// Quotes waiting for their Pay, by operation: the customer the dialog was for, the quote, and
/// when it was shown.
#[derive(Default)]
pub struct ExpectedCharges {
    waiting: Mutex<HashMap<String, (Option<String>, QuotedCharge, Ms)>>,
}

impl ExpectedCharges {
    /// Remembers the quote shown for `operation` on `customer` (the newest one wins).
    pub fn expect(&self, operation: &str, customer_id: Option<&str>, charge: QuotedCharge) {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        waiting.retain(|_, (_, _, at)| now_ms() - *at < FRESH_MS);
        waiting.insert(operation.to_owned(), (customer_id.map(str::to_owned), charge, now_ms()));
    }

    /// The quote for this call and the customer it was shown for, taken so that it is recorded
    /// once. Calls that carry no customer (a warmup enrolment names only the mailbox) take the
    /// dialog's. A payment sent as several calls (one per domain or mailbox) records the whole
    /// total on its first call.
    pub fn take(&self, operation: &str, customer_id: Option<&str>) -> Option<(Option<String>, QuotedCharge)> {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        let (shown_for, _, at) = waiting.get(operation)?;
        let same = match (customer_id, shown_for.as_deref()) {
            (Some(call), Some(shown)) => call == shown,
            _ => true,
        };
        if !same || now_ms() - *at >= FRESH_MS {
            return None;
        }
        waiting.remove(operation).map(|(customer, charge, _)| (customer, charge))
    }
}

/// Where a recorded payment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ChargeState {
    /// CMR accepted the call, or a lost answer was reconciled as applied.
    Charged,
    /// Sent, and whether CMR acted is not known yet.
    Unsettled,
}

/// One payment the app sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AppCharge {
    pub audit_id: u32,
    /// RFC 3339, UTC.
    pub at: String,
    pub customer_id: Option<String>,
    pub operation: String,
    pub subject: String,
    pub cents: i64,
    pub estimate: bool,
    pub state: ChargeState,
}

/// One customer's payments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerCharges {
    pub customer_id: Option<String>,
    pub charged_cents: i64,
    pub unsettled_cents: i64,
    pub count: u32,
    pub estimate: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ChargesReport {
    /// Newest first.
    pub rows: Vec<AppCharge>,
    /// Highest charged total first.
    pub by_customer: Vec<CustomerCharges>,
    pub charged_cents: i64,
    pub unsettled_cents: i64,
}

/// Which payments to list; dates are RFC 3339 or `YYYY-MM-DD` (a bare end date includes its day).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ChargesQuery {
    #[serde(default)]
    pub customer_id: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// A row's state from its result and what reconciliation found; `None` when nothing was
/// charged (refused, or reconciled as not applied).
fn state_of(result: &str, outcome: Option<&str>) -> Option<ChargeState> {
    let outcome = outcome.unwrap_or_default();
    if outcome.contains("not applied") {
        return None;
    }
    match result {
        "ok" => Some(ChargeState::Charged),
        "outcome_unknown" | "pending" if outcome.contains("applied") => Some(ChargeState::Charged),
        "outcome_unknown" | "pending" => Some(ChargeState::Unsettled),
        _ => None,
    }
}

fn charge_row(row: &Row<'_>) -> rusqlite::Result<(AppCharge, String, Option<String>)> {
    let result: String = row.get(7)?;
    let outcome: Option<String> = row.get(8)?;
    let charge = AppCharge {
        audit_id: row.get::<_, i64>(0)? as u32,
        at: iso(row.get(1)?),
        customer_id: row.get(2)?,
        operation: row.get(3)?,
        subject: row.get(4)?,
        cents: row.get(5)?,
        estimate: row.get::<_, Option<i64>>(6)?.unwrap_or(0) != 0,
        state: ChargeState::Charged,
    };
    Ok((charge, result, outcome))
}

impl AuditLog {
    /// The payments this profile sent through the app, by `q`.
    pub fn charges(&self, q: &ChargesQuery) -> DeskResult<ChargesReport> {
        let mut sql = String::from(
            "SELECT id, at, customer_id, operation, subject, charged_cents, charge_estimate, result, outcome FROM audit \
             WHERE profile_id = ? AND charged_cents IS NOT NULL",
        );
        let mut args: Vec<rusqlite::types::Value> = vec![self.profile_id().to_owned().into()];
        if let Some(c) = q.customer_id.as_deref().filter(|s| !s.is_empty()) {
            sql.push_str(" AND customer_id = ?");
            args.push(c.to_owned().into());
        }
        if let Some(from) = q.from.as_deref().filter(|s| !s.is_empty()) {
            let ms = parse_time(from).ok_or_else(|| DeskError::invalid_field("from", "not a date"))?;
            sql.push_str(" AND at >= ?");
            args.push(ms.into());
        }
        if let Some(to) = q.to.as_deref().filter(|s| !s.is_empty()) {
            let ms = parse_range_end(to).ok_or_else(|| DeskError::invalid_field("to", "not a date"))?;
            sql.push_str(" AND at <= ?");
            args.push(ms.into());
        }
        sql.push_str(" ORDER BY at DESC, id DESC");
        let found: Vec<(AppCharge, String, Option<String>)> = self.db().with(|c| {
            let mut stmt = c.prepare(&sql)?;
            let rows = stmt.query_map(params_from_iter(args.iter()), charge_row)?;
            rows.collect()
        })?;
        let rows: Vec<AppCharge> = found
            .into_iter()
            .filter_map(|(charge, result, outcome)| state_of(&result, outcome.as_deref()).map(|state| AppCharge { state, ..charge }))
            .collect();
        Ok(report(rows))
    }

    /// [`AuditLog::charges`] as CSV (RFC 4180), header first; amounts in dollars.
    pub fn charges_csv(&self, q: &ChargesQuery) -> DeskResult<String> {
        let report = self.charges(q)?;
        let mut out = String::from("at,customer_id,operation,subject,amount_usd,estimate,state,audit_id\r\n");
        for r in report.rows {
            let cells = [
                r.at,
                r.customer_id.unwrap_or_default(),
                r.operation,
                r.subject,
                format!("{}.{:02}", r.cents / 100, (r.cents % 100).abs()),
                if r.estimate { "yes" } else { "no" }.to_owned(),
                match r.state {
                    ChargeState::Charged => "charged",
                    ChargeState::Unsettled => "unsettled",
                }
                .to_owned(),
                r.audit_id.to_string(),
            ];
            let line: Vec<String> = cells.iter().map(|c| crate::audit::csv_cell(c)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
        Ok(out)
    }
}

fn report(rows: Vec<AppCharge>) -> ChargesReport {
    let mut by: HashMap<Option<String>, CustomerCharges> = HashMap::new();
    for r in &rows {
        let entry = by.entry(r.customer_id.clone()).or_insert_with(|| CustomerCharges {
            customer_id: r.customer_id.clone(),
            charged_cents: 0,
            unsettled_cents: 0,
            count: 0,
            estimate: false,
        });
        entry.count += 1;
        entry.estimate |= r.estimate;
        match r.state {
            ChargeState::Charged => entry.charged_cents += r.cents,
            ChargeState::Unsettled => entry.unsettled_cents += r.cents,
        }
    }
    let mut by_customer: Vec<CustomerCharges> = by.into_values().collect();
    by_customer.sort_by(|a, b| b.charged_cents.cmp(&a.charged_cents).then_with(|| a.customer_id.cmp(&b.customer_id)));
    ChargesReport {
        charged_cents: by_customer.iter().map(|c| c.charged_cents).sum(),
        unsettled_cents: by_customer.iter().map(|c| c.unsettled_cents).sum(),
        rows,
        by_customer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{AuditResult, AuditStart};
    use crate::db::Db;
    use serde_json::json;

    fn paid(log: &AuditLog, customer: &str, cents: i64, result: &'static str) -> i64 {
        let id = log
            .begin(&AuditStart {
                customer_id: Some(customer),
                operation: "renew_domains",
                subject: "a.com",
                request: &json!({}),
                job_id: None,
                charge: Some(QuotedCharge { cents, estimate: false }),
            })
            .unwrap();
        log.finish(id, &AuditResult { result, ..Default::default() }).unwrap();
        id
    }

    #[test]
    fn charged_unsettled_and_refused_payments_add_up_per_customer() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(Db::open_in(dir.path()).unwrap(), "p1");
        paid(&log, "U1", 1450, "ok");
        paid(&log, "U1", 2400, "ok");
        let unknown = paid(&log, "U2", 900, "outcome_unknown");
        paid(&log, "U2", 5000, "error");
        let settled = paid(&log, "U3", 700, "outcome_unknown");
        log.note_outcome(settled, "reconciled: applied (order seen)").unwrap();
        let gone = paid(&log, "U3", 300, "outcome_unknown");
        log.note_outcome(gone, "reconciled: not applied (no order)").unwrap();
        // A call with no quote (creating a customer) is not a payment.
        log.begin(&AuditStart { customer_id: Some("U1"), operation: "create_user", subject: "U1", request: &json!({}), job_id: None, charge: None })
            .unwrap();

        let r = log.charges(&ChargesQuery::default()).unwrap();
        assert_eq!(r.rows.len(), 4);
        assert_eq!(r.charged_cents, 1450 + 2400 + 700);
        assert_eq!(r.unsettled_cents, 900);
        let u1 = r.by_customer.iter().find(|c| c.customer_id.as_deref() == Some("U1")).unwrap();
        assert_eq!((u1.charged_cents, u1.count), (3850, 2));
        assert_eq!(r.by_customer[0].customer_id.as_deref(), Some("U1"));
        let u2 = r.rows.iter().find(|c| c.audit_id as i64 == unknown).unwrap();
        assert_eq!(u2.state, ChargeState::Unsettled);

        let only = log.charges(&ChargesQuery { customer_id: Some("U3".into()), ..Default::default() }).unwrap();
        assert_eq!(only.charged_cents, 700);
        let csv = log.charges_csv(&ChargesQuery::default()).unwrap();
        assert_eq!(csv.lines().count(), 5);
        assert!(csv.contains(",14.50,no,charged,"));
        assert!(csv.contains(",9.00,no,unsettled,"));
    }

    #[test]
    fn a_quote_is_taken_once_and_only_for_its_operation_and_customer() {
        let expected = ExpectedCharges::default();
        let quote = QuotedCharge { cents: 1450, estimate: false };
        expected.expect("renew_domains", Some("U1"), quote);
        assert_eq!(expected.take("renew_domains", Some("U2")), None);
        assert_eq!(expected.take("process_order", Some("U1")), None);
        assert_eq!(expected.take("renew_domains", Some("U1")), Some((Some("U1".to_owned()), quote)));
        assert_eq!(expected.take("renew_domains", Some("U1")), None);
        // A call that names no customer takes the dialog's.
        expected.expect("add_warmup", Some("U7"), quote);
        assert_eq!(expected.take("add_warmup", None), Some((Some("U7".to_owned()), quote)));
    }
}
