//! What a person does about an action whose outcome is unknown: ask for its status now, and
//! (only after that) release it for a second send with a typed confirmation.

use rusqlite::params;

use super::{ActionState, ActionView, Tracker, RELEASE_PHRASE, TOOK_EFFECT};
use crate::error::{DeskError, DeskResult};
use crate::evidence::{evaluate, Evidence, Reads, Verdict};
use crate::time::now_ms;

impl Tracker {
    /// A person asks: did it take effect? Reads CMR's state once, now. Found → settled as
    /// applied (never sent again); not found → `outcome_unknown`, marked as checked, which is
    /// what allows [`Tracker::release`].
    pub async fn check_now(&self, id: &str) -> DeskResult<ActionView> {
        let current = self.get(id)?;
        let claim = loop {
            match self.claim(id) {
                Some(c) => break c,
                None => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
            }
        };
        let (reconcile, poll, audit_id): (Option<String>, Option<String>, Option<i64>) = self.db.with(|c| {
            c.query_row("SELECT reconcile, poll, audit_id FROM actions WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        })?;
        let plan_text = if current.state == ActionState::Accepted { poll } else { reconcile };
        let plan: Option<Evidence> = plan_text.and_then(|p| serde_json::from_str(&p).ok());
        let now = now_ms();
        let (state, detail) = match (current.state, plan) {
            // Still on its way: the call itself will tell.
            (s, _) if !s.blocks_resend() || s == ActionState::Sending => {
                drop(claim);
                return Ok(current);
            }
            (_, None) => (
                ActionState::OutcomeUnknown,
                "CMR's state cannot show whether this took effect: check it in CMR, then decide".to_owned(),
            ),
            (state, Some(plan)) => match evaluate(&self.client(), &plan, &mut Reads::default()).await {
                Ok(Verdict::Met(d)) if state == ActionState::Accepted => (ActionState::Succeeded, d),
                Ok(Verdict::Met(d)) => (ActionState::Submitted, format!("{TOOK_EFFECT} ({d}); not sent again")),
                Ok(Verdict::Failed(d)) => (ActionState::Failed, d),
                Ok(Verdict::Pending { detail, .. }) if state == ActionState::Accepted => (ActionState::Accepted, detail),
                Ok(Verdict::Pending { detail, .. }) => {
                    (ActionState::OutcomeUnknown, format!("checked: not seen in CMR's state ({detail})"))
                }
                Err(e) => (state, format!("could not check: {}", e.message())),
            },
        };
        let checked = state == ActionState::OutcomeUnknown;
        self.db.with(|c| {
            c.execute(
                "UPDATE actions SET state = ?2, detail = ?3, updated_at = ?4, checked_at = CASE WHEN ?5 THEN ?4 ELSE checked_at END, \
                 next_at = CASE WHEN ?2 = 'accepted' THEN next_at ELSE NULL END WHERE id = ?1",
                params![id, state.as_str(), detail, now, checked],
            )
        })?;
        if let Some(audit_id) = audit_id.filter(|_| current.state != ActionState::Accepted) {
            let outcome = match state {
                ActionState::Submitted => format!("checked: applied ({detail})"),
                _ => format!("checked: still unknown ({detail})"),
            };
            self.audit.note_outcome(audit_id, &outcome)?;
        }
        drop(claim);
        self.announce(id);
        self.get(id)
    }

    /// A person checked an unknown outcome and chooses to allow the same call again; they
    /// type [`RELEASE_PHRASE`] to say so. Recorded in the audit log.
    pub fn release(&self, id: &str, confirmation: &str) -> DeskResult<ActionView> {
        let current = self.get(id)?;
        if current.state != ActionState::OutcomeUnknown {
            return Err(DeskError::invalid(format!(
                "only a call whose outcome is unknown can be released; this one is {}",
                current.state.as_str().replace('_', " ")
            )));
        }
        if current.checked_at.is_none() {
            return Err(DeskError::invalid("check its status first: CMR may have carried it out"));
        }
        if !confirmation.trim().eq_ignore_ascii_case(RELEASE_PHRASE) {
            return Err(DeskError::invalid_field("confirmation", format!("type “{RELEASE_PHRASE}” to confirm")));
        }
        let detail = "a person checked and chose to allow sending it again";
        let audit_id: Option<i64> = self.db.with(|c| {
            c.execute(
                "UPDATE actions SET state = 'released', detail = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, detail, now_ms()],
            )?;
            c.query_row("SELECT audit_id FROM actions WHERE id = ?1", [id], |r| r.get(0))
        })?;
        if let Some(audit_id) = audit_id {
            self.audit.note_outcome(audit_id, &format!("released: {detail}"))?;
        }
        self.announce(id);
        self.get(id)
    }
}
