//! Users: the Partner's customers.

use axum::extract::State;
use serde_json::{json, Value};

use super::require_object;
use crate::envelope::{envelope, ok, paginate, ApiError, ApiResult, Data, JsonBody, Params};
use crate::model::User;
use crate::rules::Rule;
use crate::server::AppState;

const FIELDS: &[&str] = &[
    "email", "company", "firstName", "lastName", "country", "state", "city", "addressLineOne",
    "addressLineTwo", "addressLineThree", "postalCode", "languagePreference", "phoneCc", "phone",
];
const OPTIONAL: &[&str] = &["addressLineTwo", "addressLineThree"];

/// `&#39;`, `&amp;` and friends are decoded before validation, as the live API does.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &tail[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "apos" => Some('\''),
                "quot" => Some('"'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ if ent.starts_with("#x") => u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32),
                _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Letters (any script), digits, spaces and `. , ' # & ( ) / -`.
fn allowed_text(s: &str) -> bool {
    s.chars().all(|c| c.is_alphanumeric() || c == ' ' || ".,'#&()/-".contains(c))
}

fn valid_email(s: &str) -> bool {
    let mut parts = s.split('@');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(char::is_whitespace)
        }
        _ => false,
    }
}

/// Validates the supplied fields; returns them decoded. `required` lists what must be present.
fn clean_fields(body: &Value, required: &[&str], lenient: bool) -> Result<Vec<(&'static str, String)>, ApiError> {
    require_object(body)?;
    let on = |r: Rule| r.on(lenient);
    let mut out = Vec::new();
    for &f in FIELDS {
        match body.get(f) {
            None | Some(Value::Null) => {
                if on(Rule::UserRequiredFields) && required.contains(&f) {
                    return Err(ApiError::bad_request(format!("{f} is required")));
                }
            }
            Some(Value::String(raw)) => {
                let v = decode_entities(raw.trim());
                if v.is_empty() {
                    if on(Rule::UserRequiredFields) && required.contains(&f) {
                        return Err(ApiError::bad_request(format!("{f} is required")));
                    }
                    continue;
                }
                if on(Rule::UserFieldLength) && v.chars().count() > 200 {
                    return Err(ApiError::unprocessable(format!("{f} is too long")));
                }
                if f == "email" {
                    if on(Rule::UserEmailFormat) && !valid_email(&v) {
                        return Err(ApiError::unprocessable("email must be a valid email address"));
                    }
                } else if on(Rule::UserCharset) && !allowed_text(&v) {
                    return Err(ApiError::unprocessable(format!(
                        "{f} may contain only letters, digits, spaces and . , ' # & ( ) / -"
                    )));
                }
                if on(Rule::UserCountry) && f == "country" && !super::geo::is_country(&v) {
                    return Err(ApiError::unprocessable("country must be an ISO 3166-1 alpha-2 code from /geo/countries"));
                }
                if on(Rule::UserPhoneDigits) && (f == "phoneCc" || f == "phone") && !v.chars().all(|c| c.is_ascii_digit()) {
                    return Err(ApiError::unprocessable(format!("{f} must contain digits only")));
                }
                out.push((f, v));
            }
            Some(_) => return Err(ApiError::bad_request(format!("{f} must be a string"))),
        }
    }
    Ok(out)
}

fn apply(user: &mut User, fields: Vec<(&'static str, String)>) {
    for (f, v) in fields {
        match f {
            "email" => user.email = v,
            "company" => user.company = v,
            "firstName" => user.first_name = v,
            "lastName" => user.last_name = v,
            "country" => user.country = v.to_ascii_uppercase(),
            "state" => user.state = v,
            "city" => user.city = v,
            "addressLineOne" => user.address_line_one = v,
            "addressLineTwo" => user.address_line_two = Some(v),
            "addressLineThree" => user.address_line_three = Some(v),
            "postalCode" => user.postal_code = v,
            "languagePreference" => user.language_preference = v,
            "phoneCc" => user.phone_cc = v,
            "phone" => user.phone = v,
            _ => {}
        }
    }
}

pub fn blank_user(id: String) -> User {
    User {
        user_id: id,
        email: String::new(),
        company: String::new(),
        first_name: String::new(),
        last_name: String::new(),
        country: String::new(),
        state: String::new(),
        city: String::new(),
        address_line_one: String::new(),
        address_line_two: None,
        address_line_three: None,
        postal_code: String::new(),
        language_preference: "en".into(),
        phone_cc: String::new(),
        phone: String::new(),
    }
}

pub async fn list_users(State(s): State<AppState>, p: Params) -> ApiResult {
    let (page, limit) = p.paging(20, 100)?;
    let search = p.get("search").map(str::to_lowercase);
    let sim = s.sim();
    let users: Vec<&User> = sim
        .users
        .values()
        .filter(|u| match &search {
            None => true,
            Some(q) => [&u.email, &u.first_name, &u.last_name, &u.company]
                .iter()
                .any(|f| f.to_lowercase().contains(q)),
        })
        .collect();
    let (rows, pagination) = paginate(&users, page, limit);
    ok("Users fetched successfully", json!({"users": rows, "pagination": pagination}))
}

pub async fn get_user(State(s): State<AppState>, p: Params) -> ApiResult {
    let user_id = p.user_id()?;
    let sim = s.sim();
    let user = sim.user(user_id)?;
    ok("User fetched successfully", json!(user))
}

pub async fn create_user(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let required: Vec<&str> = FIELDS.iter().copied().filter(|f| !OPTIONAL.contains(f)).collect();
    let fields = clean_fields(&body, &required, s.lenient)?;
    let mut sim = s.sim();
    let id = sim.new_id();
    let mut user = blank_user(id.clone());
    apply(&mut user, fields);
    if sim.rule_on(Rule::UserEmailUnique) && sim.users.values().any(|u| u.email.eq_ignore_ascii_case(&user.email)) {
        return Err(ApiError::conflict(format!("A user with email {} already exists", user.email)));
    }
    sim.users.insert(id.clone(), user);
    // Both keys: the live response is reported as `data.id`; `userId` is what every later call takes.
    ok("User created", json!({"id": id, "userId": id}))
}

pub async fn update_user(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    let fields = clean_fields(&body, &[], s.lenient)?;
    let mut sim = s.sim();
    sim.user(&user_id)?;
    if let Some((_, email)) = fields.iter().find(|(f, _)| *f == "email").filter(|_| sim.rule_on(Rule::UserEmailUnique)) {
        if sim.users.values().any(|u| u.user_id != user_id && u.email.eq_ignore_ascii_case(email)) {
            return Err(ApiError::conflict(format!("A user with email {email} already exists")));
        }
    }
    let user = sim.users.get_mut(&user_id).unwrap();
    apply(user, fields);
    let user = user.clone();
    ok("User updated successfully", json!(user))
}

pub async fn delete_user(State(s): State<AppState>, p: Params) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    let mut sim = s.sim();
    sim.user(&user_id)?;
    let domains = sim.domains.values().filter(|d| d.user_id == user_id).count();
    let mailboxes = sim.mailboxes.values().filter(|m| m.user_id == user_id).count();
    if sim.rule_on(Rule::UserDeleteEmpty) && (domains > 0 || mailboxes > 0) {
        // The help guide says the refusal reports both counts; they travel in `data`.
        let message = format!("User cannot be deleted: it still has {domains} domain(s) and {mailboxes} mailbox(es)");
        return Err(ApiError::unprocessable(message).with_data(json!({"domainCount": domains, "mailboxCount": mailboxes})));
    }
    sim.users.remove(&user_id);
    sim.credentials.retain(|_, c| c.user_id != user_id);
    sim.subscriptions.retain(|_, s| s.user_id != user_id);
    sim.orders.retain(|_, o| o.user_id != user_id);
    sim.placements.retain(|_, p| p.user_id != user_id);
    Ok(envelope(200, "User successfully deleted", Data::Omit, None))
}
