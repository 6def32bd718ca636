//! Prints the sentences of a file (or of the first N records' "text" of a JSONL file), one per line.
//!
//! ```text
//! cargo run -p newsmill-sentences --example show -- FILE [N]
//! ```

use newsmill_sentences::Segmenter;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: show FILE [N]");
        return;
    };
    let limit: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let content = match std::fs::read_to_string(&path) {
        Ok(content) => content,
        Err(err) => {
            eprintln!("skipping {path}: {err}");
            return;
        }
    };
    let texts: Vec<String> = if path.ends_with(".jsonl") {
        content
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .take(limit)
            .collect()
    } else {
        vec![content]
    };
    let segmenter = Segmenter::default();
    for text in &texts {
        for span in segmenter.sentences(text) {
            println!("| {}", text[span.range()].replace('\n', "⏎"));
        }
        println!("----");
    }
}
