//! What looks like a secret without being told: a field whose name says so, and text shaped
//! like a key. The profile's own key is removed exactly by [`crate::redact::Scrubber`]; these
//! patterns catch the others (a mailbox password in platform metadata, a token a server
//! echoes), so a new field or a new provider does not need a line here.
//!
//! The patterns lean towards keeping what the audit log is for: ids (CMR's are upper case and
//! digits, action ids are UUIDs), e-mail addresses, domain names and DKIM public keys stay.

/// Words that make a field name secret, compared without case, `-`, `_` or spaces:
/// `smtpPassword`, `apiToken`, `cmr-x-api-key`, `client_secret`, `credentials`.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "apikey",
    "accesskey",
    "privatekey",
    "credential",
    "authorization",
    "bearer",
];

/// Endings of names that contain a secret word but hold something else: `credentialId`,
/// `tokenType`, `passwordLength`.
const HARMLESS_ENDINGS: &[&str] = &["id", "ids", "type", "count", "length", "url", "route", "hint", "expiry", "expires", "expiresat"];

/// Prefixes of well-known key formats (Stripe, GitHub, GitLab, Slack, AWS, Google).
const KEY_PREFIXES: &[&str] = &[
    "sk_live_", "sk_test_", "rk_live_", "rk_test_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-",
    "xoxp-", "xoxa-", "xoxr-", "xoxs-", "AKIA", "ASIA", "AIza",
];
/// A run of key characters at least this long with a known prefix is a key.
const MIN_PREFIXED_LEN: usize = 20;
/// A part of a run (between `-`, `_`) at least this long, mixing cases and digits with the
/// entropy of random text, and not made of words, is a key. Random base-62 text of 32
/// characters has 4.0 to 5.0 bits per character; so do long camelCase names
/// (`getDnsRecordsForTheCustomerDomain2024`: 4.25), but most of their characters are in
/// words (`Records`, `for`), which in random text of that length fewer than 3 in 100 reach.
const MIN_RANDOM_LEN: usize = 32;
const MIN_ENTROPY_BITS: f64 = 4.0;
const MAX_WORDY_SHARE: f64 = 0.6;
/// After `Bearer ` or `Basic `, anything this long is the credential.
const MIN_SCHEME_TOKEN_LEN: usize = 8;

pub const REDACTED: &str = "[redacted]";

/// Whether a field of this name holds a secret.
pub fn is_secret_name(name: &str) -> bool {
    let norm: String = name.chars().filter(|c| !matches!(c, '-' | '_' | ' ')).flat_map(char::to_lowercase).collect();
    SECRET_WORDS.iter().any(|w| norm.contains(w))
        && !HARMLESS_ENDINGS.iter().any(|e| norm.len() > e.len() && norm.ends_with(e))
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/' | '=')
}

/// Text with every part shaped like a secret replaced by `[redacted]`: private-key blocks,
/// the credential after `Bearer` or `Basic`, JSON web tokens, keys with a known prefix, and
/// long random-looking tokens. The rest of the text is kept as it was.
pub fn redact_secret_values(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let lower = text.to_ascii_lowercase();
    // A DKIM record publishes a public key; it is what the record is for.
    let dkim = lower.contains("v=dkim1");
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = private_key_block(&chars, i) {
            out.push_str(REDACTED);
            i = end;
            continue;
        }
        if !is_key_char(chars[i]) || (i > 0 && is_key_char(chars[i - 1])) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_key_char(chars[i]) {
            i += 1;
        }
        let run: String = chars[start..i].iter().collect();
        if scheme_word(&run) {
            // `Bearer <token>`: the token may hold dots (a JWT) or `~`.
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let token_start = j;
            while j < chars.len() && (is_key_char(chars[j]) || matches!(chars[j], '.' | '~')) {
                j += 1;
            }
            out.push_str(&run);
            if j - token_start >= MIN_SCHEME_TOKEN_LEN && token_start > i {
                out.extend(&chars[i..token_start]);
                out.push_str(REDACTED);
                i = j;
            }
            continue;
        }
        // `=` is a key character (base64), so the tag is part of the run: `p=MIIB…`.
        let public_dkim_key = dkim && run.starts_with("p=");
        if !public_dkim_key && looks_like_key(&run) {
            out.push_str(REDACTED);
        } else {
            out.push_str(&run);
        }
    }
    out
}

fn scheme_word(run: &str) -> bool {
    run.eq_ignore_ascii_case("bearer") || run.eq_ignore_ascii_case("basic")
}

/// A run of key characters that is a key: a known prefix, a JWT part, or random text.
fn looks_like_key(run: &str) -> bool {
    if run.len() >= MIN_PREFIXED_LEN && KEY_PREFIXES.iter().any(|p| run.starts_with(p)) {
        return true;
    }
    if run.len() >= 16 && run.starts_with("eyJ") {
        return true;
    }
    run.split(['-', '_']).any(random_part)
}

/// Long, mixing lower case, upper case and digits, not hexadecimal, and with the spread of
/// characters random text has.
fn random_part(part: &str) -> bool {
    if part.len() < MIN_RANDOM_LEN {
        return false;
    }
    let count = |f: fn(&char) -> bool| part.chars().filter(f).count();
    let (lower, upper, digits) = (count(char::is_ascii_lowercase), count(char::is_ascii_uppercase), count(char::is_ascii_digit));
    if lower == 0 || upper == 0 || digits < 2 || part.chars().all(|c| c.is_ascii_hexdigit()) {
        return false;
    }
    entropy_bits(part) >= MIN_ENTROPY_BITS && wordy_share(part) < MAX_WORDY_SHARE
}

/// The share of characters in word-like pieces: an optional capital, then two or more lower
/// case letters (`get`, `Dns`, `Records`).
fn wordy_share(part: &str) -> f64 {
    let chars: Vec<char> = part.chars().collect();
    let lower_run = |from: usize| chars[from.min(chars.len())..].iter().take_while(|c| c.is_ascii_lowercase()).count();
    let (mut i, mut in_words) = (0, 0);
    while i < chars.len() {
        let capital = usize::from(chars[i].is_ascii_uppercase());
        let run = lower_run(i + capital);
        if run >= 2 {
            in_words += capital + run;
            i += capital + run;
        } else {
            i += 1;
        }
    }
    in_words as f64 / chars.len() as f64
}

/// Shannon entropy of the characters, in bits per character.
fn entropy_bits(text: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    for c in text.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
    }
    let n = text.chars().count() as f64;
    counts.values().map(|&k| k as f64 / n).map(|p| -p * p.log2()).sum()
}

/// `-----BEGIN … PRIVATE KEY-----` at `i`: the index after its `-----END …-----` line (or the
/// end of the text when the block is cut).
fn private_key_block(chars: &[char], i: usize) -> Option<usize> {
    const BEGIN: &str = "-----BEGIN ";
    if chars[i] != '-' || !starts_with_at(chars, i, BEGIN) {
        return None;
    }
    let header_end = find_at(chars, i + BEGIN.len(), "-----")?;
    let header: String = chars[i + BEGIN.len()..header_end].iter().collect();
    if !header.to_ascii_uppercase().contains("PRIVATE KEY") {
        return None;
    }
    let Some(end) = find_at(chars, header_end + 5, "-----END ") else { return Some(chars.len()) };
    Some(find_at(chars, end + 9, "-----").map_or(chars.len(), |e| e + 5))
}

fn starts_with_at(chars: &[char], i: usize, needle: &str) -> bool {
    let n: Vec<char> = needle.chars().collect();
    chars.len() >= i + n.len() && chars[i..i + n.len()] == n[..]
}

fn find_at(chars: &[char], from: usize, needle: &str) -> Option<usize> {
    (from..chars.len()).find(|&j| starts_with_at(chars, j, needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_say_secret_at_any_spelling() {
        for name in ["password", "smtpPassword", "imap_password", "apiToken", "access-token", "cmr-x-api-key", "x-api-key", "API_KEY",
            "clientSecret", "authenticatorSecret", "credentials", "privateKey", "Authorization", "passwd", "secretToken"]
        {
            assert!(is_secret_name(name), "{name}");
        }
        for name in ["credentialId", "tokenType", "passwordLength", "email", "host", "value", "userId", "domain", "googleOauthRoute",
            "keyword", "monkey"]
        {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn key_shaped_values_go() {
        let keys = [
            "sk_live_51Hx2eLkdIwHu7ixKp9Qz",
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
            "AKIAIOSFODNN7EXAMPLE",
            "xoxb-2048-1024-abcdefghijklmnop",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
            "q7Vb3Xk9Lm2Np8Rt5Wz1Yc4Hd6Jf0Gs7",
            "AbC12dEf34GhI56jKl78MnO90pQr12StU34vWx",
        ];
        for key in keys {
            let out = redact_secret_values(&format!("the key {key}, then more"));
            assert_eq!(out, "the key [redacted], then more", "{key}");
        }
        assert_eq!(redact_secret_values("Authorization: Bearer abc.def.ghi123"), "Authorization: Bearer [redacted]");
        assert_eq!(redact_secret_values("Basic dXNlcjpwYXNz"), "Basic [redacted]");
        let pem = "x -----BEGIN RSA PRIVATE KEY-----\nMIIEow\nAAA\n-----END RSA PRIVATE KEY----- y";
        assert_eq!(redact_secret_values(pem), "x [redacted] y");
    }

    #[test]
    fn ordinary_values_stay() {
        for text in [
            "0BRBX9FGE4M77TGG14C3JYN4PMJT",
            "ACT_7a078272-0fa7-4db4-a85b-c78697dacea1",
            "7a0782720fa74db4a85bc78697dacea1e3b0c44298fc1c149afbf4c8996fb924",
            "jane.doe@acme-widgets.example.com",
            "selector1-acme-com._domainkey.acmewidgets.onmicrosoft.com",
            "minimumDelayBetweenWarmupEmails",
            "getDnsRecordsForTheCustomerDomain2024",
            "setPreWarmupMailboxOrderQuantity10",
            "updateCustomerSubscriptionPlan2025v3",
            "https://api.example.com/integration/users/list?page=2",
            "v=spf1 include:_spf.google.com ~all",
            "The password must be at least 8 characters. A basic plan.",
            "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----",
        ] {
            assert_eq!(redact_secret_values(text), text);
        }
        let dkim = format!("v=DKIM1; k=rsa; p={}", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAx7Vb3Xk9Lm2Np8Rt5Wz1Yc4Hd6Jf0Gs7".repeat(3));
        assert_eq!(redact_secret_values(&dkim), dkim);
    }
}
