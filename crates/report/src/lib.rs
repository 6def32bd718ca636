//! newsmill-report (in progress)
