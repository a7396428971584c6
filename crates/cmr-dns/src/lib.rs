//! The DNS logic behind CMR Desk's DNS editor, free of any window or network:
//!
//! - [`validate_record`]: a record typed in the form, checked and normalised for CMR;
//! - [`lint`]: problems of a whole record set (SPF, DMARC, MX, CNAME, duplicates);
//! - [`build_dmarc`], [`parse_dmarc`], [`complete_dmarc`]: the DMARC builder and what CMR
//!   publishes (`excludedDMARCtags`), one function shared with the sandbox;
//! - [`plan()`], [`plan_to_desired`], [`verify`]: edits gathered into a diff, the fewest changes
//!   to reach a desired set, and the check after a re-read;
//! - [`apply_template`], [`apply_template_many`]: Google Workspace / Microsoft 365 mail records;
//! - [`export_zone`], [`import_zone`]: BIND zone files, exported as a fragment of records or
//!   as a complete file with a generated SOA and NS.
//!
//! Records travel as `cmr_client::dns` types (`DnsRecord` read back, `DnsRecordInput` sent),
//! so one type goes from the screen to the wire.

pub mod dmarc;
pub mod dmarc_check;
pub mod dmarc_form;
pub mod lint;
pub mod names;
pub mod plan;
pub mod record;
pub mod spf;
pub mod templates;
pub mod txt;
pub mod validate;
pub mod zone;
pub mod zone_export;

pub use dmarc::{
    build_dmarc, complete_dmarc, dmarc_default_tags, dmarc_matches, parse_dmarc, DmarcCompletion, DmarcDefault,
    DmarcOptions, DmarcPolicy, DmarcRecord, DmarcTagValue, DMARC_DEFAULT_TAGS,
};
pub use dmarc_check::{check_dmarc, DmarcIssue};
pub use dmarc_form::{dmarc_state, preview_dmarc, set_dmarc_tag, stored_exclusions, DmarcState};
/// The DMARC tag type, for crates that use the completion without the client (the sandbox).
pub use cmr_client::DmarcTag;
pub use lint::{lint, LintFinding, Severity};
pub use plan::{
    plan, plan_to_desired, preview, same_record, verify, Change, ChangeKind, DiffLine, DiffSign, Mismatch, Plan, PlanError,
    PlanItem, PlanSummary,
};
pub use spf::{analyze_spf, SpfAnalysis, MAX_SPF_LOOKUPS};
pub use templates::{
    apply_template, apply_template_many, template_records, DomainRecords, MailTemplate, TemplateOutcome, TemplateRecord,
    TemplateRule,
};
pub use validate::{validate_record, validate_ttl, FieldError, FieldErrors};
pub use zone::{check_zone_size, import_zone, LineError, LineNote, ZoneImport, MAX_ZONE_BYTES, MAX_ZONE_LINES};
pub use zone_export::{export_zone, ZoneExport, ZoneForm};
