//! newsmill-sentences (in progress)
