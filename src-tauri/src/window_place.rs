//! The main window's size and position, remembered across launches (tauri-plugin-window-state)
//! and always brought back onto a screen that exists.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// Size, position and maximised; not visibility: the window is shown by the app itself once
/// it is in place, and a window saved while hidden must not come back hidden.
fn flags() -> StateFlags {
    StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED
}

pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_window_state::Builder::new().with_state_flags(flags()).build()
}

/// After the plugin restored the window (it does so as the window is created): put it back on
/// a screen if its title bar is on none, show it, and save its place on every move or resize.
/// The plugin alone saves on close; an app that is killed, crashes or is logged out would
/// otherwise lose the place.
pub fn settle_main_window<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else { return };
    // The place as saved (and restored); a hidden window does not report where it was moved.
    if let (Some(frame), Ok(monitors)) = (saved_frame(app), window.available_monitors()) {
        let screens: Vec<Rect> = monitors
            .iter()
            .map(|m| Rect { x: m.position().x, y: m.position().y, width: m.size().width as i32, height: m.size().height as i32 })
            .collect();
        if !screens.is_empty() && !title_bar_on_a_screen(frame, &screens) {
            let _ = window.center();
        }
    }
    show_main_window(app);

    let pending = Arc::new(AtomicU64::new(0));
    let handle = app.clone();
    window.on_window_event(move |event| {
        if matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) {
            // One save per burst of moves (a drag sends many).
            let mine = pending.fetch_add(1, Ordering::SeqCst) + 1;
            let pending = pending.clone();
            let handle = handle.clone();
            tauri::async_runtime::spawn(async move {
                tokio::time::sleep(Duration::from_millis(300)).await;
                if pending.load(Ordering::SeqCst) == mine {
                    let _ = handle.save_window_state(flags());
                }
            });
        }
    });
}

/// The main window's saved place, from the plugin's file in the config folder.
fn saved_frame<R: Runtime>(app: &AppHandle<R>) -> Option<Rect> {
    let path = app.path().app_config_dir().ok()?.join(app.filename());
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    let main = saved.get("main")?;
    let int = |k: &str| main.get(k)?.as_i64().and_then(|v| i32::try_from(v).ok());
    Some(Rect { x: int("x")?, y: int("y")?, width: int("width")?, height: int("height")? })
}

/// Brings the running app's window to the front (at start, and when the app is launched again).
pub fn show_main_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        // Each step may fail on some window managers; the others still help.
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub width: i32,
    pub height: i32,
}

/// How much of the title bar must be on a screen for the window to be reachable with a mouse.
const GRIP_WIDTH: i32 = 120;
const GRIP_HEIGHT: i32 = 30;

/// Whether a grip-sized piece of the window's top edge lies fully on one screen. The plugin
/// itself accepts a window with any corner on a screen, which can leave only a sliver showing
/// (a monitor unplugged, a resolution changed).
pub fn title_bar_on_a_screen(window: Rect, screens: &[Rect]) -> bool {
    let grip = GRIP_WIDTH.min(window.width);
    screens.iter().any(|s| {
        let top_ok = window.y >= s.y && window.y + GRIP_HEIGHT.min(window.height) <= s.y + s.height;
        // The overlap of the window's top edge with this screen, horizontally.
        let left = window.x.max(s.x);
        let right = (window.x + window.width).min(s.x + s.width);
        top_ok && right - left >= grip
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCREEN: Rect = Rect { x: 0, y: 0, width: 1280, height: 800 };
    const RIGHT: Rect = Rect { x: 1280, y: 0, width: 1920, height: 1080 };

    fn window(x: i32, y: i32) -> Rect {
        Rect { x, y, width: 1200, height: 780 }
    }

    #[test]
    fn a_window_on_a_screen_stays() {
        assert!(title_bar_on_a_screen(window(40, 10), &[SCREEN]));
        assert!(title_bar_on_a_screen(window(-1000, 0), &[SCREEN]), "hanging off the left, title still grabbable");
        assert!(title_bar_on_a_screen(window(1500, 100), &[SCREEN, RIGHT]), "on the second screen");
    }

    #[test]
    fn a_window_off_every_screen_is_moved() {
        assert!(!title_bar_on_a_screen(window(1500, 100), &[SCREEN]), "its screen was unplugged");
        assert!(!title_bar_on_a_screen(window(1200, 10), &[SCREEN]), "only an 80 px sliver shows");
        assert!(!title_bar_on_a_screen(window(40, -200), &[SCREEN]), "title bar above the screen");
        assert!(!title_bar_on_a_screen(window(40, 790), &[SCREEN]), "title bar below the bottom");
    }
}
