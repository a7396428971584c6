//! Starting the app: plugins (single instance first, then the remembered window place), the
//! log, the local files and their problems, the Demo backend and the app state. Nothing that
//! goes wrong with a local file keeps the window from opening on the Demo profile.

use std::path::PathBuf;
use std::sync::Arc;

use cmr_core::RotatingLog;
use tauri::Manager;

use crate::app_settings::SettingsStore;
use crate::local_files::{DataFolder, LocalProblem};
use crate::secrets::KeyringStore;
use crate::state::{AppState, KEYCHAIN_SERVICE};
use crate::{app_log, demo, endpoints_file, events, keychain_platform, updates, window_place};

pub fn run(builder: tauri_specta::Builder<tauri::Wry>) {
    let temp_data: Arc<std::sync::Mutex<Option<PathBuf>>> = Arc::default();
    let temp_for_setup = temp_data.clone();
    let app = tauri::Builder::default()
        // First, so a second launch exits before it opens anything of its own.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            app_log::info("a second launch handed over; showing the window");
            window_place::show_main_window(app);
        }))
        .plugin(window_place::plugin())
        // Used only from Rust (commands::updates); the window gets none of its JS permissions.
        .plugin(tauri_plugin_updater::Builder::new().build())
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            keychain_platform::use_native_store();
            builder.mount_events(app);
            let paths = app.path();
            let data = DataFolder::open(&paths.app_data_dir()?);
            if data.fallback {
                *temp_for_setup.lock().expect("temp folder poisoned") = Some(data.dir.clone());
            }
            let log = open_log(paths.app_log_dir().ok(), &data);
            app_log::install(log.clone());

            let config_dir = paths.app_config_dir()?;
            let (settings, settings_problem) = SettingsStore::load(&config_dir);
            // endpoints.toml lives with the user's settings; a broken one is reported, never a
            // reason not to open.
            let endpoints = endpoints_file::EndpointsFile::load(&config_dir);
            app.manage(updates::Updates { settings: updates::UpdateSettings::load(&config_dir), ..Default::default() });
            let mut problems: Vec<LocalProblem> = data.problem.clone().into_iter().collect();
            problems.extend(settings_problem.map(settings_message));
            if !endpoints.errors.is_empty() {
                problems.push(LocalProblem {
                    kind: "endpoints".into(),
                    path: endpoints.path.display().to_string(),
                    message: format!(
                        "endpoints.toml has {} mistake(s), so none of its endpoint corrections is applied.",
                        endpoints.errors.len()
                    ),
                    action: "Settings → Profiles lists each mistake with its line; correct the file and restart.".into(),
                });
            }
            if !log.is_on() {
                problems.push(LocalProblem {
                    kind: "log".into(),
                    path: paths.app_log_dir().map(|p| p.display().to_string()).unwrap_or_default(),
                    message: "The log file cannot be written; the app works without it.".into(),
                    action: "Make the log folder writable if you need a log for support.".into(),
                });
            }
            log.info(&format!(
                "CMR Desk {} starting on {} {}; data {}, config {}",
                env!("CARGO_PKG_VERSION"),
                std::env::consts::OS,
                std::env::consts::ARCH,
                data.dir.display(),
                config_dir.display()
            ));
            for p in &problems {
                log.warn(&format!("local file problem ({}): {}: {}", p.kind, p.path, p.message));
            }

            let demo = tauri::async_runtime::block_on(demo::DemoBackend::start())?;
            let state = AppState::new(&data.dir, Arc::new(KeyringStore::new(KEYCHAIN_SERVICE)), demo)
                .with_endpoints(endpoints)
                .with_settings(settings)
                .with_log(log)
                .with_problems(problems);
            // A damaged database: reported, and the Demo's records go to a temporary folder.
            if let Some(temp) = state.check_database() {
                state.log.warn(&format!("damaged database in {}; the Demo runs in {}", data.dir.display(), temp.display()));
                *temp_for_setup.lock().expect("temp folder poisoned") = Some(temp);
            }
            state.set_event_sink(Arc::new(events::WindowEvents(app.handle().clone())));
            app.manage(state);
            window_place::settle_main_window(app.handle());
            Ok(())
        })
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(tauri::Error::PluginInitialization(plugin, detail)) if plugin == "single-instance" => {
            previous_instance_closing(&detail)
        }
        Err(e) => panic!("CMR Desk failed to start: {e}"),
    };
    app.run(move |_app, event| {
        if let tauri::RunEvent::Exit = event {
            app_log::info("CMR Desk closing");
            // The Demo's records of a run without a usable data folder go with it.
            if let Some(dir) = temp_data.lock().expect("temp folder poisoned").take() {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
    });
}

/// A launch that found a running CMR Desk which did not answer: it is closing (a quit a moment
/// ago holds the instance lock until the process is gone). Start afresh once it has gone, in
/// this same process so whoever started it (a launcher, a test driver) keeps its handle; a few
/// tries, then give up with the reason.
fn previous_instance_closing(detail: &str) -> ! {
    const TRIES: u32 = 20;
    let tried: u32 = std::env::var("CMR_DESK_RELAUNCH").ok().and_then(|n| n.parse().ok()).unwrap_or(0);
    if tried >= TRIES {
        panic!("CMR Desk failed to start: another CMR Desk holds the instance lock and does not answer ({detail})");
    }
    std::thread::sleep(std::time::Duration::from_millis(250));
    let exe = std::env::current_exe().expect("the app's own path");
    let mut again = std::process::Command::new(exe);
    again.args(std::env::args_os().skip(1)).env("CMR_DESK_RELAUNCH", (tried + 1).to_string());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let e = again.exec();
        panic!("CMR Desk failed to start again: {e}");
    }
    #[cfg(not(unix))]
    {
        let status = again.status().expect("CMR Desk failed to start again");
        std::process::exit(status.code().unwrap_or(1));
    }
}

/// The platform's log folder; when that cannot be written, the folder in use for data.
fn open_log(log_dir: Option<PathBuf>, data: &DataFolder) -> Arc<RotatingLog> {
    let open = |dir: &std::path::Path| RotatingLog::open(dir, app_log::LOG_FILE, app_log::MAX_BYTES, app_log::KEEP);
    if let Some(dir) = log_dir.filter(|_| !data.fallback) {
        let log = open(&dir);
        if log.is_on() {
            return Arc::new(log);
        }
    }
    Arc::new(open(&data.dir.join("logs")))
}

fn settings_message(p: crate::app_settings::SettingsProblem) -> LocalProblem {
    let (message, action) = match &p.kept_as {
        Some(kept) => (
            format!("The settings file could not be read ({}). It was moved to {} and CMR Desk started with default settings.", p.detail, kept.display()),
            "Nothing else is affected. Look at the old file if you changed it by hand, or delete it.".to_string(),
        ),
        None => (
            format!("The settings file could not be read ({}). CMR Desk started with default settings and left the file as it is.", p.detail),
            "Correct the file or delete it, then restart CMR Desk.".to_string(),
        ),
    };
    LocalProblem { kind: "settings".into(), path: p.path.display().to_string(), message, action }
}
