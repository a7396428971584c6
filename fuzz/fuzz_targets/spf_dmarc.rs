//! Any text as an SPF or DMARC record value: analysed, parsed, completed and compared without
//! a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = cmr_dns::analyze_spf(text);
    if let Ok(record) = cmr_dns::parse_dmarc(text) {
        let _ = cmr_dns::parse_dmarc(&record.to_value());
    }
    let _ = cmr_dns::complete_dmarc(text, &[], Some("dmarc@acme.com"));
    let _ = cmr_dns::dmarc_matches(text, &[], text);
});
