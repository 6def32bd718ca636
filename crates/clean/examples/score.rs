//! Quick scoring loop for tuning without building the CLI:
//! `cargo run --release -p newsmill-clean --example score -- EXPECTED_DIR INPUT [N]`
//! where INPUT is a directory of `<id>.html`/`.txt` or a JSON map id -> {articleBody}
//! (plain text). Prints shingle F1, bag-of-words F1 and the N worst pages.
//! `REPEAT=N` also times N more passes by thread CPU time (Linux), the
//! per-core speed on a loaded machine; `DUMP=1` prints each cleaned text.
//! `newsmill eval clean` is the full tool; this reads only uncompressed files.

use newsmill_clean::metrics::{bag_of_words, shingle_counts, Aggregate};
use newsmill_clean::Clean;
use newsmill_doc::Meta;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: score EXPECTED_DIR INPUT [WORST]");
        std::process::exit(2);
    }
    let worst: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(10);
    let mut pages: Vec<(String, bool, String)> = Vec::new();
    let input = Path::new(&args[2]);
    if input.is_dir() {
        for entry in std::fs::read_dir(input).expect("input dir") {
            let path = entry.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let (id, html) = if let Some(id) = name.strip_suffix(".html") {
                (id.to_string(), true)
            } else if let Some(id) = name.strip_suffix(".txt") {
                (id.to_string(), false)
            } else {
                continue;
            };
            let bytes = std::fs::read(&path).expect("read");
            pages.push((id, html, String::from_utf8_lossy(&bytes).into_owned()));
        }
    } else {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(input).expect("read")).expect("json");
        let map = v.get("output").unwrap_or(&v).as_object().expect("object");
        for (id, body) in map {
            let text = body["articleBody"].as_str().unwrap_or("").to_string();
            pages.push((id.clone(), false, text));
        }
    }
    pages.sort();
    // REPEAT=N cleans every page N more times, timed by this thread's CPU
    // time (Linux), which a loaded machine disturbs less than wall time.
    let repeat: usize = std::env::var("REPEAT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    if repeat > 0 {
        let cpu = || -> f64 {
            let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
            let fields: Vec<&str> = stat
                .rsplit(')')
                .next()
                .unwrap_or("")
                .split_whitespace()
                .collect();
            let ticks = |i: usize| {
                fields
                    .get(i)
                    .and_then(|f| f.parse::<f64>().ok())
                    .unwrap_or(0.0)
            };
            (ticks(11) + ticks(12)) / 100.0
        };
        let clean = Clean::new();
        let before = cpu();
        let mut bytes = 0;
        for _ in 0..repeat {
            for (_, html, body) in &pages {
                bytes += body.len();
                let _ = if *html {
                    clean.extract_html(body, &Meta::default())
                } else {
                    clean.clean_text(body, &Meta::default())
                };
            }
        }
        let secs = cpu() - before;
        println!(
            "cpu {secs:.2}s: {:.1} pages/s, {:.1} MB/s a core",
            (pages.len() * repeat) as f64 / secs,
            bytes as f64 / 1e6 / secs
        );
    }
    let clean = Clean::new();
    let (mut sh, mut bw) = (Aggregate::default(), Aggregate::default());
    let mut rows = Vec::new();
    let mut secs = 0.0;
    let mut bytes = 0;
    for (id, html, body) in &pages {
        let expected_path = Path::new(&args[1]).join(format!("{id}.txt"));
        let Ok(gold) = std::fs::read_to_string(&expected_path) else {
            continue;
        };
        bytes += body.len();
        let start = std::time::Instant::now();
        let out = if *html {
            clean.extract_html(body, &Meta::default())
        } else {
            clean.clean_text(body, &Meta::default())
        };
        let text = out.map(|c| c.text).unwrap_or_default();
        secs += start.elapsed().as_secs_f64();
        if std::env::var_os("DUMP").is_some() {
            println!("{text}");
        }
        let (s, w) = (shingle_counts(&gold, &text), bag_of_words(&gold, &text));
        sh.add(s);
        bw.add(w);
        rows.push((
            w.f1(),
            w.precision().unwrap_or(0.0),
            w.recall().unwrap_or(0.0),
            s.f1(),
            id,
        ));
    }
    let (s, w) = (sh.summary(), bw.summary());
    println!(
        "pages {}  shingle P {:.4} R {:.4} F1 {:.4} | bow P {:.4} R {:.4} meanF1 {:.4} | {:.0} pages/s {:.1} MB/s",
        s.pages, s.precision, s.recall, s.f1_of_means, w.precision, w.recall, w.mean_f1,
        s.pages as f64 / secs, bytes as f64 / 1e6 / secs
    );
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (f, p, r, sf, id) in rows.iter().take(worst) {
        println!("{f:.3} P {p:.3} R {r:.3} sh {sf:.3} {id}");
    }
}
