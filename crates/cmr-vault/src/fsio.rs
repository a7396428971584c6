//! Writing the vault so that a crash never leaves half a file, and keeping a damaged one aside.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::VaultError;

/// Writes `bytes` to a new file beside `path`, flushes it to disk, then renames it over `path`:
/// the vault on disk is always either the old one or the new one, whole.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), VaultError> {
    let fail = |e| VaultError::io(path, e);
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(fail)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("vault");
    let tmp = dir.join(format!(".{name}.{}.{}.tmp", std::process::id(), random_suffix()));
    let written = write_synced(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    // The rename survives a power cut only once the folder is synced too.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    // Only the user may read it, from the first byte on (not chmod-ed after the write).
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options.open(path)?;
    out.write_all(bytes)?;
    out.sync_all()
}

fn random_suffix() -> String {
    let mut b = [0u8; 6];
    // A clash only makes this save fail (create_new); it never overwrites anything.
    let _ = getrandom::getrandom(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Renames a damaged vault to `<name>.damaged-<UTC date and time>` beside it (never deleting
/// it: the user may still recover it from a backup tool) and returns the new path.
pub fn move_aside(path: &Path) -> Result<PathBuf, VaultError> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("vault");
    let stamp = utc_stamp(secs);
    let mut target = path.with_file_name(format!("{name}.damaged-{stamp}"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = path.with_file_name(format!("{name}.damaged-{stamp}-{n}"));
    }
    std::fs::rename(path, &target).map_err(|e| VaultError::io(path, e))?;
    Ok(target)
}

/// `YYYYMMDD-HHMMSS` in UTC (days to civil date after H. Hinnant's algorithm).
fn utc_stamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}{month:02}{day:02}-{:02}{:02}{:02}", rem / 3_600, rem % 3_600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn utc_stamp_matches_known_dates() {
        assert_eq!(super::utc_stamp(0), "19700101-000000");
        assert_eq!(super::utc_stamp(951_782_400), "20000229-000000");
        assert_eq!(super::utc_stamp(1_798_761_599), "20261231-235959");
    }
}
