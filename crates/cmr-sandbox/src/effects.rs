//! Deferred effects of accepted requests: what the live API applies "shortly" after answering.

use serde_json::{json, Value};

use crate::model::*;
use crate::rng::stable_hash;
use crate::sim::Sim;

impl Sim {
    pub(crate) fn apply_mailbox_update(&mut self, mailbox_id: &str, changes: Value, action: String) {
        let Some(m) = self.mailboxes.get_mut(mailbox_id) else { return };
        let mut updated = serde_json::Map::new();
        if let Some(u) = changes.get("userName").and_then(Value::as_str) {
            if u != m.username {
                m.username = u.to_string();
                updated.insert("userName".into(), json!(u));
            }
        }
        for (key, field) in [("firstName", &mut m.first_name), ("lastName", &mut m.last_name)] {
            if let Some(v) = changes.get(key).and_then(Value::as_str) {
                if v != field {
                    *field = v.to_string();
                    updated.insert(key.into(), json!(v));
                }
            }
        }
        if changes.get("removeProfilePicture").and_then(Value::as_bool) == Some(true) {
            if m.profile_picture.take().is_some() {
                updated.insert("profilePicture".into(), Value::Null);
            }
        } else if let Some(p) = changes.get("profilePicture").and_then(Value::as_str) {
            if m.profile_picture.as_deref() != Some(p) {
                m.profile_picture = Some(p.to_string());
                updated.insert("profilePicture".into(), json!(p));
            }
        }
        let m = m.clone();
        let data = json!({"userId": m.user_id, "userEmail": self.user_email(&m.user_id),
            "mailboxId": m.id, "email": m.email(), "updatedFields": updated});
        self.emit("mailbox.updated", data, Some(&action));
    }

    /// Removing the last mailbox of a workspace deletes the workspace (its subscription ends).
    pub(crate) fn remove_mailbox_now(&mut self, mailbox_id: &str) {
        let Some(m) = self.mailboxes.remove(mailbox_id) else { return };
        let Some(sub_id) = m.subscription_id else { return };
        if self.sub_quantity(&sub_id) > 0 {
            return;
        }
        if let Some(s) = self.subscriptions.get_mut(&sub_id) {
            s.status = SubStatus::Cancelled;
            let s = s.clone();
            let data = self.sub_event_data(&s, "Workspace deleted: its last mailbox was removed");
            self.emit("subscription.cancelled", data, None);
        }
    }

    pub(crate) fn remove_domain_now(&mut self, domain_id: &str) {
        if !self.domain_mailboxes(domain_id).is_empty() {
            return;
        }
        if let Some(d) = self.domains.remove(domain_id) {
            self.domain_names.remove(&d.name);
        }
    }

    pub(crate) fn apply_forwarding(&mut self, domain_id: &str, forward_to: String, mask: bool, action: String) {
        let Some(d) = self.domains.get_mut(domain_id) else { return };
        d.forward_to = Some(forward_to.clone());
        d.mask_forwarding = mask;
        let d = d.clone();
        let data = json!({"action": "DOMAIN_FORWARDING_ADDED", "domainName": d.name, "userId": d.user_id,
            "record": {"type": "URL_FORWARDING", "forwardTo": forward_to, "maskForwarding": mask}});
        self.emit("dns-record.updated", data, Some(&action));
    }

    pub(crate) fn apply_email_forwarding(&mut self, domain_id: &str, email: String, action: String) {
        let Some(d) = self.domains.get_mut(domain_id) else { return };
        d.email_forwarding = Some(email.clone());
        let d = d.clone();
        let data = json!({"action": "EMAIL_FORWARDING_ADDED", "domainName": d.name, "userId": d.user_id,
            "record": {"type": "EMAIL_FORWARDING", "email": email}});
        self.emit("dns-record.updated", data, Some(&action));
    }

    pub(crate) fn dns_changed(&mut self, domain_id: &str, change: &'static str, record: Value, action: String) {
        let Some(d) = self.domains.get(domain_id) else { return };
        let data = json!({"action": change, "domainName": d.name, "userId": d.user_id, "record": record});
        self.emit("dns-record.updated", data, Some(&action));
    }

    pub(crate) fn exported(&mut self, mailbox_id: &str, platform: Option<Platform>, action: String) {
        let Some(m) = self.mailboxes.get_mut(mailbox_id) else { return };
        m.export_busy_until = 0;
        let m = m.clone();
        let mut data = json!({"userId": m.user_id, "userEmail": self.user_email(&m.user_id),
            "mailboxId": m.id, "email": m.email(), "workspaceType": m.provider.as_str()});
        if let Some(p) = platform {
            data["platform"] = json!(p.as_str());
        }
        self.emit("mailbox.exported", data, Some(&action));
    }

    /// Results are a pure function of the mailbox address, so reports are reproducible.
    pub(crate) fn placement_done(&mut self, order_id: &str) {
        let Some(p) = self.placements.get(order_id).cloned() else { return };
        let mut results = std::collections::BTreeMap::new();
        for id in &p.mailbox_ids {
            let email = self.mailboxes.get(id).map(|m| m.email()).unwrap_or_default();
            let h = stable_hash(&email);
            let seeds = |n: u64, salt: u64| -> Vec<Value> {
                (0..n)
                    .map(|i| {
                        let r = (h >> ((i + salt) % 48)) % 10;
                        json!({"seed": format!("seed{}@{}", i + 1, if salt == 0 { "gmail.com" } else { "outlook.com" }),
                            "folder": if r < 7 { "INBOX" } else if r < 9 { "PROMOTIONS" } else { "SPAM" }})
                    })
                    .collect()
            };
            let mut report = json!({"inboxTest": {"google": seeds(4, 0), "microsoft365": seeds(4, 7)}});
            if p.spamassassin {
                report["spamassassin"] = json!({"score": (h % 30) as f64 / 10.0, "threshold": 5.0, "passed": true});
            }
            if p.blacklist {
                report["blacklist"] = json!({"listed": false, "checkedLists": 52, "lists": []});
            }
            if p.ai_insight {
                report["aiInsight"] = json!({"summary": "Authentication aligned (SPF, DKIM, DMARC); keep daily volume steady."});
            }
            results.insert(id.clone(), report);
        }
        let pm = self.placements.get_mut(order_id).unwrap();
        pm.status = "COMPLETED";
        pm.results = results;
    }
}
