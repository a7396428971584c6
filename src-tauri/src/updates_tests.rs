//! The real updater plugin against a release server on 127.0.0.1. Each test signs its own
//! artifact with a throwaway minisign key pair (as `tauri signer sign` does for releases) and
//! puts that key's public half in the mock app's configuration; the production key in
//! tauri.conf.json is never touched.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use base64::Engine;
use serde_json::json;
use tauri::test::MockRuntime;

use super::*;

const ARTIFACT: &[u8] = b"CMR Desk 99.0.0 update archive (test bytes)";
const NEW_VERSION: &str = "99.0.0";

struct Keys {
    pk: minisign::PublicKey,
    sk: minisign::SecretKey,
}

impl Keys {
    fn new() -> Keys {
        let minisign::KeyPair { pk, sk } = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        Keys { pk, sk }
    }
    /// The public key as tauri.conf.json holds it: the key file's text, base64-encoded.
    fn config_pubkey(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.pk.to_box().unwrap().to_string())
    }
    /// A `.sig` as the release workflow publishes it in latest.json.
    fn sign(&self, bytes: &[u8], version: &str) -> String {
        let trusted = format!("timestamp:1700000000\tfile:cmr-desk.tar.gz\tversion:{version}");
        let sig = minisign::sign(Some(&self.pk), &self.sk, bytes, Some(&trusted), Some("signature from tauri secret key"))
            .unwrap();
        base64::engine::general_purpose::STANDARD.encode(sig.to_string())
    }
}

/// Serves fixed files on 127.0.0.1 from a thread; answers at most `MAX_REQUESTS` requests so
/// it always ends.
fn serve(files: Vec<(&'static str, Vec<u8>)>) -> Url {
    const MAX_REQUESTS: usize = 8;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = Url::parse(&format!("http://{}/", listener.local_addr().unwrap())).unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(MAX_REQUESTS) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            let _ = reader.read_line(&mut request_line);
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                    break;
                }
            }
            let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
            let (status, body) = match files.iter().find(|(p, _)| *p == path) {
                Some((_, body)) => ("200 OK", body.clone()),
                None => ("404 Not Found", b"not found".to_vec()),
            };
            let head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    base
}

/// latest.json as the release workflow writes it, for this machine's platform.
fn manifest(version: &str, url: &Url, signature: &str) -> Vec<u8> {
    let target = tauri_plugin_updater::target().expect("a supported platform");
    json!({
        "version": version,
        "notes": "Faster DNS editor; fixes to the mailbox import.",
        "pub_date": "2026-11-30T12:00:00Z",
        "platforms": { target: { "url": url, "signature": signature } }
    })
    .to_string()
    .into_bytes()
}

/// An app (mock runtime) with the real updater plugin, trusting `pubkey`.
fn app(pubkey: &str) -> tauri::App<MockRuntime> {
    let mut context = tauri::test::mock_context(tauri::test::noop_assets());
    context.config_mut().plugins.0.insert(
        "updater".into(),
        json!({
            "pubkey": pubkey,
            "endpoints": ["https://releases.invalid/latest.json"],
            "dangerousInsecureTransportProtocol": true
        }),
    );
    tauri::test::mock_builder()
        .plugin(tauri_plugin_updater::Builder::new().build())
        .build(context)
        .unwrap()
}

fn pointing_at(endpoint: Url) -> UpdateSettings {
    UpdateSettings { endpoint: Some(endpoint), ..Default::default() }
}

/// Serves one release whose artifact is `served` and whose manifest carries `signature`.
fn release(served: &[u8], signature: &str, version: &str) -> UpdateSettings {
    // The manifest names the artifact's address, so the artifact's server starts first.
    let artifact_url = serve(vec![("/cmr-desk.tar.gz", served.to_vec())]).join("cmr-desk.tar.gz").unwrap();
    let manifest = manifest(version, &artifact_url, signature);
    pointing_at(serve(vec![("/latest.json", manifest)]).join("latest.json").unwrap())
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tauri::async_runtime::block_on(f)
}

/// The failure of a check that must fail (`Update` has no Debug, so no `unwrap_err`).
fn check_error(app: &tauri::App<MockRuntime>, settings: &UpdateSettings) -> UpdateError {
    match block_on(check(app.handle(), settings)) {
        Ok(found) => panic!("the check should fail, it found {:?}", found.map(|u| u.version)),
        Err(e) => e,
    }
}

#[test]
fn a_correctly_signed_release_is_offered_and_its_artifact_accepted() {
    let keys = Keys::new();
    let app = app(&keys.config_pubkey());
    let settings = release(ARTIFACT, &keys.sign(ARTIFACT, NEW_VERSION), NEW_VERSION);

    let update = block_on(check(app.handle(), &settings)).unwrap().expect("99.0.0 is offered to 0.1.0");
    assert_eq!(update.version, NEW_VERSION);
    assert_eq!(update.current_version, "0.1.0");
    assert_eq!(update.body.as_deref(), Some("Faster DNS editor; fixes to the mailbox import."));

    let bytes = block_on(download(&update)).unwrap();
    assert_eq!(bytes, ARTIFACT);
}

#[test]
fn a_tampered_artifact_is_refused_with_a_clear_message() {
    let keys = Keys::new();
    let app = app(&keys.config_pubkey());
    let mut tampered = ARTIFACT.to_vec();
    tampered[0] ^= 0x01;
    // The genuine signature, served beside altered bytes.
    let settings = release(&tampered, &keys.sign(ARTIFACT, NEW_VERSION), NEW_VERSION);

    let update = block_on(check(app.handle(), &settings)).unwrap().expect("the manifest itself looks fine");
    let err = block_on(download(&update)).unwrap_err();
    assert_eq!(err, UpdateError::BadSignature { version: NEW_VERSION.into() });
    let message = err.to_string();
    assert!(message.contains("update 99.0.0 was refused"), "{message}");
    assert!(message.contains("signature does not verify"), "{message}");
    assert!(message.contains("Nothing was installed"), "{message}");
    // install() verifies before it touches the system, so it refuses the same way.
    assert_eq!(block_on(install(&update)).unwrap_err(), UpdateError::BadSignature { version: NEW_VERSION.into() });
}

#[test]
fn a_release_signed_with_another_key_is_refused() {
    let trusted = Keys::new();
    let stranger = Keys::new();
    let app = app(&trusted.config_pubkey());
    let settings = release(ARTIFACT, &stranger.sign(ARTIFACT, NEW_VERSION), NEW_VERSION);

    let update = block_on(check(app.handle(), &settings)).unwrap().unwrap();
    assert_eq!(block_on(download(&update)).unwrap_err(), UpdateError::BadSignature { version: NEW_VERSION.into() });
}

#[test]
fn a_manifest_announcing_another_version_than_signed_is_refused() {
    // An old, genuinely signed artifact re-announced under a newer number.
    let keys = Keys::new();
    let app = app(&keys.config_pubkey());
    let settings = release(ARTIFACT, &keys.sign(ARTIFACT, "0.0.9"), NEW_VERSION);

    let update = block_on(check(app.handle(), &settings)).unwrap().unwrap();
    assert_eq!(block_on(download(&update)).unwrap_err(), UpdateError::BadSignature { version: NEW_VERSION.into() });
}

#[test]
fn the_same_or_an_older_version_is_up_to_date() {
    let keys = Keys::new();
    let app = app(&keys.config_pubkey());
    let settings = release(ARTIFACT, &keys.sign(ARTIFACT, "0.1.0"), "0.1.0");
    assert!(block_on(check(app.handle(), &settings)).unwrap().is_none());
}

#[test]
fn a_server_that_is_not_there_or_not_a_manifest_is_reported() {
    let keys = Keys::new();
    let app = app(&keys.config_pubkey());
    let missing = serve(vec![]).join("latest.json").unwrap();
    let err = check_error(&app, &pointing_at(missing.clone()));
    assert!(
        matches!(&err, UpdateError::BadManifest { endpoint, .. } | UpdateError::Unreachable { endpoint, .. } if *endpoint == missing.to_string()),
        "{err:?}"
    );
    assert!(err.to_string().contains(missing.as_str()), "{err}");
}

#[test]
fn a_download_url_over_plain_http_elsewhere_is_refused() {
    let keys = Keys::new();
    let app = app(&keys.config_pubkey());
    let elsewhere = Url::parse("http://downloads.invalid/cmr-desk.tar.gz").unwrap();
    let base = serve(vec![("/latest.json", manifest(NEW_VERSION, &elsewhere, &keys.sign(ARTIFACT, NEW_VERSION)))]);
    let err = check_error(&app, &pointing_at(base.join("latest.json").unwrap()));
    assert!(err.to_string().contains("must use https"), "{err}");
}

#[test]
fn the_built_in_endpoint_is_used_without_updates_toml() {
    let app = app("unused");
    let url = endpoint_in_use(app.handle(), &UpdateSettings::default()).unwrap();
    assert_eq!(url.as_str(), "https://releases.invalid/latest.json");
}

#[test]
fn transport_rule() {
    let ok = |u: &str| check_transport(&Url::parse(u).unwrap()).is_ok();
    assert!(ok("https://releases.cmrdesk.com/desktop/latest.json"));
    assert!(ok("http://127.0.0.1:8080/latest.json"));
    assert!(!ok("http://releases.cmrdesk.com/latest.json"));
    assert!(!ok("http://localhost:8080/latest.json"), "only the literal loopback address");
    assert!(!ok("http://10.0.0.1/latest.json"));
    assert!(!ok("file:///tmp/latest.json"));
}

#[test]
fn updates_toml_is_read_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let none = UpdateSettings::load(dir.path());
    assert!(none.endpoint.is_none() && none.error.is_none());

    let file = dir.path().join(UPDATES_FILE);
    std::fs::write(&file, "endpoint = \"https://mirror.example.com/cmr-desk/latest.json\"\n").unwrap();
    let ok = UpdateSettings::load(dir.path());
    assert_eq!(ok.endpoint.unwrap().as_str(), "https://mirror.example.com/cmr-desk/latest.json");

    std::fs::write(&file, "endpoint = \"http://mirror.example.com/latest.json\"\n").unwrap();
    let insecure = UpdateSettings::load(dir.path());
    assert!(insecure.endpoint.is_none());
    assert!(insecure.error.as_deref().unwrap().contains("must use https"), "{insecure:?}");

    std::fs::write(&file, "endpont = \"https://mirror.example.com/latest.json\"\n").unwrap();
    let typo = UpdateSettings::load(dir.path());
    assert!(typo.error.as_deref().unwrap().contains("endpont"), "{typo:?}");

    // A broken file stops checks rather than quietly asking the built-in server.
    let app = app("unused");
    let err = endpoint_in_use(app.handle(), &typo).unwrap_err();
    assert!(err.to_string().contains("update settings are not valid"), "{err}");
}
