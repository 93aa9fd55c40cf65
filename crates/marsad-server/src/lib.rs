//! API and UI. (Issue #7 builds them.)
