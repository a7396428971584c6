//! openapi.yaml response schemas as JSON Schema (2020-12), and the differences a reply shows.
//!
//! OpenAPI 3.1 schemas are nearly JSON Schema already; what is left to do is small:
//! - `$ref`s to `#/components/...` are inlined, so each operation's schema stands alone;
//! - OpenAPI 3.0's `nullable: true` becomes a `"null"` type (the contract may mix styles);
//! - OpenAPI-only keywords (`x-*`, `example`, `discriminator`, ...) are dropped;
//! - objects are closed (`unevaluatedProperties: false`) unless they say otherwise, because a
//!   renamed field must show up as an extra one; `unevaluatedProperties` rather than
//!   `additionalProperties` so that `allOf` compositions still see each other's properties.

use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{Draft, Validator};
use serde_json::{Map, Value};

use super::{IssueKind, ShapeIssue};

/// The contract, parsed once.
pub fn contract() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| serde_yaml_ng::from_str(cmr_client::OPENAPI_YAML).expect("openapi.yaml parses"))
}

/// The documented reply schema of `operation_id` for `status` (exact code, else `2XX`, else
/// `default`), converted; `None` when the operation documents no JSON body for it.
pub fn response_schema(doc: &Value, operation_id: &str, status: u16) -> Option<Value> {
    let op = doc.get("paths")?.as_object()?.values().find_map(|item| {
        item.as_object()?.values().find(|op| op.get("operationId").and_then(Value::as_str) == Some(operation_id))
    })?;
    let responses = op.get("responses")?;
    let reply = [status.to_string(), format!("{}XX", status / 100), "default".into()]
        .iter()
        .find_map(|code| responses.get(code.as_str()))?;
    let reply = resolve(doc, reply, 0)?;
    let schema = reply.get("content")?.get("application/json")?.get("schema")?;
    Some(convert(doc, schema, false, 0))
}

const MAX_DEPTH: usize = 32;

fn resolve<'a>(doc: &'a Value, v: &'a Value, depth: usize) -> Option<&'a Value> {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) if depth < MAX_DEPTH => resolve(doc, doc.pointer(r.strip_prefix('#')?)?, depth + 1),
        Some(_) => None,
        None => Some(v),
    }
}

/// Converts one schema fragment. `in_all_of` marks a direct member of an `allOf`, which must
/// stay open: its parent closes the combined object instead.
pub fn convert(doc: &Value, schema: &Value, in_all_of: bool, depth: usize) -> Value {
    let Some(obj) = schema.as_object() else { return schema.clone() };
    if depth > MAX_DEPTH {
        return Value::Bool(true);
    }
    if let Some(target) = obj.get("$ref").and_then(Value::as_str) {
        let resolved = target.strip_prefix('#').and_then(|p| doc.pointer(p));
        let Some(resolved) = resolved else { return Value::Bool(true) };
        let inner = convert(doc, resolved, in_all_of, depth + 1);
        return if obj.get("nullable") == Some(&Value::Bool(true)) { or_null(inner) } else { inner };
    }
    let mut out = Map::new();
    for (k, v) in obj {
        let converted = match k.as_str() {
            k if k.starts_with("x-") => continue,
            "example" | "examples" | "discriminator" | "xml" | "externalDocs" | "nullable" => continue,
            "properties" | "patternProperties" | "$defs" | "definitions" => match v.as_object() {
                Some(props) => {
                    Value::Object(props.iter().map(|(n, s)| (n.clone(), convert(doc, s, false, depth + 1))).collect())
                }
                None => v.clone(),
            },
            "allOf" => each(doc, v, true, depth),
            "anyOf" | "oneOf" | "prefixItems" => each(doc, v, false, depth),
            "items" | "additionalProperties" | "unevaluatedProperties" | "not" | "contains" | "propertyNames"
            | "if" | "then" | "else" => convert(doc, v, false, depth + 1),
            _ => v.clone(),
        };
        out.insert(k.clone(), converted);
    }
    flatten_all_of(&mut out);
    if obj.get("nullable") == Some(&Value::Bool(true)) {
        make_nullable(&mut out);
    }
    let open = ["additionalProperties", "unevaluatedProperties"].iter().any(|k| out.contains_key(*k));
    let describes_object = out.contains_key("properties") || all_of_has_properties(&out);
    if !in_all_of && !open && describes_object {
        out.insert("unevaluatedProperties".into(), Value::Bool(false));
    }
    Value::Object(out)
}

fn each(doc: &Value, v: &Value, in_all_of: bool, depth: usize) -> Value {
    match v.as_array() {
        Some(items) => Value::Array(items.iter().map(|s| convert(doc, s, in_all_of, depth + 1)).collect()),
        None => v.clone(),
    }
}

/// Merges an `allOf` of plain object schemas into one object. JSON Schema drops every
/// annotation of a failing `allOf` member, so one missing field would otherwise make all its
/// siblings read as unexpected; one merged object reports just the missing field.
fn flatten_all_of(out: &mut Map<String, Value>) {
    const PLAIN: [&str; 5] = ["type", "properties", "required", "description", "title"];
    let Some(Value::Array(members)) = out.get("allOf") else { return };
    let plain = |m: &Value| {
        m.as_object().is_some_and(|o| {
            o.keys().all(|k| PLAIN.contains(&k.as_str())) && o.get("type").is_none_or(|t| t == "object")
        })
    };
    if !members.iter().all(plain) || out.get("type").is_some_and(|t| t != "object") {
        return;
    }
    let Some(Value::Array(members)) = out.remove("allOf") else { return };
    let mut properties = match out.remove("properties") {
        Some(Value::Object(p)) => p,
        _ => Map::new(),
    };
    let mut required = match out.remove("required") {
        Some(Value::Array(r)) => r,
        _ => Vec::new(),
    };
    for m in members {
        if let Some(Value::Object(p)) = m.get("properties") {
            properties.extend(p.clone());
        }
        if let Some(Value::Array(r)) = m.get("required") {
            required.extend(r.iter().filter(|x| !required.contains(x)).cloned().collect::<Vec<_>>());
        }
    }
    out.insert("type".into(), "object".into());
    out.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        out.insert("required".into(), Value::Array(required));
    }
}

fn all_of_has_properties(out: &Map<String, Value>) -> bool {
    out.get("allOf")
        .and_then(Value::as_array)
        .is_some_and(|members| members.iter().any(|m| m.get("properties").is_some() || m.get("allOf").is_some()))
}

fn make_nullable(out: &mut Map<String, Value>) {
    match out.get_mut("type") {
        Some(Value::String(t)) => {
            let t = std::mem::take(t);
            out.insert("type".into(), Value::Array(vec![Value::String(t), "null".into()]));
        }
        Some(Value::Array(types)) if !types.iter().any(|t| t == "null") => types.push("null".into()),
        _ => {}
    }
    if let Some(Value::Array(options)) = out.get_mut("enum") {
        if !options.contains(&Value::Null) {
            options.push(Value::Null);
        }
    }
}

fn or_null(schema: Value) -> Value {
    serde_json::json!({ "anyOf": [schema, { "type": "null" }] })
}

/// Validates `instance` against an already converted schema; each difference with the JSON
/// pointer of the field it concerns.
pub fn differences(schema: &Value, instance: &Value) -> Result<Vec<ShapeIssue>, String> {
    let validator: Validator = jsonschema::options()
        .with_draft(Draft::Draft202012)
        .build(schema)
        .map_err(|e| format!("the contract's schema does not compile: {e}"))?;
    let mut issues = Vec::new();
    // Messages are masked: replies such as mailbox admin details carry passwords, and the
    // report is meant to be pasted into tickets.
    for err in validator.iter_errors(instance) {
        let at = err.instance_path().as_str().to_owned();
        let child = |name: &str| format!("{at}/{}", name.replace('~', "~0").replace('/', "~1"));
        match err.kind() {
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                issues.push(ShapeIssue { pointer: child(name), kind: IssueKind::Missing, message: format!("{name:?} is missing") });
            }
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                for name in unexpected {
                    issues.push(ShapeIssue {
                        pointer: child(name),
                        kind: IssueKind::Extra,
                        message: format!("{name:?} is not in the contract"),
                    });
                }
            }
            ValidationErrorKind::Type { .. } | ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => {
                issues.push(ShapeIssue { pointer: at, kind: IssueKind::Mistyped, message: err.masked().to_string() });
            }
            _ => issues.push(ShapeIssue { pointer: at, kind: IssueKind::Other, message: err.masked().to_string() }),
        }
    }
    issues.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    issues.dedup();
    // A field that fails inside an allOf member loses that member's annotations and so also
    // reads as unevaluated; the type error is the one that says what is wrong.
    let explained: Vec<String> =
        issues.iter().filter(|i| i.kind != IssueKind::Extra).map(|i| i.pointer.clone()).collect();
    issues.retain(|i| i.kind != IssueKind::Extra || !explained.contains(&i.pointer));
    Ok(issues)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({"components": {"schemas": {
            "Id": {"type": "string", "x-inferred": true, "example": "X"},
            "Base": {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]},
            "Both": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object", "properties": {"b": {"type": "integer"}}}]},
            "Old": {"type": "string", "nullable": true, "enum": ["X"]}
        }}})
    }

    fn issues(schema: Value, instance: Value) -> Vec<(String, IssueKind)> {
        let converted = convert(&doc(), &schema, false, 0);
        differences(&converted, &instance).unwrap().into_iter().map(|i| (i.pointer, i.kind)).collect()
    }

    #[test]
    fn refs_are_inlined_and_openapi_keywords_dropped() {
        let c = convert(&doc(), &json!({"$ref": "#/components/schemas/Id"}), false, 0);
        assert_eq!(c, json!({"type": "string"}));
    }

    #[test]
    fn nullable_admits_null_in_type_and_enum() {
        let c = convert(&doc(), &json!({"$ref": "#/components/schemas/Old"}), false, 0);
        assert_eq!(c, json!({"type": ["string", "null"], "enum": ["X", null]}));
        let r = convert(&doc(), &json!({"$ref": "#/components/schemas/Base", "nullable": true}), false, 0);
        assert!(differences(&r, &Value::Null).unwrap().is_empty());
    }

    #[test]
    fn all_of_members_see_each_other_and_the_whole_is_closed() {
        let both = json!({"$ref": "#/components/schemas/Both"});
        assert!(issues(both.clone(), json!({"a": "x", "b": 1})).is_empty());
        assert_eq!(issues(both.clone(), json!({"a": "x", "c": 1})), [("/c".to_owned(), IssueKind::Extra)]);
        assert_eq!(issues(both, json!({"b": "1"})), [("/a".to_owned(), IssueKind::Missing), ("/b".to_owned(), IssueKind::Mistyped)]);
    }

    #[test]
    fn a_renamed_field_shows_as_missing_and_extra_with_pointers() {
        let list = json!({"type": "object", "properties": {"data": {"type": "object", "properties": {
            "rows": {"type": "array", "items": {"$ref": "#/components/schemas/Base"}}}}}});
        let found = issues(list, json!({"data": {"rows": [{"a": "1"}, {"name": "2"}]}}));
        assert_eq!(found, [("/data/rows/1/a".to_owned(), IssueKind::Missing), ("/data/rows/1/name".to_owned(), IssueKind::Extra)]);
    }

    #[test]
    fn open_objects_stay_open() {
        let map = json!({"type": "object", "additionalProperties": {"type": "integer"}});
        assert!(issues(map.clone(), json!({"x": 1})).is_empty());
        assert_eq!(issues(map, json!({"x": "1"})), [("/x".to_owned(), IssueKind::Mistyped)]);
        assert!(issues(json!({"type": "object", "properties": {"d": {}}}), json!({"d": {"any": 1}})).is_empty());
    }

    #[test]
    fn every_read_of_the_contract_has_a_schema_that_compiles() {
        for ep in cmr_client::ENDPOINTS.iter().filter(|e| e.idempotent) {
            let status = if ep.operation_id == "orderPrewarmup" { 201 } else { 200 };
            let schema = response_schema(contract(), ep.operation_id, status).unwrap_or_else(|| panic!("{}", ep.operation_id));
            differences(&schema, &json!({})).unwrap_or_else(|e| panic!("{}: {e}", ep.operation_id));
        }
    }
}
