//! `newsmill eval clean` (being written).

use anyhow::{bail, Result};

#[derive(clap::Args, Debug, Clone)]
pub struct EvalCleanArgs {
    /// Inputs.
    pub files: Vec<std::path::PathBuf>,
}

pub fn run(_args: &EvalCleanArgs) -> Result<()> {
    bail!("newsmill eval clean is not available yet")
}
