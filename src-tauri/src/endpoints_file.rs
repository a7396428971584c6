//! The optional `endpoints.toml` in the app's config folder: corrections of guessed paths
//! that apply without a rebuild. Read once at start. A file with mistakes applies nothing
//! and its errors are shown in Settings; the app opens either way (the Demo keeps working).

use std::path::{Path, PathBuf};

use cmr_client::{EndpointOverrides, OverrideError, ENDPOINTS_FILE};

#[derive(Clone, Debug, Default)]
pub struct EndpointsFile {
    /// Where the file is looked for (shown to the user, present or not).
    pub path: PathBuf,
    pub present: bool,
    pub overrides: EndpointOverrides,
    pub errors: Vec<OverrideError>,
}

impl EndpointsFile {
    pub fn load(config_dir: &Path) -> EndpointsFile {
        let path = config_dir.join(ENDPOINTS_FILE);
        let shown = path.display().to_string();
        let mut file = EndpointsFile { path: path.clone(), ..Default::default() };
        match std::fs::read_to_string(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                file.present = true;
                let message = format!("could not be read: {e}");
                file.errors.push(OverrideError { file: shown, line: 0, key: String::new(), message });
            }
            Ok(text) => {
                file.present = true;
                match EndpointOverrides::from_toml(&text, &shown) {
                    Ok(overrides) => file.overrides = overrides,
                    Err(errors) => file.errors = errors,
                }
            }
        }
        file
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_valid_and_invalid_files() {
        let dir = tempfile::tempdir().unwrap();
        let none = EndpointsFile::load(dir.path());
        assert!(!none.present && none.errors.is_empty() && none.overrides.is_empty());

        std::fs::write(dir.path().join(ENDPOINTS_FILE), "[getWalletDetails]\npath = \"/partner/wallet\"\n").unwrap();
        let ok = EndpointsFile::load(dir.path());
        assert!(ok.present && ok.errors.is_empty());
        assert!(ok.overrides.get("getWalletDetails").is_some());

        std::fs::write(dir.path().join(ENDPOINTS_FILE), "[getWallet]\npath = \"/w\"\n").unwrap();
        let bad = EndpointsFile::load(dir.path());
        assert!(bad.overrides.is_empty(), "a file with mistakes applies nothing");
        assert_eq!(bad.errors.len(), 1);
        assert!(bad.errors[0].to_string().contains("endpoints.toml:1: getWallet: unknown operationId"));
    }
}
