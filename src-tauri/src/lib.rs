//! CMR Desk, the Tauri shell: commands, app state, events. Logic that needs no window lives in
//! plain modules (profiles, secrets) and in the crates under crates/.

mod app_log;
mod app_settings;
mod atomic_file;
mod commands;
mod demo;
mod endpoints_file;
mod error;
mod events;
mod key_storage;
mod keychain_platform;
mod local_files;
mod profiles;
mod secrets;
mod startup;
mod state;
mod updates;
mod window_place;


/// Every command and event the UI can use, in one place; `ui/src/bindings.ts` is generated
/// from this list.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    use commands::profiles::*;
    use commands::{activity, api_check, audit, cache, cache_rows, desktop, dns, dns_health, dns_tools, domains, exports, geo, jobs, key_storage, mailboxes, misc, orders};
    use commands::{overview, prewarmup, subscriptions, updates, users, wallet, warmup};
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(tauri_specta::collect_commands![
            list_profiles,
            // Generic over the runtime so tests can drive them on the mock one.
            create_profile::<tauri::Wry>,
            update_profile::<tauri::Wry>,
            set_profile_key::<tauri::Wry>,
            delete_profile_key::<tauri::Wry>,
            set_profile_sandbox_key::<tauri::Wry>,
            delete_profile_sandbox_key::<tauri::Wry>,
            delete_profile::<tauri::Wry>,
            set_active_profile::<tauri::Wry>,
            check_connection,
            key_storage::key_storage_status,
            key_storage::create_vault::<tauri::Wry>,
            key_storage::unlock_vault::<tauri::Wry>,
            key_storage::lock_vault::<tauri::Wry>,
            key_storage::move_keys_to_keychain::<tauri::Wry>,
            api_check::check_api,
            api_check::endpoint_overrides_status,
            // First run, About, local files.
            desktop::app_info::<tauri::Wry>,
            desktop::welcome_status,
            desktop::dismiss_welcome,
            desktop::local_file_problems,
            desktop::set_aside_damaged_database,
            desktop::set_aside_damaged_profiles,
            // One command per CMR operation, by API area.
            users::list_users,
            users::get_user,
            users::create_user,
            users::update_user,
            users::delete_user,
            geo::list_countries,
            geo::list_states,
            domains::get_domain_renewal_price,
            domains::renew_domains,
            domains::toggle_domain_auto_renew,
            domains::get_domains_for_user,
            domains::suggest_available_domains,
            domains::get_single_available_domain,
            domains::check_workspace_exists,
            domains::add_domain_forwarding,
            domains::add_email_forwarding,
            domains::add_google_client_id_to_domain,
            domains::remove_domains,
            dns::get_dns_records,
            dns::add_dns_records,
            dns::update_dns_record,
            dns::delete_dns_records,
            // The DNS editor's tools (crates/cmr-dns).
            dns_tools::validate_dns_record,
            dns_tools::lint_dns_records,
            dns_tools::plan_dns_changes,
            dns_tools::apply_dns_plan,
            dns_tools::plan_mail_template,
            dns_tools::export_dns_zone,
            dns_tools::import_dns_zone,
            dns_tools::dmarc_defaults,
            dns_tools::build_dmarc_record,
            dns_tools::preview_dmarc_record,
            dns_tools::read_dmarc_record,
            dns_tools::set_dmarc_tag,
            orders::get_order_details,
            orders::create_order,
            orders::get_order_status,
            orders::create_order_json,
            orders::order_mailboxes_json,
            orders::process_order,
            orders::add_mailboxes_to_subscription,
            mailboxes::list_all_mailboxes,
            mailboxes::read_mailbox_csv,
            mailboxes::get_mailboxes_for_user,
            mailboxes::get_mailbox_by_id,
            mailboxes::get_mailbox_admin_details,
            mailboxes::update_mailbox_details,
            mailboxes::remove_mailbox,
            mailboxes::validate_mailbox,
            warmup::add_warmup,
            warmup::remove_warmup,
            warmup::toggle_warmup,
            warmup::set_warmup_status,
            warmup::update_warmup_settings,
            warmup::create_placement_test,
            warmup::get_placement_reports,
            subscriptions::list_subscriptions,
            subscriptions::renew_subscriptions,
            subscriptions::toggle_subscription_auto_renew,
            subscriptions::cancel_subscription,
            subscriptions::recreate_subscriptions,
            exports::add_platform_credential,
            exports::update_platform_credential,
            exports::remove_platform_credential,
            exports::get_connected_platforms,
            exports::export_mailboxes_to_platform,
            exports::get_platform_workspaces,
            exports::re_export_mailbox_o_auth,
            prewarmup::list_prewarmup_inventory,
            prewarmup::order_prewarmup,
            prewarmup::sandbox_list_prewarmup,
            prewarmup::sandbox_order_prewarmup,
            prewarmup::sandbox_reset_prewarmup,
            wallet::get_wallet_details,
            wallet::quote_charge,
            wallet::get_low_balance_mark,
            wallet::set_low_balance_mark,
            misc::send_error,
            // The core's own services.
            activity::list_actions,
            activity::find_unsettled_action,
            activity::check_action,
            activity::release_action,
            activity::watch_order,
            activity::unwatch_order,
            audit::query_audit_log,
            audit::export_audit_csv,
            audit::app_charges,
            audit::export_app_charges_csv,
            cache::cached_customers,
            cache::cached_domains,
            cache::cached_mailboxes,
            cache::cached_subscriptions,
            cache::refresh_cache,
            cache::cache_status,
            cache_rows::sync_cache,
            cache_rows::cancel_cache_sync,
            cache_rows::cached_mailbox_page,
            cache_rows::cached_mailbox_ids,
            cache_rows::cached_mailboxes_by_ids,
            cache_rows::cached_mailboxes_on_domains,
            cache_rows::cached_mailbox_domains,
            cache_rows::search_cache,
            overview::get_overview,
            dns_health::check_dns_health,
            dns_health::cached_dns_health,
            jobs::start_bulk_job,
            jobs::cancel_bulk_job,
            jobs::retry_failed,
            jobs::list_jobs,
            jobs::get_bulk_job,
            jobs::get_job_items,
            // Settings → Updates.
            updates::check_for_updates,
            updates::install_update,
            updates::restart_app,
        ])
        .events(tauri_specta::collect_events![
            events::ProfilesChanged,
            events::ActionProgress,
            events::JobProgress,
            events::CacheChanged,
            events::CacheProgress,
            events::OrderProgress
        ])
        // The app's rules and vocabularies, as data the UI reads instead of keeping a copy.
        .typ::<cmr_core::rules::SubscriptionAction>()
        .typ::<cmr_core::rules::OrderPhase>()
        .constant("RULES", cmr_core::rules::Rules::current())
        // Only free-form JSON (`serde_json::Value`, CMR's undocumented members) carries 64-bit
        // numbers; over IPC they arrive as JavaScript numbers whatever the declaration says.
        // Command types themselves use u32/i32/f64.
        .dangerously_cast_bigints_to_number()
        // One TypeScript type per Rust type: the phase-split aliases lose the arguments of
        // generic replies (`ApiResponse<T>` came out with an unbound `T`).
        .disable_serde_phases()
}

pub const BINDINGS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/bindings.ts");

pub fn export_bindings(path: &std::path::Path) {
    specta_builder()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated from the Rust commands: do not edit. Regenerate with `make bindings`.\n"),
            path,
        )
        .expect("failed to export TypeScript bindings");
    let text = std::fs::read_to_string(path).expect("read the exported bindings");
    std::fs::write(path, commands_as_methods(&text)).expect("write the bindings");
}

/// Writes each command as a method (`getDnsRecords(userId, domain) { return … }`) rather than
/// an arrow property, so `commands.getDnsRecords(` reads, and greps, like the call it is.
fn commands_as_methods(ts: &str) -> String {
    let mut inside = false;
    let mut out = String::with_capacity(ts.len());
    for line in ts.lines() {
        if line.starts_with("export const commands = {") {
            inside = true;
        } else if inside && line == "};" {
            inside = false;
        }
        let method = inside
            .then(|| line.strip_prefix('\t'))
            .flatten()
            .and_then(|l| l.split_once(": ("))
            .and_then(|(name, rest)| {
                let (args, body) = rest.split_once(") => ")?;
                Some(format!("\t{name}({args}) {{ return {}; }},", body.strip_suffix(',')?))
            });
        out.push_str(method.as_deref().unwrap_or(line));
        out.push('\n');
    }
    out
}

pub fn run() {
    startup::run(specta_builder());
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_are_fresh() {
        let committed = std::path::Path::new(super::BINDINGS_PATH);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            super::export_bindings(committed);
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("bindings.ts");
        super::export_bindings(&fresh);
        let fresh = std::fs::read_to_string(fresh).unwrap();
        let committed = std::fs::read_to_string(committed).unwrap_or_default();
        assert!(
            fresh == committed,
            "ui/src/bindings.ts is stale: run `make bindings` (UPDATE_BINDINGS=1 cargo test -p cmr-desk bindings_are_fresh) and commit it"
        );
    }
}
