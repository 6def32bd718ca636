//! End-to-end: lines a site repeats across its articles are removed from
//! the batch alone (`--repeated`), the same for any `--jobs`, with two
//! passes over files and a window over stdin.

use assert_cmd::Command;
use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;

/// Lines of the fictional Lakeside Ledger that no fixed phrase rule knows.
const MOTTO: &str = "The Lakeside Ledger: small towns, told straight";
const SOCIAL: &str = "Find the Ledger on Bluesky and Mastodon";

/// Stories of the Ledger, in file name order.
const STORIES: [(&str, &str); 7] = [
    (
        "bakery",
        "A bakery that has stood on Mill Street for ninety years is to close in June.",
    ),
    (
        "bridge",
        "Repairs to the old stone bridge will keep it shut to cars until autumn.",
    ),
    (
        "choir",
        "The town choir won a regional prize with a programme of sea shanties.",
    ),
    (
        "ferry",
        "The ferry timetable changes next week, the harbour office said on Monday.",
    ),
    (
        "library",
        "The library will open on Sundays from March, the council announced.",
    ),
    (
        "market",
        "Farmers say the new Thursday market has doubled their weekend sales.",
    ),
    (
        "oaks",
        "Volunteers planted two hundred oak saplings along the river path on Saturday.",
    ),
];

fn article(name: &str, story: &str) -> String {
    format!(
        "{story}\n\nResidents asked about the {name} plans were mostly in favour.\n\n\
         {MOTTO}\n\n{SOCIAL}\n"
    )
}

fn newsmill() -> Command {
    let mut cmd = Command::cargo_bin("newsmill").expect("binary built");
    cmd.env_remove("RUST_LOG");
    cmd
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsmill-repeated-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The Ledger's articles as a folder of `.txt` files.
fn ledger_dir(name: &str) -> PathBuf {
    let dir = scratch(name);
    for (name, story) in STORIES {
        std::fs::write(dir.join(format!("{name}.txt")), article(name, story)).unwrap();
    }
    dir
}

/// The same articles as a JSON Lines feed with their URLs.
fn ledger_feed() -> Vec<u8> {
    let mut feed = String::new();
    for (name, story) in STORIES {
        let record = serde_json::json!({
            "id": name,
            "url": format!("https://www.lakeside-ledger.example/news/{name}"),
            "text": article(name, story),
        });
        feed.push_str(&record.to_string());
        feed.push('\n');
    }
    feed.into_bytes()
}

fn run(args: &[&str], stdin: Option<Vec<u8>>) -> Vec<u8> {
    let mut cmd = newsmill();
    cmd.args(["run", "-q", "--stages", "clean"]).args(args);
    if let Some(bytes) = stdin {
        cmd.write_stdin(bytes);
    }
    let output = cmd.output().unwrap();
    assert!(
        output.status.success(),
        "newsmill {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn records(stdout: &[u8]) -> Vec<Value> {
    std::str::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn repeated_texts(record: &Value) -> Vec<&str> {
    record["removed"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "repeated")
        .map(|r| r["text"].as_str().unwrap())
        .collect()
}

/// Every record keeps its story and loses exactly the two site lines.
fn assert_site_lines_removed(out: &[u8]) {
    let records = records(out);
    assert_eq!(records.len(), STORIES.len());
    for (record, (name, story)) in records.iter().zip(STORIES) {
        let text = record["text"].as_str().unwrap();
        assert!(text.starts_with(story), "{text}");
        assert!(text.contains(&format!("about the {name} plans")), "{text}");
        assert!(!text.contains(MOTTO) && !text.contains(SOCIAL), "{text}");
        assert_eq!(repeated_texts(record), [MOTTO, SOCIAL]);
    }
}

#[test]
fn two_passes_over_a_folder_remove_the_site_lines_for_any_jobs() {
    let dir = ledger_dir("two-pass");
    let dir_arg = dir.to_str().unwrap();
    let one = run(&["--jobs", "1", dir_arg], None);
    let four = run(&["--jobs", "4", dir_arg], None);
    assert_eq!(one, four, "output differs between --jobs 1 and 4");
    assert_site_lines_removed(&one);
    assert_eq!(run(&["--repeated", "two-pass", dir_arg], None), one);

    // Without batch knowledge no rule touches them: only the batch rule does.
    let off = records(&run(&["--repeated", "off", dir_arg], None));
    for record in &off {
        let text = record["text"].as_str().unwrap();
        assert!(text.contains(MOTTO) && text.contains(SOCIAL), "{text}");
        assert!(repeated_texts(record).is_empty());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_window_over_stdin_removes_them_too_and_is_the_same_for_any_jobs() {
    let one = run(&["--jobs", "1", "-"], Some(ledger_feed()));
    let four = run(
        &["--jobs", "4", "--repeated", "window", "-"],
        Some(ledger_feed()),
    );
    assert_eq!(one, four);
    assert_site_lines_removed(&one);
}

#[test]
fn shards_together_give_the_unsharded_output() {
    let dir = ledger_dir("shards");
    let dir_arg = dir.to_str().unwrap();
    let whole = records(&run(&[dir_arg], None));
    for (index, record) in whole.iter().enumerate() {
        let shard = format!("{}/3", index % 3);
        let part = records(&run(&["--shard", &shard, dir_arg], None));
        assert!(part.contains(record), "shard {shard} lost {}", record["id"]);
    }
    // The window counts the other shards' articles as well.
    let feed_whole = records(&run(&["-"], Some(ledger_feed())));
    let feed_shard = records(&run(&["--shard", "1/2", "-"], Some(ledger_feed())));
    assert_eq!(feed_shard, [1, 3, 5].map(|i| feed_whole[i].clone()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_passes_over_stdin_are_refused() {
    let output = newsmill()
        .args(["run", "-q", "--repeated", "two-pass", "-"])
        .write_stdin(ledger_feed())
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("window"));
}

/// The Ledger's pages as a CC-NEWS-style `.warc.gz`: one gzip member per
/// record, a warcinfo record first, one story in German.
fn ledger_warc_gz() -> Vec<u8> {
    fn record(warc_type: &str, headers: &[(&str, String)], block: &[u8]) -> Vec<u8> {
        let mut out = format!("WARC/1.1\r\nWARC-Type: {warc_type}\r\n").into_bytes();
        for (name, value) in headers {
            out.extend(format!("{name}: {value}\r\n").bytes());
        }
        out.extend(format!("Content-Length: {}\r\n\r\n", block.len()).bytes());
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(&out).unwrap();
        gz.finish().unwrap()
    }
    let mut warc = record(
        "warcinfo",
        &[("Content-Type", "application/warc-fields".into())],
        b"software: hand-written\r\n",
    );
    for (n, (name, story)) in STORIES.iter().enumerate() {
        let story = if *name == "choir" {
            "Der Chor der Stadt hat mit einem Programm aus Seemannsliedern einen regionalen Preis \
             gewonnen, teilte die Chorleiterin am Montag mit."
        } else {
            story
        };
        let html = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><title>{name}</title></head><body><article>\
             <p>{story}</p><p>{MOTTO}</p><p>{SOCIAL}</p></article></body></html>"
        );
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n".to_vec();
        block.extend_from_slice(html.as_bytes());
        warc.extend(record(
            "response",
            &[
                (
                    "WARC-Target-URI",
                    format!("https://lakeside-ledger.example/{name}"),
                ),
                ("WARC-Date", "2026-03-04T05:06:07Z".into()),
                (
                    "WARC-Record-ID",
                    format!("<urn:uuid:00000000-0000-0000-0000-{n:012}>"),
                ),
                ("Content-Type", "application/http; msgtype=response".into()),
            ],
            &block,
        ));
    }
    warc
}

#[test]
fn a_warc_gz_crawl_gives_urls_dates_languages_and_loses_the_site_lines() {
    let dir = scratch("warc");
    let path = dir.join("CC-NEWS-20260304050607-00001.warc.gz");
    std::fs::write(&path, ledger_warc_gz()).unwrap();
    let out = records(&run(&[path.to_str().unwrap()], None));
    assert_eq!(out.len(), STORIES.len());
    for (record, (name, _)) in out.iter().zip(STORIES) {
        let url = format!("https://lakeside-ledger.example/{name}");
        assert_eq!(record["id"], url.as_str());
        assert_eq!(record["meta"]["url"], url.as_str());
        // The page gives no date: the crawl date stands in.
        assert_eq!(record["meta"]["published"], "2026-03-04T05:06:07Z");
        let language = if name == "choir" { "de" } else { "en" };
        assert_eq!(record["meta"]["language"], language, "{name}");
        assert_eq!(repeated_texts(record), [MOTTO, SOCIAL], "{name}");
        assert!(record["error"].is_null());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
