//! The store. (Issue #7 builds it.)
