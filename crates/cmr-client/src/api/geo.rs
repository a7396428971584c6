//! Geo reference data for user addresses.

use std::collections::BTreeMap;

use crate::client::{Call, CmrClient};
use crate::endpoints as ep;
use crate::envelope::ApiResponse;
use crate::error::CmrError;

/// Name → code, e.g. "United States" → "US", "California" → "CA".
pub type CodeMap = BTreeMap<String, String>;

impl CmrClient {
    /// Country name → ISO 3166-1 alpha-2 code.
    pub async fn list_countries(&self) -> Result<ApiResponse<CodeMap>, CmrError> {
        self.send(Call::new(&ep::LIST_COUNTRIES)).await
    }

    /// State name → state code for a country.
    pub async fn list_states(&self, country_code: &str) -> Result<ApiResponse<CodeMap>, CmrError> {
        self.send(Call::new(&ep::LIST_STATES).query("countryCode", country_code)).await
    }
}
