//! newsmill-quotes (in progress)
