//! Shared set-up: a sandbox per test (manual clock, no rate limit) and small HTTP helpers.
#![allow(dead_code, unused_macros)]

pub mod dns;

use std::time::Duration;

use cmr_sandbox::{Sandbox, SandboxConfig, SandboxHandle, World};
use serde_json::{json, Value};

pub const USER: &str = "4CZNXJNXEEMECTH5Q65AXCB8QE78";

pub struct Bed {
    pub sb: SandboxHandle,
    pub http: reqwest::Client,
    pub key: String,
    pub sandbox_key: String,
}

tokio::task_local! {
    static LENIENT: bool;
}

/// Whether the sandboxes this test starts switch off the assumed rules.
pub fn lenient() -> bool {
    LENIENT.try_with(|l| *l).unwrap_or(false)
}

/// Runs a test body against lenient sandboxes.
pub async fn leniently<F: std::future::Future>(body: F) -> F::Output {
    LENIENT.scope(true, body).await
}

/// One test per body against the strict sandbox (`strict::name`) and one against the
/// lenient one (`lenient::name`): the client must work with only the documented rules too.
macro_rules! strict_and_lenient {
    ($($name:ident),* $(,)?) => {
        mod strict {
            $(#[tokio::test] async fn $name() { super::$name().await })*
        }
        mod lenient {
            $(#[tokio::test] async fn $name() { crate::common::leniently(super::$name()).await })*
        }
    };
}

pub async fn start_with(world: World, tweak: impl FnOnce(&mut SandboxConfig)) -> Bed {
    // A distinct key per sandbox keeps client-side pacing (shared per key) independent.
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let key = format!("test-key-{}-{}", std::process::id(), N.fetch_add(1, std::sync::atomic::Ordering::SeqCst));
    let mut config = SandboxConfig::for_tests(key.clone());
    config.world = world;
    config.lenient = lenient();
    tweak(&mut config);
    let sandbox_key = config.sandbox_api_key.clone().unwrap_or_default();
    let sb = Sandbox::start(config).await.expect("sandbox starts");
    let http = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    Bed { sb, http, key, sandbox_key }
}

pub async fn start() -> Bed {
    start_with(World::Demo, |_| {}).await
}

pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub retry_after: Option<String>,
}

impl Bed {
    pub async fn call(&self, method: &str, path_and_query: &str, body: Option<Value>) -> Reply {
        let url = format!("{}{}", self.sb.base_url(), path_and_query);
        // The pre-warmup sandbox routes take the sandbox key in its own header, as CMR documents.
        if path_and_query.starts_with("/sandbox/") {
            return self.raw_headers(method, &url, body, &[("cmr-x-sandbox-api-key", &self.sandbox_key)]).await;
        }
        self.raw(method, &url, body, Some(&self.key)).await
    }

    pub async fn get(&self, pq: &str) -> Reply {
        self.call("GET", pq, None).await
    }
    pub async fn post(&self, pq: &str, body: Value) -> Reply {
        self.call("POST", pq, Some(body)).await
    }
    pub async fn put(&self, pq: &str, body: Value) -> Reply {
        self.call("PUT", pq, Some(body)).await
    }
    pub async fn patch(&self, pq: &str, body: Value) -> Reply {
        self.call("PATCH", pq, Some(body)).await
    }
    pub async fn delete(&self, pq: &str, body: Option<Value>) -> Reply {
        self.call("DELETE", pq, body).await
    }

    pub async fn admin(&self, method: &str, path: &str, body: Option<Value>) -> Reply {
        let url = format!("{}{}", self.sb.admin_url(), path);
        self.raw(method, &url, body, Some(&self.key)).await
    }

    pub async fn raw(&self, method: &str, url: &str, body: Option<Value>, key: Option<&str>) -> Reply {
        let headers: Vec<(&str, &str)> = key.map(|k| ("cmr-x-api-key", k)).into_iter().collect();
        self.raw_headers(method, url, body, &headers).await
    }

    pub async fn raw_headers(&self, method: &str, url: &str, body: Option<Value>, headers: &[(&str, &str)]) -> Reply {
        let mut req = self.http.request(method.parse().unwrap(), url);
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("request sent");
        let status = resp.status().as_u16();
        let retry_after = resp.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
        let text = resp.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply { status, body, retry_after }
    }

    pub fn advance(&self, secs: u64) {
        self.sb.advance(Duration::from_secs(secs));
    }

    pub fn events(&self, name: &str) -> Vec<Value> {
        self.sb.events().into_iter().filter(|e| e.event == name).map(|e| json!({"data": e.data, "actionId": e.action_id})).collect()
    }

    pub fn wallet_cents(&self) -> i64 {
        self.sb.with_state(|s| s.wallet_cents)
    }

    /// Some domain of the example user in this status, with its mailbox count.
    pub fn domain_in(&self, status: &str) -> (String, String) {
        self.sb.with_state(|s| {
            s.domains
                .values()
                .find(|d| d.status.as_str() == status && d.user_id == USER)
                .or_else(|| s.domains.values().find(|d| d.status.as_str() == status))
                .map(|d| (d.name.clone(), d.user_id.clone()))
                .unwrap_or_else(|| panic!("no {status} domain"))
        })
    }
}

pub fn new_user_body(email: &str) -> Value {
    json!({"email": email, "company": "Acme & Sons (EU)", "firstName": "José", "lastName": "O&#39;Neil",
        "country": "US", "state": "New York", "city": "New York", "addressLineOne": "123 Main Street",
        "postalCode": "10001", "languagePreference": "en", "phoneCc": "1", "phone": "2125551234"})
}

/// A client on this sandbox: no pacing to speak of, no retries, short timeouts.
pub fn client(bed: &Bed) -> cmr_client::CmrClient {
    let mut c = cmr_client::ClientConfig::new(bed.sb.base_url(), cmr_client::ApiKey::new(bed.key.clone()));
    c.sandbox_api_key = Some(cmr_client::ApiKey::new(bed.sandbox_key.clone()));
    c.requests_per_second = 1000;
    c.max_retries = 0;
    c.request_timeout = Duration::from_secs(5);
    cmr_client::CmrClient::new(c).expect("client")
}

/// The HTTP status of a failed call.
pub fn status_of<T: std::fmt::Debug>(r: Result<T, cmr_client::CmrError>) -> u16 {
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e.status().unwrap_or_else(|| panic!("no status in {e}")),
    }
}

pub fn active_mailbox(bed: &Bed, user: &str) -> String {
    bed.sb.with_state(|s| {
        s.mailboxes
            .values()
            .find(|m| m.user_id == user && m.status.as_str() == "ACTIVE" && m.warmup.is_none())
            .unwrap()
            .id
            .clone()
    })
}
