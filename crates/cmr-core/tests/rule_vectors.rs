//! The UI applies two rules itself, for an instant answer while a person types: money to cents
//! and the username / person-name checks (ui/src/lib/money.ts, ui/src/lib/mailboxes/rules.ts).
//! Their expected answers come from here, computed by the Rust rules, and are written to
//! ui/src/lib/rules.vectors.json, which the UI's tests read: the two cannot drift apart
//! without a test failing. `make bindings` rewrites the file; this test fails while it is stale.

use cmr_core::rules::{cents_of, person_name_problem, username_problem};
use serde_json::{json, Number, Value};

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/src/lib/rules.vectors.json");

fn vectors() -> Value {
    let texts = [
        "14.50", "8", "0", "0.5", "3.2", "1.005", "1.004", "1.0049", "2.675", "-1.005", "-0.004", "-3.2", " 7.25 ",
        "00012.30", "99.999", "5.", ".5", "1e3", "$5", "1,50", "", "-", "abc", "12.3.4",
    ];
    let money_texts = texts.iter().map(|t| json!({ "input": t, "cents": cents_of(t) }));
    // CMR also sends amounts as JSON numbers (`"pricePerMailbox": 8`); JavaScript writes them
    // back as the shortest text, which is what the rule reads.
    let numbers = [8.0, 14.5, 1.005, 2.675, 0.1, 1234.56, -0.5, 3.0];
    let money_numbers = numbers.iter().map(|n| {
        let number = Number::from_f64(*n).unwrap();
        json!({ "input": number, "cents": cents_of(&js_text(*n)) })
    });
    let usernames = [
        "alice", "alice.j", "a..b", ".lead", "trail.", "a-b_c", "Alice", "a b", "ü", "a+b", "", "0", &"x".repeat(64),
        &"x".repeat(65),
    ]
    .map(|u| json!({ "input": u, "problem": username_problem(u) }));
    let names = ["Zoë", "O'Brien-Lee", "  Ann  ", "", "   ", "a<b", "Jean (JJ) / Co.", "李", &"n".repeat(60), &"n".repeat(61), "x@y"]
        .map(|n| json!({ "input": n, "label": "first name", "problem": person_name_problem(n, "first name") }));
    json!({
        "money": money_texts.chain(money_numbers).collect::<Vec<_>>(),
        "usernames": usernames,
        "personNames": names,
    })
}

/// How JavaScript's `String(n)` writes the numbers above (all have a short exact form).
fn js_text(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[test]
fn rule_vectors_are_fresh() {
    let fresh = serde_json::to_string_pretty(&vectors()).unwrap() + "\n";
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(PATH, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(fresh == committed, "ui/src/lib/rules.vectors.json is stale: run `make bindings` and commit it");
}
