//! The one place that knows every stage: names on the command line to stage values.

use anyhow::{bail, Result};
use newsmill_doc::Pipeline;

/// Stage names in the order they can run.
pub const KNOWN: [&str; 4] = ["clean", "sentences", "entities", "quotes"];

/// Builds the pipeline for a comma-separated list of stage names.
pub fn build(list: &str) -> Result<Pipeline> {
    let mut pipeline = Pipeline::new();
    let mut seen = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if seen.contains(&name) {
            bail!("stage {name:?} is listed twice in --stages");
        }
        seen.push(name);
        match name {
            "clean" => pipeline.push(Box::new(newsmill_clean::Clean::new())),
            "sentences" => pipeline.push(Box::new(newsmill_sentences::Sentences::new())),
            "entities" => pipeline.push(Box::new(newsmill_entities::Entities::new())),
            "quotes" => pipeline.push(Box::new(newsmill_quotes::Quotes::new())),
            other => bail!(
                "unknown stage {other:?} in --stages (known: {})",
                KNOWN.join(", ")
            ),
        }
    }
    Ok(pipeline)
}
