//! cmr-sandbox
