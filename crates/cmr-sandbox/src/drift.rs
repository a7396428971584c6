//! "Drift": the sandbox answering like a live API that has moved away from the contract.
//!
//! Check API must tell a wrong guessed path from a changed reply shape. This fault produces
//! both at once, explicitly: one operation is served under another path (its documented path
//! answers 404), and one field of one operation's reply is renamed wherever it appears in
//! `data`. Set it with `FaultConfig::drift` (admin `PUT /__admin/faults`).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::CONTENT_LENGTH;
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::envelope::error_response;
use crate::server::{AppState, API_PREFIX};

/// An operation answering at `to` instead of `from` (API paths, without the prefix).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MovedPath {
    pub method: String,
    pub from: String,
    pub to: String,
}

/// `field` of every object in the reply's `data` of `method path` comes back as `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RenamedField {
    pub method: String,
    pub path: String,
    pub field: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Drift {
    pub moved: Option<MovedPath>,
    pub renamed: Option<RenamedField>,
}

impl Drift {
    /// The drift the tests use: the wallet (a guessed path) moves to `/partner/wallet`, and DNS
    /// records call their `recordType` `type`.
    pub fn example() -> Drift {
        Drift {
            moved: Some(MovedPath { method: "GET".into(), from: "/wallet".into(), to: "/partner/wallet".into() }),
            renamed: Some(RenamedField {
                method: "GET".into(),
                path: "/dns".into(),
                field: "recordType".into(),
                to: "type".into(),
            }),
        }
    }
}

/// Runs before routing, so a moved operation is found under its new path.
pub async fn apply(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
    let Some(drift) = s.faults().config.drift.clone() else { return next.run(req).await };
    let method = req.method().as_str().to_owned();
    let Some(mut path) = req.uri().path().strip_prefix(API_PREFIX).map(str::to_owned) else {
        return next.run(req).await;
    };
    if let Some(m) = drift.moved.as_ref().filter(|m| m.method.eq_ignore_ascii_case(&method)) {
        if path == m.from {
            return error_response(404, "No such route");
        }
        if path == m.to {
            let query = req.uri().query().map(|q| format!("?{q}")).unwrap_or_default();
            if let Ok(uri) = format!("{API_PREFIX}{}{query}", m.from).parse() {
                *req.uri_mut() = uri;
                path = m.from.clone();
            }
        }
    }
    let rename = drift.renamed.filter(|r| r.method.eq_ignore_ascii_case(&method) && r.path == path);
    let response = next.run(req).await;
    match rename {
        Some(r) if response.status().is_success() => rename_in_reply(response, &r).await,
        _ => response,
    }
}

async fn rename_in_reply(response: Response, r: &RenamedField) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(mut json) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    if let Some(data) = json.get_mut("data") {
        rename_key(data, &r.field, &r.to);
    }
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(json.to_string()))
}

fn rename_key(v: &mut Value, from: &str, to: &str) {
    match v {
        Value::Object(map) => {
            if let Some(x) = map.remove(from) {
                map.insert(to.to_owned(), x);
            }
            map.values_mut().for_each(|x| rename_key(x, from, to));
        }
        Value::Array(items) => items.iter_mut().for_each(|x| rename_key(x, from, to)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renames_at_every_depth_of_data() {
        let mut v = json!({"records": [{"recordType": "A", "host": "@"}, {"recordType": "MX"}], "recordType": 1});
        rename_key(&mut v, "recordType", "type");
        assert_eq!(v, json!({"records": [{"type": "A", "host": "@"}, {"type": "MX"}], "type": 1}));
    }

    #[test]
    fn json_shape() {
        let d: Drift = serde_json::from_value(json!({
            "moved": {"method": "GET", "from": "/wallet", "to": "/partner/wallet"}
        }))
        .unwrap();
        assert_eq!(d.moved.unwrap().to, "/partner/wallet");
        assert!(d.renamed.is_none());
    }
}
