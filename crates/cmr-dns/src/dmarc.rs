//! DMARC records (RFC 7489): parsing, checks, the builder, and CMR's auto-completion.
//!
//! Written here rather than taken from a crate: the one maintained DMARC parser for Rust
//! (`mail-auth`) cannot be built without a DNS resolver back-end (hickory-resolver, or reqwest
//! with rustls), far too much for reading a `tag=value; …` list, and it drops what an editor
//! must show (tag order, unknown tags, the exact text of `rua`).
//!
//! CMR completes a DMARC TXT record with default tags unless they are listed in
//! `excludedDMARCtags` (cmr-api.md §5.2, seed page "DMARC Default Tags").

use cmr_client::DmarcTag;
use serde::{Deserialize, Serialize};

/// One default tag CMR appends to a DMARC record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DmarcDefault {
    pub tag: DmarcTag,
    /// The value CMR writes. For `rua`/`ruf` the documentation shows `mailto:<email>` without
    /// saying which address CMR fills in.
    pub value: String,
    pub description: String,
}

/// The documented defaults, in the documented order (seed page, "DMARC Default Tags").
pub fn dmarc_default_tags() -> Vec<DmarcDefault> {
    DMARC_DEFAULT_TAGS
        .iter()
        .map(|(tag, value, description)| DmarcDefault {
            tag: DmarcTag::from(*tag),
            value: (*value).to_owned(),
            description: (*description).to_owned(),
        })
        .collect()
}

/// `(tag, default value, meaning)`, as documented by CMR.
pub const DMARC_DEFAULT_TAGS: &[(&str, &str, &str)] = &[
    ("rua", "mailto:<email>", "Aggregate report recipient"),
    ("ruf", "mailto:<email>", "Forensic (failure) report recipient"),
    ("fo", "0", "Failure reporting option"),
    ("rf", "afrf", "Forensic report format"),
    ("ri", "604800", "Report interval in seconds"),
    ("pct", "100", "Percentage of messages the policy applies to"),
    ("sp", "reject", "Policy for subdomains"),
    ("aspf", "r", "SPF alignment mode"),
    ("adkim", "r", "DKIM alignment mode"),
];

/// A parsed DMARC record: its tags in the order written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DmarcRecord {
    pub tags: Vec<DmarcTagValue>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DmarcTagValue {
    pub name: String,
    pub value: String,
}

impl DmarcRecord {
    /// The value of a tag (names compare without case).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.tags.iter().find(|t| t.name.eq_ignore_ascii_case(name)).map(|t| t.value.as_str())
    }

    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The record as text: `v=DMARC1; p=reject; rua=mailto:…`.
    pub fn to_value(&self) -> String {
        self.tags.iter().map(|t| format!("{}={}", t.name, t.value)).collect::<Vec<_>>().join("; ")
    }
}

/// Parses `v=DMARC1; p=…; …`. Refuses what no receiver would read: a first tag other than
/// `v=DMARC1`, a part without `=`, a repeated tag.
pub fn parse_dmarc(value: &str) -> Result<DmarcRecord, String> {
    let content = crate::txt::txt_content_lossy(value);
    let mut record = DmarcRecord::default();
    for part in content.split(';') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let Some((name, val)) = part.split_once('=') else {
            return Err(format!("'{part}' is not a tag=value pair."));
        };
        let (name, val) = (name.trim(), val.trim());
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(format!("'{name}' is not a valid tag name."));
        }
        if record.has(name) {
            return Err(format!("The tag {name} appears twice."));
        }
        record.tags.push(DmarcTagValue { name: name.to_owned(), value: val.to_owned() });
    }
    match record.tags.first() {
        Some(t) if t.name == "v" && t.value == "DMARC1" => Ok(record),
        Some(t) if t.name.eq_ignore_ascii_case("v") => Err("The record must start with v=DMARC1 (exactly so written).".into()),
        _ => Err("A DMARC record must start with v=DMARC1.".into()),
    }
}

/// A DMARC policy (`p`, `sp`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum DmarcPolicy {
    None,
    Quarantine,
    Reject,
}

impl DmarcPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            DmarcPolicy::None => "none",
            DmarcPolicy::Quarantine => "quarantine",
            DmarcPolicy::Reject => "reject",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "none" => Some(DmarcPolicy::None),
            "quarantine" => Some(DmarcPolicy::Quarantine),
            "reject" => Some(DmarcPolicy::Reject),
            _ => None,
        }
    }
}

/// Tags the builder may write beside `p`. `None` leaves a tag out (CMR may then complete it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DmarcOptions {
    /// Aggregate report addresses (plain emails or `mailto:` URIs).
    #[serde(default)]
    pub rua: Vec<String>,
    /// Failure report addresses.
    #[serde(default)]
    pub ruf: Vec<String>,
    #[serde(default)]
    pub sp: Option<DmarcPolicy>,
    #[serde(default)]
    pub pct: Option<u32>,
    /// `r` (relaxed) or `s` (strict).
    #[serde(default)]
    pub adkim: Option<String>,
    #[serde(default)]
    pub aspf: Option<String>,
    #[serde(default)]
    pub fo: Option<String>,
    #[serde(default)]
    pub rf: Option<String>,
    #[serde(default)]
    pub ri: Option<u32>,
}

/// Builds a DMARC value. A tag listed in `excluded` is left out even when set in `options`:
/// excluding a tag means the published record goes without it, from the user or from CMR.
pub fn build_dmarc(policy: DmarcPolicy, options: &DmarcOptions, excluded: &[DmarcTag]) -> String {
    let mut record = DmarcRecord::default();
    let mut push = |name: &str, value: String| {
        if !excluded.iter().any(|t| t.as_str().eq_ignore_ascii_case(name)) {
            record.tags.push(DmarcTagValue { name: name.to_owned(), value });
        }
    };
    push("v", "DMARC1".into());
    push("p", policy.as_str().into());
    if let Some(sp) = options.sp {
        push("sp", sp.as_str().into());
    }
    if let Some(pct) = options.pct {
        push("pct", pct.to_string());
    }
    for (name, addresses) in [("rua", &options.rua), ("ruf", &options.ruf)] {
        let uris: Vec<String> = addresses.iter().map(|a| a.trim()).filter(|a| !a.is_empty()).map(mailto).collect();
        if !uris.is_empty() {
            push(name, uris.join(","));
        }
    }
    for (name, value) in [("adkim", &options.adkim), ("aspf", &options.aspf), ("fo", &options.fo), ("rf", &options.rf)] {
        if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            push(name, v.to_owned());
        }
    }
    if let Some(ri) = options.ri {
        push("ri", ri.to_string());
    }
    record.to_value()
}

pub(crate) fn mailto(address: &str) -> String {
    if address.to_ascii_lowercase().starts_with("mailto:") {
        address.to_owned()
    } else {
        format!("mailto:{address}")
    }
}

/// What CMR publishes for a DMARC value, and which default tags it added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DmarcCompletion {
    pub sent: String,
    /// The record after CMR's completion (`<email>` stands for an address not known here).
    pub completed: String,
    /// Default tags CMR adds.
    pub added: Vec<DmarcDefault>,
    /// Default tags the user wrote or excluded, which CMR leaves alone.
    pub untouched: Vec<DmarcTag>,
}

/// The value CMR publishes for a DMARC TXT record (seed page, "DMARC Default Tags"): the
/// value as sent, tags in the order written, then each default tag neither written nor in the
/// record's effective exclusions, in the documented order. The sandbox stores exactly this and
/// the builder previews it, so both come from here.
///
/// `excluded` are the exclusions in force after the write: the list sent, or the record's
/// stored list when the field was omitted. A tag written in the value stays even when
/// excluded: the seed has exclusions stop CMR's own additions and says nothing of stripping
/// what the sender wrote. `report_address` fills `mailto:<email>` of `rua`/`ruf`; the seed
/// does not say which address CMR uses, so `None` keeps the placeholder.
pub fn complete_dmarc(value: &str, excluded: &[DmarcTag], report_address: Option<&str>) -> Result<DmarcCompletion, String> {
    let mut record = parse_dmarc(value)?;
    let sent = record.to_value();
    let mut added = Vec::new();
    let mut untouched = Vec::new();
    for mut default in dmarc_default_tags() {
        if record.has(default.tag.as_str()) || excluded.contains(&default.tag) {
            untouched.push(default.tag);
            continue;
        }
        if let Some(address) = report_address {
            default.value = default.value.replace("<email>", address);
        }
        record.tags.push(DmarcTagValue { name: default.tag.as_str().to_owned(), value: default.value.clone() });
        added.push(default);
    }
    Ok(DmarcCompletion { sent, completed: record.to_value(), added, untouched })
}

/// Whether a DMARC value read back is what was sent after CMR's completion: every tag sent
/// is there with the same value, and any other tag is a default tag that was not excluded.
pub fn dmarc_matches(sent: &str, excluded: &[DmarcTag], read: &str) -> bool {
    let (Ok(sent), Ok(read)) = (parse_dmarc(sent), parse_dmarc(read)) else {
        return false;
    };
    let same_tags = sent.tags.iter().all(|t| read.get(&t.name).is_some_and(|v| v.eq_ignore_ascii_case(&t.value)));
    let extras_allowed = read.tags.iter().filter(|t| !sent.has(&t.name)).all(|t| {
        let tag = DmarcTag::from(t.name.to_ascii_lowercase());
        tag.is_known() && !excluded.contains(&tag)
    });
    same_tags && extras_allowed
}

#[cfg(test)]
#[path = "dmarc_tests.rs"]
mod tests;
