//! The DNS editor's tools over crates/cmr-dns: checking a record, the lint panel, change plans
//! shown as a diff, applying a plan through the audited DNS calls and verifying it by a fresh
//! read, mail templates on many domains, BIND zone files and the DMARC builder.
//!
//! Plans are always made against a fresh read of the zone (a record id is the only safe handle
//! and another person may have changed the zone meanwhile). Each change of a plan is sent as
//! its own call so the audit log holds one entry per change, with the zone before and after.

use std::collections::BTreeMap;

use cmr_client::dns::{AddDnsRecordsRequest, DeleteDnsRecordsRequest, DnsRecord, DnsRecordInput, UpdateDnsRecordRequest};
use cmr_client::DmarcTag;
use cmr_core::{Desk, Mutation};
use cmr_dns::{
    Change, ChangeKind, DiffLine, DmarcCompletion, DmarcDefault, DmarcOptions, DmarcPolicy, DmarcState, FieldErrors, LintFinding, MailTemplate,
    Mismatch, Plan, PlanError, TemplateOutcome,
};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::State;

use crate::error::{AppError, AppResult, ErrorCode};
use crate::state::AppState;

/// A plan ready to show: the diff, and what the lint panel will say once it is applied.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanView {
    pub plan: Plan,
    pub diff: Vec<DiffLine>,
    /// Findings on the records as they will be after the plan.
    pub lint_after: Vec<LintFinding>,
    /// Zone-file lines left out on import (SOA, apex NS, unsupported types); empty otherwise.
    pub notes: Vec<String>,
}

/// What happened when a plan was applied. Always returned once anything may have been sent,
/// so the UI knows what went out and plans again from a fresh read instead of re-sending.
#[derive(Clone, Debug, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ApplyReport {
    /// Plan items sent and accepted, in plan order.
    pub applied: u32,
    /// Those items, each with CMR's action id when it gave one.
    pub applied_items: Vec<AppliedChange>,
    /// What stopped the apply: a refusal, or `outcome_unknown` when a write may or may not have
    /// happened (the zone must be read before anything is sent again). Items after it were
    /// not sent.
    pub error: Option<AppError>,
    /// Description of the item that was refused or whose outcome is unknown.
    pub failed_item: Option<String>,
    /// Items the fresh read does not show as planned.
    pub mismatches: Vec<Mismatch>,
    /// The zone as read after applying; empty when it could not be read (see `verify_error`).
    pub records: Vec<DnsRecord>,
    pub lint: Vec<LintFinding>,
    /// Why the zone could not be read again after applying: nothing was verified.
    pub verify_error: Option<String>,
}

/// One plan item that CMR accepted.
#[derive(Clone, Debug, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppliedChange {
    pub kind: ChangeKind,
    pub description: String,
    pub action_id: Option<String>,
}

/// The DMARC builder's output: the value to send and what CMR will publish from it.
#[derive(Clone, Debug, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DmarcBuilt {
    pub value: String,
    pub completion: Option<DmarcCompletion>,
}

fn field_errors(errors: &FieldErrors) -> AppError {
    let mut fields = BTreeMap::new();
    for e in &errors.errors {
        fields.entry(e.field.clone()).or_insert_with(|| e.message.clone());
    }
    AppError::validation(fields)
}

fn plan_error(e: PlanError) -> AppError {
    match e {
        PlanError::Invalid { record, errors } => {
            let mut err = field_errors(&errors);
            err.message = format!("{record}: {}", errors.errors.first().map(|e| e.message.as_str()).unwrap_or("invalid record"));
            err
        }
        PlanError::InvalidDomain { message, .. } => AppError::validation(BTreeMap::from([("domain".to_string(), message)])),
        PlanError::UnknownRecord { .. } => AppError::new(ErrorCode::Conflict, e.to_string()),
        PlanError::ChangedTwice { .. } => AppError::new(ErrorCode::Validation, e.to_string()),
    }
}

async fn read_zone(desk: &Desk, user_id: &str, domain: &str) -> AppResult<Vec<DnsRecord>> {
    let (user, dom) = (user_id.to_owned(), domain.to_owned());
    let reply = desk.read(|c| async move { c.get_dns_records(&user, &dom).await }).await?;
    Ok(reply.data.records)
}

fn view(domain: &str, current: &[DnsRecord], plan: Plan, notes: Vec<String>) -> PlanView {
    let lint_after = cmr_dns::lint(&cmr_dns::preview(current, &plan), domain);
    PlanView { diff: plan.diff(), lint_after, plan, notes }
}

/// Checks one record from the form and returns it as it will be sent; field errors come back
/// as a `validation` error keyed by form field. Nothing is sent.
#[tauri::command]
#[specta::specta]
pub fn validate_dns_record(domain: String, record: DnsRecordInput) -> AppResult<DnsRecordInput> {
    cmr_dns::validate_record(&record, &domain).map_err(|e| field_errors(&e))
}

/// The lint panel's findings for a set of records, errors first.
#[tauri::command]
#[specta::specta]
pub fn lint_dns_records(domain: String, records: Vec<DnsRecord>) -> Vec<LintFinding> {
    cmr_dns::lint(&records, &domain)
}

/// Turns the editor's pending changes into a plan against a fresh read of the zone.
#[tauri::command]
#[specta::specta]
pub async fn plan_dns_changes(state: State<'_, AppState>, user_id: String, domain: String, changes: Vec<Change>) -> AppResult<PlanView> {
    let desk = state.desk().await?;
    let current = read_zone(&desk, &user_id, &domain).await?;
    let plan = cmr_dns::plan(&domain, &current, changes).map_err(plan_error)?;
    Ok(view(&domain, &current, plan, Vec::new()))
}

/// Sends a plan, one audited call per change (deletes, then updates, then adds), stops at the
/// first refusal or unknown outcome, then reads the zone again and reports what does not
/// match. Once the first change is sent the answer is a report, never an error: what was
/// applied must reach the UI even when the read afterwards fails.
#[tauri::command]
#[specta::specta]
pub async fn apply_dns_plan(state: State<'_, AppState>, user_id: String, plan: Plan) -> AppResult<ApplyReport> {
    let desk = state.desk().await?;
    let domain = plan.domain.clone();
    let mut applied_items = Vec::new();
    let mut failure = None;
    for item in &plan.items {
        match send_item(&desk, &user_id, &domain, item.kind, item.record_id.clone(), item.after.clone()).await {
            Ok(action_id) => {
                applied_items.push(AppliedChange { kind: item.kind, description: item.description.clone(), action_id })
            }
            Err(e) => {
                failure = Some((e, item.description.clone()));
                break;
            }
        }
    }
    let applied = applied_items.len() as u32;
    let (error, failed_item) = failure.map_or((None, None), |(e, d)| (Some(e), Some(d)));
    let mut report =
        ApplyReport { applied, applied_items, error, failed_item, mismatches: Vec::new(), records: Vec::new(), lint: Vec::new(), verify_error: None };
    match read_zone(&desk, &user_id, &domain).await {
        Ok(records) => {
            let sent = Plan { items: plan.items[..applied as usize].to_vec(), ..plan.clone() };
            report.mismatches = cmr_dns::verify(&sent, &records);
            report.lint = cmr_dns::lint(&records, &domain);
            report.records = records;
        }
        Err(e) => {
            report.verify_error = Some(format!(
                "The records of {domain} could not be read again to check the changes ({}). Plan again once they can be read; do not send this plan again.",
                e.message
            ))
        }
    }
    Ok(report)
}

async fn send_item(
    desk: &Desk,
    user_id: &str,
    domain: &str,
    kind: ChangeKind,
    record_id: Option<String>,
    after: Option<DnsRecordInput>,
) -> AppResult<Option<String>> {
    let user = user_id.to_owned();
    let action_id = match (kind, record_id, after) {
        (ChangeKind::Delete, Some(id), _) => {
            let request = DeleteDnsRecordsRequest { domain: domain.to_owned(), record_ids: vec![id] };
            let m = Mutation::new("delete_dns_records", domain).customer(user_id).request(&request);
            desk.mutate(m, |c| async move { c.delete_dns_records(&user, &request).await }).await?.action_id
        }
        (ChangeKind::Update, Some(record_id), Some(record)) => {
            let request = UpdateDnsRecordRequest { record_id, domain: domain.to_owned(), record };
            let m = Mutation::new("update_dns_record", domain).customer(user_id).request(&request);
            desk.mutate(m, |c| async move { c.update_dns_record(&user, &request).await }).await?.action_id
        }
        (ChangeKind::Add, _, Some(record)) => {
            let request = AddDnsRecordsRequest { domain: domain.to_owned(), records: vec![record] };
            let m = Mutation::new("add_dns_records", domain).customer(user_id).request(&request);
            desk.mutate(m, |c| async move { c.add_dns_records(&user, &request).await }).await?.action_id
        }
        _ => return Err(AppError::internal("a plan item is missing its record")),
    };
    Ok(action_id)
}

/// Plans a mail template for each domain against a fresh read; one domain's failure does not
/// stop the others. Apply each outcome's plan with `apply_dns_plan`.
#[tauri::command]
#[specta::specta]
pub async fn plan_mail_template(
    state: State<'_, AppState>,
    user_id: String,
    template: MailTemplate,
    domains: Vec<String>,
) -> AppResult<Vec<TemplateOutcome>> {
    let desk = state.desk().await?;
    let mut outcomes = Vec::with_capacity(domains.len());
    for domain in domains {
        match read_zone(&desk, &user_id, &domain).await {
            Ok(records) => {
                let zone = cmr_dns::DomainRecords { domain, records };
                outcomes.extend(cmr_dns::apply_template_many(template, std::slice::from_ref(&zone)));
            }
            Err(e) => outcomes.push(TemplateOutcome { domain, plan: None, error: Some(e.message), remaining_errors: Vec::new() }),
        }
    }
    Ok(outcomes)
}

/// The domain's records as a BIND zone file.
#[tauri::command]
#[specta::specta]
pub async fn export_dns_zone(state: State<'_, AppState>, user_id: String, domain: String) -> AppResult<String> {
    let desk = state.desk().await?;
    let records = read_zone(&desk, &user_id, &domain).await?;
    Ok(cmr_dns::export_zone(&domain, &records))
}

/// Reads a pasted zone file into a plan. `replace` makes the zone exactly the file (records
/// not in it are deleted); otherwise the file's records are added beside the current ones.
/// Bad lines come back as a `validation` error on the field `zone`, one line each.
#[tauri::command]
#[specta::specta]
pub async fn import_dns_zone(
    state: State<'_, AppState>,
    user_id: String,
    domain: String,
    text: String,
    replace: bool,
) -> AppResult<PlanView> {
    let imported = cmr_dns::import_zone(&domain, &text).map_err(|errors| {
        let lines: Vec<String> =
            errors.iter().map(|e| if e.line == 0 { e.message.clone() } else { format!("Line {}: {}", e.line, e.message) }).collect();
        let mut err = AppError::validation(BTreeMap::from([("zone".to_string(), lines.join("\n"))]));
        err.message = format!("The zone file has {} problem{}.", lines.len(), if lines.len() == 1 { "" } else { "s" });
        err
    })?;
    let desk = state.desk().await?;
    let current = read_zone(&desk, &user_id, &domain).await?;
    let changes = if replace {
        cmr_dns::plan_to_desired(&domain, &current, &imported.records)
    } else {
        imported.records.into_iter().map(|record| Change::Add { record }).collect()
    };
    let plan = cmr_dns::plan(&domain, &current, changes).map_err(plan_error)?;
    let notes = imported
        .notes
        .iter()
        .map(|n| if n.line == 0 { n.message.clone() } else { format!("Line {}: {}", n.line, n.message) })
        .collect();
    Ok(view(&domain, &current, plan, notes))
}

/// CMR's default DMARC tags, in its order, for the builder's exclusion list.
#[tauri::command]
#[specta::specta]
pub fn dmarc_defaults() -> Vec<DmarcDefault> {
    cmr_dns::dmarc_default_tags()
}

/// Builds a DMARC value from the builder's choices and shows what CMR will append.
#[tauri::command]
#[specta::specta]
pub fn build_dmarc_record(policy: DmarcPolicy, options: DmarcOptions, excluded: Vec<DmarcTag>) -> DmarcBuilt {
    let value = cmr_dns::build_dmarc(policy, &options, &excluded);
    let completion = cmr_dns::complete_dmarc(&value, &excluded, None).ok();
    DmarcBuilt { value, completion }
}

fn value_error(message: String) -> AppError {
    AppError::validation(BTreeMap::from([("value".to_string(), message)]))
}

/// What CMR will publish for a DMARC value: the completion the sandbox also stores by.
/// `excluded` is what the update sends (`None`: the field is omitted and the record keeps its
/// exclusions); `current` is the record being edited as read, `None` for a new record.
#[tauri::command]
#[specta::specta]
pub fn preview_dmarc_record(value: String, excluded: Option<Vec<DmarcTag>>, current: Option<DnsRecord>) -> AppResult<DmarcCompletion> {
    let current = current.as_ref().map(|r| (r.value.as_str(), r.excluded_dmarc_tags.as_slice()));
    cmr_dns::preview_dmarc(&value, excluded.as_deref(), current).map_err(value_error)
}

/// What a stored DMARC record says, for the builder to open on: policy, report addresses,
/// the default tags written and the exclusions it holds.
#[tauri::command]
#[specta::specta]
pub fn read_dmarc_record(value: String, excluded: Vec<DmarcTag>) -> AppResult<DmarcState> {
    cmr_dns::dmarc_state(&value, &excluded).map_err(value_error)
}

/// Sets one tag of a DMARC value in place (or removes it when `tag_value` is `None`), keeping
/// the others as written.
#[tauri::command]
#[specta::specta]
pub fn set_dmarc_tag(value: String, tag: String, tag_value: Option<String>) -> AppResult<String> {
    cmr_dns::set_dmarc_tag(&value, &tag, tag_value.as_deref()).map_err(value_error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cmr_client::DnsRecordType;

    #[test]
    fn field_errors_reach_the_form_by_field() {
        let err = validate_dns_record("acme.com".into(), DnsRecordInput::new(DnsRecordType::A, "www", "not-an-ip")).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(err.fields.unwrap().get("value").unwrap().contains("IPv4"));
    }

    #[test]
    fn an_invalid_change_names_the_record_and_the_field() {
        let changes = vec![Change::Add { record: DnsRecordInput::new(DnsRecordType::Mx, "@", "mx.acme.com") }];
        let err = plan_error(cmr_dns::plan("acme.com", &[], changes).unwrap_err());
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(err.fields.unwrap().contains_key("priority"));
        assert!(err.message.starts_with("@ MX"), "{}", err.message);
    }

    #[test]
    fn the_builder_leaves_excluded_tags_to_nobody() {
        let built = build_dmarc_record(DmarcPolicy::Quarantine, DmarcOptions::default(), vec![DmarcTag::Rua]);
        assert_eq!(built.value, "v=DMARC1; p=quarantine");
        let completion = built.completion.unwrap();
        assert!(!completion.completed.contains("rua="));
        assert!(completion.completed.contains("ruf="));
    }

    #[test]
    fn the_preview_keeps_the_exclusions_an_omitted_list_keeps() {
        let stored = "v=DMARC1; p=none; rua=mailto:r@acme.com; fo=0; rf=afrf; ri=604800; pct=100; sp=reject; aspf=r; adkim=r";
        let current = DnsRecord { host: "_dmarc".into(), value: stored.into(), ..DnsRecord::default() };
        let edited = stored.replace("p=none", "p=reject");
        let kept = preview_dmarc_record(edited.clone(), None, Some(current.clone())).unwrap();
        assert_eq!(kept.completed, edited);
        let cleared = preview_dmarc_record(edited, Some(vec![]), Some(current)).unwrap();
        assert!(cleared.completed.ends_with("; ruf=mailto:r@acme.com"), "{}", cleared.completed);
        let state = read_dmarc_record(stored.into(), vec![]).unwrap();
        assert_eq!((state.policy, state.excluded), (Some(DmarcPolicy::None), vec![DmarcTag::Ruf]));
        assert_eq!(set_dmarc_tag(stored.into(), "ruf".into(), None).unwrap(), stored);
    }

    /// Plan, apply and verify through the real IPC layer on the Demo sandbox: one audit entry
    /// per change, with the zone before and after.
    #[test]
    fn a_plan_is_applied_change_by_change_audited_and_verified() {
        use std::sync::Arc;
        use serde_json::{json, Value};
        use tauri::ipc::{CallbackFn, InvokeBody};
        use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
        use tauri::Manager;

        let dir = tempfile::tempdir().unwrap();
        let demo = tauri::async_runtime::block_on(crate::demo::DemoBackend::start()).unwrap();
        let app = mock_builder()
            .invoke_handler(tauri::generate_handler![
                crate::commands::cache::cached_customers,
                crate::commands::cache::cached_domains,
                crate::commands::audit::query_audit_log,
                plan_dns_changes,
                apply_dns_plan,
                import_dns_zone,
            ])
            .build(mock_context(noop_assets()))
            .unwrap();
        app.manage(AppState::new(dir.path(), Arc::new(crate::secrets::MemoryStore::default()), demo));
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
        let call = |cmd: &str, args: Value| -> Result<Value, Value> {
            let request = tauri::webview::InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            };
            get_ipc_response(&webview, request).map(|body| body.deserialize::<Value>().unwrap())
        };

        let customers = call("cached_customers", json!({"refresh": false})).unwrap();
        let user = customers["data"][0]["userId"].as_str().unwrap().to_owned();
        let domains = call("cached_domains", json!({"customerId": user, "refresh": false})).unwrap();
        let domain = domains["data"].as_array().unwrap().iter().find(|d| d["status"] == "ACTIVE").unwrap()["domainName"]
            .as_str()
            .unwrap()
            .to_owned();

        // A bad value stops at planning, named by field; nothing is sent.
        let bad = json!([{"kind": "add", "record": {"host": "www", "value": "1.2.3", "recordType": "A"}}]);
        let err = call("plan_dns_changes", json!({"userId": user, "domain": domain, "changes": bad})).unwrap_err();
        assert_eq!(err["code"], "validation");
        assert!(err["fields"]["value"].as_str().unwrap().contains("IPv4"), "{err}");

        let changes = json!([
            {"kind": "add", "record": {"host": "ipc-a", "value": "192.0.2.77", "recordType": "A"}},
            {"kind": "add", "record": {"host": "ipc-t", "value": "\"hello=world\"", "recordType": "TXT"}},
        ]);
        let view = call("plan_dns_changes", json!({"userId": user, "domain": domain, "changes": changes})).unwrap();
        assert_eq!(view["plan"]["summary"]["adds"], 2, "{view}");
        assert_eq!(view["diff"][0]["sign"], "added");
        let report = call("apply_dns_plan", json!({"userId": user, "plan": view["plan"]})).unwrap();
        assert_eq!((report["applied"].as_u64(), report["error"].is_null()), (Some(2), true), "{report}");
        assert_eq!(report["mismatches"], json!([]), "{report}");
        assert!(report["records"].to_string().contains("192.0.2.77"));

        let audit = call("query_audit_log", json!({"query": {"operation": "add_dns_records"}})).unwrap();
        let rows = audit.as_array().unwrap();
        assert_eq!(rows.len(), 2, "one entry per change");
        assert!(rows.iter().all(|r| r["result"] == "ok" && !r["dnsBefore"].is_null() && !r["dnsAfter"].is_null()), "{audit}");
        let a = rows.iter().find(|r| r["request"].to_string().contains("ipc-a")).unwrap();
        assert!(a["dnsAfter"].to_string().contains("192.0.2.77") && !a["dnsBefore"].to_string().contains("192.0.2.77"));

        // The same records imported from a zone file change nothing.
        let zone = "$ORIGIN example.invalid.\nipc-a 3600 IN A 192.0.2.77\n";
        let zone = zone.replace("example.invalid", &domain);
        let imported = call("import_dns_zone", json!({"userId": user, "domain": domain, "text": zone, "replace": false})).unwrap();
        assert_eq!(imported["plan"]["items"], json!([]), "{imported}");
        let broken = call("import_dns_zone", json!({"userId": user, "domain": domain, "text": "www IN A nope\n", "replace": false})).unwrap_err();
        assert!(broken["fields"]["zone"].as_str().unwrap().starts_with("Line 1"), "{broken}");
    }
}
