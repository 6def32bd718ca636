//! End-to-end tests: the `newsmill` binary on the bundled samples and on bad input.

use assert_cmd::Command;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

fn newsmill() -> Command {
    let mut cmd = Command::cargo_bin("newsmill").expect("binary built");
    cmd.env_remove("RUST_LOG");
    cmd
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn samples_dir() -> PathBuf {
    repo_root().join("samples")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsmill-e2e-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn records(stdout: &[u8]) -> Vec<Value> {
    std::str::from_utf8(stdout)
        .expect("records are UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON record"))
        .collect()
}

fn run_ok(args: &[&str]) -> Vec<Value> {
    let output = newsmill().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "newsmill {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    records(&output.stdout)
}

/// How many articles the samples folder holds: a record per .txt/.html and per JSONL line.
fn sample_article_count() -> usize {
    let mut count = 0;
    let mut stack = vec![samples_dir()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                stack.push(path);
            } else if name.ends_with(".txt") || name.ends_with(".html") || name.ends_with(".htm") {
                count += 1;
            } else if name.ends_with(".jsonl") {
                count += std::fs::read_to_string(&path)
                    .unwrap()
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .count();
            }
        }
    }
    count
}

/// Slices `text` by code-point offsets, as Python would.
fn char_slice(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

fn assert_spans_slice(record: &Value) {
    let text = record["text"].as_str().unwrap();
    assert_eq!(record["offsets"], "char");
    for entity in record["entities"].as_array().unwrap() {
        for m in entity["mentions"].as_array().unwrap() {
            let got = char_slice(
                text,
                m["start"].as_u64().unwrap(),
                m["end"].as_u64().unwrap(),
            );
            assert_eq!(
                got,
                m["text"].as_str().unwrap(),
                "mention in {}",
                record["id"]
            );
        }
    }
    for q in record["quotes"].as_array().unwrap() {
        let got = char_slice(
            text,
            q["start"].as_u64().unwrap(),
            q["end"].as_u64().unwrap(),
        );
        assert_eq!(
            got,
            q["text"].as_str().unwrap(),
            "quote in {}",
            record["id"]
        );
    }
    for s in record["sentences"].as_array().unwrap() {
        let got = char_slice(
            text,
            s["start"].as_u64().unwrap(),
            s["end"].as_u64().unwrap(),
        );
        assert!(
            !got.trim().is_empty() && got.trim() == got,
            "sentence {got:?} in {}",
            record["id"]
        );
    }
}

#[test]
fn sample_run_gives_one_clean_record_per_article_and_a_report() {
    let dir = scratch("sample");
    let out = dir.join("records.jsonl");
    let report = dir.join("report.md");
    newsmill()
        .args(["run", "--sample", "-q", "-o"])
        .arg(&out)
        .arg("--report")
        .arg(&report)
        .assert()
        .success();
    let recs = records(&std::fs::read(&out).unwrap());
    assert_eq!(
        recs.len(),
        sample_article_count(),
        "one record per sample article"
    );
    let mut ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let total = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), total, "ids are unique");
    for record in &recs {
        assert!(
            record["error"].is_null(),
            "sample {} failed: {}",
            record["id"],
            record["error"]
        );
        assert!(!record["text"].as_str().unwrap().is_empty());
        assert!(!record["sentences"].as_array().unwrap().is_empty());
        assert!(
            !record["entities"].as_array().unwrap().is_empty(),
            "{}",
            record["id"]
        );
        assert_spans_slice(record);
    }
    let quotes: usize = recs
        .iter()
        .map(|r| r["quotes"].as_array().unwrap().len())
        .sum();
    let attributed = recs
        .iter()
        .flat_map(|r| r["quotes"].as_array().unwrap())
        .filter(|q| !q["speaker"].is_null())
        .count();
    assert!(
        quotes > 10 && attributed * 2 > quotes,
        "{attributed} of {quotes} quotes attributed"
    );

    let report = std::fs::read_to_string(&report).unwrap();
    assert!(
        report.contains(&format!("{}", recs.len())),
        "report counts the articles"
    );
    assert!(report.contains("PERSON"), "report lists people");
}

#[test]
fn output_is_identical_for_any_number_of_jobs() {
    let samples = samples_dir();
    let samples = samples.to_str().unwrap();
    let one = newsmill()
        .args(["run", "-q", "--jobs", "1", samples])
        .output()
        .unwrap();
    let four = newsmill()
        .args(["run", "-q", "--jobs", "4", samples])
        .output()
        .unwrap();
    assert!(one.status.success() && four.status.success());
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, four.stdout, "--jobs 1 and --jobs 4 differ");
}

#[test]
fn jsonl_on_stdin_keeps_order_ids_and_unknown_fields() {
    let mut input = String::new();
    for i in 0..300 {
        input.push_str(&format!(
            "{{\"id\":\"doc-{i:03}\",\"text\":\"Mayor Anna Lindqvist opened bridge number {i} in Oslo on Monday. \\\"It is a good day,\\\" Lindqvist said.\",\"section\":\"local\",\"rank\":{i}}}\n"
        ));
    }
    let output = newsmill()
        .args(["run", "-q", "--jobs", "2", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(output.status.success());
    let recs = records(&output.stdout);
    assert_eq!(recs.len(), 300);
    for (i, record) in recs.iter().enumerate() {
        assert_eq!(record["id"], format!("doc-{i:03}"));
        assert_eq!(record["input"]["section"], "local");
        assert_eq!(record["input"]["rank"], i as u64);
        assert!(record["error"].is_null());
    }
}

#[test]
fn bad_articles_become_error_records_and_the_batch_goes_on() {
    let dir = scratch("bad");
    std::fs::write(
        dir.join("a-good.txt"),
        "The council met on Tuesday in Leeds.\n\nIt approved the budget.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b-invalid-utf8.txt"),
        b"Caf\xe9 society \xff\xfe returns.",
    )
    .unwrap();
    std::fs::write(
        dir.join("c-binary.txt"),
        [0u8, 159, 146, 150, 0, 0, 7, 1, 2, 3],
    )
    .unwrap();
    std::fs::write(dir.join("d-empty.txt"), "").unwrap();
    std::fs::write(dir.join("e-huge.txt"), "word ".repeat(50_000)).unwrap();
    // A gzip stream cut in half.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..200 {
        writeln!(
            gz,
            "{{\"id\":\"z{i}\",\"text\":\"Story number {i} about the port of Hamburg.\"}}"
        )
        .unwrap();
    }
    let bytes = gz.finish().unwrap();
    std::fs::write(dir.join("f-truncated.jsonl.gz"), &bytes[..bytes.len() / 2]).unwrap();
    std::fs::write(
        dir.join("g-lines.jsonl"),
        "{\"id\":\"ok1\",\"text\":\"Rain fell in Lyon.\"}\nnot json at all\n{\"id\":\"nobody\"}\n{\"id\":\"ok2\",\"text\":\"Sun shone in Nice.\"}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("h-broken.html"),
        "<html><body><div><p>Unclosed <b>tags <i>everywhere<p>Second para",
    )
    .unwrap();

    let output = newsmill()
        .args(["run", "-q", "--max-article-bytes", "100000"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "a run with bad articles still exits 0"
    );
    let recs = records(&output.stdout);
    let by_id = |needle: &str| {
        recs.iter()
            .find(|r| r["id"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no record for {needle}"))
    };
    assert!(by_id("a-good").get("error").unwrap().is_null());
    assert_eq!(by_id("b-invalid-utf8")["error"]["kind"], "invalid-utf8");
    assert_eq!(by_id("c-binary")["error"]["kind"], "binary");
    assert_eq!(by_id("d-empty")["error"]["kind"], "empty");
    assert_eq!(by_id("e-huge")["error"]["kind"], "too-large");
    let gzip_errors: Vec<_> = recs
        .iter()
        .filter(|r| r["error"]["kind"] == "gzip")
        .collect();
    assert_eq!(
        gzip_errors.len(),
        1,
        "one error record for the damaged tail"
    );
    assert!(gzip_errors[0]["id"]
        .as_str()
        .unwrap()
        .contains("f-truncated"));
    assert!(
        recs.iter().any(|r| r["id"] == "z0" && r["error"].is_null()),
        "records before the damage survive"
    );
    assert_eq!(by_id("ok1")["error"], Value::Null);
    assert_eq!(by_id("ok2")["error"], Value::Null);
    let line_errors = recs
        .iter()
        .filter(|r| r["id"].as_str().unwrap().starts_with("g-lines.jsonl:"))
        .count();
    assert_eq!(line_errors, 1, "the non-JSON line gives one error record");
    assert!(
        !by_id("nobody")["error"].is_null(),
        "a record without text is an error record"
    );
    // Every record, failed or not, is a complete record.
    for record in &recs {
        assert!(record.get("text").is_some() && record.get("entities").is_some());
    }
}

#[test]
fn offsets_switch_between_chars_bytes_and_utf16() {
    let text =
        "Zoë Müller met Ólafur Eliasson in Reykjavík 😀 on Friday. \\\"Ça va,\\\" Müller said.";
    let input = format!("{{\"id\":\"u\",\"text\":\"{text}\"}}\n");
    for unit in ["char", "byte", "utf16"] {
        let output = newsmill()
            .args([
                "run",
                "-q",
                "--stages",
                "sentences,entities,quotes",
                "--offsets",
                unit,
                "-",
            ])
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert!(output.status.success());
        let record = &records(&output.stdout)[0];
        assert_eq!(record["offsets"], unit);
        let body = record["text"].as_str().unwrap();
        let slice = |s: u64, e: u64| -> String {
            let (s, e) = (s as usize, e as usize);
            match unit {
                "char" => body.chars().skip(s).take(e - s).collect(),
                "byte" => body[s..e].to_string(),
                _ => {
                    let units: Vec<u16> = body.encode_utf16().collect();
                    String::from_utf16(&units[s..e]).unwrap()
                }
            }
        };
        let mut checked = 0;
        for entity in record["entities"].as_array().unwrap() {
            for m in entity["mentions"].as_array().unwrap() {
                assert_eq!(
                    slice(m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap()),
                    m["text"].as_str().unwrap()
                );
                checked += 1;
            }
        }
        assert!(checked >= 2, "{unit}: found {checked} mentions");
    }
}

#[test]
fn without_clean_the_input_text_is_the_body_verbatim() {
    let text = "  Headline\n\nBody text in Paris.  ";
    let input = serde_json::json!({"id": "v", "text": text}).to_string() + "\n";
    let output = newsmill()
        .args(["run", "-q", "--stages", "sentences", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    let record = &records(&output.stdout)[0];
    assert_eq!(record["text"], text);
    assert!(record["entities"].as_array().unwrap().is_empty());
    assert_eq!(record["sentences"].as_array().unwrap().len(), 2);
}

#[test]
fn shards_partition_the_input() {
    let samples = samples_dir();
    let samples = samples.to_str().unwrap();
    let all = run_ok(&["run", "-q", "--stages", "clean", samples]);
    let a = run_ok(&["run", "-q", "--stages", "clean", "--shard", "0/2", samples]);
    let b = run_ok(&["run", "-q", "--stages", "clean", "--shard", "1/2", samples]);
    assert_eq!(a.len() + b.len(), all.len());
    let mut ids: Vec<_> = a
        .iter()
        .chain(&b)
        .map(|r| r["id"].clone().to_string())
        .collect();
    let mut all_ids: Vec<_> = all.iter().map(|r| r["id"].clone().to_string()).collect();
    ids.sort();
    all_ids.sort();
    assert_eq!(ids, all_ids);
}

#[test]
fn a_missing_input_stops_the_run_with_an_error() {
    let output = newsmill()
        .args(["run", "-q", "/definitely/not/here"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not/here"));
    let output = newsmill()
        .args(["run", "--stages", "clean,frobnicate", "--sample"])
        .output()
        .unwrap();
    assert!(!output.status.success());
}

#[test]
fn python_reads_the_same_offsets() {
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipping: python3 is not installed");
        return;
    }
    let dir = scratch("python");
    for unit in ["char", "utf16", "byte"] {
        let out = dir.join(format!("records-{unit}.jsonl"));
        newsmill()
            .args(["run", "--sample", "-q", "--tokens", "--offsets", unit, "-o"])
            .arg(&out)
            .assert()
            .success();
        let check = std::process::Command::new("python3")
            .arg(repo_root().join("tests/check_offsets.py"))
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "python offset check ({unit}): {}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
    }
}

/// The one real scraped article in ../shared: the record a user would check by eye.
#[test]
fn the_shared_newsweek_article_comes_out_right() {
    let path = repo_root().join("../shared/samples/newsweek-putin-beijing.txt");
    if !path.exists() {
        eprintln!(
            "skipping: {} is not present (needs ../shared beside the repository)",
            path.display()
        );
        return;
    }
    let recs = run_ok(&["run", "-q", path.to_str().unwrap()]);
    assert_eq!(recs.len(), 1);
    let record = &recs[0];
    assert!(record["error"].is_null(), "{}", record["error"]);
    let meta = &record["meta"];
    assert_eq!(
        meta["title"],
        "'Isolated' Putin Has Nowhere To Go Except Beijing"
    );
    assert!(meta["standfirst"]
        .as_str()
        .unwrap_or_default()
        .starts_with("Russian President Vladimir Putin's visit to Beijing"));
    assert!(meta["authors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "Aadil Brar"));

    let text = record["text"].as_str().unwrap();
    assert!(
        text.starts_with("On Tuesday, Putin landed in Beijing"),
        "body starts: {:?}",
        &text[..60.min(text.len())]
    );
    assert!(
        text.ends_with("the Kremlin's dependence on Beijing."),
        "body ends wrong"
    );
    for furniture in [
        "Uncommon Knowledge",
        "Newsweek is committed",
        "About the writer",
        "Aadil Brar is a reporter",
        "Read more",
        "Click here",
        "Newsweek cover",
        "ad-free browsing",
        "Xi and Putin shake hands",
        "Getty Images",
        "(L) and Russian President",
    ] {
        assert!(!text.contains(furniture), "body still holds {furniture:?}");
    }
    assert!(text.contains("Fallon added that Xi has been \"handcuffed to Putin's poor choices.\""));
    let removed: Vec<&str> = record["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    for kind in ["promo", "slogan", "bio", "caption"] {
        assert!(
            removed.contains(&kind),
            "nothing removed as {kind}: {removed:?}"
        );
    }

    let entities = record["entities"].as_array().unwrap();
    let person = |name: &str| {
        entities
            .iter()
            .find(|e| e["label"] == "PERSON" && e["name"] == name)
            .unwrap_or_else(|| {
                panic!(
                    "no PERSON {name}; have {:?}",
                    entities
                        .iter()
                        .map(|e| (&e["label"], &e["name"]))
                        .collect::<Vec<_>>()
                )
            })
    };
    for (full, short, at_least) in [
        ("Vladimir Putin", "Putin", 20),
        ("Xi Jinping", "Xi", 8),
        ("Theresa Fallon", "Fallon", 4),
        ("Neil Thomas", "Thomas", 4),
    ] {
        let entity = person(full);
        let mentions = entity["mentions"].as_array().unwrap();
        assert!(
            mentions.len() >= at_least,
            "{full}: {} mentions",
            mentions.len()
        );
        assert!(
            mentions.iter().any(|m| m["text"] == short),
            "{full} lacks a linked {short:?} mention"
        );
    }

    let quotes = record["quotes"].as_array().unwrap();
    let said_by = |opening: &str, speaker: &str| {
        let quote = quotes
            .iter()
            .find(|q| q["text"].as_str().unwrap().contains(opening))
            .unwrap_or_else(|| panic!("no quote containing {opening:?}"));
        assert_eq!(quote["speaker_name"], speaker, "quote {opening:?}");
        assert_eq!(
            quote["speaker"],
            person(speaker)["id"],
            "quote {opening:?} points at the entity"
        );
    };
    said_by("The ICC warrant limits Putin's travel", "Theresa Fallon");
    said_by("Travel to Beijing for the BRI", "Theresa Fallon");
    said_by("handcuffed to Putin's poor choices.", "Theresa Fallon");
    said_by(
        "Xi Jinping is handcuffed to Putin's poor choices and war",
        "Theresa Fallon",
    );
    said_by("Nevertheless, there is no daylight", "Theresa Fallon");
    said_by("Putin's attendance at the BRI forum", "Neil Thomas");
    said_by("Xi's message to the world", "Neil Thomas");
    said_by("China is shifting the BRI's focus", "Neil Thomas");
    said_by(
        "President Xi Jinping is a different kind of person",
        "Vladimir Putin",
    );
    said_by(
        "Russia highly appreciates China's proposals",
        "Vladimir Putin",
    );
    for not_speech in [
        "President Putin arrives in Beijing",
        "no-limits partnership",
    ] {
        for q in quotes
            .iter()
            .filter(|q| q["text"].as_str().unwrap().contains(not_speech))
        {
            assert!(q["speaker"].is_null(), "{not_speech:?} is not speech");
            assert_eq!(q["kind"], "other", "{not_speech:?}");
        }
    }
}

/// One bundled article checked the way a reader would: furniture gone, byline lifted, acronym linked,
/// quotes attributed to the people the article names.
#[test]
fn a_bundled_plain_text_article_is_cleaned_tagged_and_attributed() {
    let path = samples_dir().join("text/harbour-ledger-rotterdam-port-strike.txt");
    let recs = run_ok(&["run", "-q", path.to_str().unwrap()]);
    let record = &recs[0];
    assert_eq!(
        record["meta"]["title"],
        "Rotterdam dockworkers walk out after night-shift talks collapse"
    );
    assert_eq!(
        record["meta"]["authors"],
        serde_json::json!(["Mariana Okafor"])
    );
    let text = record["text"].as_str().unwrap();
    assert!(text.starts_with("Thousands of dockworkers in Rotterdam began a 48-hour strike"));
    for furniture in [
        "By Mariana Okafor",
        "Photo: Pieter Vanderlinden/Reuters",
        "Read more:",
        "Sign up for our newsletter",
        "•",
    ] {
        assert!(!text.contains(furniture), "body still holds {furniture:?}");
    }
    let entities = record["entities"].as_array().unwrap();
    let fpw = entities
        .iter()
        .find(|e| e["name"] == "Federation of Port Workers")
        .expect("the union is an entity");
    assert_eq!(fpw["label"], "ORG");
    assert!(
        fpw["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["text"] == "FPW"),
        "FPW links to its definition"
    );
    let quotes = record["quotes"].as_array().unwrap();
    let speaker_of = |opening: &str| {
        quotes
            .iter()
            .find(|q| q["text"].as_str().unwrap().contains(opening))
            .map(|q| q["speaker_name"].clone())
            .unwrap_or_else(|| panic!("no quote containing {opening:?}"))
    };
    assert_eq!(speaker_of("Our members are not machines"), "Henk Doornbos");
    assert_eq!(speaker_of("We have made a fair offer"), "Sofia Lindqvist");
    assert_eq!(
        speaker_of("Nobody on this line wanted a strike"),
        "Yusuf Demir"
    );
    let ministry = quotes
        .iter()
        .find(|q| {
            q["text"]
                .as_str()
                .unwrap()
                .contains("following the situation closely")
        })
        .unwrap();
    assert!(
        ministry["speaker"].is_null(),
        "an unnamed speaker is not guessed"
    );
    assert!(ministry["speaker_desc"]
        .as_str()
        .unwrap_or_default()
        .contains("spokesperson"));
}

#[test]
fn users_patterns_name_entities_and_their_ids_reach_the_record() {
    let dir = scratch("patterns");
    let patterns = dir.join("patterns.jsonl");
    std::fs::write(
        &patterns,
        "{\"label\":\"ORG\",\"pattern\":\"Harbour Ledger\",\"id\":\"site:harbour-ledger\"}\n\
         {\"label\":\"PERSON\",\"pattern\":[{\"LOWER\":\"henk\"},{\"LOWER\":\"doornbos\"}],\"id\":\"kb:doornbos\"}\n",
    )
    .unwrap();
    let path = samples_dir().join("text/harbour-ledger-rotterdam-port-strike.txt");
    let recs = run_ok(&[
        "run",
        "-q",
        "--patterns",
        patterns.to_str().unwrap(),
        path.to_str().unwrap(),
    ]);
    let entities = recs[0]["entities"].as_array().unwrap();
    let outlet = entities
        .iter()
        .find(|e| e["kb_id"] == "site:harbour-ledger")
        .expect("pattern id carried");
    assert_eq!(outlet["label"], "ORG");
    assert_eq!(outlet["name"], "Harbour Ledger");
    let person = entities
        .iter()
        .find(|e| e["kb_id"] == "kb:doornbos")
        .expect("token pattern id carried");
    assert!(
        person["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["text"] == "Doornbos"),
        "the surname still links"
    );
    // Without patterns no entity carries a kb_id.
    let plain = run_ok(&["run", "-q", path.to_str().unwrap()]);
    assert!(plain[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e.get("kb_id").is_none()));
}
