//! Per-client corrections of the endpoint table, read from an optional `endpoints.toml`.
//!
//! Eleven paths in [`crate::endpoints`] are guesses. When the live API answers elsewhere, a
//! reseller fixes the path (or method) of an operation in a small file instead of waiting for a
//! rebuild. The static table stays the default; an override only replaces what it names.
//!
//! ```toml
//! [getDnsRecords]
//! path = "/dns/records"
//! method = "GET"
//! ```
//!
//! Every mistake in the file is an error naming the file, the line and the key: a typo that was
//! silently ignored would leave the reseller believing a path had been fixed.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use toml::de::{DeTable, DeValue};

use crate::endpoints::{endpoint, Endpoint, HttpMethod};

/// The file name the app looks for in its config folder.
pub const ENDPOINTS_FILE: &str = "endpoints.toml";

/// What one operation's entry replaces; `None` keeps the table's value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EndpointOverride {
    pub path: Option<String>,
    pub method: Option<HttpMethod>,
}

/// The overrides a client applies, keyed by operationId. Empty by default.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndpointOverrides {
    by_operation: BTreeMap<&'static str, EndpointOverride>,
}

/// One mistake in an overrides file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OverrideError {
    pub file: String,
    /// 1-based; 0 when the mistake has no place in the file.
    pub line: u32,
    /// The table or `table.key` the mistake is in.
    pub key: String,
    pub message: String,
}

impl fmt::Display for OverrideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.key.is_empty()) {
            (0, true) => write!(f, "{}: {}", self.file, self.message),
            (0, false) => write!(f, "{}: {}: {}", self.file, self.key, self.message),
            (line, true) => write!(f, "{}:{line}: {}", self.file, self.message),
            (line, false) => write!(f, "{}:{line}: {}: {}", self.file, self.key, self.message),
        }
    }
}

impl EndpointOverrides {
    pub fn is_empty(&self) -> bool {
        self.by_operation.is_empty()
    }

    /// Replaces the path and/or method of one operation, refusing what the file would refuse.
    pub fn set(&mut self, operation_id: &str, path: Option<&str>, method: Option<&str>) -> Result<(), String> {
        let ep = endpoint(operation_id).ok_or_else(|| format!("unknown operationId {operation_id:?}"))?;
        if let Some(p) = path {
            check_path(p)?;
        }
        let method = method.map(parse_method).transpose()?;
        if path.is_none() && method.is_none() {
            return Err("names neither path nor method".into());
        }
        self.by_operation.insert(ep.operation_id, EndpointOverride { path: path.map(str::to_owned), method });
        Ok(())
    }

    pub fn get(&self, operation_id: &str) -> Option<&EndpointOverride> {
        self.by_operation.get(operation_id)
    }

    /// `(operationId, override)` in operationId order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &EndpointOverride)> {
        self.by_operation.iter().map(|(k, v)| (*k, v))
    }

    /// The method and path a call of `ep` travels with.
    pub fn resolve<'a>(&'a self, ep: &'static Endpoint) -> (HttpMethod, Cow<'a, str>) {
        match self.by_operation.get(ep.operation_id) {
            Some(o) => (
                o.method.unwrap_or(ep.method),
                o.path.as_deref().map_or(Cow::Borrowed(ep.path), Cow::Borrowed),
            ),
            None => (ep.method, Cow::Borrowed(ep.path)),
        }
    }

    /// Parses an overrides file. `file` names it in the errors (the full path, as the user
    /// would look for it). Collects every mistake rather than stopping at the first.
    pub fn from_toml(text: &str, file: &str) -> Result<EndpointOverrides, Vec<OverrideError>> {
        let lines = LineIndex::new(text);
        let err = |span: std::ops::Range<usize>, key: &str, message: String| OverrideError {
            file: file.to_owned(),
            line: lines.line_of(span.start),
            key: key.to_owned(),
            message,
        };
        let doc = match DeTable::parse(text) {
            Ok(doc) => doc,
            Err(e) => {
                let line = e.span().map_or(0, |s| lines.line_of(s.start));
                let message = format!("not valid TOML: {}", e.message().trim());
                return Err(vec![OverrideError { file: file.to_owned(), line, key: String::new(), message }]);
            }
        };
        let mut out = EndpointOverrides::default();
        let mut errors = Vec::new();
        for (name, value) in doc.get_ref() {
            let op = name.get_ref().as_ref();
            let DeValue::Table(table) = value.get_ref() else {
                errors.push(err(name.span(), op, "expected a table like [getDnsRecords] with path and/or method".into()));
                continue;
            };
            let before = errors.len();
            let Some(ep) = endpoint(op) else {
                errors.push(err(name.span(), op, format!("unknown operationId {op:?}")));
                continue;
            };
            let (mut path, mut method) = (None, None);
            for (k, v) in table {
                let key = k.get_ref().as_ref();
                let at = format!("{op}.{key}");
                let DeValue::String(s) = v.get_ref() else {
                    errors.push(err(k.span(), &at, "must be a string".into()));
                    continue;
                };
                match key {
                    "path" => match check_path(s) {
                        Ok(()) => path = Some(s.to_string()),
                        Err(m) => errors.push(err(v.span(), &at, m)),
                    },
                    "method" => match parse_method(s) {
                        Ok(m) => method = Some(m),
                        Err(m) => errors.push(err(v.span(), &at, m)),
                    },
                    other => errors.push(err(k.span(), &at, format!("unknown key {other:?} (expected path or method)"))),
                }
            }
            if errors.len() == before {
                if path.is_none() && method.is_none() {
                    errors.push(err(name.span(), op, "names neither path nor method".into()));
                } else {
                    out.by_operation.insert(ep.operation_id, EndpointOverride { path, method });
                }
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            errors.sort_by_key(|e| e.line);
            Err(errors)
        }
    }
}

/// Paths are appended to the base URL as they are, so only plain path characters pass: no
/// query, fragment, percent escapes, spaces or dot segments that would leave the API's base.
fn check_path(path: &str) -> Result<(), String> {
    if !path.starts_with('/') {
        return Err(format!("path {path:?} must start with \"/\""));
    }
    if let Some(c) = path.chars().find(|c| !(c.is_ascii_alphanumeric() || "-_./~".contains(*c))) {
        return Err(format!("path {path:?} contains {c:?}; only letters, digits and - _ . / ~ are allowed"));
    }
    if path.split('/').any(|seg| seg == "." || seg == "..") || path.contains("//") {
        return Err(format!("path {path:?} has an empty or dot segment"));
    }
    Ok(())
}

fn parse_method(raw: &str) -> Result<HttpMethod, String> {
    Ok(match raw.to_ascii_uppercase().as_str() {
        "GET" => HttpMethod::Get,
        "POST" => HttpMethod::Post,
        "PUT" => HttpMethod::Put,
        "PATCH" => HttpMethod::Patch,
        "DELETE" => HttpMethod::Delete,
        _ => return Err(format!("unknown method {raw:?} (expected GET, POST, PUT, PATCH or DELETE)")),
    })
}

/// Byte offset → 1-based line number.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> Self {
        LineIndex(text.match_indices('\n').map(|(i, _)| i).collect())
    }

    fn line_of(&self, offset: usize) -> u32 {
        (self.0.partition_point(|&nl| nl < offset) + 1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_file_overrides_path_and_method() {
        let text = "[getDnsRecords]\npath = \"/dns/records\"\nmethod = \"post\"\n\n[getWalletDetails]\npath = \"/partner/wallet\"\n";
        let o = EndpointOverrides::from_toml(text, "endpoints.toml").unwrap();
        let dns = endpoint("getDnsRecords").unwrap();
        let (m, p) = o.resolve(dns);
        assert_eq!((m, p.as_ref()), (HttpMethod::Post, "/dns/records"));
        let (m, p) = o.resolve(endpoint("getWalletDetails").unwrap());
        assert_eq!((m, p.as_ref()), (HttpMethod::Get, "/partner/wallet"));
        let (m, p) = o.resolve(endpoint("listUsers").unwrap());
        assert_eq!((m, p.as_ref()), (HttpMethod::Get, "/users/list"));
    }

    #[test]
    fn every_mistake_is_named_with_file_line_and_key() {
        let text = "[getDnsRecordz]\npath = \"/dns\"\n\n[getWalletDetails]\npath = \"wallet\"\nmethod = \"FETCH\"\npaht = \"/x\"\n\n[listUsers]\npath = \"/users/list?x=1\"\n";
        let errors = EndpointOverrides::from_toml(text, "/cfg/endpoints.toml").unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 5, "{shown:#?}");
        assert!(shown[0].starts_with("/cfg/endpoints.toml:1: getDnsRecordz: unknown operationId"), "{}", shown[0]);
        assert!(shown[1].starts_with("/cfg/endpoints.toml:5: getWalletDetails.path: path \"wallet\" must start with"));
        assert!(shown[2].starts_with("/cfg/endpoints.toml:6: getWalletDetails.method: unknown method \"FETCH\""));
        assert!(shown[3].starts_with("/cfg/endpoints.toml:7: getWalletDetails.paht: unknown key"));
        assert!(shown[4].starts_with("/cfg/endpoints.toml:10: listUsers.path: path \"/users/list?x=1\" contains '?'"));
    }

    #[test]
    fn broken_toml_and_odd_values_are_errors() {
        let e = EndpointOverrides::from_toml("[getDnsRecords\npath = 1", "e.toml").unwrap_err();
        assert_eq!((e.len(), e[0].line), (1, 1));
        assert!(e[0].message.starts_with("not valid TOML"));
        let e = EndpointOverrides::from_toml("getDnsRecords = \"/dns\"\n[listUsers]\npath = 3\n[getUser]\n", "e.toml").unwrap_err();
        let lines: Vec<_> = e.iter().map(|e| (e.line, e.key.as_str())).collect();
        assert_eq!(lines, [(1, "getDnsRecords"), (3, "listUsers.path"), (4, "getUser")]);
        for bad in ["/a/../b", "/a//b", "/a b", "/%2e"] {
            assert!(check_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_empty_file_overrides_nothing() {
        assert!(EndpointOverrides::from_toml("# nothing yet\n", "e.toml").unwrap().is_empty());
    }
}
