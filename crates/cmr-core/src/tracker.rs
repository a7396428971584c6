//! The action tracker. Every accepted asynchronous call is a row in `actions`: its actionId,
//! operation, customer and subject, and a [`Evidence`] saying how to see it finished. A background
//! task polls due rows with exponential back-off, emits each change as an event and, because
//! the rows are in SQLite, carries on after a restart.
//!
//! A tracked call is written down *before* it is sent (state `sending`). If the answer is lost
//! (timeout after the server committed, or the process died), the row becomes `reconciling`:
//! the tracker reads CMR's state to find out whether the call took effect, records the
//! finding in the audit log and never sends it again by itself. Reads that do not show the
//! effect never conclude "not applied" by themselves: the action stays `outcome_unknown`
//! until a person checks it ([`Tracker::check_now`]) and, if they choose, releases it for a
//! second send ([`Tracker::release`]); the rule is in [`crate::once`].
//!
//! Rows carry their owner (see [`crate::lease`]): another process on the same data folder
//! leaves a live owner's calls alone.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use cmr_client::CmrClient;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use tokio::sync::Notify;

use crate::audit::AuditLog;
use crate::db::Db;
use crate::error::{DeskError, DeskResult};
use crate::events::{CoreEvent, EventSink};
use crate::lease::{live_owners, orphaned, Owner, HEARTBEAT};
use crate::evidence::{evaluate, Evidence, Reads, Verdict};
use crate::time::{iso, now_ms, Ms};

// What a person does about an unsettled action: check it now, release it.
mod person;
mod watch;

pub use watch::OrderReading;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ActionState {
    /// Written down, being sent.
    Sending,
    /// CMR accepted it; polling until it is seen done.
    Accepted,
    /// CMR accepted it and nothing can be polled (the live API reports by webhook).
    Submitted,
    Succeeded,
    Failed,
    /// The answer was lost; reading CMR's state to see whether it took effect.
    Reconciling,
    /// The answer was lost and CMR's state cannot tell: a person must check before resending.
    OutcomeUnknown,
    /// The answer was lost and CMR's state shows it did not take effect.
    NotApplied,
    /// Polling gave up before seeing it done.
    Stalled,
    /// The outcome stayed unknown; a person checked and chose to allow sending it again.
    Released,
}

impl ActionState {
    pub const ALL: [ActionState; 10] = [
        ActionState::Sending,
        ActionState::Accepted,
        ActionState::Submitted,
        ActionState::Succeeded,
        ActionState::Failed,
        ActionState::Reconciling,
        ActionState::OutcomeUnknown,
        ActionState::NotApplied,
        ActionState::Stalled,
        ActionState::Released,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionState::Sending => "sending",
            ActionState::Accepted => "accepted",
            ActionState::Submitted => "submitted",
            ActionState::Succeeded => "succeeded",
            ActionState::Failed => "failed",
            ActionState::Reconciling => "reconciling",
            ActionState::OutcomeUnknown => "outcome_unknown",
            ActionState::NotApplied => "not_applied",
            ActionState::Stalled => "stalled",
            ActionState::Released => "released",
        }
    }

    pub fn parse(s: &str) -> ActionState {
        match s {
            "sending" => ActionState::Sending,
            "accepted" => ActionState::Accepted,
            "submitted" => ActionState::Submitted,
            "succeeded" => ActionState::Succeeded,
            "failed" => ActionState::Failed,
            "reconciling" => ActionState::Reconciling,
            "not_applied" => ActionState::NotApplied,
            "stalled" => ActionState::Stalled,
            "released" => ActionState::Released,
            _ => ActionState::OutcomeUnknown,
        }
    }

    /// Nothing more will happen to it without a person.
    pub fn is_settled(self) -> bool {
        !matches!(self, ActionState::Sending | ActionState::Accepted | ActionState::Reconciling)
    }

    /// While an action is in one of these states, the same paid or creating call may not be
    /// sent again (see [`crate::once`]).
    pub fn blocks_resend(self) -> bool {
        matches!(
            self,
            ActionState::Sending
                | ActionState::Accepted
                | ActionState::Reconciling
                | ActionState::OutcomeUnknown
                | ActionState::Stalled
        )
    }
}

/// The states that block a second send, as SQL.
const BLOCKING: &str = "('sending', 'accepted', 'reconciling', 'outcome_unknown', 'stalled')";

/// How the detail of a lost answer found applied begins.
const TOOK_EFFECT: &str = "took effect";

/// What a person types to send a call again whose outcome stayed unknown.
pub const RELEASE_PHRASE: &str = "send again";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ActionView {
    /// Local id (CMR does not give one to every call).
    pub id: String,
    pub profile_id: String,
    pub action_id: Option<String>,
    pub operation: String,
    pub customer_id: Option<String>,
    pub subject: String,
    pub state: ActionState,
    pub detail: Option<String>,
    pub attempts: u32,
    pub created_at: String,
    pub updated_at: String,
    pub job_id: Option<String>,
    /// Nothing more will happen to it without a person.
    pub settled: bool,
    /// A second send of the same call is refused while this holds.
    pub blocks_resend: bool,
    /// When a person last asked for its status to be checked.
    pub checked_at: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ActionFilter {
    /// Only actions still moving (sending, accepted, reconciling).
    #[serde(default)]
    pub active_only: bool,
    #[serde(default)]
    pub customer_id: Option<String>,
    #[serde(default)]
    pub job_id: Option<String>,
    /// Newest first; default 200.
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Clone, Debug)]
pub struct TrackerConfig {
    /// First poll after acceptance; doubles per poll up to `max_interval`.
    pub first_poll: Duration,
    pub max_interval: Duration,
    /// An accepted action not seen done by then becomes `stalled`.
    pub give_up_after: Duration,
    /// Wait before reading state after a lost answer (the server may still be committing);
    /// doubles between reads.
    pub reconcile_delay: Duration,
    /// Reads before concluding "not applied" for a paid or creating call (other calls take
    /// at most 3). With the defaults the last read comes about 90 s after the call: CMR
    /// provisions orders within 10–90 s, and a paid call must not be declared absent while
    /// it may still be appearing.
    pub reconcile_attempts: u32,
}

impl Default for TrackerConfig {
    fn default() -> Self {
        TrackerConfig {
            first_poll: Duration::from_secs(3),
            max_interval: Duration::from_secs(60),
            give_up_after: Duration::from_secs(6 * 3600),
            reconcile_delay: Duration::from_secs(3),
            reconcile_attempts: 6,
        }
    }
}

pub struct Tracker {
    db: Db,
    owner: Owner,
    /// Rows being looked at right now, so the poller and a direct check never read the same
    /// row at once (which would also spend its reads twice as fast).
    in_step: Mutex<HashSet<String>>,
    profile_id: String,
    audit: AuditLog,
    events: Arc<dyn EventSink>,
    client: Arc<RwLock<CmrClient>>,
    config: TrackerConfig,
    wake: Notify,
    watched: watch::Watched,
}

const COLUMNS: &str =
    "id, profile_id, action_id, operation, customer_id, subject, state, detail, attempts, created_at, updated_at, job_id, checked_at";

fn view(r: &Row<'_>) -> rusqlite::Result<ActionView> {
    let state = ActionState::parse(&r.get::<_, String>(6)?);
    Ok(ActionView {
        settled: state.is_settled(),
        blocks_resend: state.blocks_resend(),
        checked_at: r.get::<_, Option<Ms>>(12)?.map(iso),
        id: r.get(0)?,
        profile_id: r.get(1)?,
        action_id: r.get(2)?,
        operation: r.get(3)?,
        customer_id: r.get(4)?,
        subject: r.get(5)?,
        state,
        detail: r.get(7)?,
        attempts: r.get::<_, i64>(8)? as u32,
        created_at: iso(r.get(9)?),
        updated_at: iso(r.get(10)?),
        job_id: r.get(11)?,
    })
}

/// A due row as the poller needs it.
struct Due {
    id: String,
    operation: String,
    state: ActionState,
    plan: Option<Evidence>,
    attempts: u32,
    created_at: Ms,
    audit_id: Option<i64>,
}

#[derive(Clone, Copy)]
pub(crate) struct NewAction<'a> {
    pub operation: &'a str,
    pub customer_id: Option<&'a str>,
    pub subject: &'a str,
    pub audit_id: Option<i64>,
    pub reconcile: Option<&'a Evidence>,
    pub job_id: Option<&'a str>,
    pub job_item: Option<u32>,
    /// Set for paid and creating calls: refused while an overlapping one is unsettled.
    pub guard_key: Option<&'a str>,
}

/// Releases a row claimed for a step when dropped.
struct StepClaim<'a> {
    tracker: &'a Tracker,
    id: String,
}

impl Drop for StepClaim<'_> {
    fn drop(&mut self) {
        self.tracker.in_step.lock().unwrap_or_else(|e| e.into_inner()).remove(&self.id);
    }
}

impl Tracker {
    pub(crate) fn new(
        db: Db,
        profile_id: String,
        audit: AuditLog,
        events: Arc<dyn EventSink>,
        client: Arc<RwLock<CmrClient>>,
        config: TrackerConfig,
    ) -> DeskResult<Tracker> {
        let owner = Owner::register(&db)?;
        Ok(Tracker { db, owner, in_step: Mutex::default(), profile_id, audit, events, client, config, wake: Notify::new(), watched: watch::Watched::default() })
    }

    /// This process's owner id on the database.
    pub fn owner_id(&self) -> &str {
        self.owner.id()
    }

    /// Gives up ownership (the desk is closing): another process may recover what is left.
    pub(crate) fn release_ownership(&self) {
        self.owner.release();
    }

    fn claim(&self, id: &str) -> Option<StepClaim<'_>> {
        let mut set = self.in_step.lock().unwrap_or_else(|e| e.into_inner());
        set.insert(id.to_owned()).then(|| StepClaim { tracker: self, id: id.to_owned() })
    }

    fn client(&self) -> CmrClient {
        self.client.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn announce(&self, id: &str) {
        if let Ok(v) = self.get(id) {
            self.events.emit(CoreEvent::Action(v));
        }
    }

    pub fn get(&self, id: &str) -> DeskResult<ActionView> {
        let sql = format!("SELECT {COLUMNS} FROM actions WHERE id = ?1");
        self.db
            .with(|c| c.query_row(&sql, [id], view).optional())?
            .ok_or_else(|| DeskError::NotFound(format!("action {id}")))
    }

    pub fn list(&self, f: &ActionFilter) -> DeskResult<Vec<ActionView>> {
        let mut sql = format!("SELECT {COLUMNS} FROM actions WHERE profile_id = ?1");
        if f.active_only {
            sql.push_str(" AND state IN ('sending', 'accepted', 'reconciling')");
        }
        sql.push_str(" AND (?2 IS NULL OR customer_id = ?2) AND (?3 IS NULL OR job_id = ?3)");
        sql.push_str(&format!(" ORDER BY created_at DESC LIMIT {}", f.limit.unwrap_or(200).clamp(1, 10_000)));
        self.db.with(|c| {
            let mut stmt = c.prepare(&sql)?;
            let rows = stmt.query_map(params![self.profile_id, f.customer_id, f.job_id], view)?;
            rows.collect()
        })
    }

    /// The unsettled action that a call with this guard key would repeat, if any.
    pub fn unsettled_for(&self, operation: &str, customer_id: Option<&str>, guard_key: &str) -> DeskResult<Option<ActionView>> {
        let sql = format!(
            "SELECT id, guard_key FROM actions WHERE profile_id = ?1 AND operation = ?2 AND customer_id IS ?3 \
             AND state IN {BLOCKING} AND guard_key IS NOT NULL ORDER BY created_at DESC"
        );
        let rows: Vec<(String, String)> = self.db.with(|c| {
            let mut stmt = c.prepare(&sql)?;
            let rows = stmt.query_map(params![self.profile_id, operation, customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })?;
        match rows.into_iter().find(|(_, key)| crate::once::keys_overlap(key, guard_key)) {
            Some((id, _)) => Ok(Some(self.get(&id)?)),
            None => Ok(None),
        }
    }

    /// An action with an overlapping guard key whose lost answer was found, by reading
    /// CMR's state within the last `within`, to have taken effect: a paying screen says "it
    /// went through" instead of offering Pay again for it.
    pub fn recently_applied_for(&self, operation: &str, customer_id: Option<&str>, guard_key: &str, within: Duration) -> DeskResult<Option<ActionView>> {
        let since = now_ms() - within.as_millis() as i64;
        let rows: Vec<(String, String)> = self.db.with(|c| {
            let mut stmt = c.prepare(
                "SELECT id, guard_key FROM actions WHERE profile_id = ?1 AND operation = ?2 AND customer_id IS ?3 \
                 AND state = 'submitted' AND detail LIKE ?4 AND updated_at > ?5 AND guard_key IS NOT NULL ORDER BY updated_at DESC",
            )?;
            let like = format!("{TOOK_EFFECT}%");
            let rows = stmt.query_map(params![self.profile_id, operation, customer_id, like, since], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })?;
        match rows.into_iter().find(|(_, key)| crate::once::keys_overlap(key, guard_key)) {
            Some((id, _)) => Ok(Some(self.get(&id)?)),
            None => Ok(None),
        }
    }

    /// Writes down a call about to be sent. With a guard key, refuses (in the same
    /// transaction, so two clicks cannot both pass) when an overlapping call is unsettled.
    pub(crate) fn begin(&self, a: &NewAction<'_>) -> DeskResult<String> {
        let id = uuid::Uuid::new_v4().to_string();
        let reconcile = a.reconcile.map(serde_json::to_string).transpose()?;
        let now = now_ms();
        let blocking_sql = format!(
            "SELECT id, guard_key FROM actions WHERE profile_id = ?1 AND operation = ?2 AND customer_id IS ?3 \
             AND state IN {BLOCKING} AND guard_key IS NOT NULL"
        );
        let blocked: Option<String> = self.db.tx(|tx| {
            if let Some(key) = a.guard_key {
                let mut stmt = tx.prepare(&blocking_sql)?;
                let rows = stmt.query_map(params![self.profile_id, a.operation, a.customer_id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })?;
                for row in rows {
                    let (other, other_key) = row?;
                    if crate::once::keys_overlap(&other_key, key) {
                        return Ok(Some(other));
                    }
                }
            }
            tx.execute(
                "INSERT INTO actions (id, profile_id, audit_id, operation, customer_id, subject, state, reconcile, \
                 created_at, updated_at, job_id, job_item, owner, guard_key) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'sending', ?7, ?8, ?8, ?9, ?10, ?11, ?12)",
                params![
                    id,
                    self.profile_id,
                    a.audit_id,
                    a.operation,
                    a.customer_id,
                    a.subject,
                    reconcile,
                    now,
                    a.job_id,
                    a.job_item,
                    self.owner.id(),
                    a.guard_key
                ],
            )?;
            Ok(None)
        })?;
        match blocked {
            Some(other) => Err(DeskError::InFlight(Box::new(self.get(&other)?))),
            None => Ok(id),
        }
    }

    /// CMR accepted the call: poll it if `poll` says how, else it is `submitted`.
    pub(crate) fn accepted(&self, id: &str, action_id: Option<&str>, poll: Option<&Evidence>, detail: Option<&str>) -> DeskResult<()> {
        let now = now_ms();
        let (state, next) = match poll {
            Some(_) => (ActionState::Accepted, Some(now + self.config.first_poll.as_millis() as i64)),
            None => (ActionState::Submitted, None),
        };
        let poll = poll.map(serde_json::to_string).transpose()?;
        self.db.with(|c| {
            c.execute(
                "UPDATE actions SET state = ?2, action_id = ?3, poll = ?4, next_at = ?5, detail = ?6, updated_at = ?7 WHERE id = ?1",
                params![id, state.as_str(), action_id, poll, next, detail, now],
            )
        })?;
        self.announce(id);
        if next.is_some() {
            self.wake.notify_one();
        }
        Ok(())
    }

    /// CMR refused the call: nothing was accepted, so nothing to track (the audit log has it).
    pub(crate) fn discard(&self, id: &str) -> DeskResult<()> {
        self.db.with(|c| c.execute("DELETE FROM actions WHERE id = ?1", [id]))?;
        Ok(())
    }

    /// The answer was lost: reconcile if a plan exists, else leave it for a person.
    pub(crate) fn outcome_unknown(&self, id: &str, detail: &str) -> DeskResult<ActionState> {
        let has_plan: bool = self
            .db
            .with(|c| c.query_row("SELECT reconcile IS NOT NULL FROM actions WHERE id = ?1", [id], |r| r.get(0)))?;
        let state = if has_plan { ActionState::Reconciling } else { ActionState::OutcomeUnknown };
        let next = now_ms() + self.config.reconcile_delay.as_millis() as i64;
        self.db.with(|c| {
            c.execute(
                "UPDATE actions SET state = ?2, detail = ?3, next_at = ?4, attempts = 0, updated_at = ?5 WHERE id = ?1",
                params![id, state.as_str(), detail, next, now_ms()],
            )
        })?;
        self.announce(id);
        self.wake.notify_one();
        Ok(state)
    }

    /// After a restart: calls that were being sent when their process stopped have an
    /// unknown outcome. Calls of a live owner (another window, the jobs CLI) are left to it.
    /// Returns how many were found.
    pub fn recover_interrupted(&self) -> DeskResult<usize> {
        let rows: Vec<(String, Option<String>)> = self.db.with(|c| {
            let mut stmt = c.prepare("SELECT id, owner FROM actions WHERE profile_id = ?1 AND state = 'sending'")?;
            let rows = stmt.query_map([&self.profile_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })?;
        if rows.is_empty() {
            return Ok(0);
        }
        let live = live_owners(&self.db)?;
        let ids: Vec<String> = rows.into_iter().filter(|(_, owner)| orphaned(owner.as_deref(), &live)).map(|(id, _)| id).collect();
        for id in &ids {
            self.outcome_unknown(id, "the app stopped while this call was being sent")?;
        }
        Ok(ids.len())
    }

    fn set_state(&self, d: &Due, state: ActionState, detail: &str, next: Option<Ms>, attempts: u32) -> DeskResult<()> {
        self.db.with(|c| {
            c.execute(
                "UPDATE actions SET state = ?2, detail = ?3, next_at = ?4, attempts = ?5, updated_at = ?6 WHERE id = ?1",
                params![d.id, state.as_str(), detail, next, attempts as i64, now_ms()],
            )
        })?;
        if d.state == ActionState::Reconciling && state != ActionState::Reconciling {
            if let Some(audit_id) = d.audit_id {
                let outcome = match state {
                    ActionState::NotApplied => format!("reconciled: not applied ({detail})"),
                    ActionState::OutcomeUnknown => format!("reconciled: still unknown ({detail})"),
                    _ => format!("reconciled: applied ({detail})"),
                };
                self.audit.note_outcome(audit_id, &outcome)?;
            }
        }
        self.announce(&d.id);
        Ok(())
    }

    fn backoff(&self, attempts: u32) -> Ms {
        let base = self.config.first_poll.as_millis() as f64;
        let wait = (base * 2f64.powi(attempts.min(20) as i32)).min(self.config.max_interval.as_millis() as f64);
        now_ms() + wait as i64
    }

    fn due(&self, only: Option<&str>) -> DeskResult<Vec<Due>> {
        self.db.with(|c| {
            let mut stmt = c.prepare(
                "SELECT id, state, poll, reconcile, attempts, created_at, audit_id, operation FROM actions \
                 WHERE profile_id = ?1 AND state IN ('accepted', 'reconciling') AND (?2 IS NULL AND next_at <= ?3 OR id = ?2) \
                 ORDER BY next_at LIMIT 500",
            )?;
            let rows = stmt.query_map(params![self.profile_id, only, now_ms()], |r| {
                let state = ActionState::parse(&r.get::<_, String>(1)?);
                let plan_col = if state == ActionState::Accepted { 2 } else { 3 };
                let plan: Option<String> = r.get(plan_col)?;
                Ok(Due {
                    id: r.get(0)?,
                    operation: r.get(7)?,
                    state,
                    plan: plan.and_then(|p| serde_json::from_str(&p).ok()),
                    attempts: r.get::<_, i64>(4)? as u32,
                    created_at: r.get(5)?,
                    audit_id: r.get(6)?,
                })
            })?;
            rows.collect()
        })
    }

    /// Looks at one due action with fresh reads; returns its new state.
    async fn step(&self, d: &Due, reads: &mut Reads) -> DeskResult<ActionState> {
        let Some(plan) = &d.plan else {
            let state = if d.state == ActionState::Accepted { ActionState::Submitted } else { ActionState::OutcomeUnknown };
            self.set_state(d, state, "nothing to read back", None, d.attempts)?;
            return Ok(state);
        };
        let attempts = d.attempts + 1;
        let verdict = evaluate(&self.client(), plan, reads).await;
        let reconciling = d.state == ActionState::Reconciling;
        let (state, detail, next) = match verdict {
            Ok(Verdict::Met(detail)) if reconciling => {
                (ActionState::Submitted, format!("{TOOK_EFFECT} ({detail}); not sent again"), None)
            }
            Ok(Verdict::Met(detail)) => (ActionState::Succeeded, detail, None),
            Ok(Verdict::Failed(detail)) => (ActionState::Failed, detail, None),
            Ok(Verdict::Pending { met, detail, .. }) if reconciling => {
                // Paid and creating calls get the whole window; the others' effect shows at once.
                let paid = crate::policy::policy(&d.operation).is_some_and(|p| p.paid_or_creating);
                let reads = if paid { self.config.reconcile_attempts } else { self.config.reconcile_attempts.min(3) };
                if attempts < reads {
                    let wait = self.config.reconcile_delay.as_millis() as i64 * (1 << attempts.min(10));
                    let next = now_ms() + wait;
                    (ActionState::Reconciling, detail, Some(next))
                } else if met == 0 {
                    // Not seen is not proof of absence: CMR may still be working on it.
                    let why = format!("not seen in CMR's state after {attempts} reads ({detail}); check again, or send it again after checking");
                    (ActionState::OutcomeUnknown, why, None)
                } else {
                    (ActionState::OutcomeUnknown, format!("partly applied: {detail}"), None)
                }
            }
            Ok(Verdict::Pending { detail, .. }) => {
                let age = now_ms() - d.created_at;
                if age > self.config.give_up_after.as_millis() as i64 {
                    (ActionState::Stalled, format!("not done after {} min: {detail}", age / 60_000), None)
                } else {
                    (ActionState::Accepted, detail, Some(self.next_poll(Some(plan), attempts)))
                }
            }
            // A failed read says nothing about the action: try again later.
            Err(e) => (d.state, format!("could not check: {}", e.message()), Some(self.next_poll(Some(plan), attempts))),
        };
        // The reading goes out before the new state, so a screen that stops at "settled" has
        // already shown what the tracker settled on.
        self.report_order(&d.id, std::mem::take(&mut reads.orders));
        self.set_state(d, state, &detail, next, attempts)?;
        Ok(state)
    }

    /// One pass over every due action. Returns when the next one falls due.
    pub async fn tick(&self) -> DeskResult<Option<Ms>> {
        let due = self.due(None)?;
        let mut reads = Reads::default();
        for d in &due {
            let Some(_claim) = self.claim(&d.id) else { continue };
            self.step(d, &mut reads).await?;
        }
        self.db.with(|c| {
            c.query_row(
                "SELECT MIN(next_at) FROM actions WHERE profile_id = ?1 AND state IN ('accepted', 'reconciling')",
                [&self.profile_id],
                |r| r.get(0),
            )
        })
    }

    /// The latest action of a bulk job's item, if one was written.
    pub(crate) fn for_job_item(&self, job_id: &str, idx: u32) -> DeskResult<Option<String>> {
        self.db.with(|c| {
            c.query_row(
                "SELECT id FROM actions WHERE job_id = ?1 AND job_item = ?2 ORDER BY created_at DESC LIMIT 1",
                params![job_id, idx],
                |r| r.get(0),
            )
            .optional()
        })
    }

    /// Reconciles one action now (reads spaced as in the poller) and returns where
    /// it ended up; used by the bulk runner when resuming an interrupted item.
    pub async fn reconcile_now(&self, id: &str) -> DeskResult<ActionState> {
        loop {
            let current = self.get(id)?.state;
            if current != ActionState::Reconciling {
                return Ok(current);
            }
            let Some(claim) = self.claim(id) else {
                // The poller is looking at it right now; see what it found.
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                continue;
            };
            let Some(d) = self.due(Some(id))?.into_iter().next() else { return Ok(current) };
            let attempts = d.attempts + 1;
            let state = self.step(&d, &mut Reads::default()).await?;
            drop(claim);
            if state != ActionState::Reconciling {
                return Ok(state);
            }
            tokio::time::sleep(self.config.reconcile_delay * (1 << attempts.min(10))).await;
        }
    }

    /// Polls until the task is aborted (the desk does that when it closes). Each round also
    /// renews this process's lease and takes over calls left by a process that died.
    pub(crate) fn spawn(self: &Arc<Self>) -> tokio::task::JoinHandle<()> {
        let tracker = self.clone();
        tokio::spawn(async move {
            loop {
                let _ = tracker.owner.heartbeat();
                let _ = tracker.recover_interrupted();
                let next = tracker.tick().await.ok().flatten();
                let most = HEARTBEAT.as_millis() as i64;
                let wait = match next {
                    Some(at) => Duration::from_millis((at - now_ms()).clamp(50, most) as u64),
                    None => HEARTBEAT,
                };
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = tracker.wake.notified() => {}
                }
            }
        })
    }
}

