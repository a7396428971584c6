//! What a person does about a paid or creating call that is not settled: find it (a screen
//! asks before offering Pay), check its status now, and — only after a check left it
//! unknown — release it with a typed confirmation so the same call may be sent again.

use std::time::Duration;

use serde_json::Value;

use crate::desk::Desk;
use crate::error::{DeskError, DeskResult};
use crate::once::guard_key;
use crate::policy::policy;
use crate::tracker::{ActionState, ActionView};

/// How long a paying screen keeps saying "it went through" for a call whose lost answer was
/// found applied.
const RECENTLY: Duration = Duration::from_secs(3600);

impl Desk {
    /// The unsettled action that sending `operation` with `request` for `customer_id` would
    /// repeat — the screen shows "Check status" instead of Pay while there is one — or one
    /// found applied after a lost answer within the last hour.
    pub fn unsettled_for(&self, operation: &str, customer_id: Option<&str>, subject: &str, request: &Value) -> DeskResult<Option<ActionView>> {
        let p = policy(operation).ok_or_else(|| DeskError::invalid(format!("unknown operation {operation}")))?;
        if !p.paid_or_creating {
            return Ok(None);
        }
        let customer = customer_id.filter(|c| !c.is_empty());
        let key = guard_key(p.operation, subject, request);
        match self.tracker().unsettled_for(p.operation, customer, &key)? {
            Some(unsettled) => Ok(Some(unsettled)),
            // Found applied after a lost answer: the screen says so rather than offer Pay.
            None => self.tracker().recently_applied_for(p.operation, customer, &key, RECENTLY),
        }
    }

    /// Reads CMR's state now to settle an action (see [`crate::tracker::Tracker::check_now`]).
    pub async fn check_action(&self, id: &str) -> DeskResult<ActionView> {
        self.owned(id)?;
        let view = self.tracker().check_now(id).await?;
        if view.state == ActionState::Submitted {
            if let Some(p) = policy(&view.operation) {
                self.invalidate_for(p.touches, view.customer_id.as_deref());
            }
        }
        self.log(&format!("{} {}: checked, now {}", view.operation, view.subject, view.state.as_str()));
        Ok(view)
    }

    /// Allows the same call again after a person checked and typed the confirmation.
    pub fn release_action(&self, id: &str, confirmation: &str) -> DeskResult<ActionView> {
        self.owned(id)?;
        let view = self.tracker().release(id, confirmation)?;
        self.log(&format!("{} {}: released for a second send by a person", view.operation, view.subject));
        Ok(view)
    }

    /// Actions of another profile are not this desk's to change.
    fn owned(&self, id: &str) -> DeskResult<ActionView> {
        let view = self.tracker().get(id)?;
        if view.profile_id != self.profile_id() {
            return Err(DeskError::NotFound(format!("action {id}")));
        }
        Ok(view)
    }
}
