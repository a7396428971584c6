use serde_json::json;

use super::*;

#[test]
fn recreate_is_offered_only_for_active_subscriptions() {
    use SubscriptionAction::*;
    let allows = |s: &str, a| subscription_actions(&SubscriptionStatus::from(s)).contains(&a);
    assert!(allows("ACTIVE", Recreate));
    for s in ["RENEWING", "PAST_DUE", "CANCELLED", "EXPIRED", "SUSPENDED"] {
        assert!(!allows(s, Recreate), "{s} must not offer recreate");
    }
    // Nothing is left to do with a cancelled or expired subscription, nor an unknown one.
    for s in ["CANCELLED", "EXPIRED", "SUSPENDED"] {
        assert!(subscription_actions(&SubscriptionStatus::from(s)).is_empty(), "{s}");
    }
    assert!(allows("PAST_DUE", Renew) && !allows("RENEWING", Renew));
    assert!(allows("active", Cancel), "case does not matter on the wire");
}

#[test]
fn an_unknown_order_status_is_still_running() {
    assert!(!order_finished(&OrderStatus::from("ON_HOLD")));
    assert!(!order_finished(&OrderStatus::from("IN_PROGRESS")));
    assert!(!order_finished(&OrderStatus::Pending));
    assert_eq!(order_phase(&OrderStatus::from("paid")), OrderPhase::Done);
    assert_eq!(order_phase(&OrderStatus::from("PARTIAL_REFUND")), OrderPhase::Done);
    assert_eq!(order_phase(&OrderStatus::from("REFUND")), OrderPhase::Failed);
    assert_eq!(order_phase(&OrderStatus::from("CANCELLED")), OrderPhase::Failed);
}

#[test]
fn the_order_view_carries_the_verdict() {
    let view = |status: Option<&str>| {
        let info = cmr_client::orders::OrderStatusInfo { status: status.map(OrderStatus::from), ..Default::default() };
        serde_json::to_value(OrderStatusView::from(info)).unwrap()
    };
    assert_eq!(view(Some("SOMETHING_NEW"))["finished"], json!(false));
    assert_eq!(view(None)["phase"], json!("running"));
    let paid = view(Some("PAID"));
    assert_eq!((paid["status"].clone(), paid["finished"].clone(), paid["phase"].clone()), (json!("PAID"), json!(true), json!("done")));
    assert_eq!(view(Some("REFUND"))["phase"], json!("failed"));
}

#[test]
fn submitted_is_settled_and_every_state_is_classified() {
    // `submitted`: CMR accepted it and nothing can be polled, so nothing more happens without
    // a person; it no longer counts as moving.
    let settled: Vec<_> = ActionState::ALL.iter().filter(|s| s.is_settled()).map(|s| s.as_str()).collect();
    assert_eq!(settled, ["submitted", "succeeded", "failed", "outcome_unknown", "not_applied", "stalled", "released"]);
    for s in ActionState::ALL {
        assert_eq!(ActionState::parse(s.as_str()), s, "ALL lists each state once and parses back");
    }
}

#[test]
fn money_rounds_half_away_from_zero_past_the_cent() {
    assert_eq!(cents_of("14.50"), Some(1450));
    assert_eq!(cents_of("8"), Some(800));
    assert_eq!(cents_of("1.005"), Some(101), "a truncating parser says 100");
    assert_eq!(cents_of("1.004"), Some(100));
    assert_eq!(cents_of("-1.005"), Some(-101));
    assert_eq!(cents_of("1e3"), None);
    assert_eq!(cents_of("$5"), None);
}

#[test]
fn usernames_with_two_dots_in_a_row_are_refused() {
    assert_eq!(username_problem("alice.j"), None);
    assert_eq!(username_problem("a..b"), Some("A username cannot have two dots in a row."));
    assert!(username_problem(".a").is_some() && username_problem("a.").is_some());
    assert!(username_problem("Alice").is_some() && username_problem("a b").is_some());
    assert!(username_problem(&"a".repeat(64)).is_none() && username_problem(&"a".repeat(65)).is_some());
}

#[test]
fn person_names_take_any_script_and_a_few_signs() {
    assert_eq!(person_name_problem("Zoë O'Brien-Lee", "first name"), None);
    assert_eq!(person_name_problem("  ", "first name").as_deref(), Some("Enter a first name."));
    assert!(person_name_problem("a<b", "last name").is_some());
    assert!(person_name_problem(&"x".repeat(61), "last name").is_some());
}

#[test]
fn rules_reach_the_ui_as_wire_words() {
    let rules = serde_json::to_value(Rules::current()).unwrap();
    assert_eq!(rules["subscriptionActions"]["ACTIVE"], json!(["renew", "cancel", "recreate", "autoRenew"]));
    assert_eq!(rules["subscriptionActions"]["CANCELLED"], json!([]));
    assert_eq!(rules["subscriptionStatuses"], json!(["ACTIVE", "RENEWING", "PAST_DUE", "CANCELLED", "EXPIRED"]));
    assert_eq!(rules["actionStates"][2], json!("submitted"));
    assert_eq!(rules["removalCutoffHours"], json!(24));
    assert_eq!(rules["username"]["maxLen"], json!(64));
}
