//! newsmill-entities (in progress)
