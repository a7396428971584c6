//! Provisioning: domains, workspaces (subscriptions) and mailboxes, from order to ACTIVE.

use serde_json::{json, Value};

use crate::model::*;
use crate::prices;
use crate::rng::stable_hash;
use crate::rules::Rule;
use crate::sim::{timing, Job, Sim};
use crate::time::{add_months, iso};

/// Names a registrar refuses outright.
const RESTRICTED: &[&str] = &["paypal", "bank", "google", "microsoft", "apple", "amazon"];
/// Names that exist in the wider world and are therefore never available.
const WELL_KNOWN: &[&str] = &["acme.com", "example.com", "company.com", "gmail.com", "outlook.com"];

pub fn valid_domain_name(name: &str) -> bool {
    let labels: Vec<&str> = name.split('.').collect();
    labels.len() >= 2
        && name.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        && labels.last().is_some_and(|t| t.chars().all(|c| c.is_ascii_lowercase()))
}

pub fn valid_username(u: &str) -> bool {
    !u.is_empty()
        && u.len() <= 64
        && u.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
        && !u.starts_with('.')
        && !u.ends_with('.')
        // Google Workspace and Microsoft 365 both refuse two dots in a row.
        && !u.contains("..")
}

/// True when a Google or Microsoft workspace already claims the name somewhere else.
/// Prefixes make outcomes predictable for demos and tests: `workspace-…` always has one,
/// `fresh-…` never has.
pub fn external_workspace(name: &str) -> bool {
    if name.starts_with("fresh-") {
        return false;
    }
    name.starts_with("workspace-") || stable_hash(&format!("ws:{name}")).is_multiple_of(9)
}

impl Sim {
    /// Why `name` cannot be registered, if it cannot. `taken-…` is always taken,
    /// `fresh-…` and `workspace-…` always free (unless registered in this sandbox).
    pub fn unavailable_reason(&self, name: &str) -> Option<String> {
        if self.rule_on(Rule::DomainNameValid) && !valid_domain_name(name) {
            return Some("Invalid domain name".into());
        }
        if self.rule_on(Rule::TldSupported) && prices::registration(name).is_none() {
            return Some(format!("The .{} extension is not supported", prices::tld_of(name)));
        }
        if self.domain_names.contains_key(name) {
            return Some("Domain is already registered".into());
        }
        if self.rule_on(Rule::RestrictedWords) && RESTRICTED.iter().any(|w| name.contains(w)) {
            return Some("Domain contains restricted words".into());
        }
        if name.starts_with("fresh-") || name.starts_with("workspace-") {
            return None;
        }
        if name.starts_with("taken-") || WELL_KNOWN.contains(&name) || stable_hash(name).is_multiple_of(5) {
            return Some("Domain is not available".into());
        }
        None
    }

    pub fn default_dns(&mut self, name: &str, provider: Provider) -> Vec<DnsRecord> {
        let dashed = name.replace('.', "-");
        let dkim_key: String = (0..48)
            .map(|_| b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[self.rng.below(62) as usize] as char)
            .collect();
        let dmarc = crate::api::dns::complete_dmarc("v=DMARC1; p=none", name, &[]).unwrap_or_default();
        let mut recs: Vec<(&str, String, RecordType, &str)> = match provider {
            Provider::Google => vec![
                ("@", "smtp.google.com".into(), RecordType::Mx, "1"),
                ("@", "v=spf1 include:_spf.google.com ~all".into(), RecordType::Txt, ""),
                ("google._domainkey", format!("v=DKIM1; k=rsa; p=MIIBIjANBgkq{dkim_key}"), RecordType::Txt, ""),
            ],
            Provider::Microsoft => vec![
                ("@", format!("{dashed}.mail.protection.outlook.com"), RecordType::Mx, "0"),
                ("@", "v=spf1 include:spf.protection.outlook.com -all".into(), RecordType::Txt, ""),
                ("autodiscover", "autodiscover.outlook.com".into(), RecordType::Cname, ""),
                (
                    "selector1._domainkey",
                    format!("selector1-{dashed}._domainkey.{}.onmicrosoft.com", dashed),
                    RecordType::Cname,
                    "",
                ),
            ],
        };
        recs.push(("_dmarc", dmarc, RecordType::Txt, ""));
        recs.into_iter()
            .map(|(host, value, rtype, priority)| DnsRecord {
                id: self.new_id(),
                host: host.into(),
                value,
                rtype,
                priority: priority.into(),
                ttl: 3600,
                excluded_dmarc_tags: Vec::new(),
            })
            .collect()
    }

    /// Adds a domain record. PENDING domains get DNS and an expiry once registration completes.
    #[allow(clippy::too_many_arguments)]
    pub fn add_domain(
        &mut self,
        user_id: &str,
        name: &str,
        provider: Provider,
        status: DomainStatus,
        registered_on: Ms,
        expire_on: Ms,
        purchase_type: &'static str,
        sandbox: bool,
    ) -> String {
        let id = self.new_id();
        let dns = if status == DomainStatus::Pending { Vec::new() } else { self.default_dns(name, provider) };
        self.domain_names.insert(name.to_string(), id.clone());
        self.domains.insert(
            id.clone(),
            Domain {
                id: id.clone(),
                name: name.to_string(),
                user_id: user_id.to_string(),
                status,
                registered_on,
                expire_on,
                purchase_type,
                provider,
                auto_renew: false,
                protection: true,
                forward_to: None,
                mask_forwarding: false,
                email_forwarding: None,
                client_ids: Vec::new(),
                dns,
                sandbox,
            },
        );
        if matches!(status, DomainStatus::Active | DomainStatus::Renewing) {
            self.schedule_at(expire_on, Job::DomainExpiry { domain_id: id.clone(), expire_on });
        }
        id
    }

    pub fn add_subscription(&mut self, domain_id: &str, auto_renew: bool, oauth: Value, sandbox: bool) -> String {
        let d = &self.domains[domain_id];
        let (user_id, domain, provider) = (d.user_id.clone(), d.name.clone(), d.provider);
        let id = self.new_id();
        let period_end = add_months(self.now, 1);
        self.subscriptions.insert(
            id.clone(),
            Subscription {
                id: id.clone(),
                user_id,
                domain_id: domain_id.to_string(),
                domain,
                status: SubStatus::Active,
                provider,
                price_cents: prices::MAILBOX_MONTHLY,
                period_start: self.now,
                period_end,
                auto_renew,
                cycle_start: self.now,
                past_due_since: None,
                oauth,
                sandbox,
            },
        );
        self.schedule_at(period_end, Job::SubPeriodEnd { sub_id: id.clone(), period_end });
        id
    }

    pub fn secret(&mut self, groups: usize) -> String {
        (0..groups)
            .map(|_| (0..4).map(|_| (b'a' + self.rng.below(26) as u8) as char).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn password(&mut self) -> String {
        let body = self.id_of_len(10).to_lowercase();
        format!("${}#{}", &body[..5], &body[5..])
    }

    #[allow(clippy::too_many_arguments)]
    pub fn add_mailbox(
        &mut self,
        domain_id: &str,
        req: &MailboxReq,
        sub_id: Option<String>,
        order_id: Option<String>,
        status: MailboxStatus,
        is_admin: bool,
        sandbox: bool,
    ) -> String {
        let d = &self.domains[domain_id];
        let (user_id, domain, provider) = (d.user_id.clone(), d.name.clone(), d.provider);
        let id = self.new_id();
        let password = self.password();
        let app_password = self.secret(4);
        let authenticator_secret = self.secret(4);
        let warmup = req.on_warmup.unwrap_or(false).then(|| Warmup {
            status: WarmupStatus::Pending,
            since: self.now,
            settings: crate::api::warmup::default_settings(),
        });
        self.mailboxes.insert(
            id.clone(),
            Mailbox {
                id: id.clone(),
                user_id,
                domain_id: domain_id.to_string(),
                domain,
                username: req.username.clone(),
                first_name: req.first_name.clone(),
                last_name: req.last_name.clone(),
                profile_picture: req.profile_picture.clone(),
                status,
                provider,
                created_at: self.now,
                subscription_id: sub_id,
                order_id,
                password,
                app_password,
                authenticator_secret,
                is_admin,
                warmup,
                export_busy_until: 0,
                sandbox,
            },
        );
        id
    }

    /// Starts the asynchronous part of an order (confirm:true, or Process the Order).
    pub fn start_processing(&mut self, order_id: &str) {
        let Some(order) = self.orders.get_mut(order_id) else { return };
        order.status = "PROCESSING";
        let order = order.clone();
        match &order.kind {
            OrderKind::NewDomains => {
                for od in &order.domains {
                    let id = self.add_domain(
                        &order.user_id, &od.name, order.provider, DomainStatus::Pending,
                        self.now, self.now, "NEW_REGISTRATION", order.sandbox,
                    );
                    let o = self.orders.get_mut(order_id).unwrap();
                    o.domains.iter_mut().find(|d| d.name == od.name).unwrap().domain_id = Some(id);
                }
                self.schedule(timing::DOMAIN_REGISTRATION, Job::ResolveDomains { order_id: order_id.into() });
            }
            OrderKind::AddMailboxes { .. } => {
                for domain in order.mailboxes.keys() {
                    let job = Job::StartMailboxes { order_id: order_id.into(), domain: domain.clone() };
                    self.schedule(timing::MAILBOX_ORDER, job);
                }
            }
            OrderKind::Prewarmup { .. } => {
                self.schedule(timing::PREWARM, Job::PrewarmDeliver { order_id: order_id.into() })
            }
        }
    }

    fn mailbox_cost(reqs: &[MailboxReq]) -> Cents {
        reqs.iter()
            .map(|m| prices::MAILBOX_MONTHLY + if m.on_warmup == Some(true) { prices::WARMUP_MONTHLY } else { 0 })
            .sum()
    }

    pub fn order_cost(domains: &[OrderDomain], mailboxes: &std::collections::BTreeMap<String, Vec<MailboxReq>>) -> Cents {
        domains.iter().map(|d| d.price_cents).sum::<Cents>()
            + mailboxes.values().map(|v| Self::mailbox_cost(v)).sum::<Cents>()
    }

    pub(crate) fn resolve_domains(&mut self, order_id: &str) {
        let Some(order) = self.orders.get(order_id).cloned() else { return };
        let email = self.user_email(&order.user_id);
        for od in order.domains.iter().filter(|d| d.status == "PENDING") {
            let Some(domain_id) = od.domain_id.clone() else { continue };
            let reqs = order.mailboxes.get(&od.name).cloned().unwrap_or_default();
            if external_workspace(&od.name) {
                let refund = od.price_cents + Self::mailbox_cost(&reqs);
                self.domains.remove(&domain_id);
                self.domain_names.remove(&od.name);
                self.credit(refund, &format!("Refund: domain order failed for {}", od.name), Some(order_id));
                self.set_order_domain(order_id, &od.name, "FAILED", Some("Workspace validation failed"));
                let data = json!({"userId": order.user_id, "userEmail": email, "orderId": order_id,
                    "domainName": od.name, "reason": "Workspace validation failed"});
                self.emit("domain.order.failed", data, Some(&order.action_id));
                continue;
            }
            let expire_on = add_months(self.now, 12 * od.years);
            let dns = self.default_dns(&od.name, order.provider);
            let d = self.domains.get_mut(&domain_id).unwrap();
            d.status = DomainStatus::Active;
            d.registered_on = self.now;
            d.expire_on = expire_on;
            d.dns = dns;
            d.forward_to = od.forward_to.clone();
            d.mask_forwarding = od.mask_forwarding;
            self.schedule_at(expire_on, Job::DomainExpiry { domain_id: domain_id.clone(), expire_on });
            self.set_order_domain(order_id, &od.name, "REGISTERED", None);
            let data = json!({"userId": order.user_id, "userEmail": email, "orderId": order_id,
                "domainId": domain_id, "domainName": od.name, "creationTime": iso(self.now),
                "expiryDate": iso(expire_on), "price": prices::dollars(od.price_cents)});
            self.emit("domain.order.success", data, Some(&order.action_id));
            let job = Job::StartMailboxes { order_id: order_id.into(), domain: od.name.clone() };
            self.schedule(timing::MAILBOX_ORDER, job);
        }
        self.settle_order(order_id);
    }

    fn set_order_domain(&mut self, order_id: &str, name: &str, status: &'static str, reason: Option<&str>) {
        if let Some(o) = self.orders.get_mut(order_id) {
            if let Some(d) = o.domains.iter_mut().find(|d| d.name == name) {
                d.status = status;
                d.reason = reason.map(str::to_string);
            }
        }
    }

    pub(crate) fn start_mailboxes(&mut self, order_id: &str, domain: &str) {
        let Some(order) = self.orders.get(order_id).cloned() else { return };
        let reqs = order.mailboxes.get(domain).cloned().unwrap_or_default();
        let Some(d) = self.domain_by_name(domain).cloned() else { return };
        let email = self.user_email(&order.user_id);
        let existing = match &order.kind {
            OrderKind::AddMailboxes { subscription_id: Some(s), .. } => Some(s.clone()),
            _ => None,
        };
        let sub_id = match existing {
            Some(s) if self.subscriptions.get(&s).is_some_and(|s| s.status == SubStatus::Active) => s,
            Some(_) => {
                let refund = Self::mailbox_cost(&reqs);
                self.credit(refund, &format!("Refund: mailbox order failed for {domain}"), Some(order_id));
                let data = json!({"domainId": d.id, "domainName": domain, "userId": order.user_id,
                    "userEmail": email, "orderId": order_id, "workspaceType": d.provider.as_str(),
                    "reason": "Subscription is no longer active"});
                self.emit("mailbox.order.failed", data, Some(&order.action_id));
                self.mark_failed_mailboxes(order_id, domain);
                return;
            }
            None => self.add_subscription(&d.id, order.auto_renew, order.oauth.clone(), order.sandbox),
        };
        let first_in_workspace = self.domain_mailboxes(&d.id).is_empty();
        let period_end = self.subscriptions[&sub_id].period_end;
        let data = json!({"domainId": d.id, "domainName": domain, "userId": order.user_id,
            "userEmail": email, "subscriptionId": sub_id, "orderId": order_id,
            "workspaceType": d.provider.as_str(), "creationTime": iso(self.now),
            "expiryDate": iso(period_end), "price": prices::dollars(Self::mailbox_cost(&reqs)),
            "quantity": reqs.len()});
        self.emit("mailbox.order.success", data, Some(&order.action_id));
        for (i, req) in reqs.iter().enumerate() {
            let admin = first_in_workspace && i == 0;
            let id = self.add_mailbox(&d.id, req, Some(sub_id.clone()), Some(order_id.into()),
                MailboxStatus::InProgress, admin, order.sandbox);
            self.schedule(timing::MAILBOX_STEP, Job::MailboxStep { mailbox_id: id });
        }
    }

    fn mark_failed_mailboxes(&mut self, order_id: &str, domain: &str) {
        if let Some(o) = self.orders.get_mut(order_id) {
            o.unavailable.push(domain.to_string());
            o.status = "REFUND";
        }
    }

    pub(crate) fn mailbox_step(&mut self, mailbox_id: &str) {
        let Some(m) = self.mailboxes.get_mut(mailbox_id) else { return };
        match m.status {
            MailboxStatus::InProgress => {
                m.status = MailboxStatus::CreatingPassword;
                self.schedule(timing::MAILBOX_STEP, Job::MailboxStep { mailbox_id: mailbox_id.into() });
            }
            MailboxStatus::CreatingPassword => {
                m.status = MailboxStatus::Active;
                let m = m.clone();
                if m.warmup.as_ref().is_some_and(|w| w.status == WarmupStatus::Pending) {
                    self.schedule(timing::WARMUP_ACTIVATION, Job::WarmupActivate { mailbox_id: m.id.clone() });
                }
                let action = m.order_id.as_ref().and_then(|o| self.orders.get(o)).map(|o| o.action_id.clone());
                let data = json!({"userId": m.user_id, "userEmail": self.user_email(&m.user_id),
                    "orderId": m.order_id, "subscriptionId": m.subscription_id, "domainId": m.domain_id,
                    "domainName": m.domain, "workspaceType": m.provider.as_str(), "mailboxId": m.id,
                    "email": m.email(), "firstName": m.first_name, "lastName": m.last_name,
                    "profilePicture": m.profile_picture, "password": m.password,
                    "appPassword": m.app_password, "authenticatorSecret": m.authenticator_secret,
                    "isAdmin": m.is_admin, "expiryDate": iso(self.mailbox_expiry(&m))});
                self.emit("mailbox.created", data, action.as_deref());
                if let Some(o) = &m.order_id {
                    self.settle_order(o);
                }
            }
            _ => {}
        }
    }

    /// PAID once everything delivered; REFUND / PARTIAL_REFUND when some domains failed.
    fn settle_order(&mut self, order_id: &str) {
        let Some(o) = self.orders.get(order_id) else { return };
        if o.status != "PROCESSING" {
            return;
        }
        if o.domains.iter().any(|d| d.status == "PENDING") {
            return;
        }
        let failed = o.domains.iter().filter(|d| d.status == "FAILED").count();
        let expected: usize = o
            .mailboxes
            .iter()
            .filter(|(dom, _)| !o.domains.iter().any(|d| &d.name == *dom && d.status == "FAILED"))
            .map(|(_, v)| v.len())
            .sum();
        let active = self
            .mailboxes
            .values()
            .filter(|m| m.order_id.as_deref() == Some(order_id) && m.status == MailboxStatus::Active)
            .count();
        let o = self.orders.get_mut(order_id).unwrap();
        if failed > 0 && failed == o.domains.len() {
            o.status = "REFUND";
        } else if active >= expected {
            o.status = if failed > 0 { "PARTIAL_REFUND" } else { "PAID" };
        }
    }

    pub(crate) fn warmup_activate(&mut self, mailbox_id: &str) {
        let Some(m) = self.mailboxes.get_mut(mailbox_id) else { return };
        let Some(w) = m.warmup.as_mut() else { return };
        if w.status != WarmupStatus::Pending {
            return;
        }
        w.status = WarmupStatus::Active;
        w.since = self.now;
        let m = m.clone();
        let data = json!({"userId": m.user_id, "userEmail": self.user_email(&m.user_id),
            "mailboxId": m.id, "email": m.email(), "domain": m.domain,
            "workspaceType": m.provider.as_str()});
        self.emit("mailbox.warmup.started", data, None);
    }
}
