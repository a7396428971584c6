//! Settings → Profiles: which CMR account (and environment) the app talks to.

mod model;
mod service;
mod store;
#[cfg(test)]
mod tests;

pub use model::{Environment, KeyStatus, NewProfile, Profile, ProfileFields, ProfileView};
#[cfg(test)]
pub use model::PRODUCTION_BASE_URL;
pub use service::{Credentials, ProfileService};
pub use store::ProfileFileStore;
