//! Calling a command through Tauri's real IPC layer from a test (mock runtime, no window):
//! the request the UI's `invoke` would send, and the JSON it gets back.

use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;

pub type Webview = tauri::WebviewWindow<MockRuntime>;

/// Invokes `cmd` with `args` (camelCase keys, as the bindings send them): Ok with the
/// command's value, Err with its error.
pub fn call(webview: &Webview, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(webview, request).map(|body| body.deserialize::<Value>().unwrap())
}
