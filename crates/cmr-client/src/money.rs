//! Money as an exact decimal: CMR sends prices both as JSON numbers (`"pricePerMailbox": 8`)
//! and as strings (`"renewalPrice": "14.50"`). Neither is ever turned into a float for
//! arithmetic; amounts are kept as decimal text and converted to integer cents on request.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An amount in USD, exactly as the server wrote it.
#[derive(Clone, Debug)]
pub struct Money {
    text: String,
    /// Written back as a JSON number (true) or string (false), matching what was read, so a
    /// simulator that serialises these types answers in the same JSON types as CMR.
    wire_number: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a decimal amount: {0:?}")]
pub struct MoneyParseError(String);

impl Money {
    /// Parses "14.50", "8", "-3.2". No exponent, no currency sign.
    pub fn parse(text: &str) -> Result<Money, MoneyParseError> {
        let t = text.trim();
        let digits = t.strip_prefix('-').unwrap_or(t);
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let valid = !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b.is_ascii_digit())
            && !(digits.contains('.') && frac.is_empty());
        if !valid {
            return Err(MoneyParseError(text.to_owned()));
        }
        Ok(Money { text: t.to_owned(), wire_number: false })
    }

    /// An amount from integer cents, written as a decimal string ("14.50").
    pub fn from_cents(cents: i64) -> Money {
        let sign = if cents < 0 { "-" } else { "" };
        let abs = cents.unsigned_abs();
        Money { text: format!("{sign}{}.{:02}", abs / 100, abs % 100), wire_number: false }
    }

    /// The same amount, written as a JSON number on serialisation.
    pub fn as_json_number(mut self) -> Money {
        self.wire_number = true;
        self
    }

    /// The same amount, written as a JSON string on serialisation.
    pub fn as_json_string(mut self) -> Money {
        self.wire_number = false;
        self
    }

    /// The decimal text as received.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_negative(&self) -> bool {
        self.text.starts_with('-') && self.normalized() != "0"
    }

    /// Integer cents, rounding half away from zero past the second decimal.
    /// `None` only if the amount does not fit an i64.
    pub fn to_cents(&self) -> Option<i64> {
        let negative = self.text.starts_with('-');
        let digits = self.text.trim_start_matches('-');
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let mut cents: i64 = int.parse::<i64>().ok()?.checked_mul(100)?;
        let mut frac_digits = frac.bytes().map(|b| i64::from(b - b'0'));
        cents = cents.checked_add(frac_digits.next().unwrap_or(0) * 10 + frac_digits.next().unwrap_or(0))?;
        if frac_digits.next().unwrap_or(0) >= 5 {
            cents = cents.checked_add(1)?;
        }
        Some(if negative { -cents } else { cents })
    }

    /// True when the amount has no digits below a cent.
    pub fn is_whole_cents(&self) -> bool {
        let frac = self.text.split_once('.').map(|(_, f)| f).unwrap_or("");
        frac.len() <= 2 || frac[2..].bytes().all(|b| b == b'0')
    }

    /// Canonical text for comparison: "8", "8.0" and "8.00" are one amount.
    fn normalized(&self) -> String {
        let negative = self.text.starts_with('-');
        let digits = self.text.trim_start_matches('-');
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        let int = if int.is_empty() { "0" } else { int };
        let body = if frac.is_empty() { int.to_owned() } else { format!("{int}.{frac}") };
        if negative && body != "0" {
            format!("-{body}")
        } else {
            body
        }
    }
}

impl PartialEq for Money {
    fn eq(&self, other: &Self) -> bool {
        self.normalized() == other.normalized()
    }
}

impl Eq for Money {}

impl Hash for Money {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.normalized().hash(state);
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for Money {
    type Err = MoneyParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Money::parse(s)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.wire_number {
            if let Ok(n) = self.text.parse::<i64>() {
                return s.serialize_i64(n);
            }
            if let Ok(n) = serde_json::Number::from_str(&self.text) {
                return n.serialize(s);
            }
        }
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MoneyVisitor;
        impl Visitor<'_> for MoneyVisitor {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal amount as a number or string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                Money::parse(v).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
                Ok(Money { text: v.to_string(), wire_number: true })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
                Ok(Money { text: v.to_string(), wire_number: true })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
                // Rust prints the shortest text that reads back as the same f64, which for
                // any price a server writes ("15.88") is that text again.
                if !v.is_finite() {
                    return Err(E::custom("amount is not finite"));
                }
                let mut m = Money::parse(&format!("{v}")).map_err(E::custom)?;
                m.wire_number = true;
                Ok(m)
            }
        }
        d.deserialize_any(MoneyVisitor)
    }
}

/// On the TypeScript side an amount is what the server sent: decimal text or a number.
#[cfg(feature = "specta")]
mod specta_type {
    #[derive(serde::Serialize, specta::Type)]
    #[serde(untagged)]
    #[allow(dead_code)]
    pub enum Money {
        Text(String),
        Number(f64),
    }

    impl specta::Type for super::Money {
        fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
            <Money as specta::Type>::definition(types)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_and_strings() {
        let a: Money = serde_json::from_str("\"14.50\"").unwrap();
        let b: Money = serde_json::from_str("14.5").unwrap();
        let c: Money = serde_json::from_str("8").unwrap();
        let d: Money = serde_json::from_str("15.88").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "14.50");
        assert_eq!(a.to_cents(), Some(1450));
        assert_eq!(c.to_cents(), Some(800));
        assert_eq!(d.to_cents(), Some(1588));
        assert_eq!(d.as_str(), "15.88");
    }

    #[test]
    fn writes_back_in_the_type_it_came_in() {
        let a: Money = serde_json::from_str("\"14.50\"").unwrap();
        let c: Money = serde_json::from_str("8").unwrap();
        let d: Money = serde_json::from_str("125.5").unwrap();
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"14.50\"");
        assert_eq!(serde_json::to_string(&c).unwrap(), "8");
        assert_eq!(serde_json::to_string(&d).unwrap(), "125.5");
    }

    #[test]
    fn cents_conversions() {
        assert_eq!(Money::from_cents(1450).as_str(), "14.50");
        assert_eq!(Money::from_cents(-5).as_str(), "-0.05");
        assert_eq!(Money::parse("0.125").unwrap().to_cents(), Some(13));
        assert_eq!(Money::parse("-1.5").unwrap().to_cents(), Some(-150));
        assert!(!Money::parse("0.125").unwrap().is_whole_cents());
        assert!(Money::parse("3.100").unwrap().is_whole_cents());
    }

    #[test]
    fn rejects_non_amounts() {
        for bad in ["", "abc", "1.", ".5", "1e3", "$3", "1,50"] {
            assert!(Money::parse(bad).is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<Money>("true").is_err());
    }
}
