//! `newsmill train ner` (being written).

use anyhow::{bail, Result};

#[derive(clap::Args, Debug, Clone)]
pub struct TrainNerArgs {
    /// Training files.
    pub files: Vec<std::path::PathBuf>,
}

pub fn run(_args: &TrainNerArgs) -> Result<()> {
    bail!("newsmill train ner is not available yet")
}
