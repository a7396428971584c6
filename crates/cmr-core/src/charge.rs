//! One way to show what a paid action costs: its lines, the total, the wallet now and after,
//! what recurs afterwards and from when, whether any figure is an estimate, and — when the app
//! already knows CMR would refuse the payment — why, with what to do next. Every paying dialog
//! shows a [`Quote`] and disables Pay while it is blocked.

use serde::{Deserialize, Serialize};

/// One thing being paid for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ChargeLine {
    pub label: String,
    pub quantity: u32,
    pub unit_cents: i64,
    /// The price is the app's estimate, not CMR's quote.
    #[serde(default)]
    pub estimate: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Every {
    Month,
    Year,
}

/// What the purchase costs again later: `cents` every month or year from `from` (a date).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Recurring {
    pub cents: i64,
    pub every: Every,
    /// ISO date (YYYY-MM-DD) of the first recurring charge.
    pub from: String,
    #[serde(default)]
    pub estimate: bool,
}

/// What a screen asks to have priced.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ChargeRequest {
    pub lines: Vec<ChargeLine>,
    #[serde(default)]
    pub recurring: Vec<Recurring>,
    /// Reasons the screen already knows CMR would refuse (e.g. "not eligible for renewal"),
    /// with what to do about them; any one blocks the payment.
    #[serde(default)]
    pub refusals: Vec<ChargeBlock>,
    /// The paid call this prices (snake_case operation, e.g. `renew_domains`) and for whom:
    /// the call then records this total in the audit log, so the app can say what it charged.
    #[serde(default)]
    pub operation: Option<String>,
    #[serde(default)]
    pub customer_id: Option<String>,
}

/// Why Pay is disabled, and what to do next.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ChargeBlock {
    pub reason: String,
    pub next_step: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct QuoteLine {
    pub label: String,
    pub quantity: u32,
    pub unit_cents: i64,
    pub total_cents: i64,
    pub estimate: bool,
}

/// A priced paid action, ready to show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    pub lines: Vec<QuoteLine>,
    pub total_cents: i64,
    /// Some line is an estimate, so the total is one too.
    pub estimate: bool,
    /// The wallet as CMR reported it just now; `None` when it could not be read.
    pub wallet_cents: Option<i64>,
    pub after_cents: Option<i64>,
    /// Why the wallet could not be read (the quote still shows; Pay stays possible).
    pub wallet_error: Option<String>,
    pub recurring: Vec<Recurring>,
    /// Set when the payment would be refused: Pay is disabled with this reason.
    pub block: Option<ChargeBlock>,
    /// Set when an estimated total is above the wallet: CMR may refuse, but the app does not
    /// know the real price, so Pay stays possible.
    pub warning: Option<String>,
}

fn dollars(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    let whole = (c / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{sign}${grouped}.{:02}", c % 100)
}

/// Prices `request` against the wallet, warning when it would leave the wallet under
/// `low_balance` (the user's mark, in cents). The first known refusal blocks; then an empty
/// purchase; then a wallet that cannot cover the total — unless the total is an estimate, when
/// the shortfall is a warning (the app cannot know CMR would refuse).
pub fn quote(request: &ChargeRequest, wallet: Result<i64, String>, low_balance: Option<i64>) -> Quote {
    let lines: Vec<QuoteLine> = request
        .lines
        .iter()
        .map(|l| QuoteLine {
            label: l.label.clone(),
            quantity: l.quantity,
            unit_cents: l.unit_cents,
            total_cents: l.unit_cents * i64::from(l.quantity),
            estimate: l.estimate,
        })
        .collect();
    let total_cents: i64 = lines.iter().map(|l| l.total_cents).sum();
    let estimate = lines.iter().any(|l| l.estimate && l.quantity > 0);
    let (wallet_cents, wallet_error) = match wallet {
        Ok(c) => (Some(c), None),
        Err(e) => (None, Some(e)),
    };
    let after_cents = wallet_cents.map(|w| w - total_cents);
    // What is sure to be charged: the lines that are not estimates.
    let certain_cents: i64 = lines.iter().filter(|l| !l.estimate).map(|l| l.total_cents).sum();
    let nothing = lines.iter().all(|l| l.quantity == 0);
    let mut warning = None;
    let block = if let Some(first) = request.refusals.first() {
        Some(first.clone())
    } else if nothing {
        Some(ChargeBlock { reason: "Nothing is chosen to pay for.".into(), next_step: "Choose at least one item.".into() })
    } else {
        match (after_cents, wallet_cents) {
            (Some(_), Some(w)) if estimate && w < certain_cents => {
                let short = dollars(certain_cents - w);
                Some(ChargeBlock {
                    reason: format!("The wallet is at least {short} short of this total."),
                    next_step: format!("Top up the wallet by more than {short} at CMR, then open this again: the wallet is read afresh."),
                })
            }
            (Some(after), _) if after < 0 && estimate => {
                let short = dollars(-after);
                warning = Some(format!("The wallet may be up to {short} short of this estimated total: CMR refuses the payment if it is, and nothing is charged then."));
                None
            }
            (Some(after), _) if after < 0 => {
                let short = dollars(-after);
                Some(ChargeBlock {
                    reason: format!("The wallet is {short} short of this total."),
                    next_step: format!("Top up the wallet by at least {short} at CMR, then open this again: the wallet is read afresh."),
                })
            }
            _ => None,
        }
    };
    if let (None, None, Some(after), Some(mark)) = (&block, &warning, after_cents, low_balance) {
        if after < mark {
            warning = Some(format!(
                "After this the wallet holds {}, under your low-balance mark of {}: top it up soon so renewals do not fail.",
                dollars(after),
                dollars(mark)
            ));
        }
    }
    Quote { lines, total_cents, estimate, wallet_cents, after_cents, wallet_error, recurring: request.recurring.clone(), block, warning }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(label: &str, quantity: u32, unit_cents: i64) -> ChargeLine {
        ChargeLine { label: label.into(), quantity, unit_cents, estimate: false }
    }

    #[test]
    fn totals_and_the_wallet_after() {
        let req = ChargeRequest { lines: vec![line("Domain", 2, 1400), line("Mailbox, first month", 3, 300)], ..Default::default() };
        let q = quote(&req, Ok(10_000), None);
        assert_eq!(q.total_cents, 3700);
        assert_eq!((q.wallet_cents, q.after_cents), (Some(10_000), Some(6300)));
        assert_eq!(q.block, None);
        assert!(!q.estimate);
    }

    #[test]
    fn a_short_wallet_blocks_with_the_amount_and_a_next_step() {
        let req = ChargeRequest { lines: vec![line("Renewal", 1, 3800)], ..Default::default() };
        let q = quote(&req, Ok(500), None);
        let block = q.block.expect("blocked");
        assert_eq!(block.reason, "The wallet is $33.00 short of this total.");
        assert!(block.next_step.contains("Top up the wallet by at least $33.00"));
        let exact = quote(&req, Ok(3800), None);
        assert_eq!(exact.block, None, "exactly enough is enough");
    }

    #[test]
    fn a_payment_that_leaves_the_wallet_under_the_mark_warns() {
        let req = ChargeRequest { lines: vec![line("Domain", 1, 3500)], ..Default::default() };
        let q = quote(&req, Ok(5000), Some(2000));
        assert_eq!(q.block, None);
        assert_eq!(
            q.warning.as_deref(),
            Some("After this the wallet holds $15.00, under your low-balance mark of $20.00: top it up soon so renewals do not fail.")
        );
        assert_eq!(quote(&req, Ok(5500), Some(2000)).warning, None, "exactly at the mark is fine");
        assert_eq!(quote(&req, Ok(5000), None).warning, None);
    }

    #[test]
    fn known_refusals_and_empty_purchases_block_first() {
        let refusal = ChargeBlock { reason: "a.com is not eligible for renewal.".into(), next_step: "Deselect it.".into() };
        let req = ChargeRequest { lines: vec![line("Renewal", 1, 100)], refusals: vec![refusal.clone()], ..Default::default() };
        assert_eq!(quote(&req, Ok(0), None).block, Some(refusal));
        let empty = ChargeRequest { lines: vec![line("Rename", 0, 0)], ..Default::default() };
        assert_eq!(quote(&empty, Ok(1000), None).block.unwrap().reason, "Nothing is chosen to pay for.");
    }

    #[test]
    fn estimates_are_labelled_and_an_unread_wallet_does_not_block() {
        let mut l = line("Warmup, rest of this month", 4, 250);
        l.estimate = true;
        let req = ChargeRequest { lines: vec![l], ..Default::default() };
        let q = quote(&req, Err("CMR did not answer".into()), None);
        assert!(q.estimate);
        assert_eq!((q.wallet_cents, q.after_cents, q.block.clone()), (None, None, None));
        assert_eq!(q.wallet_error.as_deref(), Some("CMR did not answer"));
        let short = quote(&req, Ok(100), None);
        assert_eq!(short.block, None, "an estimate does not prove CMR would refuse");
        assert!(short.warning.unwrap().starts_with("The wallet may be up to $9.00 short"));
        // The sure part alone is more than the wallet: that is known to fail.
        let mixed = ChargeRequest { lines: vec![line("Seats", 8, 300), req.lines[0].clone()], ..Default::default() };
        let blocked = quote(&mixed, Ok(100), None).block.expect("blocked");
        assert_eq!(blocked.reason, "The wallet is at least $23.00 short of this total.");
        assert_eq!(dollars(123_456_78), "$123,456.78");
    }
}
