//! Geo reference data: countries and their states.

use axum::extract::State;
use serde_json::{Map, Value};

use crate::envelope::{ok, ApiError, ApiResult, Params};
use crate::server::AppState;

const COUNTRIES: &[(&str, &str)] = &[
    ("Australia", "AU"), ("Austria", "AT"), ("Belgium", "BE"), ("Brazil", "BR"), ("Canada", "CA"),
    ("Denmark", "DK"), ("Finland", "FI"), ("France", "FR"), ("Germany", "DE"), ("India", "IN"),
    ("Ireland", "IE"), ("Italy", "IT"), ("Japan", "JP"), ("Mexico", "MX"), ("Netherlands", "NL"),
    ("New Zealand", "NZ"), ("Norway", "NO"), ("Poland", "PL"), ("Portugal", "PT"), ("Singapore", "SG"),
    ("South Africa", "ZA"), ("Spain", "ES"), ("Sweden", "SE"), ("Switzerland", "CH"),
    ("United Arab Emirates", "AE"), ("United Kingdom", "GB"), ("United States", "US"),
];

const STATES: &[(&str, &[(&str, &str)])] = &[
    ("US", &[
        ("Alabama", "AL"), ("Arizona", "AZ"), ("California", "CA"), ("Colorado", "CO"), ("Florida", "FL"),
        ("Georgia", "GA"), ("Illinois", "IL"), ("Massachusetts", "MA"), ("Michigan", "MI"), ("New Jersey", "NJ"),
        ("New York", "NY"), ("North Carolina", "NC"), ("Ohio", "OH"), ("Oregon", "OR"), ("Pennsylvania", "PA"),
        ("Texas", "TX"), ("Utah", "UT"), ("Virginia", "VA"), ("Washington", "WA"),
    ]),
    ("CA", &[("Alberta", "AB"), ("British Columbia", "BC"), ("Ontario", "ON"), ("Quebec", "QC")]),
    ("IN", &[("Delhi", "DL"), ("Karnataka", "KA"), ("Maharashtra", "MH"), ("Tamil Nadu", "TN"), ("Telangana", "TG")]),
    ("AU", &[("New South Wales", "NSW"), ("Queensland", "QLD"), ("Victoria", "VIC"), ("Western Australia", "WA")]),
    ("GB", &[("England", "ENG"), ("Northern Ireland", "NIR"), ("Scotland", "SCT"), ("Wales", "WLS")]),
    ("DE", &[("Bavaria", "BY"), ("Berlin", "BE"), ("Hamburg", "HH"), ("Hesse", "HE")]),
];

pub fn is_country(code: &str) -> bool {
    COUNTRIES.iter().any(|(_, c)| c.eq_ignore_ascii_case(code))
}

pub async fn list_countries(State(s): State<AppState>) -> ApiResult {
    drop(s.sim());
    let map: Map<String, Value> = COUNTRIES.iter().map(|(n, c)| (n.to_string(), Value::from(*c))).collect();
    ok("Countries fetched successfully", Value::Object(map))
}

pub async fn list_states(State(s): State<AppState>, p: Params) -> ApiResult {
    drop(s.sim());
    let code = p.get("countryCode").ok_or_else(|| ApiError::bad_request("Please provide a countryCode"))?;
    let code = code.trim().to_ascii_uppercase();
    if !is_country(&code) {
        return Err(ApiError::bad_request(format!("Unknown country code {code}")));
    }
    let states = STATES.iter().find(|(c, _)| *c == code).map(|(_, s)| *s).unwrap_or(&[]);
    let map: Map<String, Value> = states.iter().map(|(n, c)| (n.to_string(), Value::from(*c))).collect();
    ok("States fetched successfully", Value::Object(map))
}
