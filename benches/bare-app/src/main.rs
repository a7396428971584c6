//! One window showing dist/index.html; nothing else.
fn main() {
    tauri::Builder::default().run(tauri::generate_context!()).expect("the bare app starts");
}
