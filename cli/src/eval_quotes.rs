//! `newsmill eval quotes` (being written).

use anyhow::{bail, Result};

#[derive(clap::Args, Debug, Clone)]
pub struct EvalQuotesArgs {
    /// Inputs.
    pub files: Vec<std::path::PathBuf>,
}

pub fn run(_args: &EvalQuotesArgs) -> Result<()> {
    bail!("newsmill eval quotes is not available yet")
}
