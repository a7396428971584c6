//! Any text as a mailbox CSV: rows or a file error, never a panic; every row's line is within
//! the file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(csv) = cmr_core::mailbox_csv::read_mailbox_csv(text) {
        // An upper bound: every CR and every LF may end a line.
        let lines = (text.bytes().filter(|b| matches!(b, b'\r' | b'\n')).count() + 1) as u32;
        for row in &csv.rows {
            assert!(row.line >= 2 && row.line <= lines, "line {} of {lines}", row.line);
        }
    }
});
