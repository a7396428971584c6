//! What may be written down about a request: secrets removed by the pattern of their field
//! name and by the shape of their value (see [`crate::secret_patterns`]), the API key removed
//! wherever it appears, long values shortened — always after the secrets are gone, so that a
//! cut never leaves part of a secret behind.

use serde_json::{Map, Value};

use crate::secret_patterns::{is_secret_name, redact_secret_values, REDACTED};

const MAX_TEXT: usize = 300;
const MAX_LIST: usize = 50;

/// A copy fit for the audit log and the UI.
pub fn redact(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                // A flag (`passwordSet: true`) says nothing of the secret itself.
                let v = if is_secret_name(k) && !v.is_null() && !v.is_boolean() {
                    Value::String(REDACTED.into())
                } else if k == "bytes" && v.is_array() {
                    // Picture uploads: their size is the useful part.
                    Value::String(format!("[{} bytes]", v.as_array().map_or(0, Vec::len)))
                } else {
                    redact(v)
                };
                out.insert(k.clone(), v);
            }
            Value::Object(out)
        }
        Value::Array(items) if items.len() > MAX_LIST => {
            let mut out: Vec<Value> = items.iter().take(MAX_LIST).map(redact).collect();
            out.push(Value::String(format!("… {} more", items.len() - MAX_LIST)));
            Value::Array(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(redact).collect()),
        Value::String(s) => {
            let clean = redact_text(s);
            if clean.chars().count() > MAX_TEXT {
                Value::String(format!("{}…", clean.chars().take(MAX_TEXT).collect::<String>()))
            } else {
                Value::String(clean)
            }
        }
        other => other.clone(),
    }
}

/// A copy of free text (a log line, a string in a request) with the value after every
/// secret-named field removed (`apiKey=…`, `"cmr-x-api-key": "…"`, `password: …`,
/// `Bearer …`), then every key-shaped value. The names are those [`redact`] uses for JSON,
/// so the audit log and the text logs hide the same things.
pub fn redact_text(text: &str) -> String {
    redact_secret_values(&redact_named_values(text))
}

fn redact_named_values(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let value_end = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ';' | '&' | '}' | ']' | ')');
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !word(chars[i]) || (i > 0 && word(chars[i - 1])) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && word(chars[i]) {
            i += 1;
        }
        let name: String = chars[start..i].iter().collect();
        out.push_str(&name);
        let bearer = name.eq_ignore_ascii_case("bearer") && chars.get(i) == Some(&' ');
        if !is_secret_name(&name) && !bearer {
            continue;
        }
        // The separator: `=`, `:` or (for Bearer) a space, with quotes and spaces around it.
        let mut j = i;
        while j < chars.len() && matches!(chars[j], '"' | '\'') {
            j += 1;
        }
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        if !bearer {
            if j >= chars.len() || !matches!(chars[j], '=' | ':') {
                continue;
            }
            j += 1;
        }
        while j < chars.len() && matches!(chars[j], ' ' | '"' | '\'') {
            j += 1;
        }
        let value_start = j;
        while j < chars.len() && !value_end(chars[j]) {
            j += 1;
        }
        if j == value_start {
            continue;
        }
        // `Authorization: Bearer <token>`: the scheme's word is not the secret, the token is.
        let scheme: String = chars[value_start..j].iter().collect();
        if (scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("basic")) && chars.get(j) == Some(&' ') {
            j += 1;
            while j < chars.len() && !value_end(chars[j]) {
                j += 1;
            }
        }
        out.extend(&chars[i..value_start]);
        out.push_str(REDACTED);
        i = j;
    }
    out
}

/// Removes given secrets (the profile's API key) from any text before it is stored or shown.
#[derive(Clone, Default)]
pub struct Scrubber {
    /// Wiped from memory when the last copy goes (a profile switch or deletion).
    secrets: Vec<zeroize::Zeroizing<String>>,
}

impl std::fmt::Debug for Scrubber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Scrubber({} secrets)", self.secrets.len())
    }
}

impl Scrubber {
    pub fn new(secrets: impl IntoIterator<Item = String>) -> Self {
        // Very short "secrets" would blank out ordinary words; keys are long.
        Scrubber { secrets: secrets.into_iter().filter(|s| s.len() >= 8).map(zeroize::Zeroizing::new).collect() }
    }

    pub fn text(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for s in &self.secrets {
            if out.contains(s.as_str()) {
                out = out.replace(s.as_str(), "[redacted]");
            }
        }
        out
    }

    pub fn contains_secret(&self, text: &str) -> bool {
        self.secrets.iter().any(|s| text.contains(s.as_str()))
    }

    /// The path of the first member of `value` holding a secret (`records[0].value`).
    pub fn find(&self, value: &Value) -> Option<String> {
        fn walk(s: &Scrubber, v: &Value, path: String) -> Option<String> {
            match v {
                Value::String(t) if s.contains_secret(t) => Some(path),
                Value::Array(a) => a.iter().enumerate().find_map(|(i, x)| walk(s, x, format!("{path}[{i}]"))),
                Value::Object(m) => m.iter().find_map(|(k, x)| {
                    if s.contains_secret(k) {
                        return Some(path.clone());
                    }
                    walk(s, x, if path.is_empty() { k.clone() } else { format!("{path}.{k}") })
                }),
                _ => None,
            }
        }
        walk(self, value, String::new())
    }

    pub fn value(&self, value: &Value) -> Value {
        match value {
            Value::String(s) => Value::String(self.text(s)),
            Value::Array(a) => Value::Array(a.iter().map(|v| self.value(v)).collect()),
            Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (self.text(k), self.value(v))).collect()),
            other => other.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets_go_and_shape_stays() {
        let v = json!({"credentials": {"email": "a@b.c", "password": "pw"}, "app": "EMAILBISON",
            "items": [{"appPassword": "x"}], "files": [{"bytes": [1, 2, 3]}]});
        let r = redact(&v);
        assert_eq!(r["credentials"], "[redacted]");
        assert_eq!(r["app"], "EMAILBISON");
        assert_eq!(r["items"][0]["appPassword"], "[redacted]");
        assert_eq!(r["files"][0]["bytes"], "[3 bytes]");
    }

    #[test]
    fn scrubber_removes_the_key_anywhere() {
        let s = Scrubber::new(["sk_live_secret_123".to_owned()]);
        let v = s.value(&json!({"note": "key sk_live_secret_123 pasted", "sk_live_secret_123": 1}));
        assert!(!v.to_string().contains("sk_live_secret_123"));
        let found = s.find(&json!({"records": [{"host": "@"}, {"value": "x sk_live_secret_123"}]}));
        assert_eq!(found.as_deref(), Some("records[1].value"));
    }

    #[test]
    fn secret_looking_values_leave_free_text() {
        let line = r#"sent apiKey=sk_live_9f8e7d6c5b4a3210&x=1 {"cmr-x-api-key": "abc123def456", "name": "Acme"} password: hunter2hunter2, Authorization: Bearer tok_0123456789"#;
        let out = redact_text(line);
        for secret in ["sk_live_9f8e7d6c5b4a3210", "abc123def456", "hunter2hunter2", "tok_0123456789"] {
            assert!(!out.contains(secret), "{secret} left in {out}");
        }
        assert!(out.contains("&x=1") && out.contains(r#""name": "Acme""#), "the rest stays: {out}");
        assert_eq!(redact_text("an API key is needed; keys: none"), "an API key is needed; keys: none");
        assert_eq!(redact_text("token = abc"), "token = [redacted]");
    }

    #[test]
    fn secret_names_match_by_pattern_at_any_depth() {
        let v = json!({"platform": {"name": "SMARTLEAD", "metadata": {"smtpPassword": "hunter2", "imap": {"apiToken": "t0k",
            "client_secret": 42}, "passwordSet": true}}, "credentialId": "CR_1", "email": "jane@acme.com", "domain": "acme.com"});
        let r = redact(&v);
        assert_eq!(r["platform"]["metadata"]["smtpPassword"], "[redacted]");
        assert_eq!(r["platform"]["metadata"]["imap"]["apiToken"], "[redacted]");
        assert_eq!(r["platform"]["metadata"]["imap"]["client_secret"], "[redacted]");
        assert_eq!(r["platform"]["metadata"]["passwordSet"], true);
        assert_eq!(r["platform"]["name"], "SMARTLEAD");
        for (k, kept) in [("credentialId", "CR_1"), ("email", "jane@acme.com"), ("domain", "acme.com")] {
            assert_eq!(r[k], kept);
        }
    }

    #[test]
    fn key_shaped_values_go_wherever_they_are() {
        let key = "q7Vb3Xk9Lm2Np8Rt5Wz1Yc4Hd6Jf0Gs7";
        let v = json!({"notes": [format!("use {key} for now")], "headers": {"x": "Bearer abcdefgh12345678"},
            "userId": "4CZNXJNXEEMECTH5Q65AXCB8QE78", "actionId": "ACT_7a078272-0fa7-4db4-a85b-c78697dacea1"});
        let r = redact(&v);
        assert_eq!(r["notes"][0], "use [redacted] for now");
        assert_eq!(r["headers"]["x"], "Bearer [redacted]");
        assert_eq!(r["userId"], v["userId"]);
        assert_eq!(r["actionId"], v["actionId"]);
    }

    /// Every 8-character piece of `secret` that shows in `text`.
    fn fragments_in(secret: &str, text: &str) -> Vec<String> {
        (0..=secret.len() - 8).map(|i| secret[i..i + 8].to_owned()).filter(|p| text.contains(p.as_str())).collect()
    }

    #[test]
    fn secrets_go_before_long_text_is_cut_at_any_offset() {
        // A key-shaped token, and the profile's key (removed by the scrubber, not by shape).
        let token = "q7Vb3Xk9Lm2Np8Rt5Wz1Yc4Hd6Jf0Gs7";
        let profile_key = "test-partner-key-0001-ab12";
        let scrub = Scrubber::new([profile_key.to_owned()]);
        for offset in 0..=MAX_TEXT + 10 {
            for secret in [token, profile_key] {
                let v = json!({"note": format!("{}{secret}{}", "#".repeat(offset), "#".repeat(100))});
                // The order the audit log uses: the key scrubbed, then redacted and cut.
                let out = redact(&scrub.value(&v)).to_string();
                assert_eq!(fragments_in(secret, &out), Vec::<String>::new(), "offset {offset}: {out}");
            }
        }
    }

    #[test]
    fn long_lists_are_cut() {
        let v = Value::Array((0..120).map(|i| json!(i)).collect());
        assert_eq!(redact(&v).as_array().unwrap().len(), MAX_LIST + 1);
    }
}
