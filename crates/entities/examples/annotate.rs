//! Prints the entities of a text file: `cargo run --example annotate -- FILE [START_MARKER END_MARKER]`.
use newsmill_entities::Entities;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: annotate FILE [START_MARKER END_MARKER]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let text = match (args.get(2), args.get(3)) {
        (Some(a), Some(b)) => match (text.find(a.as_str()), text.find(b.as_str())) {
            (Some(s), Some(e)) => text[s..e + b.len()].to_string(),
            _ => text,
        },
        _ => text,
    };
    for e in Entities::new().annotate(&text) {
        let forms: Vec<&str> = e.mentions.iter().map(|m| &text[m.range()]).collect();
        println!(
            "{:4} {:8} {:35} {:20} {:?}",
            e.id,
            e.label.as_str(),
            e.name,
            e.value.as_deref().unwrap_or(""),
            forms
        );
    }
}
