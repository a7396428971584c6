//! The types the shell exposes must export to TypeScript the way the bindings do (serde
//! phases; no 64-bit integers, which TypeScript cannot hold).
#![cfg(feature = "specta")]

fn export(types: specta::Types) -> Result<String, specta_typescript::Error> {
    specta_typescript::Typescript::default().export(&types, specta_serde::PhasesFormat)
}

#[test]
fn own_types_export() {
    let types = specta::Types::default()
        .register::<cmr_dns::Change>()
        .register::<cmr_dns::LintFinding>()
        .register::<cmr_dns::FieldErrors>()
        .register::<cmr_dns::PlanError>()
        .register::<cmr_dns::DmarcRecord>()
        .register::<cmr_dns::DmarcOptions>()
        .register::<cmr_dns::DmarcCompletion>()
        .register::<cmr_dns::DmarcState>()
        .register::<cmr_dns::ZoneImport>()
        .register::<cmr_dns::Mismatch>()
        .register::<cmr_dns::TemplateRecord>()
        .register::<cmr_dns::MailTemplate>()
        .register::<cmr_dns::DiffLine>();
    let ts = export(types).expect("export");
    assert!(ts.contains("export type Change ="));
    assert!(ts.contains("recordIds: string[]"));
}

/// Types holding `cmr_client::dns::DnsRecord` (a plan's `before`, template inputs) export but
/// for one thing: the record's free-form `extra` members are `serde_json::Value`, whose numbers
/// are 64-bit. The app's bindings cast those to `number` on purpose (JSON numbers are doubles
/// in the UI anyway); nothing else in these types may need that.
#[test]
fn types_with_client_records_export() {
    let types = specta::Types::default()
        .register::<cmr_dns::Plan>()
        .register::<cmr_dns::TemplateOutcome>()
        .register::<cmr_dns::DomainRecords>();
    let err = export(types).expect_err("serde_json::Value's 64-bit numbers need the bindings' cast").to_string();
    assert!(err.contains("serde_json::Value"), "something besides serde_json::Value needs a 64-bit integer: {err}");
}
