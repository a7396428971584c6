//! Profile metadata (never the key) and the rules its fields must meet.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::AppError;

pub const PRODUCTION_BASE_URL: &str = "https://customers.coldmailreseller.com/api/v1/integration";

// Stored as `profiles.json`; the shape and its parsing live with the other local files.
pub use cmr_core::local_files::{Environment, Profile};

/// The fields a user edits in the profile form.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProfileFields {
    pub name: String,
    pub environment: Environment,
    pub base_url: String,
    pub default_customer_id: Option<String>,
}

/// A new profile: its fields and its partner API key.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct NewProfile {
    #[serde(flatten)]
    pub fields: ProfileFields,
    pub api_key: String,
}

/// What the key looks like from the UI's side: never the key itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum KeyStatus {
    /// `mask` is "…" plus the key's last four characters.
    Set { mask: String },
    Missing,
    /// The keychain could not be asked; the message says why.
    Unavailable { message: String },
    /// The key is in the encrypted vault file, which is locked in this run.
    Locked,
    /// The key was in the encrypted vault file, which is damaged or gone; the message says so.
    Unreadable { message: String },
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    #[serde(flatten)]
    pub profile: Profile,
    pub key: KeyStatus,
    /// The sandbox key (a second keychain entry): CMR's `/sandbox/...` operations take only
    /// this one, never the partner key.
    pub sandbox_key: KeyStatus,
    pub active: bool,
    /// The built-in Demo profile, backed by the local sandbox.
    pub demo: bool,
}

pub const NAME_MAX: usize = 60;
const KEY_MAX: usize = 512;
const CUSTOMER_ID_MAX: usize = 64;

/// Checks and normalises the form fields. `others` are the names of the other profiles
/// (for the uniqueness rule). All problems are reported at once, keyed by field name.
pub fn validate_fields<'a>(
    fields: &ProfileFields,
    others: impl IntoIterator<Item = &'a str>,
) -> Result<ProfileFields, AppError> {
    let mut errors = BTreeMap::new();

    let name = fields.name.trim().to_string();
    if name.is_empty() {
        errors.insert("name".into(), "Give the profile a name.".into());
    } else if name.chars().count() > NAME_MAX {
        errors.insert("name".into(), format!("Use at most {NAME_MAX} characters."));
    } else if name.eq_ignore_ascii_case("demo") {
        errors.insert("name".into(), "“Demo” is reserved for the built-in Demo profile.".into());
    } else if others.into_iter().any(|o| o.trim().to_lowercase() == name.to_lowercase()) {
        errors.insert("name".into(), "Another profile already has this name.".into());
    }

    let base_url = match normalize_base_url(&fields.base_url) {
        Ok(url) => url,
        Err(message) => {
            errors.insert("baseUrl".into(), message);
            String::new()
        }
    };

    let default_customer_id = match fields.default_customer_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) if id.len() > CUSTOMER_ID_MAX
            || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
        {
            errors.insert(
                "defaultCustomerId".into(),
                "A CMR customer id has only letters and digits (for example 4CZNXJNXEEMECTH5Q65AXCB8QE78).".into(),
            );
            None
        }
        Some(id) => Some(id.to_string()),
    };

    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    Ok(ProfileFields { name, environment: fields.environment, base_url, default_customer_id })
}

/// A key must be non-empty and free of spaces and control characters (a paste with a stray
/// newline is trimmed; one with a space in the middle is almost certainly not a key).
pub fn validate_api_key(raw: &str) -> Result<String, AppError> {
    let key = raw.trim();
    let problem = if key.is_empty() {
        Some("Paste the partner API key from the CMR partner dashboard.".to_string())
    } else if key.len() > KEY_MAX {
        Some(format!("This is longer than any API key ({KEY_MAX} characters at most)."))
    } else if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("An API key has no spaces or line breaks.".to_string())
    } else {
        None
    };
    match problem {
        Some(message) => Err(AppError::validation(BTreeMap::from([("apiKey".into(), message)]))),
        None => Ok(key.to_string()),
    }
}

/// HTTPS everywhere, except plain HTTP to this machine (the local sandbox).
pub fn normalize_base_url(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("Enter the API base URL.".into());
    }
    let url = url::Url::parse(raw)
        .map_err(|_| format!("This is not a valid URL (for example {PRODUCTION_BASE_URL})."))?;
    let host = url.host_str().unwrap_or_default();
    let loopback = matches!(host, "127.0.0.1" | "localhost" | "[::1]");
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => return Err("Use HTTPS: plain HTTP is only allowed for 127.0.0.1 or localhost.".into()),
        _ => return Err("The URL must start with https://.".into()),
    }
    if host.is_empty() {
        return Err("The URL has no host name.".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("Leave credentials out of the URL; the key is stored separately.".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("The base URL cannot have a query (?…) or fragment (#…).".into());
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn fields(name: &str, url: &str) -> ProfileFields {
        ProfileFields {
            name: name.into(),
            environment: Environment::Production,
            base_url: url.into(),
            default_customer_id: None,
        }
    }

    fn field_errors(e: AppError) -> BTreeMap<String, String> {
        assert_eq!(e.code, ErrorCode::Validation);
        e.fields.expect("field errors")
    }

    #[test]
    fn accepts_and_normalises_a_good_profile() {
        let mut f = fields("  Agency A ", "https://customers.coldmailreseller.com/api/v1/integration/");
        f.default_customer_id = Some(" 4CZNXJNXEEMECTH5Q65AXCB8QE78 ".into());
        let ok = validate_fields(&f, ["Other"]).unwrap();
        assert_eq!(ok.name, "Agency A");
        assert_eq!(ok.base_url, PRODUCTION_BASE_URL);
        assert_eq!(ok.default_customer_id.as_deref(), Some("4CZNXJNXEEMECTH5Q65AXCB8QE78"));
    }

    #[test]
    fn empty_and_duplicate_names_are_refused() {
        assert!(field_errors(validate_fields(&fields(" ", PRODUCTION_BASE_URL), []).unwrap_err())
            .contains_key("name"));
        let dup = field_errors(validate_fields(&fields("agency a", PRODUCTION_BASE_URL), ["Agency A"]).unwrap_err());
        assert_eq!(dup["name"], "Another profile already has this name.");
        assert!(field_errors(validate_fields(&fields("Demo", PRODUCTION_BASE_URL), []).unwrap_err())
            .contains_key("name"));
    }

    #[test]
    fn base_url_must_be_https_except_on_loopback() {
        for bad in ["", "not a url", "ftp://x.example", "http://customers.coldmailreseller.com", "https://u:p@x.example", "https://x.example/?k=1"] {
            let errs = field_errors(validate_fields(&fields("A", bad), []).unwrap_err());
            assert!(errs.contains_key("baseUrl"), "{bad} should be refused");
        }
        for good in ["http://127.0.0.1:8080", "http://localhost:9000/api", "https://sandbox.example.com/api/"] {
            assert!(validate_fields(&fields("A", good), []).is_ok(), "{good} should pass");
        }
    }

    #[test]
    fn all_field_problems_are_reported_together() {
        let mut f = fields("", "http://example.com");
        f.default_customer_id = Some("bad id!".into());
        let errs = field_errors(validate_fields(&f, []).unwrap_err());
        assert_eq!(errs.keys().collect::<Vec<_>>(), ["baseUrl", "defaultCustomerId", "name"]);
    }

    #[test]
    fn api_key_rules() {
        assert!(field_errors(validate_api_key("   ").unwrap_err()).contains_key("apiKey"));
        assert!(field_errors(validate_api_key("abc def").unwrap_err()).contains_key("apiKey"));
        assert_eq!(validate_api_key(" key-123\n").unwrap(), "key-123");
    }
}
