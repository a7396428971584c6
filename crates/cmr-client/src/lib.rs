//! cmr-client
