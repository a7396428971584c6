//! Shared test harness: a wiremock server per test, a client pointed at it, strict matchers,
//! and the examples of the in-repo openapi.yaml.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use cmr_client::{ApiKey, ClientConfig, CmrClient, CmrError};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

pub const KEY: &str = "test-partner-key-0001-ab12";
pub const SANDBOX_KEY: &str = "test-sandbox-key-0002-cd34";
pub const USER: &str = "4CZNXJNXEEMECTH5Q65AXCB8QE78";
pub const BASE_PATH: &str = "/api/v1/integration";

pub struct Ctx {
    pub server: MockServer,
    pub client: CmrClient,
}

impl Ctx {
    pub async fn start() -> Ctx {
        Ctx::with(|_| {}).await
    }

    pub async fn with(adjust: impl FnOnce(&mut ClientConfig)) -> Ctx {
        let server = MockServer::start().await;
        let mut config = ClientConfig::new(format!("{}{BASE_PATH}", server.uri()), ApiKey::new(KEY));
        config.sandbox_api_key = Some(ApiKey::new(SANDBOX_KEY));
        config.requests_per_second = 1000;
        config.retry_base_delay = Duration::from_millis(5);
        config.retry_max_delay = Duration::from_millis(20);
        config.request_timeout = Duration::from_secs(10);
        adjust(&mut config);
        let client = CmrClient::new(config).expect("client");
        Ctx { server, client }
    }

    /// Mounts the one mock a call must hit: exact method, path, query, key header and, when
    /// given, exact JSON body. Anything else answers wiremock's 404.
    pub async fn expect(&self, verb: &str, api_path: &str, query: &[(&str, &str)], body: Option<Value>, reply: Value) {
        let status = reply.get("status").and_then(Value::as_u64).unwrap_or(200) as u16;
        let mut mock = Mock::given(method(verb)).and(path(format!("{BASE_PATH}{api_path}"))).and(ExactQuery::new(query));
        // Each key only in its own header: the sandbox operations never carry the partner key.
        mock = if api_path.starts_with("/sandbox/") {
            mock.and(header("cmr-x-sandbox-api-key", SANDBOX_KEY)).and(NoHeader("cmr-x-api-key"))
        } else {
            mock.and(header("cmr-x-api-key", KEY)).and(NoHeader("cmr-x-sandbox-api-key"))
        };
        if let Some(body) = body {
            mock = mock.and(ExactJson(body));
        } else {
            mock = mock.and(EmptyBody);
        }
        mock.respond_with(ResponseTemplate::new(status).set_body_json(reply)).expect(1).mount(&self.server).await;
    }

    /// Like `expect`, for multipart bodies: the listed text parts and file parts must be there.
    pub async fn expect_multipart(
        &self,
        api_path: &str,
        query: &[(&str, &str)],
        parts: MultipartHas,
        reply: Value,
    ) {
        Mock::given(method("POST"))
            .and(path(format!("{BASE_PATH}{api_path}")))
            .and(ExactQuery::new(query))
            .and(header("cmr-x-api-key", KEY))
            .and(parts)
            .respond_with(ResponseTemplate::new(200).set_body_json(reply))
            .expect(1)
            .mount(&self.server)
            .await;
    }

    /// Unwraps a call's result, showing what the server received when it failed.
    pub async fn ok<T>(&self, result: Result<T, CmrError>) -> T {
        match result {
            Ok(v) => v,
            Err(e) => {
                let received = self.server.received_requests().await.unwrap_or_default();
                let shown: Vec<String> = received
                    .iter()
                    .map(|r| format!("{} {} {}", r.method, r.url, String::from_utf8_lossy(&r.body)))
                    .collect();
                panic!("call failed: {e} ({:?})\nreceived: {shown:#?}", e.code());
            }
        }
    }

    pub async fn verify(&self) {
        self.server.verify().await;
    }
}

/// The query must hold exactly these pairs, in any order.
pub struct ExactQuery(Vec<(String, String)>);

impl ExactQuery {
    pub fn new(pairs: &[(&str, &str)]) -> Self {
        let mut v: Vec<_> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        v.sort();
        ExactQuery(v)
    }
}

impl Match for ExactQuery {
    fn matches(&self, req: &Request) -> bool {
        let mut got: Vec<(String, String)> =
            req.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        got.sort();
        got == self.0
    }
}

/// The body must be exactly this JSON, sent as application/json.
pub struct ExactJson(pub Value);

impl Match for ExactJson {
    fn matches(&self, req: &Request) -> bool {
        let json_type = req
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        json_type && serde_json::from_slice::<Value>(&req.body).is_ok_and(|b| b == self.0)
    }
}

pub struct EmptyBody;

impl Match for EmptyBody {
    fn matches(&self, req: &Request) -> bool {
        req.body.is_empty()
    }
}

/// Text parts (name → exact text, JSON parts compared as JSON) and file parts
/// (part name → file name) a multipart body must contain.
#[derive(Default)]
pub struct MultipartHas {
    pub text: Vec<(String, String)>,
    pub json: Vec<(String, Value)>,
    pub files: Vec<(String, String)>,
    pub absent: Vec<String>,
}

impl Match for MultipartHas {
    fn matches(&self, req: &Request) -> bool {
        let ct = req.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
        let Some(boundary) = ct.strip_prefix("multipart/form-data; boundary=") else { return false };
        let parts = split_multipart(&req.body, boundary);
        let text_of = |name: &str| parts.iter().find(|p| p.name == name && p.file_name.is_none()).map(|p| p.body.clone());
        self.text.iter().all(|(n, v)| text_of(n).as_deref() == Some(v.as_str()))
            && self.json.iter().all(|(n, v)| {
                text_of(n).and_then(|t| serde_json::from_str::<Value>(&t).ok()).as_ref() == Some(v)
            })
            && self.files.iter().all(|(n, f)| parts.iter().any(|p| p.name == *n && p.file_name.as_deref() == Some(f)))
            && self.absent.iter().all(|n| parts.iter().all(|p| p.name != *n))
    }
}

struct Part {
    name: String,
    file_name: Option<String>,
    body: String,
}

fn split_multipart(body: &[u8], boundary: &str) -> Vec<Part> {
    let text = String::from_utf8_lossy(body);
    let delimiter = format!("--{boundary}");
    text.split(delimiter.as_str())
        .filter_map(|chunk| {
            let chunk = chunk.strip_prefix("\r\n")?;
            let (head, body) = chunk.split_once("\r\n\r\n")?;
            let disposition = head.lines().find(|l| l.to_ascii_lowercase().starts_with("content-disposition"))?;
            let attr = |key: &str| {
                let marker = format!("{key}=\"");
                let start = disposition.find(&marker)? + marker.len();
                let end = disposition[start..].find('"')? + start;
                Some(disposition[start..end].to_owned())
            };
            Some(Part {
                name: attr("name")?,
                file_name: attr("filename"),
                body: body.strip_suffix("\r\n").unwrap_or(body).to_owned(),
            })
        })
        .collect()
}

/// A key no other test uses: a 429 pauses every client of its key, so tests that provoke
/// one must not slow the rest.
pub fn unique_key() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("isolated-partner-key-{:04}-zz99", NEXT.fetch_add(1, Ordering::Relaxed))
}

pub fn ok_reply(data: Value) -> Value {
    json!({"status": 200, "message": "ok", "data": data})
}

pub fn accepted_reply() -> Value {
    json!({"status": 200, "message": "queued", "actionId": "ACT_7a078272-0fa7-4db4-a85b-c78697dacea1"})
}

pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The in-repo contract, as JSON.
pub fn openapi() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let text = std::fs::read_to_string(crate_dir().join("openapi.yaml")).expect("openapi.yaml beside the crate");
        serde_yaml_ng::from_str(&text).expect("openapi.yaml parses")
    })
}

/// One operation of openapi.yaml.
pub struct Operation {
    pub id: String,
    pub method: String,
    pub path: String,
    pub op: Value,
}

pub fn operations() -> Vec<Operation> {
    let mut out = Vec::new();
    for (path, item) in openapi()["paths"].as_object().expect("paths") {
        for (verb, op) in item.as_object().expect("path item") {
            if let Some(id) = op.get("operationId").and_then(Value::as_str) {
                out.push(Operation { id: id.to_owned(), method: verb.to_uppercase(), path: path.clone(), op: op.clone() });
            }
        }
    }
    out
}

/// Every example of the operation's 2xx responses, labelled.
pub fn response_examples(operation_id: &str) -> Vec<(String, Value)> {
    let Some(op) = operations().into_iter().find(|o| o.id == operation_id) else { return Vec::new() };
    let mut out = Vec::new();
    for (code, resp) in op.op["responses"].as_object().into_iter().flatten() {
        if !code.starts_with('2') {
            continue;
        }
        for (_, media) in resp["content"].as_object().into_iter().flatten() {
            if let Some(ex) = media.get("example") {
                out.push((format!("{operation_id} {code} example"), ex.clone()));
            }
            for (name, ex) in media["examples"].as_object().into_iter().flatten() {
                out.push((format!("{operation_id} {code} {name}"), ex["value"].clone()));
            }
        }
    }
    out
}

/// Every request-body example of the operation.
pub fn request_examples(operation_id: &str) -> Vec<(String, Value)> {
    let Some(op) = operations().into_iter().find(|o| o.id == operation_id) else { return Vec::new() };
    let mut out = Vec::new();
    for (_, media) in op.op["requestBody"]["content"].as_object().into_iter().flatten() {
        if let Some(ex) = media.get("example") {
            out.push((format!("{operation_id} request example"), ex.clone()));
        }
        for (name, ex) in media["examples"].as_object().into_iter().flatten() {
            out.push((format!("{operation_id} request {name}"), ex["value"].clone()));
        }
    }
    out
}

/// Fixture files `tests/fixtures/<kind>/<operationId>.<label>.json`, copied from cmr-api.md.
pub fn fixtures(kind: &str) -> Vec<(String, String, Value)> {
    let dir = crate_dir().join("tests/fixtures").join(kind);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixtures dir") {
        let p = entry.expect("entry").path();
        if p.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let op = name.split('.').next().unwrap().to_owned();
        let text = std::fs::read_to_string(&p).expect("fixture");
        let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        out.push((op, name, value));
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

/// The first documented 2xx example of an operation, used as the mock's reply.
pub fn example_reply(operation_id: &str) -> Option<Value> {
    response_examples(operation_id).into_iter().next().map(|(_, v)| v)
}

/// Matches a request that does not carry this header at all.
pub struct NoHeader(pub &'static str);

impl Match for NoHeader {
    fn matches(&self, request: &Request) -> bool {
        !request.headers.contains_key(self.0)
    }
}
