//! Check API: does the live account answer the way the app assumes?
//!
//! Eleven paths of the endpoint table are guesses and most reply shapes come from partial
//! documentation. The check calls every read of the table once (arguments taken from earlier
//! answers: the first customer, one of their domains, one mailbox, ...), validates each reply
//! against the in-repo openapi.yaml and reports per operation. Only reads are sent, and the
//! client refuses anything else on this path, so nothing is ever written to CMR.

mod markdown;
mod run;
pub mod schema;

use serde::Serialize;

pub use run::{run_check, CheckHints};

/// What one operation's call showed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum CheckOutcome {
    /// Answered, and the reply matches the contract.
    Ok,
    /// 404 or 405: the path (or method) the app uses is wrong.
    PathNotFound,
    /// Answered, but fields are missing, extra or of another type.
    ShapeDiffers,
    /// 401, 403 or another error: the answer says why.
    Refused,
    /// Not called: nothing to pass (e.g. no customer has a mailbox).
    Skipped,
}

impl CheckOutcome {
    pub fn label(self) -> &'static str {
        match self {
            CheckOutcome::Ok => "OK",
            CheckOutcome::PathNotFound => "path not found",
            CheckOutcome::ShapeDiffers => "shape differs",
            CheckOutcome::Refused => "refused",
            CheckOutcome::Skipped => "skipped",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum IssueKind {
    Missing,
    Extra,
    Mistyped,
    Other,
}

/// One difference between a reply and the contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ShapeIssue {
    /// JSON pointer into the reply body, e.g. `/data/records/0/type`.
    pub pointer: String,
    pub kind: IssueKind,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CheckRow {
    pub operation_id: String,
    /// As sent, overrides applied.
    pub method: String,
    pub path: String,
    /// The table's path or method for this operation is a guess.
    pub guessed: bool,
    /// An endpoints.toml entry moved this operation.
    pub overridden: bool,
    pub outcome: CheckOutcome,
    pub http_status: Option<u16>,
    /// The server's message, what was skipped for, or a note.
    pub detail: String,
    pub issues: Vec<ShapeIssue>,
}

/// An override in force: where the table says, and where calls go instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OverrideInForce {
    pub operation_id: String,
    pub default_method: String,
    pub default_path: String,
    pub method: String,
    pub path: String,
}

/// An operation whose path or method in the table is a guess.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct GuessedRoute {
    pub operation_id: String,
    pub method: String,
    pub path: String,
    /// "path" or "method".
    pub guess: String,
    pub read: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CheckCounts {
    pub ok: u32,
    pub path_not_found: u32,
    pub shape_differs: u32,
    pub refused: u32,
    pub skipped: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    pub base_url: String,
    pub rows: Vec<CheckRow>,
    pub counts: CheckCounts,
    pub overrides: Vec<OverrideInForce>,
    pub guessed: Vec<GuessedRoute>,
    /// The whole report as Markdown, for pasting into a support ticket.
    pub markdown: String,
}

impl CheckReport {
    pub fn row(&self, operation_id: &str) -> Option<&CheckRow> {
        self.rows.iter().find(|r| r.operation_id == operation_id)
    }
}
