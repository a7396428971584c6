//! Any text as a BIND zone file: import answers records or line errors, never panics; what it
//! accepts exports again, and that export imports to the same records.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(imported) = cmr_dns::import_zone("acme.com", text) else { return };
    let records: Vec<cmr_client::dns::DnsRecord> = imported
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut v = serde_json::to_value(r).expect("a record serialises");
            v["recordId"] = serde_json::json!(i.to_string());
            serde_json::from_value(v).expect("an input reads as a record")
        })
        .collect();
    if let Ok(export) = cmr_dns::export_zone("acme.com", &records, &cmr_dns::ZoneForm::Fragment) {
        let again = cmr_dns::import_zone("acme.com", &export.text).expect("an exported zone imports");
        assert_eq!(again.records.len(), imported.records.len() - export_skipped(&export), "{text:?}");
    }
});

fn export_skipped(export: &cmr_dns::ZoneExport) -> usize {
    export.skipped.len()
}
