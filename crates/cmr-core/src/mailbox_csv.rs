//! Reading a mailbox CSV (username, first name, last name, domain; provider optional) into
//! rows, for the UI's CSV import, bulk jobs and any command-line tool alike. The file is
//! bounded before it is read ([`MAX_CSV_BYTES`], then [`MAX_CSV_ROWS`] while reading); each
//! row keeps the line it starts on, and a row with a field too long is left out on its own
//! with that line. Checking rows against a customer's domains and the name rules is the
//! order's business (the UI's `validateDrafts`), not the file's.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::app_error::AppError;

/// The largest CSV read, in bytes.
pub const MAX_CSV_BYTES: usize = 2 * 1024 * 1024;
/// The most rows read, the header line not counted.
pub const MAX_CSV_ROWS: usize = 10_000;
/// The longest field, in characters (far above any username, name or domain).
pub const MAX_CSV_FIELD_CHARS: usize = 256;

/// The field a row's problem is about (the UI's names for the columns).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum CsvField {
    Username,
    FirstName,
    LastName,
    Domain,
    Provider,
    Row,
}

const COLUMNS: [(CsvField, &[&str]); 5] = [
    (CsvField::Username, &["username", "user name", "user", "local part"]),
    (CsvField::FirstName, &["first name", "firstname", "first_name", "first"]),
    (CsvField::LastName, &["last name", "lastname", "last_name", "last", "surname"]),
    (CsvField::Domain, &["domain", "domain name"]),
    (CsvField::Provider, &["provider", "service provider"]),
];

/// One row of the file, fields trimmed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MailboxCsvRow {
    /// The 1-based line the row starts on (the header is line 1).
    pub line: u32,
    /// The row's fields as written.
    pub raw: Vec<String>,
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub domain: String,
    /// Empty when the file has no provider column or the row leaves it blank.
    pub provider: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CsvIssue {
    pub field: CsvField,
    pub message: String,
}

/// A row left out by the file's own rules, with its line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CsvRejectedRow {
    pub line: u32,
    pub raw: Vec<String>,
    pub issues: Vec<CsvIssue>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MailboxCsv {
    /// Rows to check against the order, in file order; blank rows are skipped.
    pub rows: Vec<MailboxCsvRow>,
    pub rejected: Vec<CsvRejectedRow>,
}

/// A problem with the file as a whole, as a validation error on the field `csv`.
fn file_error(message: String) -> AppError {
    let mut err = AppError::validation(BTreeMap::from([("csv".to_string(), message.clone())]));
    err.message = message;
    err
}

fn column_name(field: CsvField) -> &'static str {
    COLUMNS.iter().find(|(f, _)| *f == field).map(|(_, names)| names[0]).unwrap_or("row")
}

/// Reads the file (a leading byte-order mark, CRLF or LF line ends, quoted fields with commas,
/// doubled quotes and line breaks). A file above the limits, an empty one or one whose first
/// line does not name the needed columns is refused as a whole.
pub fn read_mailbox_csv(text: &str) -> Result<MailboxCsv, AppError> {
    if text.len() > MAX_CSV_BYTES {
        return Err(file_error(format!(
            "The file is {} bytes; a mailbox CSV is at most {MAX_CSV_BYTES} bytes (2 MiB). Split it into smaller files.",
            text.len()
        )));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err(file_error("The file is empty.".into())),
        Some(Err(e)) => return Err(file_error(format!("The first line cannot be read: {e}."))),
        Some(Ok(h)) => h,
    };
    let mut at: BTreeMap<CsvField, usize> = BTreeMap::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim().to_lowercase();
        for (field, names) in COLUMNS {
            if names.contains(&name.as_str()) {
                at.entry(field).or_insert(i);
            }
        }
    }
    let missing: Vec<&str> = [CsvField::Username, CsvField::FirstName, CsvField::LastName, CsvField::Domain]
        .into_iter()
        .filter(|f| !at.contains_key(f))
        .map(column_name)
        .collect();
    if !missing.is_empty() {
        return Err(file_error(format!(
            "The first line must name the columns username, first name, last name and domain (missing: {}).",
            missing.join(", ")
        )));
    }

    let mut out = MailboxCsv::default();
    let (mut counted, mut line_count, mut after_cr) = (0usize, 0usize, false);
    for (count, record) in records.enumerate() {
        if count >= MAX_CSV_ROWS {
            return Err(file_error(format!("The file has more than {MAX_CSV_ROWS} rows; at most {MAX_CSV_ROWS} are read at once. Split it into smaller files.")));
        }
        let record = record.map_err(|e| file_error(format!("The file cannot be read past a broken row: {e}.")))?;
        // The line the row starts on, counted from its byte offset (the reader's own line
        // count skips blank lines). A line ends at CRLF, LF or a lone CR, as for the reader;
        // empty lines before the row are not part of it.
        let start = record.position().map(|p| p.byte() as usize).unwrap_or(0).min(text.len());
        line_count += line_ends(&text.as_bytes()[counted..start], &mut after_cr);
        counted = start;
        let blank = text[start..].bytes().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        let mut probe = after_cr;
        let line = (line_count + line_ends(&text.as_bytes()[start..start + blank], &mut probe) + 1) as u32;
        let raw: Vec<String> = record.iter().map(str::to_owned).collect();
        if raw.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |field: CsvField| at.get(&field).and_then(|&i| raw.get(i)).map(|v| v.trim().to_owned()).unwrap_or_default();
        let too_long: Vec<CsvIssue> = COLUMNS
            .iter()
            .filter(|(field, _)| get(*field).chars().count() > MAX_CSV_FIELD_CHARS)
            .map(|(field, _)| CsvIssue { field: *field, message: format!("At most {MAX_CSV_FIELD_CHARS} characters.") })
            .collect();
        if !too_long.is_empty() {
            let raw = raw.into_iter().map(|f| if f.chars().count() > MAX_CSV_FIELD_CHARS { f.chars().take(40).chain("…".chars()).collect() } else { f }).collect();
            out.rejected.push(CsvRejectedRow { line, raw, issues: too_long });
            continue;
        }
        out.rows.push(MailboxCsvRow {
            line,
            username: get(CsvField::Username),
            first_name: get(CsvField::FirstName),
            last_name: get(CsvField::LastName),
            domain: get(CsvField::Domain),
            provider: get(CsvField::Provider),
            raw,
        });
    }
    Ok(out)
}

/// The line ends in `bytes` (CRLF, LF or CR); `after_cr` carries a CR at the end of the
/// previous piece, so that a CRLF cut in two counts once.
fn line_ends(bytes: &[u8], after_cr: &mut bool) -> usize {
    let mut n = 0;
    for &b in bytes {
        match b {
            b'\r' => n += 1,
            b'\n' if !*after_cr => n += 1,
            _ => {}
        }
        *after_cr = b == b'\r';
    }
    n
}

#[cfg(test)]
#[path = "mailbox_csv_tests.rs"]
mod tests;
