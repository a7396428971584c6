//! Time-driven money: domain expiry, grace and renewal; subscription renewal, past-due,
//! expiry, the twelve-month price step, and recreation.

use serde_json::json;

use crate::model::*;
use crate::rules::Rule;
use crate::prices;
use crate::sim::{timing, Job, Sim};
use crate::time::{add_months, end_of_utc_day, iso, DAY};

/// A domain may be renewed within this many days of its expiry.
pub const RENEWAL_WINDOW_DAYS: i64 = 45;
pub const GRACE_DAYS: i64 = 7;
pub const PAST_DUE_DAYS: i64 = 7;

/// Last instant a GRACE_PERIOD domain can still be renewed: end of the UTC day seven days
/// after the recorded expiry.
pub fn grace_deadline(expire_on: Ms) -> Ms {
    end_of_utc_day(expire_on + GRACE_DAYS * DAY)
}

impl Sim {
    pub fn domain_event_data(&self, d: &Domain) -> serde_json::Value {
        json!({"userId": d.user_id, "userEmail": self.user_email(&d.user_id), "domainId": d.id,
            "domainName": d.name, "expiryDate": iso(d.expire_on)})
    }

    /// Why a domain cannot be renewed right now, if it cannot.
    /// Enforces [`Rule::RenewalWindow`] and [`Rule::GraceRenewable`] (documented) and
    /// [`Rule::RenewOtherStatus`] (assumed, off when lenient).
    pub fn renewal_block(&self, d: &Domain) -> Option<String> {
        match d.status {
            DomainStatus::Active if d.expire_on - self.now > RENEWAL_WINDOW_DAYS * DAY => Some(format!(
                "{} is not eligible for renewal yet: the window opens {RENEWAL_WINDOW_DAYS} days before expiry",
                d.name
            )),
            DomainStatus::Active => None,
            DomainStatus::GracePeriod if self.now <= grace_deadline(d.expire_on) => None,
            DomainStatus::GracePeriod | DomainStatus::Expired => {
                Some(format!("{} cannot be renewed in status {}", d.name, d.status.as_str()))
            }
            _ if !self.rule_on(Rule::RenewOtherStatus) => None,
            DomainStatus::Renewing => Some(format!("{} is already being renewed", d.name)),
            s => Some(format!("{} cannot be renewed in status {}", d.name, s.as_str())),
        }
    }

    pub(crate) fn domain_expiry(&mut self, domain_id: &str, expire_on: Ms) {
        let Some(d) = self.domains.get(domain_id) else { return };
        if d.expire_on != expire_on || d.status != DomainStatus::Active {
            return;
        }
        let d = d.clone();
        if d.auto_renew {
            let cost = prices::renewal(&d.name);
            if self.charge(cost, &format!("Domain auto-renewal: {}", d.name), Some(&d.id)).is_ok() {
                let new_expiry = add_months(d.expire_on, 12);
                let dm = self.domains.get_mut(domain_id).unwrap();
                dm.expire_on = new_expiry;
                let mut data = self.domain_event_data(&self.domains[domain_id].clone());
                data["price"] = json!(prices::dollars(cost));
                self.emit("domain.renewal.success", data, None);
                self.schedule_at(new_expiry, Job::DomainExpiry { domain_id: domain_id.into(), expire_on: new_expiry });
                return;
            }
            let mut data = self.domain_event_data(&d);
            data["reason"] = json!("Insufficient wallet balance");
            self.emit("domain.renewal.failed", data, None);
        }
        self.domains.get_mut(domain_id).unwrap().status = DomainStatus::GracePeriod;
        self.emit("domain.grace_period", self.domain_event_data(&d), None);
        let due = grace_deadline(expire_on);
        self.schedule_at(due, Job::DomainGraceEnd { domain_id: domain_id.into(), expire_on });
    }

    pub(crate) fn domain_grace_end(&mut self, domain_id: &str, expire_on: Ms) {
        let Some(d) = self.domains.get_mut(domain_id) else { return };
        if d.status != DomainStatus::GracePeriod || d.expire_on != expire_on {
            return;
        }
        d.status = DomainStatus::Expired;
        let d = d.clone();
        self.emit("domain.expired", self.domain_event_data(&d), None);
    }

    pub(crate) fn domain_renewed(&mut self, domain_id: &str, years: i64, action: Option<String>) {
        let Some(d) = self.domains.get_mut(domain_id) else { return };
        if d.status != DomainStatus::Renewing {
            return;
        }
        d.expire_on = add_months(d.expire_on, 12 * years);
        d.status = DomainStatus::Active;
        let (expire_on, d) = (d.expire_on, d.clone());
        let mut data = self.domain_event_data(&d);
        data["price"] = json!(prices::dollars(prices::renewal(&d.name) * years));
        self.emit("domain.renewal.success", data, action.as_deref());
        self.schedule_at(expire_on, Job::DomainExpiry { domain_id: domain_id.into(), expire_on });
    }

    pub fn sub_event_data(&self, s: &Subscription, description: &str) -> serde_json::Value {
        json!({"userId": s.user_id, "userEmail": self.user_email(&s.user_id), "subscriptionId": s.id,
            "domainId": s.domain_id, "domain": s.domain, "workspaceType": s.provider.as_str(),
            "quantity": self.sub_quantity(&s.id), "periodStart": iso(s.period_start),
            "periodEnd": iso(s.period_end), "autoRenew": s.auto_renew, "description": description,
            "subscriptionStatus": s.status.as_str()})
    }

    pub fn sub_quantity(&self, sub_id: &str) -> usize {
        self.mailboxes.values().filter(|m| m.subscription_id.as_deref() == Some(sub_id)).count()
    }

    /// Mailbox seats plus warmup on the seats that have it.
    pub fn sub_renewal_cost(&self, s: &Subscription, price: Cents) -> Cents {
        self.mailboxes
            .values()
            .filter(|m| m.subscription_id.as_deref() == Some(s.id.as_str()))
            .map(|m| {
                let warm = m.warmup.as_ref().is_some_and(|w| w.status != WarmupStatus::Stopped);
                price + if warm { prices::WARMUP_MONTHLY } else { 0 }
            })
            .sum()
    }

    pub(crate) fn sub_period_end(&mut self, sub_id: &str, period_end: Ms) {
        let Some(s) = self.subscriptions.get_mut(sub_id) else { return };
        if s.period_end != period_end || s.status != SubStatus::Active {
            return;
        }
        if s.auto_renew {
            s.status = SubStatus::Renewing;
            let s = s.clone();
            self.emit("subscription.renewing", self.sub_event_data(&s, "Renewal queued"), None);
            self.schedule(timing::RENEWAL, Job::SubRenewAttempt { sub_id: sub_id.into(), action: None });
        } else {
            self.enter_past_due(sub_id, "Period ended without renewal");
        }
    }

    fn enter_past_due(&mut self, sub_id: &str, why: &str) {
        let s = self.subscriptions.get_mut(sub_id).unwrap();
        if s.status == SubStatus::PastDue {
            return;
        }
        s.status = SubStatus::PastDue;
        s.past_due_since = Some(self.now);
        let s = s.clone();
        self.emit("subscription.past_due", self.sub_event_data(&s, why), None);
        let since = self.now;
        self.schedule(PAST_DUE_DAYS * DAY, Job::SubPastDueEnd { sub_id: sub_id.into(), since });
    }

    pub(crate) fn sub_renew_attempt(&mut self, sub_id: &str, action: Option<String>) {
        let Some(s) = self.subscriptions.get(sub_id).cloned() else { return };
        if !matches!(s.status, SubStatus::Renewing | SubStatus::PastDue | SubStatus::Active) {
            return;
        }
        let domain_status = self.domains.get(&s.domain_id).map(|d| d.status);
        let fail_reason = match domain_status {
            Some(DomainStatus::GracePeriod) | Some(DomainStatus::Expired) => Some(format!(
                "Domain {} is {}; renew the domain first",
                s.domain,
                domain_status.unwrap().as_str()
            )),
            None => Some(format!("Domain {} no longer exists", s.domain)),
            _ => None,
        };
        let crosses_year = add_months(s.period_end, 1) > add_months(s.cycle_start, 12);
        let price = if crosses_year { prices::MAILBOX_MONTHLY_AFTER_YEAR } else { s.price_cents };
        let cost = self.sub_renewal_cost(&s, price);
        let charged = match fail_reason {
            Some(r) => Err(r),
            None => self
                .charge(cost, &format!("Subscription renewal: {}", s.domain), Some(sub_id))
                .map_err(|_| "Insufficient wallet balance".to_string()),
        };
        match charged {
            Ok(()) => {
                let sm = self.subscriptions.get_mut(sub_id).unwrap();
                let price_stepped = sm.price_cents != price;
                sm.price_cents = price;
                sm.period_start = sm.period_end;
                sm.period_end = add_months(sm.period_end, 1);
                sm.status = SubStatus::Active;
                sm.past_due_since = None;
                let s = sm.clone();
                let data = self.sub_event_data(&s, "Subscription renewed");
                self.emit("subscription.renewal.success", data, action.as_deref());
                if price_stepped {
                    let data = self.sub_event_data(&s, "Subscription crossed 12 months: price is now $5/mailbox/month");
                    self.emit("subscription.updated", data, None);
                }
                self.schedule_at(s.period_end, Job::SubPeriodEnd { sub_id: sub_id.into(), period_end: s.period_end });
            }
            Err(reason) => {
                let mut data = self.sub_event_data(&s, "Renewal failed");
                data["reason"] = json!(reason);
                self.emit("subscription.renewal.failed", data, action.as_deref());
                if s.status == SubStatus::Active && s.period_end > self.now {
                    return; // an early manual renewal that failed leaves the period running
                }
                self.enter_past_due(sub_id, &reason);
                let s = &self.subscriptions[sub_id];
                let deadline = s.past_due_since.unwrap_or(self.now) + PAST_DUE_DAYS * DAY;
                if s.auto_renew && self.now + DAY < deadline {
                    self.schedule(DAY, Job::SubRenewAttempt { sub_id: sub_id.into(), action: None });
                }
            }
        }
    }

    pub(crate) fn sub_past_due_end(&mut self, sub_id: &str, since: Ms) {
        let Some(s) = self.subscriptions.get_mut(sub_id) else { return };
        if s.status != SubStatus::PastDue || s.past_due_since != Some(since) {
            return;
        }
        s.status = SubStatus::Expired;
        let s = s.clone();
        for m in self.mailboxes.values_mut().filter(|m| m.subscription_id.as_deref() == Some(sub_id)) {
            m.status = MailboxStatus::Expired;
        }
        self.emit("subscription.expired", self.sub_event_data(&s, "Grace period ended"), None);
    }

    pub(crate) fn recreate_done(&mut self, sub_id: &str) {
        for m in self.mailboxes.values_mut() {
            if m.subscription_id.as_deref() == Some(sub_id) && m.status == MailboxStatus::InProgress {
                m.status = MailboxStatus::Active;
            }
        }
    }
}
