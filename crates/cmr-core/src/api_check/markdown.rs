//! The report as Markdown: what a reseller pastes into a ticket to CMR or to us.

use std::fmt::Write;

use super::{CheckOutcome, CheckReport};

/// Issues listed per operation before "and N more" (a renamed field of a long list would
/// otherwise repeat once per item).
const ISSUES_SHOWN: usize = 5;

pub fn render(r: &CheckReport) -> String {
    let mut md = String::new();
    let c = &r.counts;
    let _ = writeln!(md, "# CMR API check\n");
    let _ = writeln!(md, "Base URL: `{}`\n", r.base_url);
    let _ = writeln!(
        md,
        "{} OK, {} path not found, {} shape differs, {} refused, {} skipped (of {} reads).\n",
        c.ok,
        c.path_not_found,
        c.shape_differs,
        c.refused,
        c.skipped,
        r.rows.len()
    );
    let _ = writeln!(md, "| Operation | Method | Path | Result | HTTP | Detail |");
    let _ = writeln!(md, "|---|---|---|---|---|---|");
    for row in &r.rows {
        let mut path = format!("`{}`", row.path);
        if row.guessed {
            path.push_str(" (guessed)");
        }
        if row.overridden {
            path.push_str(" (override)");
        }
        let http = row.http_status.map(|s| s.to_string()).unwrap_or_default();
        let mut detail = cell(&row.detail);
        for issue in row.issues.iter().take(ISSUES_SHOWN) {
            let _ = write!(detail, "<br>`{}`: {}", issue.pointer, cell(&issue.message));
        }
        if row.issues.len() > ISSUES_SHOWN {
            let _ = write!(detail, "<br>and {} more", row.issues.len() - ISSUES_SHOWN);
        }
        let result = match row.outcome {
            CheckOutcome::Ok => "OK".to_owned(),
            other => format!("**{}**", other.label()),
        };
        let _ = writeln!(md, "| {} | {} | {} | {} | {} | {} |", row.operation_id, row.method, path, result, http, detail);
    }
    let _ = writeln!(md, "\n## Endpoint overrides in force\n");
    if r.overrides.is_empty() {
        let _ = writeln!(md, "None (no endpoints.toml, or it is empty).");
    } else {
        for o in &r.overrides {
            let _ = writeln!(
                md,
                "- {}: `{} {}` instead of `{} {}`",
                o.operation_id, o.method, o.path, o.default_method, o.default_path
            );
        }
    }
    let _ = writeln!(md, "\n## Guessed routes in the app's table\n");
    for g in &r.guessed {
        let kind = if g.read { "read" } else { "write, not checked" };
        let _ = writeln!(md, "- {}: `{} {}` ({} guessed; {})", g.operation_id, g.method, g.path, g.guess, kind);
    }
    md
}

/// Keeps a table cell on one line and its pipes literal.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::*;

    #[test]
    fn renders_rows_issues_and_overrides() {
        let row = CheckRow {
            operation_id: "getDnsRecords".into(),
            method: "GET".into(),
            path: "/dns".into(),
            guessed: false,
            overridden: true,
            outcome: CheckOutcome::ShapeDiffers,
            http_status: Some(200),
            detail: "1 difference(s) | odd".into(),
            issues: vec![ShapeIssue { pointer: "/data/records/0/type".into(), kind: IssueKind::Extra, message: "extra".into() }],
        };
        let mut report = CheckReport {
            base_url: "http://x".into(),
            rows: vec![row],
            counts: CheckCounts { shape_differs: 1, ..Default::default() },
            overrides: vec![OverrideInForce {
                operation_id: "getDnsRecords".into(),
                default_method: "GET".into(),
                default_path: "/dns".into(),
                method: "GET".into(),
                path: "/dns/records".into(),
            }],
            guessed: vec![],
            markdown: String::new(),
        };
        report.markdown = render(&report);
        let md = &report.markdown;
        assert!(md.contains("| getDnsRecords | GET | `/dns` (override) | **shape differs** | 200 | 1 difference(s) \\| odd<br>`/data/records/0/type`: extra |"), "{md}");
        assert!(md.contains("- getDnsRecords: `GET /dns/records` instead of `GET /dns`"));
    }
}
