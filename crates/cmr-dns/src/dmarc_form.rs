//! The DMARC builder over a record's value: what a stored record says (policy, report
//! addresses, which default tags CMR publishes and which it was told to leave out), edits of
//! one tag that keep every other tag as written, and the preview of an update.
//!
//! CMR keeps a record's exclusions until they are replaced or cleared (seed page: "To remove
//! already existing excluded DMARC tags, send excludedDMARCtags as an empty array"), so an
//! update that omits the field publishes with the stored ones. The documented GET does not
//! return them; a stored record shows them by the default tags missing from its value, since
//! CMR adds every default tag not excluded.

use cmr_client::DmarcTag;
use serde::{Deserialize, Serialize};

use crate::dmarc::{complete_dmarc, dmarc_default_tags, mailto, parse_dmarc, DmarcCompletion, DmarcPolicy, DmarcTagValue};

/// What the builder opens with for a stored record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DmarcState {
    /// `p` as written; `None` when missing or not a known policy.
    pub policy: Option<DmarcPolicy>,
    /// Aggregate report addresses written in `rua`, without `mailto:`.
    pub rua: Vec<String>,
    /// Default tags written in the value.
    pub present: Vec<DmarcTag>,
    /// The exclusions the record holds at CMR, as far as the read shows.
    pub excluded: Vec<DmarcTag>,
    /// The address CMR filled into `rua`/`ruf`, when the value shows one.
    pub report_address: Option<String>,
}

/// Reads a stored DMARC record. `read_excluded` is the list CMR returned with the record, if it
/// returned one; otherwise the exclusions are the default tags missing from the value.
pub fn dmarc_state(value: &str, read_excluded: &[DmarcTag]) -> Result<DmarcState, String> {
    let record = parse_dmarc(value)?;
    let defaults: Vec<DmarcTag> = dmarc_default_tags().into_iter().map(|d| d.tag).collect();
    let present: Vec<DmarcTag> = defaults.iter().filter(|t| record.has(t.as_str())).cloned().collect();
    let excluded = if read_excluded.is_empty() {
        defaults.into_iter().filter(|t| !present.contains(t)).collect()
    } else {
        read_excluded.to_vec()
    };
    let rua = record.get("rua").map(addresses).unwrap_or_default();
    let report_address = ["rua", "ruf"].iter().find_map(|t| record.get(t).and_then(|v| addresses(v).into_iter().next()));
    Ok(DmarcState { policy: record.get("p").and_then(DmarcPolicy::parse), rua, present, excluded, report_address })
}

/// The exclusions a record read back holds: the list read, or those its value shows. A value
/// that is not DMARC holds none.
pub fn stored_exclusions(value: &str, read_excluded: &[DmarcTag]) -> Vec<DmarcTag> {
    dmarc_state(value, read_excluded).map(|s| s.excluded).unwrap_or_else(|_| read_excluded.to_vec())
}

/// What CMR will publish after an update (or an add, with no `current`): `excluded` is what is
/// sent (`None`: the field omitted, the stored exclusions stay); `current` is the record as
/// read (value, exclusions read), which also gives the address CMR fills in.
pub fn preview_dmarc(value: &str, excluded: Option<&[DmarcTag]>, current: Option<(&str, &[DmarcTag])>) -> Result<DmarcCompletion, String> {
    let state = current.and_then(|(v, read)| dmarc_state(v, read).ok());
    let kept = state.as_ref().map(|s| s.excluded.clone()).unwrap_or_default();
    let effective = excluded.map(<[DmarcTag]>::to_vec).unwrap_or(kept);
    complete_dmarc(value, &effective, state.and_then(|s| s.report_address).as_deref())
}

/// Sets one tag of a DMARC value in place, or removes it with `None`, keeping every other tag
/// as written. A new `p` goes right after `v`, any other new tag at the end; an empty value
/// starts as `v=DMARC1`. Report addresses (`rua`, `ruf`) may be given without `mailto:`.
pub fn set_dmarc_tag(value: &str, name: &str, tag_value: Option<&str>) -> Result<String, String> {
    let name = name.trim().to_ascii_lowercase();
    if name == "v" {
        return Err("The version tag v=DMARC1 cannot be changed.".into());
    }
    let uris = (name == "rua" || name == "ruf")
        .then(|| tag_value.map(|v| v.split(',').map(str::trim).filter(|a| !a.is_empty()).map(mailto).collect::<Vec<_>>().join(",")))
        .flatten();
    let tag_value = uris.as_deref().or(tag_value);
    let mut record = if value.trim().is_empty() { parse_dmarc("v=DMARC1")? } else { parse_dmarc(value)? };
    let position = record.tags.iter().position(|t| t.name.eq_ignore_ascii_case(&name));
    match (position, tag_value.map(str::trim).filter(|v| !v.is_empty())) {
        (Some(i), Some(v)) => record.tags[i].value = v.to_owned(),
        (Some(i), None) => {
            record.tags.remove(i);
        }
        (None, Some(v)) => {
            let tag = DmarcTagValue { name: name.clone(), value: v.to_owned() };
            if name == "p" {
                record.tags.insert(1, tag);
            } else {
                record.tags.push(tag);
            }
        }
        (None, None) => {}
    }
    Ok(record.to_value())
}

/// The addresses of a `rua`/`ruf` value: `mailto:` and any size limit (`!10m`) taken off.
fn addresses(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(|u| {
            let u = if u.len() >= 7 && u[..7].eq_ignore_ascii_case("mailto:") { &u[7..] } else { u };
            u.split('!').next().unwrap_or(u).to_owned()
        })
        .collect()
}

#[cfg(test)]
#[path = "dmarc_form_tests.rs"]
mod tests;
