//! The DNS editor's commands: checking a record, the lint panel and the DMARC builder (pure
//! `cmr_dns` calls), and plans, apply, templates and zone files, which the core orchestrates
//! (`cmr_core::dns_changes`).

use std::collections::BTreeMap;

use cmr_client::dns::{DnsRecord, DnsRecordInput};
use cmr_client::DmarcTag;
use cmr_core::dns_changes::{field_errors, ApplyReport, PlanView};
use cmr_dns::{Change, DmarcCompletion, DmarcDefault, DmarcOptions, DmarcPolicy, DmarcState, LintFinding, MailTemplate, Plan};
use serde::Serialize;
use specta::Type;
use tauri::State;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The DMARC builder's output: the value to send and what CMR will publish from it.
#[derive(Clone, Debug, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DmarcBuilt {
    pub value: String,
    pub completion: Option<DmarcCompletion>,
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
    state.desk().await?.plan_dns_changes(&user_id, &domain, changes).await
}

/// Sends a plan change by change, then verifies it by a fresh read (see `Desk::apply_dns_plan`).
#[tauri::command]
#[specta::specta]
pub async fn apply_dns_plan(state: State<'_, AppState>, user_id: String, plan: Plan) -> AppResult<ApplyReport> {
    Ok(state.desk().await?.apply_dns_plan(&user_id, &plan).await)
}

/// Plans a mail template for each domain against a fresh read; one domain's failure does not
/// stop the others. Apply each outcome's plan with `apply_dns_plan`. Each outcome says whether
/// the domain's mailboxes are on another provider (`mismatch`): the UI then needs a confirmation.
#[tauri::command]
#[specta::specta]
pub async fn plan_mail_template(
    state: State<'_, AppState>,
    user_id: String,
    template: MailTemplate,
    domains: Vec<String>,
) -> AppResult<Vec<cmr_core::template_fit::TemplatePlan>> {
    Ok(state.desk().await?.plan_mail_template(&user_id, template, domains).await)
}

/// The domain's records as a BIND zone file.
#[tauri::command]
#[specta::specta]
pub async fn export_dns_zone(state: State<'_, AppState>, user_id: String, domain: String) -> AppResult<String> {
    state.desk().await?.export_dns_zone(&user_id, &domain).await
}

/// Reads a pasted zone file into a plan (see `Desk::import_dns_zone`).
#[tauri::command]
#[specta::specta]
pub async fn import_dns_zone(
    state: State<'_, AppState>,
    user_id: String,
    domain: String,
    text: String,
    replace: bool,
) -> AppResult<PlanView> {
    state.desk().await?.import_dns_zone(&user_id, &domain, &text, replace).await
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
    use crate::error::ErrorCode;
    use cmr_client::DnsRecordType;

    #[test]
    fn field_errors_reach_the_form_by_field() {
        let err = validate_dns_record("acme.com".into(), DnsRecordInput::new(DnsRecordType::A, "www", "not-an-ip")).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(err.fields.unwrap().get("value").unwrap().contains("IPv4"));
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
        use tauri::test::{mock_builder, mock_context, noop_assets};
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
        let call = |cmd: &str, args: Value| crate::commands::ipc_test::call(&webview, cmd, args);

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
