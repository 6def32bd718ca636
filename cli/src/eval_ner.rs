//! `newsmill eval ner` (being written).

use anyhow::{bail, Result};

#[derive(clap::Args, Debug, Clone)]
pub struct EvalNerArgs {
    /// Inputs.
    pub files: Vec<std::path::PathBuf>,
}

pub fn run(_args: &EvalNerArgs) -> Result<()> {
    bail!("newsmill eval ner is not available yet")
}
