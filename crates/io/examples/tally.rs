//! Count the records the readers produce, by error kind.
//!
//! `cargo run -p newsmill-io --example tally -- PATH... [-]`

use newsmill_io::{open, InputSource, ReadOptions};
use std::collections::BTreeMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sources: Vec<InputSource> = std::env::args_os()
        .skip(1)
        .map(InputSource::from_arg)
        .collect();
    let mut inputs = open(&sources, ReadOptions::default())?;
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    let mut examples: BTreeMap<String, String> = BTreeMap::new();
    for doc in inputs.by_ref() {
        let kind = doc
            .error
            .as_ref()
            .map_or("ok".to_string(), |e| e.kind.clone());
        if let Some(error) = &doc.error {
            examples
                .entry(kind.clone())
                .or_insert_with(|| format!("{}: {}", doc.id, error.message));
        }
        *tally.entry(kind).or_default() += 1;
    }
    for (kind, count) in &tally {
        println!("{kind:>14} {count}");
    }
    for (kind, example) in &examples {
        println!("first {kind}: {example}");
    }
    println!("skipped files: {}", inputs.skipped_files());
    Ok(())
}
