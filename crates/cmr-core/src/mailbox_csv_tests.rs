use super::*;

const HEADER: &str = "username,first name,last name,domain";

fn csv_message(err: &AppError) -> &str {
    err.fields.as_ref().and_then(|f| f.get("csv")).map(String::as_str).unwrap_or_default()
}

#[test]
fn quoted_fields_bom_and_crlf() {
    let text = "\u{feff}Username,First Name,Last Name,Domain,Provider\r\n\
                \"john.smith\",\"Smith, John\",\"say \"\"hi\"\"\",acme.com,google\r\n\
                \r\n\
                anna,\"Two\r\nlines\",Berg, ACME.IO \r\n\
                tom,Tom,Thumb,acme.io\r\n";
    let csv = read_mailbox_csv(text).unwrap();
    assert!(csv.rejected.is_empty());
    let rows: Vec<(u32, &str, &str, &str, &str, &str)> = csv
        .rows
        .iter()
        .map(|r| (r.line, r.username.as_str(), r.first_name.as_str(), r.last_name.as_str(), r.domain.as_str(), r.provider.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (2, "john.smith", "Smith, John", "say \"hi\"", "acme.com", "google"),
            // The blank line 3 is skipped; a row keeps the line it starts on.
            (4, "anna", "Two\r\nlines", "Berg", "ACME.IO", ""),
            (6, "tom", "Tom", "Thumb", "acme.io", ""),
        ]
    );
    assert_eq!(csv.rows[1].raw[3], " ACME.IO ", "raw is the row as written");
}

#[test]
fn columns_are_found_by_name_in_any_order() {
    let csv = read_mailbox_csv("Domain,Surname,First,User\nacme.com,Lee,Ann,ann\n").unwrap();
    let r = &csv.rows[0];
    assert_eq!((r.username.as_str(), r.first_name.as_str(), r.last_name.as_str(), r.domain.as_str()), ("ann", "Ann", "Lee", "acme.com"));
}

#[test]
fn a_file_without_the_columns_or_empty_is_refused_as_a_whole() {
    let err = read_mailbox_csv("email,name\na@b.com,A").unwrap_err();
    assert_eq!(err.code, crate::ErrorCode::Validation);
    assert!(csv_message(&err).contains("missing: username, first name, last name, domain"), "{err:?}");
    assert_eq!(csv_message(&read_mailbox_csv("").unwrap_err()), "The file is empty.");
    assert_eq!(csv_message(&read_mailbox_csv("\u{feff}").unwrap_err()), "The file is empty.");
}

#[test]
fn short_rows_give_empty_fields_and_long_fields_reject_their_row_only() {
    let long = "x".repeat(MAX_CSV_FIELD_CHARS + 1);
    let text = format!("{HEADER}\nann,Ann\nbob,Bob,{long},acme.com\ncid,Cid,Dee,acme.com\n");
    let csv = read_mailbox_csv(&text).unwrap();
    assert_eq!(csv.rows.iter().map(|r| (r.line, r.last_name.as_str())).collect::<Vec<_>>(), [(2, ""), (4, "Dee")]);
    assert_eq!(csv.rejected.len(), 1);
    let bad = &csv.rejected[0];
    assert_eq!(bad.line, 3);
    assert_eq!(bad.issues[0].field, CsvField::LastName);
    assert!(bad.issues[0].message.contains(&MAX_CSV_FIELD_CHARS.to_string()));
    assert!(bad.raw[2].chars().count() < 50, "the long field is shortened in the report");
}

#[test]
fn the_byte_and_row_limits_are_checked_with_the_limit_in_the_message() {
    let rows = |n: usize| {
        let mut text = String::from(HEADER);
        for i in 0..n {
            text.push_str(&format!("\nu{i},A,B,acme.com"));
        }
        text
    };
    assert_eq!(read_mailbox_csv(&rows(MAX_CSV_ROWS)).unwrap().rows.len(), MAX_CSV_ROWS);
    let err = read_mailbox_csv(&rows(MAX_CSV_ROWS + 1)).unwrap_err();
    assert!(csv_message(&err).contains(&MAX_CSV_ROWS.to_string()), "{err:?}");
    assert!(err.message.contains(&MAX_CSV_ROWS.to_string()));

    let mut big = String::from(HEADER);
    big.push('\n');
    big.push_str(&"a".repeat(MAX_CSV_BYTES));
    let err = read_mailbox_csv(&big).unwrap_err();
    assert!(csv_message(&err).contains(&MAX_CSV_BYTES.to_string()), "{err:?}");
}

/// Found by fuzzing (fuzz/ mailbox_csv): a lone CR ends a line for the reader, and the row
/// after it was reported on the header's line.
#[test]
fn a_lone_carriage_return_ends_a_line_too() {
    let csv = read_mailbox_csv("\u{feff}Username,First Name,Last Name,Domain\rann,Ann,Lee,acme.com\r\rbob,Bob,Ray,acme.com\r\n\"c\r\nd\",C,D,acme.com").unwrap();
    assert_eq!(csv.rows.iter().map(|r| (r.line, r.username.as_str())).collect::<Vec<_>>(), [(2, "ann"), (4, "bob"), (5, "c\r\nd")]);
}
