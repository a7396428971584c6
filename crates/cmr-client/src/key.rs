//! The partner API key, held so that it cannot end up in logs, errors or the UI by accident.

use std::fmt;

use zeroize::Zeroizing;

/// A CMR partner (or sandbox) API key.
///
/// `Debug` and `Display` never print the key; [`ApiKey::masked`] gives the short hint the UI
/// may show ("…ab12"). There is deliberately no `Serialize`: a key must not travel through
/// JSON to the UI or into a settings file. The bytes are wiped when the last copy drops, so
/// a freed key does not linger in memory for a later crash dump or swap file to pick up.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(Zeroizing<String>);

/// Keys shorter than this show no characters at all in [`ApiKey::masked`]: for a short key
/// four characters would give away too much of it.
const MIN_LEN_FOR_HINT: usize = 12;

impl ApiKey {
    /// Wraps a key, trimming surrounding whitespace that copy-paste from the dashboard adds.
    pub fn new(key: impl Into<String>) -> Self {
        // Trimmed in place: a trimmed copy would leave the untrimmed original unwiped.
        let mut key = Zeroizing::new(key.into());
        let end = key.trim_end().len();
        key.truncate(end);
        let start = key.len() - key.trim_start().len();
        key.drain(..start);
        ApiKey(key)
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
        // Counted rather than collected: a collected copy of the key would not be wiped.
        let count = self.0.chars().count();
        if count < MIN_LEN_FOR_HINT {
            return "…".to_owned();
        }
        let tail: String = self.0.chars().skip(count - 4).collect();
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
    fn debug_and_display_never_show_any_part_of_the_key() {
        let secret = "k3y-zeroize-check-77";
        for key in [ApiKey::new(secret), ApiKey::from(format!(" {secret} ")), ApiKey::from(secret).clone()] {
            for text in [format!("{key}"), format!("{key:?}"), format!("{key:#?}"), format!("{:?}", Some(&key))] {
                assert!(!text.contains(secret) && !text.contains("zeroize"), "{text}");
            }
            assert_eq!(key.expose_secret(), secret);
            assert_eq!(key, ApiKey::new(secret));
        }
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
