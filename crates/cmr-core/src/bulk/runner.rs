//! Running bulk jobs. A job and each item's state live in SQLite, so a job survives a restart:
//! [`Desk::open`] resumes every running job. An item is marked `running` before it is sent;
//! one found `running` after a restart was interrupted mid-call, and is settled by reading
//! CMR's state (through the tracker's reconciliation) before anything is sent again.
//!
//! A job belongs to the process running it (its `owner`, see [`crate::lease`]): another
//! process on the same data folder resumes it only once that owner is gone, so the app and
//! the jobs CLI never run one job side by side.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::{params, OptionalExtension, Row};

use crate::bulk::{BulkItem, ItemError, ItemState, JobItemView, JobState, JobView, NewBulkJob};
use crate::app_error::ErrorCode;
use crate::desk::Desk;
use crate::error::{DeskError, DeskResult};
use crate::events::CoreEvent;
use crate::policy::policy;
use crate::time::{iso, now_ms};
use crate::tracker::ActionState;

/// The most items one job holds.
pub const MAX_ITEMS: usize = 100_000;
/// The longest label, and the longest subject of an item, in characters.
pub const MAX_LABEL_CHARS: usize = 200;
pub const MAX_SUBJECT_CHARS: usize = 320;
/// Items written per transaction: the database lock is let go between batches, so the
/// tracker and other readers are not held up by a large job being stored.
const INSERT_BATCH: usize = 1_000;
const DEFAULT_CONCURRENCY: u32 = 4;
const MAX_CONCURRENCY: u32 = 16;
/// Progress events at most this often per job (plus one at the end).
const PROGRESS_EVERY: Duration = Duration::from_millis(200);

fn job_state(s: &str) -> JobState {
    match s {
        "completed" => JobState::Completed,
        "completed_with_errors" => JobState::CompletedWithErrors,
        "cancelled" => JobState::Cancelled,
        _ => JobState::Running,
    }
}

fn job_state_str(s: JobState) -> &'static str {
    match s {
        JobState::Running => "running",
        JobState::Completed => "completed",
        JobState::CompletedWithErrors => "completed_with_errors",
        JobState::Cancelled => "cancelled",
    }
}

fn item_view(r: &Row<'_>) -> rusqlite::Result<JobItemView> {
    let result: Option<String> = r.get(6)?;
    let error: Option<String> = r.get(7)?;
    Ok(JobItemView {
        index: r.get::<_, i64>(0)? as u32,
        customer_id: r.get(1)?,
        subject: r.get(2)?,
        state: ItemState::parse(&r.get::<_, String>(3)?),
        attempts: r.get::<_, i64>(4)? as u32,
        action_id: r.get(5)?,
        result: result.and_then(|t| serde_json::from_str(&t).ok()),
        error: error.and_then(|t| serde_json::from_str(&t).ok()),
    })
}

struct Claimed {
    idx: u32,
    item: BulkItem,
}

impl Desk {
    /// Stores a job and starts it. All items must be of one operation.
    pub fn start_bulk_job(&self, job: NewBulkJob) -> DeskResult<JobView> {
        if job.items.len() > MAX_ITEMS {
            return Err(DeskError::invalid_field("items", format!("A job holds at most {MAX_ITEMS} items; this one has more.")));
        }
        let first = job.items.first().ok_or_else(|| DeskError::invalid_field("items", "a job needs at least one item"))?;
        let operation = first.op.operation();
        let label_chars = job.label.chars().count();
        if label_chars > MAX_LABEL_CHARS {
            return Err(DeskError::invalid_field("label", format!("A job's label is at most {MAX_LABEL_CHARS} characters; this one has {label_chars}.")));
        }
        if let Some(i) = job.items.iter().position(|i| i.subject.chars().count() > MAX_SUBJECT_CHARS) {
            return Err(DeskError::invalid_field(&format!("items[{i}].subject"), format!("A subject is at most {MAX_SUBJECT_CHARS} characters.")));
        }
        if let Some(i) = job.items.iter().position(|i| i.op.operation() != operation) {
            return Err(DeskError::invalid_field(&format!("items[{i}].op"), format!("every item must be {operation}")));
        }
        if let Some(i) = job.items.iter().position(|i| i.op.needs_customer() && i.customer_id.as_deref().unwrap_or("").is_empty()) {
            return Err(DeskError::invalid_field(&format!("items[{i}].customerId"), "this operation needs the customer"));
        }
        let scrub = self.scrubber();
        for (i, item) in job.items.iter().enumerate() {
            let value = serde_json::to_value(item)?;
            if let Some(path) = scrub.find(&value) {
                return Err(DeskError::invalid_field(
                    &format!("items[{i}].{path}"),
                    "this contains the profile's API key; it is never sent as data",
                ));
            }
        }
        let job = NewBulkJob { label: scrub.text(&job.label), ..job };
        let id = uuid::Uuid::new_v4().to_string();
        let concurrency = job.concurrency.unwrap_or(DEFAULT_CONCURRENCY).clamp(1, MAX_CONCURRENCY);
        let snapshots = job.dns_snapshots.unwrap_or(false);
        let label = if job.label.trim().is_empty() { operation.to_owned() } else { job.label.trim().to_owned() };
        let now = now_ms();
        let profile_id = self.profile_id().to_owned();
        let owner = self.tracker().owner_id().to_owned();
        // The job is stored as `preparing` (invisible, never resumed) while its items go in
        // batch by batch, and becomes `running` only once every item is stored.
        self.db().tx(|tx| {
            tx.execute(
                "INSERT INTO jobs (id, profile_id, operation, label, state, concurrency, dns_snapshots, created_at, updated_at, owner) \
                 VALUES (?1, ?2, ?3, ?4, 'preparing', ?5, ?6, ?7, ?7, ?8)",
                params![id, profile_id, operation, label, concurrency, snapshots, now, owner],
            )?;
            Ok(())
        })?;
        let stored = job.items.chunks(INSERT_BATCH).enumerate().try_for_each(|(batch, items)| {
            self.db().tx(|tx| {
                let mut stmt = tx.prepare_cached(
                    "INSERT INTO job_items (job_id, idx, customer_id, subject, input, state, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6)",
                )?;
                for (i, item) in items.iter().enumerate() {
                    let input = serde_json::to_string(item).unwrap_or_default();
                    stmt.execute(params![id, (batch * INSERT_BATCH + i) as i64, item.customer_id, item.subject, input, now])?;
                }
                Ok(())
            })
        });
        let stored = stored.and_then(|()| {
            self.db().tx(|tx| tx.execute("UPDATE jobs SET state = 'running' WHERE id = ?1", [&id]).map(|_| ()))
        });
        if let Err(e) = stored {
            let _ = self.db().tx(|tx| tx.execute("DELETE FROM jobs WHERE id = ?1", [&id]));
            return Err(e);
        }
        self.log(&format!("job {id} started: {} × {operation}", job.items.len()));
        self.spawn_job(&id);
        self.job(&id)
    }

    pub fn job(&self, id: &str) -> DeskResult<JobView> {
        let head = self.db().with(|c| {
            c.query_row(
                "SELECT id, profile_id, operation, label, state, created_at, updated_at FROM jobs WHERE id = ?1 AND profile_id = ?2",
                params![id, self.profile_id()],
                |r| {
                    Ok(JobView {
                        id: r.get(0)?,
                        profile_id: r.get(1)?,
                        operation: r.get(2)?,
                        label: r.get(3)?,
                        state: job_state(&r.get::<_, String>(4)?),
                        total: 0,
                        pending: 0,
                        running: 0,
                        succeeded: 0,
                        failed: 0,
                        cancelled: 0,
                        unknown: 0,
                        created_at: iso(r.get(5)?),
                        updated_at: iso(r.get(6)?),
                    })
                },
            )
            .optional()
        })?;
        let mut v = head.ok_or_else(|| DeskError::NotFound(format!("job {id}")))?;
        let counts: Vec<(String, i64)> = self.db().with(|c| {
            let mut stmt = c.prepare("SELECT state, COUNT(*) FROM job_items WHERE job_id = ?1 GROUP BY state")?;
            let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })?;
        for (state, n) in counts {
            let n = n as u32;
            v.total += n;
            match ItemState::parse(&state) {
                ItemState::Pending => v.pending = n,
                ItemState::Running => v.running = n,
                ItemState::Succeeded => v.succeeded = n,
                ItemState::Failed => v.failed = n,
                ItemState::Cancelled => v.cancelled = n,
                ItemState::Unknown => v.unknown = n,
            }
        }
        Ok(v)
    }

    /// This profile's jobs, newest first.
    pub fn list_jobs(&self, limit: Option<u32>) -> DeskResult<Vec<JobView>> {
        let ids: Vec<String> = self.db().with(|c| {
            let mut stmt = c.prepare("SELECT id FROM jobs WHERE profile_id = ?1 AND state != 'preparing' ORDER BY created_at DESC LIMIT ?2")?;
            let rows = stmt.query_map(params![self.profile_id(), limit.unwrap_or(100).clamp(1, 1000)], |r| r.get(0))?;
            rows.collect()
        })?;
        ids.iter().map(|id| self.job(id)).collect()
    }

    /// A job's items, optionally of one state, in order.
    pub fn job_items(&self, id: &str, state: Option<ItemState>, offset: u32, limit: u32) -> DeskResult<Vec<JobItemView>> {
        self.job(id)?;
        self.db().with(|c| {
            let mut stmt = c.prepare(
                "SELECT idx, customer_id, subject, state, attempts, action_id, result, error FROM job_items \
                 WHERE job_id = ?1 AND (?2 IS NULL OR state = ?2) ORDER BY idx LIMIT ?3 OFFSET ?4",
            )?;
            let rows = stmt.query_map(params![id, state.map(ItemState::as_str), limit.clamp(1, 10_000), offset], item_view)?;
            rows.collect()
        })
    }

    /// Stops a job: items not started are cancelled; items in flight finish.
    pub fn cancel_bulk_job(&self, id: &str) -> DeskResult<JobView> {
        self.job(id)?;
        if let Some(flag) = self.inner.jobs.lock().unwrap_or_else(|e| e.into_inner()).get(id) {
            flag.store(true, Ordering::SeqCst);
        }
        let now = now_ms();
        self.db().tx(|tx| {
            tx.execute("UPDATE job_items SET state = 'cancelled', updated_at = ?2 WHERE job_id = ?1 AND state = 'pending'", params![id, now])?;
            tx.execute("UPDATE jobs SET state = 'cancelled', updated_at = ?2 WHERE id = ?1", params![id, now])?;
            Ok(())
        })?;
        self.log(&format!("job {id} cancelled"));
        let v = self.job(id)?;
        self.inner.events.emit(CoreEvent::Job(v.clone()));
        Ok(v)
    }

    /// Sends the failed items again (and the cancelled ones, and with `include_unknown` the
    /// ones whose outcome could not be established); the rest stay as they are.
    /// A cancelled job's last items may still be in flight: this waits for them first.
    pub async fn retry_failed(&self, id: &str, include_unknown: bool) -> DeskResult<JobView> {
        let started = std::time::Instant::now();
        loop {
            let flag = self.inner.jobs.lock().unwrap_or_else(|e| e.into_inner()).get(id).cloned();
            match flag {
                None => break,
                Some(f) if !f.load(Ordering::SeqCst) => return Err(DeskError::invalid("the job is still running")),
                Some(_) if started.elapsed() > Duration::from_secs(60) => {
                    return Err(DeskError::invalid("the job is still stopping; try again shortly"))
                }
                Some(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
        self.job(id)?;
        if !self.take_jobs(&[id.to_owned()], true)?.contains(&id.to_owned()) {
            return Err(DeskError::invalid("another CMR Desk process is running this job; it can be retried there"));
        }
        let states = if include_unknown { "('failed', 'cancelled', 'unknown')" } else { "('failed', 'cancelled')" };
        let now = now_ms();
        self.db().tx(|tx| {
            tx.execute(
                &format!("UPDATE job_items SET state = 'pending', error = NULL, updated_at = ?2 WHERE job_id = ?1 AND state IN {states}"),
                params![id, now],
            )?;
            tx.execute("UPDATE jobs SET state = 'running', updated_at = ?2 WHERE id = ?1", params![id, now])?;
            Ok(())
        })?;
        self.log(&format!("job {id}: retrying failed items"));
        self.spawn_job(id);
        self.job(id)
    }

    /// Takes ownership of the jobs among `ids` whose owner is gone (or is this desk), in one
    /// immediate transaction so two processes cannot both take one. With `any_state`, jobs
    /// that ended may be taken too (to retry them). Returns the ids taken.
    fn take_jobs(&self, ids: &[String], any_state: bool) -> DeskResult<Vec<String>> {
        let live = crate::lease::live_owners(self.db())?;
        let me = self.tracker().owner_id().to_owned();
        self.db().tx(|tx| {
            let mut taken = Vec::new();
            for id in ids {
                let owner: Option<Option<String>> = tx
                    .query_row(
                        "SELECT owner FROM jobs WHERE id = ?1 AND (?2 OR state = 'running')",
                        params![id, any_state],
                        |r| r.get(0),
                    )
                    .optional()?;
                let Some(owner) = owner else { continue };
                if owner.as_deref() == Some(me.as_str()) || crate::lease::orphaned(owner.as_deref(), &live) {
                    tx.execute("UPDATE jobs SET owner = ?2 WHERE id = ?1", params![id, me])?;
                    taken.push(id.clone());
                }
            }
            Ok(taken)
        })
    }

    /// Starts every job of this profile that was running when its process stopped; jobs a
    /// live process is running are left to it.
    pub(crate) fn resume_jobs(&self) -> DeskResult<usize> {
        self.drop_unfinished_preparations()?;
        let ids: Vec<String> = self.db().with(|c| {
            let mut stmt = c.prepare("SELECT id FROM jobs WHERE profile_id = ?1 AND state = 'running'")?;
            let rows = stmt.query_map([self.profile_id()], |r| r.get(0))?;
            rows.collect()
        })?;
        let ids = self.take_jobs(&ids, false)?;
        for id in &ids {
            self.log(&format!("job {id} resumed"));
            self.spawn_job(id);
        }
        Ok(ids.len())
    }

    /// A job whose process stopped while its items were being stored never started: it is
    /// removed (with the items stored so far), as if it had not been asked for.
    fn drop_unfinished_preparations(&self) -> DeskResult<()> {
        let live = crate::lease::live_owners(self.db())?;
        let me = self.tracker().owner_id().to_owned();
        self.db().tx(|tx| {
            let mut stmt = tx.prepare("SELECT id, owner FROM jobs WHERE profile_id = ?1 AND state = 'preparing'")?;
            let found: Vec<(String, Option<String>)> =
                stmt.query_map([self.profile_id()], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            for (id, owner) in found {
                if owner.as_deref() != Some(me.as_str()) && crate::lease::orphaned(owner.as_deref(), &live) {
                    tx.execute("DELETE FROM jobs WHERE id = ?1", [&id])?;
                }
            }
            Ok(())
        })
    }

    fn spawn_job(&self, id: &str) {
        let flag = Arc::new(AtomicBool::new(false));
        {
            let mut jobs = self.inner.jobs.lock().unwrap_or_else(|e| e.into_inner());
            if jobs.contains_key(id) {
                return;
            }
            jobs.insert(id.to_owned(), flag.clone());
        }
        let desk = self.clone();
        let id = id.to_owned();
        let task = tokio::spawn(async move {
            if let Err(e) = desk.run_job(&id, flag).await {
                desk.log(&format!("job {id} stopped: {e}"));
            }
            desk.inner.jobs.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
        });
        self.inner.tasks.lock().unwrap_or_else(|e| e.into_inner()).push(task);
    }

    /// Runs a job to its end (or until cancelled): settle interrupted items, then workers.
    pub async fn run_job(&self, id: &str, cancel: Arc<AtomicBool>) -> DeskResult<JobView> {
        self.settle_interrupted(id).await?;
        let (concurrency, snapshots): (i64, bool) = self.db().with(|c| {
            c.query_row("SELECT concurrency, dns_snapshots FROM jobs WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        })?;
        let last_event = Arc::new(std::sync::Mutex::new(Instant::now()));
        let workers = (0..concurrency.max(1)).map(|_| self.worker(id, cancel.clone(), snapshots, last_event.clone()));
        let results = futures_util::future::join_all(workers).await;
        results.into_iter().collect::<DeskResult<Vec<()>>>()?;
        let v = self.job(id)?;
        let end = if v.state == JobState::Cancelled || cancel.load(Ordering::SeqCst) {
            JobState::Cancelled
        } else if v.failed + v.unknown + v.cancelled > 0 {
            JobState::CompletedWithErrors
        } else {
            JobState::Completed
        };
        self.db().with(|c| {
            c.execute("UPDATE jobs SET state = ?2, updated_at = ?3 WHERE id = ?1", params![id, job_state_str(end), now_ms()])
        })?;
        let v = self.job(id)?;
        self.log(&format!("job {id} {}: {} ok, {} failed, {} unknown", job_state_str(end), v.succeeded, v.failed, v.unknown));
        self.inner.events.emit(CoreEvent::Job(v.clone()));
        Ok(v)
    }

    async fn worker(&self, id: &str, cancel: Arc<AtomicBool>, snapshots: bool, last_event: Arc<std::sync::Mutex<Instant>>) -> DeskResult<()> {
        while !cancel.load(Ordering::SeqCst) {
            let Some(claimed) = self.claim(id)? else { break };
            let result = self.run_bulk_item(id, claimed.idx, &claimed.item, snapshots).await;
            let (state, action_id, result, error) = match result {
                Ok(o) => (ItemState::Succeeded, o.action_id, Some(o.result.to_string()), None),
                Err(e) => {
                    let unknown = e.cmr().is_some_and(|c| c.code() == cmr_client::ErrorCode::OutcomeUnknown);
                    let state = if unknown { ItemState::Unknown } else { ItemState::Failed };
                    (state, None, None, serde_json::to_string(&ItemError::from_desk(&e)).ok())
                }
            };
            self.finish_item(id, claimed.idx, state, action_id.as_deref(), result.as_deref(), error.as_deref())?;
            let due = {
                let mut last = last_event.lock().unwrap_or_else(|e| e.into_inner());
                let due = last.elapsed() >= PROGRESS_EVERY;
                if due {
                    *last = Instant::now();
                }
                due
            };
            if due {
                self.inner.events.emit(CoreEvent::Job(self.job(id)?));
            }
        }
        Ok(())
    }

    /// Takes the next pending item and marks it running (written before it is sent).
    fn claim(&self, id: &str) -> DeskResult<Option<Claimed>> {
        let row: Option<(i64, String)> = self.db().tx(|tx| {
            let row: Option<(i64, String)> = tx
                .query_row(
                    "SELECT idx, input FROM job_items WHERE job_id = ?1 AND state = 'pending' ORDER BY idx LIMIT 1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((idx, _)) = &row {
                tx.execute(
                    "UPDATE job_items SET state = 'running', attempts = attempts + 1, updated_at = ?3 WHERE job_id = ?1 AND idx = ?2",
                    params![id, idx, now_ms()],
                )?;
            }
            Ok(row)
        })?;
        let Some((idx, input)) = row else { return Ok(None) };
        let item: BulkItem = serde_json::from_str(&input)?;
        Ok(Some(Claimed { idx: idx as u32, item }))
    }

    fn finish_item(
        &self,
        id: &str,
        idx: u32,
        state: ItemState,
        action_id: Option<&str>,
        result: Option<&str>,
        error: Option<&str>,
    ) -> DeskResult<()> {
        self.db().with(|c| {
            c.execute(
                "UPDATE job_items SET state = ?3, action_id = COALESCE(?4, action_id), result = ?5, error = ?6, updated_at = ?7 \
                 WHERE job_id = ?1 AND idx = ?2",
                params![id, idx, state.as_str(), action_id, result, error, now_ms()],
            )
        })?;
        Ok(())
    }

    /// Items left `running` by a stopped process: find out from CMR whether they took effect.
    async fn settle_interrupted(&self, id: &str) -> DeskResult<()> {
        let rows: Vec<(i64, String)> = self.db().with(|c| {
            let mut stmt = c.prepare("SELECT idx, input FROM job_items WHERE job_id = ?1 AND state = 'running'")?;
            let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })?;
        // Each needs a few reads spaced out; settle them side by side.
        let settled = rows.into_iter().map(|(idx, input)| self.settle_item(id, idx as u32, input));
        futures_util::future::join_all(settled).await.into_iter().collect::<DeskResult<Vec<()>>>()?;
        Ok(())
    }

    async fn settle_item(&self, id: &str, idx: u32, input: String) -> DeskResult<()> {
        {
            let item: BulkItem = serde_json::from_str(&input)?;
            let repeatable = policy(&item.op.operation()).is_some_and(|p| p.repeatable || !p.mutating());
            let action = self.tracker().for_job_item(id, idx)?;
            let state = match &action {
                // Tracked calls are written down before sending: no row means never sent.
                None if policy(&item.op.operation()).is_some_and(|p| p.asynchronous || p.paid_or_creating) => ItemState::Pending,
                None if repeatable => ItemState::Pending,
                None => ItemState::Unknown,
                Some(action) => match self.tracker().reconcile_now(action).await? {
                    ActionState::Submitted | ActionState::Accepted | ActionState::Succeeded => ItemState::Succeeded,
                    ActionState::Failed => ItemState::Failed,
                    ActionState::NotApplied => ItemState::Pending,
                    _ if repeatable => ItemState::Pending,
                    _ => ItemState::Unknown,
                },
            };
            let note = serde_json::json!({"message": "interrupted by a restart; settled by reading CMR's state"}).to_string();
            let action_id = match &action {
                Some(a) => self.tracker().get(a).ok().and_then(|v| v.action_id),
                None => None,
            };
            let result = (state == ItemState::Succeeded).then_some(note.as_str());
            let error = (state == ItemState::Unknown).then(|| {
                serde_json::to_string(&ItemError {
                    code: ErrorCode::OutcomeUnknown,
                    message: "interrupted mid-call; CMR's state does not tell whether it took effect".into(),
                    status: None,
                    fields: None,
                })
                .unwrap_or_default()
            });
            self.finish_item(id, idx, state, action_id.as_deref(), result, error.as_deref())?;
            self.log(&format!("job {id} item {idx}: interrupted, now {}", state.as_str()));
        }
        Ok(())
    }
}
