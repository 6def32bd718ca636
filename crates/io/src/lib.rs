//! newsmill-io (in progress)
