//! Orders someone is looking at. A progress screen does not poll CMR itself while the tracker
//! follows the order (that would spend the key's 5 requests/s twice): it asks the tracker to
//! watch the order, and the tracker then reads it at a steady short interval instead of its
//! back-off, and reports every reading as a [`CoreEvent::Order`] event.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use cmr_client::orders::OrderStatusInfo;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::Tracker;
use crate::error::DeskResult;
use crate::events::CoreEvent;
use crate::evidence::Evidence;
use crate::rules::OrderStatusView;
use crate::time::{now_ms, Ms};

/// How often a watched order is read (two reads a second would be the whole budget of a
/// bulk job; one every two seconds leaves it almost all).
pub const WATCH_INTERVAL: Duration = Duration::from_secs(2);
/// A watch lapses on its own, so a screen closed without saying so stops costing reads.
const WATCH_FOR: Duration = Duration::from_secs(10 * 60);

/// One reading of an order's status made by the tracker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OrderReading {
    /// The tracked action (local id) that follows the order.
    pub id: String,
    /// Whose key read it: a window shows only the active profile's readings.
    pub profile_id: String,
    pub customer_id: String,
    pub order_id: String,
    pub status: OrderStatusView,
}

/// Order ids being watched, with when each watch lapses.
#[derive(Default)]
pub(crate) struct Watched(Mutex<HashMap<String, Ms>>);

impl Watched {
    fn is_watched(&self, order_id: &str) -> bool {
        let now = now_ms();
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, until| *until > now);
        map.contains_key(order_id)
    }
}

fn order_of(plan: &Evidence) -> Option<&str> {
    match plan {
        Evidence::Order { order_id, .. } | Evidence::OrderStarted { order_id, .. } => Some(order_id),
        Evidence::List { .. } => None,
    }
}

impl Tracker {
    /// Starts (or renews) a watch on an order. True when an unsettled action follows it: the
    /// caller then waits for [`CoreEvent::Order`] events; false means nobody polls it, and the
    /// caller may read it itself.
    pub fn watch_order(&self, order_id: &str) -> DeskResult<bool> {
        let following: Vec<String> = self.db.with(|c| {
            let mut stmt = c.prepare(
                "SELECT id, poll FROM actions WHERE profile_id = ?1 AND state = 'accepted' AND poll IS NOT NULL",
            )?;
            let rows = stmt.query_map([&self.profile_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            let mut ids = Vec::new();
            for row in rows {
                let (id, poll) = row?;
                let plan: Option<Evidence> = serde_json::from_str(&poll).ok();
                if plan.as_ref().and_then(order_of) == Some(order_id) {
                    ids.push(id);
                }
            }
            Ok(ids)
        })?;
        if following.is_empty() {
            return Ok(false);
        }
        let until = now_ms() + WATCH_FOR.as_millis() as i64;
        self.watched.0.lock().unwrap_or_else(|e| e.into_inner()).insert(order_id.to_owned(), until);
        // Read it now rather than at the end of its back-off.
        let now = now_ms();
        self.db.with(|c| {
            for id in &following {
                c.execute("UPDATE actions SET next_at = MIN(next_at, ?2) WHERE id = ?1", params![id, now])?;
            }
            Ok(())
        })?;
        self.wake.notify_one();
        Ok(true)
    }

    /// Ends a watch (the screen closed).
    pub fn unwatch_order(&self, order_id: &str) {
        self.watched.0.lock().unwrap_or_else(|e| e.into_inner()).remove(order_id);
    }

    /// When to read a still-running action next: its back-off, or sooner when watched.
    pub(super) fn next_poll(&self, plan: Option<&Evidence>, attempts: u32) -> Ms {
        let backoff = self.backoff(attempts);
        match plan.and_then(order_of) {
            Some(order) if self.watched.is_watched(order) => backoff.min(now_ms() + WATCH_INTERVAL.as_millis() as i64),
            _ => backoff,
        }
    }

    /// Reports what a step read of an order.
    pub(super) fn report_order(&self, id: &str, readings: Vec<(String, String, OrderStatusInfo)>) {
        for (customer_id, order_id, info) in readings {
            let status = OrderStatusView::from(info);
            self.events.emit(CoreEvent::Order(OrderReading { id: id.to_owned(), profile_id: self.profile_id.clone(), customer_id, order_id, status }));
        }
    }
}
