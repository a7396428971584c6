//! The partner API key, held so that it cannot end up in logs, errors or the UI by accident.

use std::fmt;

/// A CMR partner (or sandbox) API key.
///
/// `Debug` and `Display` never print the key; [`ApiKey::masked`] gives the short hint the UI
/// may show ("…ab12"). There is deliberately no `Serialize`: a key must not travel through
/// JSON to the UI or into a settings file.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

/// Keys shorter than this show no characters at all in [`ApiKey::masked`]: for a short key
/// four characters would give away too much of it.
const MIN_LEN_FOR_HINT: usize = 12;

impl ApiKey {
    /// Wraps a key, trimming surrounding whitespace that copy-paste from the dashboard adds.
    pub fn new(key: impl Into<String>) -> Self {
        let key = key.into();
        let trimmed = key.trim();
        if trimmed.len() == key.len() {
            ApiKey(key)
        } else {
            ApiKey(trimmed.to_owned())
        }
    }

    /// The key itself, for the request header only.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// "…" plus the last four characters, or just "…" for short keys.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() < MIN_LEN_FOR_HINT {
            return "…".to_owned();
        }
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("…{tail}")
    }

    /// Replaces every occurrence of the key in `text`, for messages that echo request data.
    pub(crate) fn scrub(&self, text: &str) -> String {
        if self.0.len() < 4 || !text.contains(self.0.as_str()) {
            return text.to_owned();
        }
        text.replace(self.0.as_str(), "[redacted]")
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for ApiKey {
    fn from(key: String) -> Self {
        ApiKey::new(key)
    }
}

impl From<&str> for ApiKey {
    fn from(key: &str) -> Self {
        ApiKey::new(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_key() {
        let key = ApiKey::new("sk_live_0123456789ab12");
        assert_eq!(format!("{key}"), "[redacted]");
        assert!(!format!("{key:?}").contains("0123456789"));
        assert_eq!(key.masked(), "…ab12");
    }

    #[test]
    fn short_keys_show_no_hint() {
        assert_eq!(ApiKey::new("abc12").masked(), "…");
    }

    #[test]
    fn trims_pasted_whitespace() {
        assert_eq!(ApiKey::new("  k-123456789012\n").expose_secret(), "k-123456789012");
    }

    #[test]
    fn scrub_replaces_the_key() {
        let key = ApiKey::new("secret-key-value-1");
        assert_eq!(key.scrub("bad key secret-key-value-1!"), "bad key [redacted]!");
    }
}
