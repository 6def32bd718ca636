//! The one place that knows every stage: names on the command line to stage values.

use anyhow::{bail, Result};
use newsmill_doc::Pipeline;

/// Stage names in the order they can run.
pub const KNOWN: [&str; 4] = ["clean", "sentences", "entities", "quotes"];

/// Builds the pipeline for a comma-separated list of stage names.
pub fn build(list: &str) -> Result<Pipeline> {
    build_with_patterns(list, None)
}

/// Builds the pipeline, the entities stage with the user's EntityRuler JSONL
/// patterns (`--patterns FILE`) when given.
pub fn build_with_patterns(list: &str, patterns: Option<&std::path::Path>) -> Result<Pipeline> {
    use anyhow::Context;
    let mut entities = newsmill_entities::Entities::new();
    if let Some(path) = patterns {
        let jsonl = std::fs::read_to_string(path)
            .with_context(|| format!("reading patterns {}", path.display()))?;
        let patterns = newsmill_entities::Patterns::from_jsonl(&jsonl)
            .with_context(|| format!("patterns {}", path.display()))?;
        entities = entities.with_patterns(patterns);
    }
    let mut entities = Some(entities);
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
            "entities" => pipeline.push(Box::new(entities.take().unwrap_or_default())),
            "quotes" => pipeline.push(Box::new(newsmill_quotes::Quotes::new())),
            other => bail!(
                "unknown stage {other:?} in --stages (known: {})",
                KNOWN.join(", ")
            ),
        }
    }
    Ok(pipeline)
}
