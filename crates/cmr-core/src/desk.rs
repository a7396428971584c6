//! [`Desk`]: the core of one profile. It holds the profile's client, the audit log, the action
//! tracker, the cache and the bulk jobs, and is the one door every mutating call goes through
//! ([`Desk::mutate`]): audit row, tracker registration, cache invalidation, lost-answer
//! reconciliation and 422 field mapping happen there, whoever calls.

use std::collections::HashMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, RwLock};

use cmr_client::{ApiResponse, CmrClient, CmrError, ErrorCode};
use serde::Serialize;
use serde_json::Value;

use crate::audit::{AuditLog, AuditResult, AuditStart};
use crate::charges::{ExpectedCharges, QuotedCharge};
use crate::cache::CacheStore;
use crate::db::Db;
use crate::error::{DeskError, DeskResult};
use crate::events::EventSink;
use crate::fields::fields_for;
use crate::log::DeskLog;
use crate::evidence::Evidence;
use crate::once;
use crate::policy::{poll_plan, policy, reconcile_plan};
use crate::redact::{redact, Scrubber};
use crate::tracker::{NewAction, Tracker, TrackerConfig};

#[derive(Clone, Debug)]
pub struct DeskConfig {
    pub tracker: TrackerConfig,
    /// Read a zone before and after each DNS write for the audit log (two extra requests).
    pub dns_snapshots: bool,
    /// Start the tracker's poller and resume unfinished bulk jobs (needs a Tokio runtime).
    pub background: bool,
}

impl Default for DeskConfig {
    fn default() -> Self {
        DeskConfig { tracker: TrackerConfig::default(), dns_snapshots: true, background: true }
    }
}

/// One mutating call, as the audit log and the tracker see it.
#[derive(Clone, Debug)]
pub struct Mutation {
    /// The client method's name, e.g. `update_dns_record`.
    pub operation: String,
    pub customer_id: Option<String>,
    /// What it acts on, for people: a domain, a mailbox id, an order id.
    pub subject: String,
    /// The request as sent (secrets are removed before anything is stored).
    pub request: Value,
    pub job: Option<(String, u32)>,
    /// Overrides [`DeskConfig::dns_snapshots`].
    pub dns_snapshots: Option<bool>,
}

/// A failure after the request may have reached CMR, as the UI and the bulk runner see it:
/// `outcome_unknown`, with what actually happened in the message.
fn as_outcome_unknown(e: CmrError) -> CmrError {
    match e {
        CmrError::OutcomeUnknown { .. } => e,
        other => CmrError::OutcomeUnknown {
            operation_id: other.operation_id(),
            message: format!("the reply could not be trusted: {}", other.message()),
        },
    }
}

impl Mutation {
    /// A write named by its endpoint (`Mutation::new(&ep::ADD_DNS_RECORDS, domain)`): a
    /// misspelt operation is a compile error, not a policy lookup that finds nothing.
    pub fn new(endpoint: &'static cmr_client::Endpoint, subject: impl Into<String>) -> Self {
        Self::for_operation(&crate::policy::snake_case(endpoint.operation_id), subject)
    }

    /// A write named at run time (a bulk job's stored operation). Prefer [`Mutation::new`].
    pub fn for_operation(operation: &str, subject: impl Into<String>) -> Self {
        Mutation {
            operation: operation.to_owned(),
            customer_id: None,
            subject: subject.into(),
            request: Value::Null,
            job: None,
            dns_snapshots: None,
        }
    }

    pub fn customer(mut self, customer_id: impl Into<String>) -> Self {
        self.customer_id = Some(customer_id.into()).filter(|c: &String| !c.is_empty());
        self
    }

    pub fn request(mut self, request: &impl Serialize) -> Self {
        self.request = serde_json::to_value(request).unwrap_or(Value::Null);
        self
    }
}

/// The core of one profile. Cheap to clone.
#[derive(Clone)]
pub struct Desk {
    pub(crate) inner: Arc<DeskInner>,
}

pub(crate) struct DeskInner {
    pub profile_id: String,
    pub data_dir: PathBuf,
    pub db: Db,
    pub client: Arc<RwLock<CmrClient>>,
    pub audit: AuditLog,
    pub tracker: Arc<Tracker>,
    pub cache: CacheStore,
    pub events: Arc<dyn EventSink>,
    pub log: DeskLog,
    pub scrubber: RwLock<Scrubber>,
    pub config: DeskConfig,
    pub tasks: Mutex<Vec<tokio::task::JoinHandle<()>>>,
    /// Cancel flags of the bulk jobs running in this process.
    pub jobs: Mutex<HashMap<String, Arc<AtomicBool>>>,
    /// Quotes shown in paying dialogs, waiting for their Pay.
    pub charges: ExpectedCharges,
}

fn scrubber_for(client: &CmrClient) -> Scrubber {
    let cfg = client.config();
    let mut secrets = vec![cfg.api_key.expose_secret().to_owned()];
    secrets.extend(cfg.sandbox_api_key.as_ref().map(|k| k.expose_secret().to_owned()));
    Scrubber::new(secrets)
}

impl Desk {
    /// Opens the desk of `profile_id` on `data_dir/cmr-desk.sqlite`, with default settings.
    pub fn open(data_dir: &Path, profile_id: &str, client: CmrClient, events: Arc<dyn EventSink>) -> DeskResult<Desk> {
        Desk::open_with(data_dir, profile_id, client, events, DeskConfig::default())
    }

    pub fn open_with(
        data_dir: &Path,
        profile_id: &str,
        client: CmrClient,
        events: Arc<dyn EventSink>,
        config: DeskConfig,
    ) -> DeskResult<Desk> {
        let db = Db::open_in(data_dir)?;
        let scrubber = scrubber_for(&client);
        let client = Arc::new(RwLock::new(client));
        let audit = AuditLog::new(db.clone(), profile_id);
        let tracker = Arc::new(Tracker::new(
            db.clone(),
            profile_id.to_owned(),
            audit.clone(),
            events.clone(),
            client.clone(),
            config.tracker.clone(),
        )?);
        let desk = Desk {
            inner: Arc::new(DeskInner {
                profile_id: profile_id.to_owned(),
                data_dir: data_dir.to_owned(),
                cache: CacheStore::new(db.clone(), profile_id, events.clone()),
                log: DeskLog::open(data_dir, scrubber.clone()),
                scrubber: RwLock::new(scrubber),
                db,
                client,
                audit,
                tracker,
                events,
                config,
                tasks: Mutex::new(Vec::new()),
                jobs: Mutex::new(HashMap::new()),
                charges: ExpectedCharges::default(),
            }),
        };
        let interrupted = desk.inner.tracker.recover_interrupted()?;
        if interrupted > 0 {
            desk.log(&format!("{interrupted} call(s) were in flight when the app stopped; reconciling"));
        }
        if desk.inner.config.background {
            desk.start_background()?;
        }
        Ok(desk)
    }

    /// Starts the tracker's poller and resumes unfinished jobs (done by `open` unless
    /// [`DeskConfig::background`] is off). Needs a Tokio runtime.
    pub fn start_background(&self) -> DeskResult<()> {
        let poller = self.inner.tracker.spawn();
        self.inner.tasks.lock().unwrap_or_else(|e| e.into_inner()).push(poller);
        self.resume_jobs()?;
        Ok(())
    }

    /// Forgets this profile's cache, tracked actions and jobs, keeping the audit log: for a
    /// backend that starts from a fresh world each time (the Demo profile), whose earlier
    /// orders and jobs no longer exist.
    pub fn forget_local_state(&self) -> DeskResult<()> {
        let id = &self.inner.profile_id;
        self.inner.db.tx(|tx| {
            tx.execute("DELETE FROM cache WHERE profile_id = ?1", [id])?;
            tx.execute("DELETE FROM cache_rows WHERE profile_id = ?1", [id])?;
            tx.execute("DELETE FROM actions WHERE profile_id = ?1", [id])?;
            tx.execute("DELETE FROM jobs WHERE profile_id = ?1", [id])?;
            tx.execute("DELETE FROM dns_health WHERE profile_id = ?1", [id])?;
            Ok(())
        })
    }

    /// Stops the poller and every job task of this desk; what they were doing is picked up by
    /// the next [`Desk::open`] on the same data folder, as after a crash.
    pub fn close(&self) {
        for task in self.inner.tasks.lock().unwrap_or_else(|e| e.into_inner()).drain(..) {
            task.abort();
        }
        self.inner.jobs.lock().unwrap_or_else(|e| e.into_inner()).clear();
        self.inner.tracker.release_ownership();
    }

    pub fn profile_id(&self) -> &str {
        &self.inner.profile_id
    }

    pub fn data_dir(&self) -> &Path {
        &self.inner.data_dir
    }

    /// The diagnostic log file (`logs/cmr-desk.log` in the data folder).
    pub fn log_path(&self) -> &Path {
        self.inner.log.path()
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    pub fn client(&self) -> CmrClient {
        self.inner.client.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Swaps the client (the profile's key or base URL changed); work in progress continues
    /// with the new one.
    pub fn set_client(&self, client: CmrClient) {
        let scrubber = scrubber_for(&client);
        self.inner.log.set_scrubber(scrubber.clone());
        *self.inner.scrubber.write().unwrap_or_else(|e| e.into_inner()) = scrubber;
        *self.inner.client.write().unwrap_or_else(|e| e.into_inner()) = client;
    }

    pub fn audit(&self) -> &AuditLog {
        &self.inner.audit
    }

    pub fn tracker(&self) -> &Arc<Tracker> {
        &self.inner.tracker
    }

    pub fn cache(&self) -> &CacheStore {
        &self.inner.cache
    }

    pub(crate) fn scrubber(&self) -> Scrubber {
        self.inner.scrubber.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Remembers the quote a paying dialog shows for `operation` on `customer`: the paid call
    /// that follows records it in the audit log (see [`crate::charges`]).
    pub fn expect_charge(&self, operation: &str, customer_id: Option<&str>, charge: QuotedCharge) {
        self.inner.charges.expect(operation, customer_id, charge);
    }

    pub(crate) fn log(&self, text: &str) {
        self.inner.log.line(&self.inner.profile_id, text);
    }

    /// A read: no audit, no tracking.
    pub async fn read<T, F, Fut>(&self, call: F) -> DeskResult<T>
    where
        F: FnOnce(CmrClient) -> Fut,
        Fut: Future<Output = Result<T, CmrError>>,
    {
        call(self.client()).await.map_err(DeskError::from)
    }

    async fn dns_snapshot(&self, client: &CmrClient, target: Option<(&str, &str)>) -> Option<Value> {
        let (user, domain) = target?;
        let snapshot = match client.get_dns_records(user, domain).await {
            Ok(r) => serde_json::to_value(r.data).ok()?,
            Err(e) => serde_json::json!({"unavailable": e.message()}),
        };
        Some(self.scrubber().value(&snapshot))
    }

    /// The API key must not leave as data (a TXT record is public; a report is read by
    /// people), nor be written down with the request: such a request is refused.
    pub(crate) fn refuse_secret(&self, scrub: &Scrubber, request: &Value) -> DeskResult<()> {
        match scrub.find(request) {
            Some(path) => Err(DeskError::invalid_field(
                if path.is_empty() { "request" } else { &path },
                "this contains the profile's API key; it is never sent as data",
            )),
            None => Ok(()),
        }
    }

    /// Sends one mutating call through the audit log, the tracker and the cache, by the rule
    /// in [`crate::once`]: a paid or creating call overlapping an unsettled one is refused;
    /// any failure after the request may have reached CMR is `outcome_unknown`; a local save
    /// that fails after CMR accepted the call does not turn the success into an error.
    pub async fn mutate<T, F, Fut>(&self, m: Mutation, call: F) -> DeskResult<ApiResponse<T>>
    where
        T: Serialize,
        F: FnOnce(CmrClient) -> Fut,
        Fut: Future<Output = Result<ApiResponse<T>, CmrError>>,
    {
        let p = policy(&m.operation).ok_or_else(|| DeskError::invalid(format!("unknown operation {}", m.operation)))?;
        let scrub = self.scrubber();
        self.refuse_secret(&scrub, &m.request)?;
        let m = Mutation { subject: scrub.text(&m.subject), ..m };
        // The key is scrubbed before redact() shortens long values: a cut must not leave part
        // of a key behind.
        let summary = redact(&scrub.value(&m.request));
        let customer = m.customer_id.as_deref();
        let job_id = m.job.as_ref().map(|(j, _)| j.as_str());
        let guard_key = p.paid_or_creating.then(|| once::guard_key(p.operation, &m.subject, &m.request));
        if let Some(key) = &guard_key {
            // Checked again atomically when the row is written; this early look spares the
            // baseline read and the audit row of a call that will be refused anyway.
            if let Some(earlier) = self.inner.tracker.unsettled_for(p.operation, customer, key)? {
                return Err(DeskError::InFlight(Box::new(earlier)));
            }
        }
        let client = self.client();
        // Read before anything is written or sent: a failure here sends nothing.
        let baseline = once::baseline_plan(&client, p.operation, customer, &m.request).await?;
        let charge = if p.paid_or_creating { self.inner.charges.take(p.operation, customer) } else { None };
        // A call that names no customer (warmup, subscriptions) is filed under the customer
        // its priced dialog was for.
        let charge_customer = charge.as_ref().and_then(|(c, _)| c.clone());
        let audit_id = self.inner.audit.begin(&AuditStart {
            customer_id: customer.or(charge_customer.as_deref()),
            operation: p.operation,
            subject: &m.subject,
            request: &summary,
            job_id,
            charge: charge.map(|(_, c)| c),
        })?;
        let reconcile: Option<Evidence> = baseline.or_else(|| reconcile_plan(p.operation, customer, &m.request));
        let new_action = NewAction {
            operation: p.operation,
            customer_id: customer,
            subject: &m.subject,
            audit_id: Some(audit_id),
            reconcile: reconcile.as_ref(),
            job_id,
            job_item: m.job.as_ref().map(|(_, i)| *i),
            guard_key: guard_key.as_deref(),
        };
        // Written before sending, so a crash mid-call leaves a row to reconcile.
        let tracked = p.asynchronous || p.paid_or_creating;
        let local = if tracked {
            match self.inner.tracker.begin(&new_action) {
                Ok(id) => Some(id),
                Err(e) => {
                    let result = if matches!(e, DeskError::InFlight(_)) { "refused_in_flight" } else { "error" };
                    let note = AuditResult { result, message: Some(e.message()), ..Default::default() };
                    self.keep(self.inner.audit.finish(audit_id, &note), "audit");
                    return Err(e);
                }
            }
        } else {
            None
        };

        let snapshots = p.dns && m.dns_snapshots.unwrap_or(self.inner.config.dns_snapshots);
        let dns_target = customer.zip(m.request.get("domain").and_then(Value::as_str)).filter(|_| snapshots);
        let before = self.dns_snapshot(&client, dns_target).await;

        match call(client.clone()).await {
            Ok(resp) => {
                let data = serde_json::to_value(&resp.data).unwrap_or(Value::Null);
                let action_id = resp.action_id.clone();
                let after = self.dns_snapshot(&client, dns_target).await;
                // From here on CMR has done it: a local failure is logged, never returned, and
                // a row left `sending` is reconciled (not re-sent) at the next start.
                let finished = self.inner.audit.finish(
                    audit_id,
                    &AuditResult {
                        result: "ok",
                        message: Some(scrub.text(&resp.message)),
                        status: Some(resp.status),
                        action_id: action_id.clone(),
                        dns_before: before,
                        dns_after: after,
                        ..Default::default()
                    },
                );
                self.keep(finished, "audit");
                let poll = p.asynchronous.then(|| poll_plan(p.operation, customer, &m.request, &data)).flatten();
                let tracked = match local {
                    Some(local) => self.inner.tracker.accepted(&local, action_id.as_deref(), poll.as_ref(), None),
                    None if action_id.is_some() => self
                        .inner
                        .tracker
                        .begin(&NewAction { guard_key: None, ..new_action })
                        .and_then(|local| self.inner.tracker.accepted(&local, action_id.as_deref(), None, None)),
                    None => Ok(()),
                };
                self.keep(tracked, "tracker");
                self.invalidate(p.touches, customer);
                self.log(&format!("{} {} ok {}", p.operation, m.subject, action_id.unwrap_or_default()));
                Ok(resp)
            }
            Err(e) => {
                let e = if p.mutating() && once::may_have_applied(&e) { as_outcome_unknown(e) } else { e };
                let unknown = e.code() == ErrorCode::OutcomeUnknown;
                let finished = self.inner.audit.finish(
                    audit_id,
                    &AuditResult {
                        result: if unknown { "outcome_unknown" } else { "error" },
                        error_code: Some(e.code().as_str().to_owned()),
                        message: Some(scrub.text(&e.message())),
                        status: e.status(),
                        action_id: e.action_id().map(str::to_owned),
                        dns_before: before,
                        ..Default::default()
                    },
                );
                self.keep(finished, "audit");
                if unknown {
                    let local = match local {
                        Some(l) => Ok(l),
                        None => self.inner.tracker.begin(&NewAction { guard_key: None, ..new_action }),
                    };
                    let marked = local.and_then(|l| self.inner.tracker.outcome_unknown(&l, "sent, but no usable answer arrived"));
                    self.keep(marked.map(|_| ()), "tracker");
                    // It may have happened: what it touches can no longer be trusted.
                    self.invalidate(p.touches, customer);
                } else if let Some(local) = local {
                    self.keep(self.inner.tracker.discard(&local), "tracker");
                }
                self.log(&format!("{} {} {}: {}", p.operation, m.subject, e.code(), e.message()));
                let fields = if matches!(e.status(), Some(400 | 422)) {
                    Some(fields_for(&e.message(), &m.request)).filter(|f| !f.is_empty())
                } else {
                    None
                };
                Err(DeskError::Api { error: e, fields })
            }
        }
    }

    /// A local bookkeeping step after the call went out: its failure is logged, not returned,
    /// so the person is never told "failed" about a call CMR may have carried out.
    fn keep(&self, result: DeskResult<()>, what: &str) {
        if let Err(e) = result {
            self.log(&format!("{what} could not be saved after the call: {e}"));
        }
    }

    pub(crate) fn invalidate_for(&self, kinds: &[crate::cache::CacheKind], customer: Option<&str>) {
        self.invalidate(kinds, customer)
    }

    fn invalidate(&self, kinds: &[crate::cache::CacheKind], customer: Option<&str>) {
        for kind in kinds {
            // Mailbox-level warmup calls carry no customer: every copy of that kind is stale.
            let scope = if *kind == crate::cache::CacheKind::Customers { None } else { customer };
            if let Err(e) = self.inner.cache.invalidate(*kind, scope) {
                self.log(&format!("cache invalidation failed: {e}"));
            }
        }
    }
}
