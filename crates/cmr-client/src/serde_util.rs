//! Tolerant field readers for values the reference shows in more than one JSON type.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// A status or count sent as a number or as a numeric string.
pub(crate) fn lenient_u16<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    Ok(lenient_u64(d)?.and_then(|n| u16::try_from(n).ok()))
}

pub(crate) fn lenient_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    Ok(lenient_u64(d)?.and_then(|n| u32::try_from(n).ok()))
}

fn lenient_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_u64().or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// Text that may arrive as a string or a number (an MX priority, a Google client id).
/// Empty strings read as absent.
pub(crate) fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    })
}

/// A boolean that may arrive as `true`, `"true"` or `1`.
pub(crate) fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Bool(b) => Some(b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" => Some(false),
            _ => None,
        },
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        _ => None,
    })
}

/// A list that may come as `null`.
pub(crate) fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// One item or a list of them, e.g. `mailboxData` in a mailbox update.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    pub fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
        }
    }
}

impl<T> From<T> for OneOrMany<T> {
    fn from(one: T) -> Self {
        OneOrMany::One(one)
    }
}

impl<T> From<Vec<T>> for OneOrMany<T> {
    fn from(many: Vec<T>) -> Self {
        OneOrMany::Many(many)
    }
}

/// What is left of a wrapping object once its list is taken out.
pub(crate) type Rest = Option<serde_json::Map<String, Value>>;

/// Reads a list from `data` given either as the list itself or as an object holding it under
/// one of `keys`; also returns the object so callers can read paging fields from it.
pub(crate) fn list_or_wrapped<T: DeserializeOwned, E: serde::de::Error>(
    data: Value,
    keys: &[&str],
) -> Result<(Vec<T>, Rest), E> {
    match data {
        Value::Null => Ok((Vec::new(), None)),
        Value::Array(_) => Ok((serde_json::from_value(data).map_err(E::custom)?, None)),
        Value::Object(mut map) => {
            let list = keys.iter().find_map(|k| map.remove(*k)).unwrap_or(Value::Null);
            let items = match list {
                Value::Null => Vec::new(),
                other => serde_json::from_value(other).map_err(E::custom)?,
            };
            Ok((items, Some(map)))
        }
        other => Err(E::custom(format!("expected a list or an object, got {other}"))),
    }
}
