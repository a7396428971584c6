//! Any record a form could send: validation answers a normalised record or field errors,
//! never panics; a record it accepts is accepted again unchanged.
#![no_main]
use cmr_client::dns::DnsRecordInput;
use cmr_client::DnsRecordType;
use libfuzzer_sys::fuzz_target;

const TYPES: [DnsRecordType; 6] =
    [DnsRecordType::A, DnsRecordType::Aaaa, DnsRecordType::Cname, DnsRecordType::Mx, DnsRecordType::Txt, DnsRecordType::Ns];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let mut parts = text.splitn(4, '\u{0}');
    let (host, value, priority, domain) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next(), parts.next().unwrap_or("acme.com"));
    let mut input = DnsRecordInput::new(TYPES[pick as usize % TYPES.len()].clone(), host, value);
    input.priority = priority.map(str::to_owned);
    if let Ok(valid) = cmr_dns::validate_record(&input, domain) {
        let again = cmr_dns::validate_record(&valid, domain).expect("a valid record stays valid");
        assert_eq!(again, valid, "validation is stable");
    }
});
