//! The operation table: every documented operation with the status codes its contract
//! documents. Errors a handler raises are fitted to this list, so a client never meets a
//! status the contract does not announce for that operation (e.g. an unknown user answers
//! 422 where the operation documents no 404).

pub struct Op {
    pub method: &'static str,
    pub path: &'static str,
    pub id: &'static str,
    pub codes: &'static [u16],
}

pub const OPS: &[Op] = &[
    Op { method: "GET", path: "/users/list", id: "listUsers", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "GET", path: "/users", id: "getUser", codes: &[200, 400, 401, 404, 429, 500] },
    Op { method: "POST", path: "/users", id: "createUser", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "PUT", path: "/users", id: "updateUser", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "DELETE", path: "/users", id: "deleteUser", codes: &[200, 400, 401, 404, 422, 429, 500] },
    Op { method: "GET", path: "/geo/countries", id: "listCountries", codes: &[200, 401, 429, 500] },
    Op { method: "GET", path: "/geo/states", id: "listStates", codes: &[200, 400, 401, 429, 500] },
    Op { method: "POST", path: "/domains/renewal-price", id: "getDomainRenewalPrice", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/domains/renew", id: "renewDomains", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "PATCH", path: "/domains/toggle-auto-renew", id: "toggleDomainAutoRenew", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "GET", path: "/domains/by-user", id: "getDomainsForUser", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/domains/suggest", id: "suggestAvailableDomains", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/domains/available", id: "getSingleAvailableDomain", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/domains/has-workspace", id: "checkWorkspaceExists", codes: &[200, 400, 401, 409, 422, 429, 500] },
    Op { method: "POST", path: "/domains/forwarding", id: "addDomainForwarding", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/domains/email-forwarding", id: "addEmailForwarding", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/domains/add-client-id", id: "addGoogleClientIdToDomain", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "DELETE", path: "/domains", id: "removeDomains", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "GET", path: "/dns", id: "getDnsRecords", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/dns", id: "addDnsRecords", codes: &[200, 400, 401, 422, 429, 500] },
    // The seed page documents 422 as the only error; 401/429/500 are global.
    Op { method: "PUT", path: "/dns", id: "updateDnsRecord", codes: &[200, 401, 422, 429, 500] },
    Op { method: "DELETE", path: "/dns", id: "deleteDnsRecords", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "GET", path: "/orders", id: "getOrderDetails", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/orders", id: "createOrder", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "GET", path: "/orders/status", id: "getOrderStatus", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/orders/json", id: "createOrderJson", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/orders/create-mailbox-order/json", id: "orderMailboxesJson", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/orders/process", id: "processOrder", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/orders/create-mailbox-order", id: "addMailboxesToSubscription", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "GET", path: "/mailboxes", id: "listAllMailboxes", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "GET", path: "/mailboxes/single", id: "getMailboxesForUser", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "GET", path: "/mailboxes/mailbox", id: "getMailboxById", codes: &[200, 400, 401, 404, 429, 500] },
    Op { method: "GET", path: "/mailboxes/admin-mailbox-details", id: "getMailboxAdminDetails", codes: &[200, 400, 401, 404, 429, 500] },
    Op { method: "PATCH", path: "/mailboxes/update-mailbox-details", id: "updateMailboxDetails", codes: &[200, 400, 401, 404, 422, 429, 500] },
    Op { method: "DELETE", path: "/mailboxes/remove", id: "removeMailbox", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/mailboxes/oauth", id: "reExportMailboxOAuth", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/mailboxes/validate-mailbox", id: "validateMailbox", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/mailboxes/warmup", id: "addWarmup", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "DELETE", path: "/mailboxes/warmup", id: "removeWarmup", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/mailboxes/warmup/toggle", id: "toggleWarmup", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "PATCH", path: "/mailboxes/warmup/status", id: "setWarmupStatus", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "PATCH", path: "/mailboxes/warmup/settings", id: "updateWarmupSettings", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/placement", id: "createPlacementTest", codes: &[200, 400, 401, 402, 422, 429, 500] },
    Op { method: "GET", path: "/placement/reports", id: "getPlacementReports", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "GET", path: "/subscriptions", id: "listSubscriptions", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/subscriptions/renew-subscriptions", id: "renewSubscriptions", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/subscriptions/toggle-autorenewal", id: "toggleSubscriptionAutoRenew", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/subscriptions/cancel", id: "cancelSubscription", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/component/subscriptions/recreate", id: "recreateSubscriptions", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/exports/platform-credential", id: "addPlatformCredential", codes: &[200, 400, 401, 403, 404, 429, 500] },
    Op { method: "PUT", path: "/exports/platform-credential", id: "updatePlatformCredential", codes: &[200, 400, 401, 403, 404, 429, 500] },
    Op { method: "DELETE", path: "/exports/platform-credential", id: "removePlatformCredential", codes: &[200, 400, 401, 403, 404, 429, 500] },
    Op { method: "GET", path: "/exports/platform-credentials", id: "getConnectedPlatforms", codes: &[200, 401, 403, 429, 500] },
    Op { method: "POST", path: "/exports/platform-exports", id: "exportMailboxesToPlatform", codes: &[200, 400, 401, 403, 404, 429, 500] },
    Op { method: "GET", path: "/exports/platform-workspaces", id: "getPlatformWorkspaces", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "GET", path: "/pre-warmup", id: "listPrewarmupInventory", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/pre-warmup/order", id: "orderPrewarmup", codes: &[201, 400, 401, 422, 429, 500] },
    Op { method: "GET", path: "/sandbox/pre-warmup", id: "sandboxListPrewarmup", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/sandbox/pre-warmup/order", id: "sandboxOrderPrewarmup", codes: &[201, 400, 401, 422, 429, 500] },
    Op { method: "POST", path: "/sandbox/pre-warmup/reset", id: "sandboxResetPrewarmup", codes: &[200, 400, 401, 422, 429, 500] },
    Op { method: "GET", path: "/wallet", id: "getWalletDetails", codes: &[200, 401, 429, 500] },
    Op { method: "POST", path: "/send-error", id: "sendError", codes: &[200, 400, 401, 422, 429, 500] },
];

pub fn find(method: &str, path: &str) -> Option<&'static Op> {
    OPS.iter().find(|o| o.method.eq_ignore_ascii_case(method) && o.path == path)
}

/// Closest documented status for an error. The chains keep the meaning as far as possible:
/// "not found" becomes a business-rule failure (422) before a bad request (400).
pub fn fit(op: &Op, status: u16) -> u16 {
    if status < 400 || op.codes.contains(&status) {
        return status;
    }
    let chain: &[u16] = match status {
        400 => &[422, 401],
        402 | 409 => &[422, 400],
        403 => &[422, 400, 404],
        404 => &[422, 400, 403, 401],
        422 => &[400, 403],
        502..=504 => &[500],
        _ => &[422, 400, 500],
    };
    chain
        .iter()
        .chain([400, 422, 401].iter())
        .copied()
        .find(|c| op.codes.contains(c))
        .unwrap_or(500)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete_and_fitting_stays_documented() {
        assert_eq!(OPS.len(), 62);
        for op in OPS {
            for s in [400, 402, 403, 404, 409, 422, 503] {
                let f = fit(op, s);
                assert!(op.codes.contains(&f), "{} {} -> {}", op.id, s, f);
            }
        }
        let wallet = find("GET", "/wallet").unwrap();
        assert_eq!(fit(wallet, 400), 401);
        let placement = find("POST", "/placement").unwrap();
        assert_eq!(fit(placement, 402), 402);
    }
}
