//! Exported zones loaded by BIND itself (`named-checkzone`, Debian's `bind9-utils`): every
//! file must load, and BIND's canonical dump (`-D`) must hold exactly the records of the set,
//! no more (an injected record) and no fewer (a record cut short).
//!
//! Without `named-checkzone` the test says so and passes, unless `CMR_REQUIRE_NAMED_CHECKZONE`
//! is set (the project's test command sets it), where its absence is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use cmr_client::dns::DnsRecord;
use cmr_client::DnsRecordType;
use cmr_dns::record::{canonical, canonical_record, Canonical};
use cmr_dns::{export_zone, ZoneExport, ZoneForm};
use domain::zonefile::inplace::{Entry, Zonefile};
use domain::base::RecordData;
use domain::rdata::ZoneRecordData;

const D: &str = "acme.com";
const NAME_SERVERS: [&str; 2] = ["ns1.dnshost.net", "ns2.dnshost.net"];

fn named_checkzone() -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/usr/bin")])
        .map(|dir| dir.join("named-checkzone"))
        .find(|p| p.is_file());
    if found.is_none() {
        let required = std::env::var_os("CMR_REQUIRE_NAMED_CHECKZONE").is_some_and(|v| !v.is_empty());
        assert!(!required, "CMR_REQUIRE_NAMED_CHECKZONE is set but named-checkzone is not installed (apt-get install bind9-utils)");
        println!("SKIPPED: named-checkzone is not installed (Debian package bind9-utils); exported zones were not loaded by BIND");
    }
    found
}

fn rec(t: DnsRecordType, host: &str, value: &str, priority: Option<&str>) -> DnsRecord {
    DnsRecord {
        record_id: Some(format!("{host}-{value}")),
        host: host.into(),
        value: value.into(),
        record_type: Some(t),
        priority: priority.map(String::from),
        ttl: Some(3600),
        ..DnsRecord::default()
    }
}

fn txt(host: &str, value: &str) -> DnsRecord {
    rec(DnsRecordType::Txt, host, value, None)
}

fn mail_zone() -> Vec<DnsRecord> {
    let mut records = vec![
        rec(DnsRecordType::Mx, "@", "smtp.google.com", Some("1")),
        txt("@", "v=spf1 include:_spf.google.com ~all"),
        txt("_dmarc", "v=DMARC1; p=quarantine; rua=mailto:dmarc@acme.com"),
        txt("google._domainkey", &format!("v=DKIM1; k=rsa; p={}", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".repeat(9))),
        rec(DnsRecordType::A, "@", "192.0.2.1", None),
        rec(DnsRecordType::Aaaa, "@", "2001:db8::1", None),
        rec(DnsRecordType::Cname, "www", "acme.com", None),
        rec(DnsRecordType::Ns, "eu", "ns1.dnshost.net", None),
        rec(DnsRecordType::A, "*.shop", "192.0.2.9", None),
        rec(DnsRecordType::Other("CAA".into()), "@", "0 issue \"letsencrypt.org\"", None),
        rec(DnsRecordType::Other("SRV".into()), "_sip._tcp", "10 5 5060 sip.acme.com.", None),
    ];
    records[4].ttl = Some(300);
    records
}

fn hostile_texts() -> Vec<DnsRecord> {
    vec![
        txt("quotes", r#"say "hi" \o/ and "bye""#),
        txt("semicolons", "a; b;; c ; (not a comment) ; ( ) $ORIGIN evil.com. @"),
        txt("long", &format!("{}é{}", "k".repeat(254), "∑".repeat(300))),
        txt("unicode", "naïve café ✓ 日本語 🙂"),
        // As CMR may hold them; the editor refuses these, the export must still be safe.
        txt("newline", "line one\nnewline IN A 203.0.113.66"),
        txt("controls", "nul\u{0} tab\t bell\u{7} del\u{7f} cr\r end"),
        txt("backslash", r"C:\dir\ \065 \"),
    ]
}

/// Values that used to export as extra records; each is left out, the last record stays.
fn injections() -> Vec<DnsRecord> {
    vec![
        rec(DnsRecordType::A, "@", "192.0.2.1\n@ IN A 203.0.113.66", None),
        rec(DnsRecordType::A, "in\n@ IN A 203.0.113.66\nx", "192.0.2.1", None),
        rec(DnsRecordType::Cname, "alias", "acme.com.\n@ IN A 203.0.113.66", None),
        rec(DnsRecordType::Mx, "@", "mx.acme.com", Some("10 mx.acme.com.\n@ IN A 203.0.113.66 ;")),
        rec(DnsRecordType::Other("CAA".into()), "@", "0 issue \"ca.example\" (\n@ IN A 203.0.113.66 )", None),
        rec(DnsRecordType::Other("TXT\n@ IN A 203.0.113.66 ;".into()), "@", "x", None),
        rec(DnsRecordType::A, "ok", "192.0.2.7", None),
    ]
}

/// Runs named-checkzone on `text`; returns BIND's dump of what it loaded.
fn load(tool: &Path, dir: &Path, name: &str, text: &str) -> String {
    let zone = dir.join(format!("{name}.zone"));
    let dump = dir.join(format!("{name}.dump"));
    std::fs::write(&zone, text).unwrap();
    // `-i local`: integrity checks on in-zone names only; out-of-zone targets would need the
    // network.
    let out = Command::new(tool)
        .args(["-i", "local", "-D", "-o"])
        .arg(&dump)
        .arg(D)
        .arg(&zone)
        .output()
        .expect("run named-checkzone");
    assert!(
        out.status.success(),
        "named-checkzone refused {name}:\n{}{}\n--- file ---\n{text}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(&dump).unwrap()
}

/// The records of a dump in the form the set is compared in, leaving out the SOA and the
/// generated NS records.
fn dumped_records(dump: &str, generated_ns: &[&str]) -> Vec<Canonical> {
    let mut zone = Zonefile::new();
    zone.extend_from_slice(dump.as_bytes());
    let mut out = Vec::new();
    while let Some(entry) = zone.next_entry().expect("BIND's dump scans") {
        let Entry::Record(record) = entry else { continue };
        let owner = record.owner().to_string().trim_end_matches('.').to_ascii_lowercase();
        let host = if owner == D { "@".to_owned() } else { owner.strip_suffix(&format!(".{D}")).expect("in zone").to_owned() };
        let name = |n: &dyn std::fmt::Display| n.to_string().trim_end_matches('.').to_ascii_lowercase();
        let (record_type, value, priority) = match record.data() {
            ZoneRecordData::Soa(_) => continue,
            ZoneRecordData::Ns(ns) if host == "@" && generated_ns.contains(&name(ns.nsdname()).as_str()) => continue,
            ZoneRecordData::A(a) => (DnsRecordType::A, a.addr().to_string(), None),
            ZoneRecordData::Aaaa(a) => (DnsRecordType::Aaaa, a.addr().to_string(), None),
            ZoneRecordData::Cname(c) => (DnsRecordType::Cname, name(c.cname()), None),
            ZoneRecordData::Ns(n) => (DnsRecordType::Ns, name(n.nsdname()), None),
            ZoneRecordData::Mx(m) => (DnsRecordType::Mx, name(m.exchange()), Some(m.preference().to_string())),
            ZoneRecordData::Txt(t) => {
                let bytes: Vec<u8> = t.iter().flatten().copied().collect();
                (DnsRecordType::Txt, String::from_utf8(bytes).expect("UTF-8 text"), None)
            }
            other => (DnsRecordType::Other(other.rtype().to_string()), other.to_string(), None),
        };
        out.push(comparable(canonical(D, &record_type, &host, &value, priority.as_deref())));
    }
    out.sort();
    out
}

/// Types the editor does not manage are compared as text; the scanner writes their names
/// without the trailing dot.
fn comparable(mut record: Canonical) -> Canonical {
    if !["A", "AAAA", "CNAME", "MX", "NS", "TXT"].contains(&record.record_type.as_str()) {
        record.value = record.value.trim_end_matches('.').to_owned();
    }
    record
}

/// Loads the complete export, and the fragment inside a test-made SOA and NS; both must hold
/// exactly the records the export did not leave out.
fn check(tool: &Path, dir: &Path, name: &str, records: &[DnsRecord]) -> ZoneExport {
    let form = ZoneForm::Complete { name_servers: NAME_SERVERS.map(String::from).to_vec(), serial: 2024010101 };
    let complete = export_zone(D, records, &form).unwrap();
    let fragment = export_zone(D, records, &ZoneForm::Fragment).unwrap();
    assert_eq!(complete.skipped, fragment.skipped);
    let mut expected: Vec<Canonical> = records.iter().map(|r| comparable(canonical_record(D, r))).collect();
    expected.sort();
    let dump = load(tool, dir, &format!("{name}-complete"), &complete.text);
    let loaded = dumped_records(&dump, &NAME_SERVERS);
    assert_eq!(loaded.len(), records.len() - complete.skipped.len(), "{name}: {dump}");
    let wrapped = format!("$ORIGIN {D}.\n@ 3600 IN SOA ns1.dnshost.net. hostmaster.{D}. 1 7200 3600 1209600 3600\n@ 3600 IN NS ns1.dnshost.net.\n{}", fragment.text);
    let fragment_dump = load(tool, dir, &format!("{name}-fragment"), &wrapped);
    assert_eq!(dumped_records(&fragment_dump, &NAME_SERVERS[..1]), loaded, "{name}: the fragment loads the same records");
    if complete.skipped.is_empty() {
        assert_eq!(loaded, expected, "{name}: BIND loaded other records than the set's");
    }
    complete
}

#[test]
fn exported_zones_load_in_bind_with_exactly_their_records() {
    let Some(tool) = named_checkzone() else { return };
    let dir = std::env::temp_dir().join(format!("cmr-dns-named-checkzone-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();

    assert!(check(&tool, &dir, "mail", &mail_zone()).skipped.is_empty());
    assert!(check(&tool, &dir, "texts", &hostile_texts()).skipped.is_empty());
    let mut mixed = mail_zone();
    mixed.extend(hostile_texts());
    assert!(check(&tool, &dir, "mixed", &mixed).skipped.is_empty());

    let injected = check(&tool, &dir, "injections", &injections());
    assert_eq!(injected.skipped.len(), injections().len() - 1, "{:#?}", injected.skipped);
    let dump = load(&tool, &dir, "injections-again", &injected.text);
    assert!(!dump.contains("203.0.113.66"), "an injected record was loaded:\n{dump}");
    assert_eq!(dumped_records(&dump, &NAME_SERVERS), vec![canonical(D, &DnsRecordType::A, "ok", "192.0.2.7", None)]);

    // The set's own NS records at the domain stand in for name servers not given.
    let mut own = mail_zone();
    own.push(rec(DnsRecordType::Ns, "@", "ns7.dnshost.net", None));
    let text = export_zone(D, &own, &ZoneForm::Complete { name_servers: vec![], serial: 1 }).unwrap().text;
    let dump = load(&tool, &dir, "own-ns", &text);
    assert_eq!(dumped_records(&dump, &[]).len(), own.len(), "{dump}");

    std::fs::remove_dir_all(&dir).ok();
}
