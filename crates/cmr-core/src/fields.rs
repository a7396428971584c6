//! Which form field a refusal is about. CMR's 400/422 messages are free text ("'1.2.3' is not
//! an IPv4 address", "years must be between 1 and 10"); matched against the request that was
//! sent, they usually name one value or one member of it. The result maps a request path
//! (`records[0].value`, `domains[1].years`) to the message, so a form can mark that field.

use std::collections::BTreeMap;

use serde_json::Value;

/// Leaves of a request: (path, last member name, value as text).
fn leaves(value: &Value, path: &str, name: &str, out: &mut Vec<(String, String, Option<String>)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let child = if path.is_empty() {
                    k.clone()
                } else if k.contains('.') {
                    format!("{path}[\"{k}\"]")
                } else {
                    format!("{path}.{k}")
                };
                out.push((child.clone(), k.clone(), None));
                leaves(v, &child, k, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, &format!("{path}[{i}]"), name, out);
            }
        }
        Value::String(s) => out.push((path.to_owned(), name.to_owned(), Some(s.clone()))),
        Value::Number(n) => out.push((path.to_owned(), name.to_owned(), Some(n.to_string()))),
        _ => {}
    }
}

/// Text between quotes in a message: 'x', "x" or `x`.
fn quoted(message: &str) -> Vec<String> {
    let mut out = Vec::new();
    for q in ['\'', '"', '`'] {
        let parts: Vec<&str> = message.split(q).collect();
        for (i, p) in parts.iter().enumerate() {
            if i % 2 == 1 && i + 1 < parts.len() && !p.is_empty() {
                out.push((*p).to_owned());
            }
        }
    }
    out
}

fn words(message: &str) -> Vec<String> {
    message
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '@' || c == '-'))
        .map(|w| w.trim_matches(|c| c == '.' || c == '-').to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Phrases CMR uses for a member without naming it.
const PHRASES: &[(&str, &[&str])] = &[
    ("domain name", &["domain", "domainName", "domains"]),
    ("username", &["username", "userName"]),
    ("ipv4", &["value"]),
    ("ipv6", &["value"]),
    ("host name", &["value", "host"]),
    ("dmarc", &["value"]),
    ("record type", &["recordType"]),
    ("email", &["email"]),
];

/// Request paths the message points at, each with the message.
pub fn fields_for(message: &str, request: &Value) -> BTreeMap<String, String> {
    let mut all = Vec::new();
    leaves(request, "", "", &mut all);
    let mut hits: Vec<String> = Vec::new();
    // 1. A quoted value the request holds.
    for q in quoted(message) {
        for (path, _, v) in &all {
            if v.as_deref().is_some_and(|v| v.eq_ignore_ascii_case(&q)) && !hits.contains(path) {
                hits.push(path.clone());
            }
        }
    }
    // 2. A member named in the text ("years must be …", "priority applies to MX …").
    if hits.is_empty() {
        let ws: Vec<String> = words(message).iter().map(|w| w.to_ascii_lowercase()).collect();
        for (path, name, v) in &all {
            let named = !name.is_empty() && ws.iter().any(|w| w == &name.to_ascii_lowercase());
            // Prefer leaves over the objects holding them.
            if named && v.is_some() && !hits.contains(path) {
                hits.push(path.clone());
            }
        }
        if hits.is_empty() {
            for (path, name, _) in &all {
                if !name.is_empty() && ws.iter().any(|w| w == &name.to_ascii_lowercase()) && !hits.contains(path) {
                    hits.push(path.clone());
                }
            }
        }
    }
    // 3. An unquoted value in the text (`acme..com is not a valid domain name`).
    if hits.is_empty() {
        let ws = words(message);
        for (path, _, v) in &all {
            if let Some(v) = v {
                if v.len() >= 3 && ws.iter().any(|w| w.eq_ignore_ascii_case(v)) && !hits.contains(path) {
                    hits.push(path.clone());
                }
            }
        }
    }
    // 4. A known phrase for a member.
    if hits.is_empty() {
        let lower = message.to_ascii_lowercase();
        for (phrase, names) in PHRASES {
            if lower.contains(phrase) {
                for (path, name, v) in &all {
                    if v.is_some() && names.contains(&name.as_str()) && !hits.contains(path) {
                        hits.push(path.clone());
                    }
                }
            }
            if !hits.is_empty() {
                break;
            }
        }
    }
    hits.into_iter().map(|p| (p, message.to_owned())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn quoted_value_points_at_its_field() {
        let req = json!({"domain": "acme.com", "records": [{"host": "@", "value": "1.2.3", "recordType": "A"}]});
        let f = fields_for("'1.2.3' is not an IPv4 address", &req);
        assert_eq!(f.keys().collect::<Vec<_>>(), vec!["records[0].value"]);
    }

    #[test]
    fn named_member_points_at_its_field() {
        let req = json!({"domains": [{"domain": "a.com", "years": 20}], "mailboxes": {}});
        let f = fields_for("years must be between 1 and 10", &req);
        assert_eq!(f.keys().collect::<Vec<_>>(), vec!["domains[0].years"]);
    }

    #[test]
    fn unquoted_value_and_phrases() {
        let req = json!({"domains": [{"domain": "bad..com", "years": 1}]});
        let f = fields_for("bad..com is not a valid domain name", &req);
        assert_eq!(f.keys().collect::<Vec<_>>(), vec!["domains[0].domain"]);
        let req = json!({"mailboxes": {"a.com": [{"username": "x y", "firstName": "A"}]}});
        let f = fields_for("Invalid username 'x y'", &req);
        assert_eq!(f.keys().collect::<Vec<_>>(), vec!["mailboxes[\"a.com\"][0].username"]);
    }

    #[test]
    fn nothing_matched_gives_nothing() {
        assert!(fields_for("Something went wrong", &json!({"a": "b"})).is_empty());
    }
}
