//! The audit log: one row per mutating call — when, which profile and customer, which
//! operation on what, a redacted summary of the request, the result and the actionId; for DNS
//! the zone's records before and after. Rows are written before the call is sent and
//! completed after, so a crash in between still leaves a trace ("pending").

use rusqlite::{params, params_from_iter, Row};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::db::Db;
use crate::error::{DeskError, DeskResult};
use crate::time::{iso, now_ms, parse_range_end, parse_time};

/// Filters for [`AuditLog::query`]; all optional. Dates are RFC 3339 or `YYYY-MM-DD` (a bare
/// end date includes its whole day).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AuditQuery {
    #[serde(default)]
    pub customer_id: Option<String>,
    /// snake_case operation name, e.g. `update_dns_record`.
    #[serde(default)]
    pub operation: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub job_id: Option<String>,
    /// Newest first; default 500, at most 10 000.
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: u32,
    /// RFC 3339, UTC.
    pub at: String,
    pub profile_id: String,
    pub customer_id: Option<String>,
    pub operation: String,
    pub subject: String,
    /// The request with secrets removed.
    pub request: Value,
    /// `pending`, `ok`, `error` or `outcome_unknown`.
    pub result: String,
    pub error_code: Option<String>,
    pub message: Option<String>,
    pub status: Option<u16>,
    pub action_id: Option<String>,
    pub dns_before: Option<Value>,
    pub dns_after: Option<Value>,
    pub job_id: Option<String>,
    /// What reconciliation found after an unknown outcome.
    pub outcome: Option<String>,
    /// The quoted total of a paid call, in cents (see [`crate::charges`]).
    pub charged_cents: Option<i64>,
}

/// How a call ended, for [`AuditLog::finish`].
#[derive(Clone, Debug, Default)]
pub struct AuditResult {
    pub result: &'static str,
    pub error_code: Option<String>,
    pub message: Option<String>,
    pub status: Option<u16>,
    pub action_id: Option<String>,
    pub dns_before: Option<Value>,
    pub dns_after: Option<Value>,
}

/// The start of a row: everything known before sending.
#[derive(Clone, Debug)]
pub struct AuditStart<'a> {
    pub customer_id: Option<&'a str>,
    pub operation: &'a str,
    pub subject: &'a str,
    /// Already redacted.
    pub request: &'a Value,
    pub job_id: Option<&'a str>,
    /// The total the person was shown when they pressed Pay (paid calls only).
    pub charge: Option<crate::charges::QuotedCharge>,
}

#[derive(Clone)]
pub struct AuditLog {
    db: Db,
    profile_id: String,
}

const COLUMNS: &str = "id, at, profile_id, customer_id, operation, subject, request, result, error_code, \
    message, status, action_id, dns_before, dns_after, job_id, outcome, charged_cents";

fn json_col(row: &Row<'_>, i: usize) -> rusqlite::Result<Option<Value>> {
    let text: Option<String> = row.get(i)?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

fn entry(row: &Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: row.get::<_, i64>(0)? as u32,
        at: iso(row.get(1)?),
        profile_id: row.get(2)?,
        customer_id: row.get(3)?,
        operation: row.get(4)?,
        subject: row.get(5)?,
        request: json_col(row, 6)?.unwrap_or(Value::Null),
        result: row.get(7)?,
        error_code: row.get(8)?,
        message: row.get(9)?,
        status: row.get::<_, Option<i64>>(10)?.map(|s| s as u16),
        action_id: row.get(11)?,
        dns_before: json_col(row, 12)?,
        dns_after: json_col(row, 13)?,
        job_id: row.get(14)?,
        outcome: row.get(15)?,
        charged_cents: row.get(16)?,
    })
}

impl AuditLog {
    pub fn new(db: Db, profile_id: impl Into<String>) -> Self {
        AuditLog { db, profile_id: profile_id.into() }
    }

    pub(crate) fn db(&self) -> &Db {
        &self.db
    }

    pub(crate) fn profile_id(&self) -> &str {
        &self.profile_id
    }

    /// Writes the row of a call about to be sent; returns its id.
    pub fn begin(&self, s: &AuditStart<'_>) -> DeskResult<i64> {
        let request = serde_json::to_string(s.request)?;
        self.db.with(|c| {
            c.execute(
                "INSERT INTO audit (at, profile_id, customer_id, operation, subject, request, result, job_id, charged_cents, charge_estimate) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?8, ?9)",
                params![
                    now_ms(),
                    self.profile_id,
                    s.customer_id,
                    s.operation,
                    s.subject,
                    request,
                    s.job_id,
                    s.charge.map(|c| c.cents),
                    s.charge.map(|c| i64::from(c.estimate))
                ],
            )?;
            Ok(c.last_insert_rowid())
        })
    }

    pub fn finish(&self, id: i64, r: &AuditResult) -> DeskResult<()> {
        let before = r.dns_before.as_ref().map(Value::to_string);
        let after = r.dns_after.as_ref().map(Value::to_string);
        self.db.with(|c| {
            c.execute(
                "UPDATE audit SET finished_at = ?2, result = ?3, error_code = ?4, message = ?5, status = ?6, \
                 action_id = ?7, dns_before = COALESCE(?8, dns_before), dns_after = ?9 WHERE id = ?1",
                params![id, now_ms(), r.result, r.error_code, r.message, r.status, r.action_id, before, after],
            )
        })?;
        Ok(())
    }

    /// Records what reconciliation (or later polling) found.
    pub fn note_outcome(&self, id: i64, outcome: &str) -> DeskResult<()> {
        self.db.with(|c| c.execute("UPDATE audit SET outcome = ?2 WHERE id = ?1", params![id, outcome]))?;
        Ok(())
    }

    pub fn get(&self, id: i64) -> DeskResult<AuditEntry> {
        let sql = format!("SELECT {COLUMNS} FROM audit WHERE id = ?1");
        self.db
            .with(|c| c.query_row(&sql, [id], entry))
            .map_err(|_| DeskError::NotFound(format!("audit entry {id}")))
    }

    /// This profile's rows matching `q`, newest first.
    pub fn query(&self, q: &AuditQuery) -> DeskResult<Vec<AuditEntry>> {
        let mut sql = format!("SELECT {COLUMNS} FROM audit WHERE profile_id = ?");
        let mut args: Vec<rusqlite::types::Value> = vec![self.profile_id.clone().into()];
        if let Some(c) = q.customer_id.as_deref().filter(|s| !s.is_empty()) {
            sql.push_str(" AND customer_id = ?");
            args.push(c.to_owned().into());
        }
        if let Some(op) = q.operation.as_deref().filter(|s| !s.is_empty()) {
            sql.push_str(" AND operation = ?");
            args.push(op.to_owned().into());
        }
        if let Some(j) = q.job_id.as_deref().filter(|s| !s.is_empty()) {
            sql.push_str(" AND job_id = ?");
            args.push(j.to_owned().into());
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
        let limit = q.limit.unwrap_or(500).clamp(1, 10_000);
        sql.push_str(&format!(" ORDER BY at DESC, id DESC LIMIT {limit}"));
        self.db.with(|c| {
            let mut stmt = c.prepare(&sql)?;
            let rows = stmt.query_map(params_from_iter(args.iter()), entry)?;
            rows.collect()
        })
    }

    /// The rows of [`AuditLog::query`] as CSV (RFC 4180), header first.
    pub fn export_csv(&self, q: &AuditQuery) -> DeskResult<String> {
        let mut q = q.clone();
        q.limit = Some(q.limit.unwrap_or(10_000));
        let rows = self.query(&q)?;
        let mut out = String::from(
            "id,at,profile_id,customer_id,operation,subject,result,error_code,status,action_id,message,outcome,job_id,request,dns_before,dns_after\r\n",
        );
        for r in rows {
            let cells = [
                r.id.to_string(),
                r.at,
                r.profile_id,
                r.customer_id.unwrap_or_default(),
                r.operation,
                r.subject,
                r.result,
                r.error_code.unwrap_or_default(),
                r.status.map(|s| s.to_string()).unwrap_or_default(),
                r.action_id.unwrap_or_default(),
                r.message.unwrap_or_default(),
                r.outcome.unwrap_or_default(),
                r.job_id.unwrap_or_default(),
                r.request.to_string(),
                r.dns_before.map(|v| v.to_string()).unwrap_or_default(),
                r.dns_after.map(|v| v.to_string()).unwrap_or_default(),
            ];
            let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
        Ok(out)
    }
}

/// Quotes a cell when needed; a leading `=`, `+`, `-` or `@` is prefixed with `'` so a
/// spreadsheet does not run it as a formula.
pub(crate) fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_owned() };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rows_round_trip_and_filter() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(Db::open_in(dir.path()).unwrap(), "p1");
        let req = json!({"domain": "a.com"});
        let id = log
            .begin(&AuditStart { customer_id: Some("U1"), operation: "add_dns_records", subject: "a.com", request: &req, job_id: None, charge: None })
            .unwrap();
        log.finish(id, &AuditResult { result: "ok", action_id: Some("ACT_1".into()), ..Default::default() }).unwrap();
        log.begin(&AuditStart { customer_id: Some("U2"), operation: "delete_user", subject: "U2", request: &json!({}), job_id: None, charge: None })
            .unwrap();
        let all = log.query(&AuditQuery::default()).unwrap();
        assert_eq!(all.len(), 2);
        let u1 = log.query(&AuditQuery { customer_id: Some("U1".into()), ..Default::default() }).unwrap();
        assert_eq!(u1.len(), 1);
        assert_eq!(u1[0].action_id.as_deref(), Some("ACT_1"));
        let future = log.query(&AuditQuery { from: Some("2999-01-01".into()), ..Default::default() }).unwrap();
        assert!(future.is_empty());
        let csv = log.export_csv(&AuditQuery::default()).unwrap();
        assert_eq!(csv.lines().count(), 3);
        assert!(csv.contains("\"{\"\"domain\"\":\"\"a.com\"\"}\""));
    }

    #[test]
    fn csv_cells_are_safe() {
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
    }
}
