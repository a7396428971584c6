//! The simulated CMR back office: all state, the wallet, the webhook log and a queue of
//! timed jobs that moves asynchronous work forward as simulated time passes.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use serde_json::{json, Value};

use crate::envelope::ApiError;
use crate::model::*;
use crate::prices::{decimal, dollars};
use crate::rng::Rng;
use crate::rules::Rule;
use crate::time::iso;

/// Simulated durations of the asynchronous steps (milliseconds of simulated time).
pub mod timing {
    use crate::time::SECOND;
    pub const DOMAIN_REGISTRATION: i64 = 20 * SECOND;
    pub const MAILBOX_ORDER: i64 = 5 * SECOND;
    pub const MAILBOX_STEP: i64 = 15 * SECOND;
    pub const WARMUP_ACTIVATION: i64 = 60 * SECOND;
    pub const APPLY: i64 = 5 * SECOND;
    pub const EXPORT: i64 = 15 * SECOND;
    pub const PLACEMENT: i64 = 120 * SECOND;
    pub const PREWARM: i64 = 15 * SECOND;
    pub const RENEWAL: i64 = 10 * SECOND;
    pub const RECREATE: i64 = 30 * SECOND;
}

#[derive(Debug, Clone)]
pub enum Job {
    ResolveDomains { order_id: String },
    StartMailboxes { order_id: String, domain: String },
    MailboxStep { mailbox_id: String },
    WarmupActivate { mailbox_id: String },
    DomainExpiry { domain_id: String, expire_on: Ms },
    DomainGraceEnd { domain_id: String, expire_on: Ms },
    DomainRenewed { domain_id: String, years: i64, action: Option<String> },
    SubPeriodEnd { sub_id: String, period_end: Ms },
    SubRenewAttempt { sub_id: String, action: Option<String> },
    SubPastDueEnd { sub_id: String, since: Ms },
    ApplyMailboxUpdate { mailbox_id: String, changes: Value, action: String },
    RemoveMailbox { mailbox_id: String },
    RemoveDomain { domain_id: String },
    Forwarding { domain_id: String, forward_to: String, mask: bool, action: String },
    EmailForwarding { domain_id: String, email: String, action: String },
    DnsChanged { domain_id: String, change: &'static str, record: Value, action: String },
    Exported { mailbox_id: String, platform: Option<Platform>, action: String },
    PlacementDone { order_id: String },
    PrewarmDeliver { order_id: String },
    RecreateDone { sub_id: String },
}

#[derive(Debug)]
struct Scheduled {
    due: Ms,
    seq: u64,
    job: Job,
}

impl PartialEq for Scheduled {
    fn eq(&self, o: &Self) -> bool {
        (self.due, self.seq) == (o.due, o.seq)
    }
}
impl Eq for Scheduled {}
impl PartialOrd for Scheduled {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Scheduled {
    // Reversed: BinaryHeap is a max-heap and the earliest job must come out first.
    fn cmp(&self, o: &Self) -> Ordering {
        (o.due, o.seq).cmp(&(self.due, self.seq))
    }
}

pub struct Sim {
    pub now: Ms,
    pub rng: Rng,
    pub users: BTreeMap<String, User>,
    pub domains: BTreeMap<String, Domain>,
    pub domain_names: HashMap<String, String>,
    pub mailboxes: BTreeMap<String, Mailbox>,
    pub subscriptions: BTreeMap<String, Subscription>,
    pub orders: BTreeMap<String, Order>,
    pub credentials: BTreeMap<String, Credential>,
    pub prewarm: Vec<PrewarmDomain>,
    pub sandbox_pool: Vec<PrewarmDomain>,
    /// Inventory taken off the shelf by an order that has not been delivered yet.
    pub prewarm_reserved: BTreeMap<String, Vec<PrewarmDomain>>,
    pub placements: BTreeMap<String, Placement>,
    pub wallet_cents: Cents,
    pub auto_recharge: bool,
    pub transactions: Vec<Txn>,
    pub events: Vec<Event>,
    pub errors: Vec<ReportedError>,
    jobs: BinaryHeap<Scheduled>,
    job_seq: u64,
    /// Assumed rules are off (see `crate::rules`).
    pub lenient: bool,
}

const ID_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

impl Sim {
    pub fn new(seed: u64, now: Ms) -> Self {
        Sim {
            now,
            rng: Rng::new(seed),
            users: BTreeMap::new(),
            domains: BTreeMap::new(),
            domain_names: HashMap::new(),
            mailboxes: BTreeMap::new(),
            subscriptions: BTreeMap::new(),
            orders: BTreeMap::new(),
            credentials: BTreeMap::new(),
            prewarm: Vec::new(),
            sandbox_pool: Vec::new(),
            prewarm_reserved: BTreeMap::new(),
            lenient: false,
            placements: BTreeMap::new(),
            wallet_cents: 0,
            auto_recharge: false,
            transactions: Vec::new(),
            events: Vec::new(),
            errors: Vec::new(),
            jobs: BinaryHeap::new(),
            job_seq: 0,
        }
    }

    /// A CMR-style id: 28 upper-case alphanumerics.
    pub fn new_id(&mut self) -> String {
        self.id_of_len(28)
    }

    pub fn id_of_len(&mut self, n: usize) -> String {
        (0..n).map(|_| ID_ALPHABET[self.rng.below(36) as usize] as char).collect()
    }

    /// `ACT_` + a UUID v4 drawn from the seeded generator (reproducible across runs).
    pub fn action_id(&mut self) -> String {
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&self.rng.next_u64().to_le_bytes());
        b[8..].copy_from_slice(&self.rng.next_u64().to_le_bytes());
        format!("ACT_{}", uuid::Builder::from_random_bytes(b).into_uuid())
    }

    pub fn schedule(&mut self, delay: Ms, job: Job) {
        self.schedule_at(self.now + delay, job);
    }

    pub fn schedule_at(&mut self, due: Ms, job: Job) {
        self.job_seq += 1;
        self.jobs.push(Scheduled { due, seq: self.job_seq, job });
    }

    pub fn pending_jobs(&self) -> usize {
        self.jobs.len()
    }

    pub fn next_job_due(&self) -> Option<Ms> {
        self.jobs.peek().map(|s| s.due)
    }

    /// Runs every job due up to `now`, each at its own due time so event timestamps and
    /// follow-up jobs are exact however late the clock is read.
    pub fn advance_to(&mut self, now: Ms) {
        while let Some(top) = self.jobs.peek() {
            if top.due > now {
                break;
            }
            let Scheduled { due, job, .. } = self.jobs.pop().unwrap();
            self.now = self.now.max(due);
            self.run_job(job);
        }
        self.now = self.now.max(now);
    }

    fn run_job(&mut self, job: Job) {
        match job {
            Job::ResolveDomains { order_id } => self.resolve_domains(&order_id),
            Job::StartMailboxes { order_id, domain } => self.start_mailboxes(&order_id, &domain),
            Job::MailboxStep { mailbox_id } => self.mailbox_step(&mailbox_id),
            Job::WarmupActivate { mailbox_id } => self.warmup_activate(&mailbox_id),
            Job::DomainExpiry { domain_id, expire_on } => self.domain_expiry(&domain_id, expire_on),
            Job::DomainGraceEnd { domain_id, expire_on } => self.domain_grace_end(&domain_id, expire_on),
            Job::DomainRenewed { domain_id, years, action } => self.domain_renewed(&domain_id, years, action),
            Job::SubPeriodEnd { sub_id, period_end } => self.sub_period_end(&sub_id, period_end),
            Job::SubRenewAttempt { sub_id, action } => self.sub_renew_attempt(&sub_id, action),
            Job::SubPastDueEnd { sub_id, since } => self.sub_past_due_end(&sub_id, since),
            Job::ApplyMailboxUpdate { mailbox_id, changes, action } => {
                self.apply_mailbox_update(&mailbox_id, changes, action)
            }
            Job::RemoveMailbox { mailbox_id } => self.remove_mailbox_now(&mailbox_id),
            Job::RemoveDomain { domain_id } => self.remove_domain_now(&domain_id),
            Job::Forwarding { domain_id, forward_to, mask, action } => {
                self.apply_forwarding(&domain_id, forward_to, mask, action)
            }
            Job::EmailForwarding { domain_id, email, action } => {
                self.apply_email_forwarding(&domain_id, email, action)
            }
            Job::DnsChanged { domain_id, change, record, action } => {
                self.dns_changed(&domain_id, change, record, action)
            }
            Job::Exported { mailbox_id, platform, action } => self.exported(&mailbox_id, platform, action),
            Job::PlacementDone { order_id } => self.placement_done(&order_id),
            Job::PrewarmDeliver { order_id } => self.prewarm_deliver(&order_id),
            Job::RecreateDone { sub_id } => self.recreate_done(&sub_id),
        }
    }

    // ---- webhooks ----

    pub fn emit(&mut self, event: &str, data: Value, action_id: Option<&str>) {
        let event_id = self.new_id();
        self.events.push(Event {
            seq: self.events.len() as u64 + 1,
            event: event.to_string(),
            event_id,
            data,
            emitted_at: iso(self.now),
            action_id: action_id.map(str::to_string),
        });
    }

    pub fn user_email(&self, user_id: &str) -> String {
        self.users.get(user_id).map(|u| u.email.clone()).unwrap_or_default()
    }

    // ---- wallet ----

    /// Enforces [`Rule::WalletCovers`] (documented, so never switched off).
    pub fn charge(&mut self, cents: Cents, what: &str, reference: Option<&str>) -> Result<(), ApiError> {
        if cents > self.wallet_cents && self.auto_recharge {
            let top_up = (cents - self.wallet_cents).max(10_000);
            self.credit(top_up, "Automatic wallet recharge", None);
        }
        if cents > self.wallet_cents {
            return Err(ApiError::payment(format!(
                "Insufficient wallet balance: {what} costs ${} but the wallet holds ${}",
                decimal(cents),
                decimal(self.wallet_cents)
            )));
        }
        self.wallet_cents -= cents;
        self.txn(-cents, what, reference);
        Ok(())
    }

    pub fn credit(&mut self, cents: Cents, what: &str, reference: Option<&str>) {
        self.wallet_cents += cents;
        self.txn(cents, what, reference);
    }

    /// Zero-amount entries still appear in the history (sandbox orders do that too).
    pub fn txn(&mut self, cents: Cents, what: &str, reference: Option<&str>) {
        self.transactions.push(Txn {
            at: iso(self.now),
            amount: dollars(cents),
            balance_after: dollars(self.wallet_cents),
            description: what.to_string(),
            reference: reference.map(str::to_string),
        });
    }

    // ---- lookups shared by the handlers ----

    /// Enforces [`Rule::UserExists`] (documented, so never switched off).
    pub fn user(&self, user_id: &str) -> Result<&User, ApiError> {
        self.users.get(user_id).ok_or_else(ApiError::unknown_user)
    }

    /// Whether a business rule is enforced (assumed ones are off when lenient).
    pub fn rule_on(&self, rule: Rule) -> bool {
        rule.on(self.lenient)
    }

    pub fn domain_by_name(&self, name: &str) -> Option<&Domain> {
        self.domain_names.get(&name.to_ascii_lowercase()).and_then(|id| self.domains.get(id))
    }

    /// A domain of this user, by name or id.
    pub fn user_domain(&self, user_id: &str, name_or_id: &str) -> Result<&Domain, ApiError> {
        let d = self.domain_by_name(name_or_id).or_else(|| self.domains.get(name_or_id));
        match d {
            Some(d) if d.user_id == user_id => Ok(d),
            _ => Err(ApiError::not_found(format!("Domain {name_or_id} not found for this user"))),
        }
    }

    pub fn domain_mailboxes(&self, domain_id: &str) -> Vec<&Mailbox> {
        self.mailboxes.values().filter(|m| m.domain_id == domain_id).collect()
    }

    pub fn active_subscription_of_domain(&self, domain_id: &str) -> Option<&Subscription> {
        self.subscriptions.values().find(|s| {
            s.domain_id == domain_id && !matches!(s.status, SubStatus::Cancelled | SubStatus::Expired)
        })
    }

    pub fn mailbox_expiry(&self, m: &Mailbox) -> Ms {
        m.subscription_id
            .as_ref()
            .and_then(|s| self.subscriptions.get(s))
            .map(|s| s.period_end)
            .unwrap_or(m.created_at)
    }

    pub fn mailbox_json(&self, m: &Mailbox) -> Value {
        let mut v = json!({
            "mailboxId": m.id,
            "username": m.username,
            "email": m.email(),
            "firstName": m.first_name,
            "lastName": m.last_name,
            "status": m.status.as_str(),
            "profilePicture": m.profile_picture,
            "domain": m.domain,
            "domainId": m.domain_id,
            "serviceProvider": m.provider.as_str(),
            "assignedOn": iso(m.created_at),
            "expireOn": iso(self.mailbox_expiry(m)),
            "createdAt": iso(m.created_at),
            "userId": m.user_id,
            "subscriptionId": m.subscription_id,
            "isAdmin": m.is_admin,
        });
        if let Some(w) = &m.warmup {
            v["warmupStatus"] = json!(w.status.as_str());
        }
        v
    }
}
