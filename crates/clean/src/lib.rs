//! newsmill-clean (in progress)
