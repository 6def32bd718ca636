use newsmill_doc::{DocError, Document, Entity, Format, Label, Quote, QuoteKind, Span};
use newsmill_report::{ArticleSummary, BatchReport, ReportFormat};
use std::path::Path;

/// A document whose layers are found by searching the text, so every span
/// is exact: `entities` lists (label, canonical name, surface form), each
/// occurrence of the surface form becoming a mention.
fn doc(id: &str, text: &str, entities: &[(Label, &str, &str)]) -> Document {
    let mut doc = Document::from_text(id, text);
    doc.sentences = sentence_spans(text);
    for (i, &(label, name, surface)) in entities.iter().enumerate() {
        let mentions = text
            .match_indices(surface)
            .map(|(start, s)| Span::new(start, start + s.len()))
            .collect();
        doc.entities.push(Entity {
            id: format!("E{}", i + 1),
            label,
            name: name.to_string(),
            value: None,
            kb_id: None,
            mentions,
        });
    }
    doc
}

fn sentence_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        spans.push(Span::new(start, i + 1));
        start = i + 2;
    }
    if start < text.len() {
        spans.push(Span::new(start, text.len()));
    }
    spans
}

/// Add a quote covering the first occurrence of `quoted`.
fn quote(doc: &mut Document, quoted: &str, kind: QuoteKind, speaker: Option<&str>) {
    let start = doc
        .text
        .find(quoted)
        .expect("quoted text is in the document");
    let speaker_entity = speaker.and_then(|name| doc.entities.iter().find(|e| e.name == name));
    doc.quotes.push(Quote {
        span: Span::new(start, start + quoted.len()),
        kind,
        speaker: speaker_entity.map(|e| e.id.clone()),
        speaker_name: speaker.map(str::to_string),
        speaker_desc: None,
        cue: None,
    });
}

/// Three small articles about an invented town council.
fn corpus() -> Vec<Document> {
    let mut a = doc(
        "a1",
        "Councillor Ana Lopez met Rui Costa in Porto. \"The bridge will reopen in May,\" Lopez said. Costa agreed.",
        &[
            (Label::Person, "Ana Lopez", "Lopez"),
            (Label::Person, "Rui Costa", "Costa"),
            (Label::Loc, "Porto", "Porto"),
            (Label::Date, "May", "May"),
        ],
    );
    quote(
        &mut a,
        "\"The bridge will reopen in May,\"",
        QuoteKind::Direct,
        Some("Ana Lopez"),
    );

    let mut b = doc(
        "b2",
        "Ana Lopez visited Braga. The so-called \"green plan\" was discussed. \"We need money first,\" a council official said.",
        &[
            (Label::Person, "Ana Lopez", "Ana Lopez"),
            (Label::Loc, "Braga", "Braga"),
        ],
    );
    quote(&mut b, "\"green plan\"", QuoteKind::Other, None);
    quote(&mut b, "\"We need money first,\"", QuoteKind::Direct, None);
    b.quotes[1].speaker_desc = Some("a council official".into());

    let mut c = doc(
        "c3",
        "Rui Costa and Ana Lopez spoke in Porto. Costa called it \"a long overdue fix\".",
        &[
            (Label::Person, "Rui Costa", "Costa"),
            (Label::Person, "Ana Lopez", "Ana Lopez"),
            (Label::Loc, "Porto", "Porto"),
        ],
    );
    quote(
        &mut c,
        "\"a long overdue fix\"",
        QuoteKind::Partial,
        Some("Rui Costa"),
    );
    c.error = Some(DocError::new("stage", "quotes: something odd"));

    vec![a, b, c]
}

fn report_of(docs: &[Document]) -> BatchReport {
    docs.iter().map(ArticleSummary::from_document).collect()
}

#[test]
fn totals_count_every_layer() {
    let docs = corpus();
    let report = report_of(&docs);
    let t = report.totals();
    assert_eq!(t.articles, 3);
    assert_eq!(t.articles_with_errors, 1);
    let words: usize = docs.iter().map(Document::word_count).sum();
    assert_eq!(t.words, words as u64);
    assert_eq!(t.sentences, 3 + 3 + 2);
    assert_eq!(t.entities, 4 + 2 + 3);
    // a1: Lopez x2, Costa x2, Porto, May; b2: Ana Lopez, Braga; c3: Costa x2, Ana Lopez, Porto.
    assert_eq!(t.mentions, 6 + 2 + 4);
    assert_eq!(t.quotes, 4);
    assert_eq!(t.direct_quotes, 2);
    assert_eq!(t.partial_quotes, 1);
    assert_eq!(t.other_quotes, 1);
    assert_eq!(t.attributed_quotes, 2);
    assert_eq!(t.unattributed_quotes, 1);
    assert_eq!(t.described_quotes, 1);
    assert_eq!(t.articles_with_quotes, 3);

    let view = report.view(10);
    assert_eq!(view.errors.len(), 1);
    assert_eq!(view.errors[0].kind, "stage");
    assert_eq!(view.errors[0].articles, 1);
    let person = view
        .labels
        .iter()
        .find(|l| l.label == Label::Person)
        .unwrap();
    assert_eq!(
        (person.entities, person.mentions, person.articles),
        (5, 8, 3)
    );
}

#[test]
fn top_entities_rank_by_mentions_then_name() {
    let report = report_of(&corpus());
    let view = report.view(10);
    let labels: Vec<Label> = view.top_entities.iter().map(|l| l.label).collect();
    assert_eq!(labels, [Label::Person, Label::Loc, Label::Date]);

    let people: Vec<(&str, u64, u64)> = view.top_entities[0]
        .entities
        .iter()
        .map(|e| (e.name.as_str(), e.mentions, e.articles))
        .collect();
    // Equal mentions: more articles ranks first.
    assert_eq!(people, [("Ana Lopez", 4, 3), ("Rui Costa", 4, 2)]);

    // Porto 2 mentions beats Braga 1.
    let places: Vec<&str> = view.top_entities[1]
        .entities
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(places, ["Porto", "Braga"]);

    assert_eq!(report.view(1).top_entities[0].entities.len(), 1);
}

#[test]
fn equal_counts_sort_by_name() {
    let docs = [doc(
        "x",
        "Zeta and Alpha and Mu.",
        &[
            (Label::Org, "Zeta", "Zeta"),
            (Label::Org, "Alpha", "Alpha"),
            (Label::Org, "Mu", "Mu"),
        ],
    )];
    let view = report_of(&docs).view(0);
    let names: Vec<&str> = view.top_entities[0]
        .entities
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(names, ["Alpha", "Mu", "Zeta"]);
    let pairs: Vec<(&str, &str)> = view
        .cooccurrences
        .iter()
        .map(|p| (p.a.name.as_str(), p.b.name.as_str()))
        .collect();
    assert_eq!(pairs, [("Alpha", "Mu"), ("Alpha", "Zeta"), ("Mu", "Zeta")]);
}

#[test]
fn cooccurrence_counts_articles_and_skips_values() {
    let view = report_of(&corpus()).view(0);
    let find = |a: &str, b: &str| {
        view.cooccurrences
            .iter()
            .find(|p| (p.a.name == a && p.b.name == b) || (p.a.name == b && p.b.name == a))
            .map(|p| p.articles)
    };
    assert_eq!(find("Ana Lopez", "Rui Costa"), Some(2));
    assert_eq!(find("Ana Lopez", "Porto"), Some(2));
    assert_eq!(find("Ana Lopez", "Braga"), Some(1));
    assert_eq!(find("Braga", "Porto"), None);
    assert!(view
        .cooccurrences
        .iter()
        .all(|p| p.a.label != Label::Date && p.b.label != Label::Date));
    // Sorted by articles descending, then by the pair.
    assert_eq!(view.cooccurrences[0].articles, 2);
    assert_eq!(view.cooccurrences[0].a.name, "Ana Lopez");
    assert_eq!(view.cooccurrences[0].b.name, "Rui Costa");
}

#[test]
fn an_article_pairs_only_its_top_twenty_name_entities() {
    let names: Vec<String> = (0..30).map(|i| format!("Person{i:02}")).collect();
    // Person00..Person04 are mentioned twice, the rest once.
    let mut text = names.join(" ");
    text.push(' ');
    text.push_str(&names[..5].join(" "));
    let entities: Vec<(Label, &str, &str)> = names
        .iter()
        .map(|n| (Label::Person, n.as_str(), n.as_str()))
        .collect();
    let view = report_of(&[doc("big", &text, &entities)]).view(0);
    assert_eq!(view.cooccurrences.len(), 20 * 19 / 2);
    // The twice-mentioned ones are always in; the last by name are not.
    assert!(view.cooccurrences.iter().any(|p| p.a.name == "Person00"));
    assert!(!view.cooccurrences.iter().any(|p| p.b.name == "Person29"));
    assert!(view.cooccurrences.iter().any(|p| p.b.name == "Person19"));
}

#[test]
fn quotes_by_speaker_with_examples() {
    let mut docs = corpus();
    // A second, shorter Lopez quote in a later article.
    let mut d = doc(
        "d4",
        "\"No comment,\" Ana Lopez said. \"The works start on Monday next week,\" she added.",
        &[(Label::Person, "Ana Lopez", "Ana Lopez")],
    );
    quote(
        &mut d,
        "\"No comment,\"",
        QuoteKind::Direct,
        Some("Ana Lopez"),
    );
    quote(
        &mut d,
        "\"The works start on Monday next week,\"",
        QuoteKind::Direct,
        Some("Ana Lopez"),
    );
    docs.push(d);
    let view = report_of(&docs).view(10);
    let speakers: Vec<(&str, u64, u64)> = view
        .speakers
        .iter()
        .map(|s| (s.speaker.as_str(), s.quotes, s.articles))
        .collect();
    assert_eq!(speakers, [("Ana Lopez", 3, 2), ("Rui Costa", 1, 1)]);
    let example = view.speakers[0].example.as_ref().unwrap();
    // The earliest readable quote: a1 precedes d4, and "No comment" is too short anyway.
    assert_eq!(example.article, "a1");
    assert_eq!(example.text, "\"The bridge will reopen in May,\"");
}

#[test]
fn speaker_is_found_by_entity_id_when_the_name_is_missing() {
    let mut d = doc(
        "e",
        "\"Turnout was high,\" said Marta Reis.",
        &[(Label::Person, "Marta Reis", "Marta Reis")],
    );
    quote(
        &mut d,
        "\"Turnout was high,\"",
        QuoteKind::Direct,
        Some("Marta Reis"),
    );
    d.quotes[0].speaker_name = None;
    let view = report_of(&[d]).view(10);
    assert_eq!(view.speakers[0].speaker, "Marta Reis");
    assert_eq!(view.totals.unattributed_quotes, 0);
}

#[test]
fn merging_shards_in_any_order_equals_one_pass() {
    let docs = corpus();
    let single = report_of(&docs);
    let expected: Vec<String> = [
        ReportFormat::Markdown,
        ReportFormat::Json,
        ReportFormat::Html,
        ReportFormat::Csv,
    ]
    .iter()
    .map(|&f| single.render(f, 10))
    .collect();

    let orders: [[usize; 3]; 6] = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    for order in orders {
        let mut merged = BatchReport::new();
        for i in order {
            let mut shard = BatchReport::new();
            shard.add(ArticleSummary::from_document(&docs[i]));
            // Through the saved state, as a shard written to disk would be.
            let shard = BatchReport::from_state_json(&shard.to_state_json()).unwrap();
            merged.merge(shard);
        }
        let got: Vec<String> = [
            ReportFormat::Markdown,
            ReportFormat::Json,
            ReportFormat::Html,
            ReportFormat::Csv,
        ]
        .iter()
        .map(|&f| merged.render(f, 10))
        .collect();
        assert_eq!(got, expected, "merge order {order:?}");
        assert_eq!(merged.to_state_json(), single.to_state_json());
    }

    // Grouping: (a + b) + c equals a + (b + c), with adds inside shards.
    let mut left = report_of(&docs[..2]);
    left.merge(report_of(&docs[2..]));
    let mut right = report_of(&docs[..1]);
    right.merge(report_of(&docs[1..]));
    assert_eq!(left.to_state_json(), right.to_state_json());
}

#[test]
fn markdown_has_the_expected_rows() {
    let md = report_of(&corpus()).to_markdown(10);
    assert!(md.starts_with("# newsmill report\n"));
    assert!(md.contains("| Articles | 3 |"));
    assert!(md.contains("| Articles with errors | 1 |"));
    assert!(md.contains("| stage | 1 |"));
    assert!(md.contains("### PERSON"));
    assert!(md.contains("| 1 | Ana Lopez | 4 | 3 |"));
    assert!(md.contains("| 2 | Rui Costa | 4 | 2 |"));
    assert!(md.contains("| 1 | Ana Lopez (PERSON) | Rui Costa (PERSON) | 2 |"));
    assert!(md.contains("| 1 | Ana Lopez | 1 | 1 | \"The bridge will reopen in May,\" (a1) |"));
    assert!(md.contains("Quotes without a named speaker: 1 (1 with a described speaker)."));
    assert!(!md.contains("Approximate"));
}

#[test]
fn json_view_parses_and_holds_the_lists() {
    let json = report_of(&corpus()).to_json(10);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["totals"]["articles"], 3);
    assert_eq!(value["top_entities"][0]["label"], "PERSON");
    assert_eq!(value["top_entities"][0]["entities"][0]["name"], "Ana Lopez");
    assert_eq!(value["cooccurrences"][0]["a"]["name"], "Ana Lopez");
    assert_eq!(value["speakers"][0]["example"]["article"], "a1");
    assert_eq!(value["pruned"].as_array().unwrap().len(), 0);
    assert!(json.contains("\n  \"totals\": {"), "pretty-printed");
}

#[test]
fn html_is_one_page_with_charts_and_escaped_names() {
    let mut docs = corpus();
    docs.push(doc(
        "evil",
        "<script>alert(1)</script> & Co met Porto.",
        &[
            (
                Label::Org,
                "<script>alert(1)</script> & Co",
                "<script>alert(1)</script> & Co",
            ),
            (Label::Loc, "Porto", "Porto"),
        ],
    ));
    let html = report_of(&docs).to_html(10);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(!html.contains("<script"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
    // A chart per label plus one of speakers.
    assert_eq!(html.matches("<svg").count(), 4 + 1);
    assert!(html.contains("<h3>PERSON</h3>"));
    // Self-contained: the only URL is the SVG namespace.
    assert_eq!(
        html.matches("http").count(),
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );
    assert!(!html.contains("src="));
    assert!(!html.contains("<link"));
}

#[test]
fn csv_is_one_quoted_table() {
    let docs = [doc(
        "q,1",
        "Smith, \"Jr\" spoke. Smith, \"Jr\" left.",
        &[(Label::Person, "Smith, \"Jr\"", "Smith, \"Jr\"")],
    )];
    let csv = report_of(&docs).to_csv(10);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("section,rank,label,name,label_b,name_b,count,mentions,articles,example_article,example")
    );
    assert!(csv.contains("\ntotal,,,articles,,,1,,,,\n"));
    assert!(csv.contains("\nentity,1,PERSON,\"Smith, \"\"Jr\"\"\",,,,2,1,,\n"));
    assert!(csv.contains("\nlabel,,PERSON,,,,1,2,1,,\n"));
    // Every row has the header's 11 columns once quoted fields are accounted for.
    for line in csv.lines() {
        assert_eq!(count_csv_fields(line), 11, "{line}");
    }
}

/// Fields of one CSV line without embedded line breaks.
fn count_csv_fields(line: &str) -> usize {
    let mut fields = 1;
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields += 1,
            _ => {}
        }
    }
    fields
}

#[test]
fn pruning_keeps_the_big_counts_and_is_reported() {
    let mut report = BatchReport::with_key_limit(40);
    for i in 0..200 {
        let rare = format!("Rare Name {i:03}");
        let text = format!("Ana Lopez met {rare} and Ana Lopez left.");
        report.add_document(&doc(
            &format!("art{i:03}"),
            &text,
            &[
                (Label::Person, "Ana Lopez", "Ana Lopez"),
                (Label::Person, &rare, &rare),
            ],
        ));
    }
    assert!(report.is_approximate());
    let view = report.view(5);
    let top = &view.top_entities[0].entities[0];
    assert_eq!(
        (top.name.as_str(), top.mentions, top.articles),
        ("Ana Lopez", 400, 200)
    );
    assert!(view
        .pruned
        .iter()
        .any(|p| p.table == "entities" && p.max_count == 1));
    assert!(view.pruned.iter().any(|p| p.table == "cooccurrences"));
    assert!(report.to_markdown(5).contains("**Approximate.**"));
    assert!(report.to_html(5).contains("Approximate."));
    assert!(report
        .to_csv(5)
        .contains("\npruned,,,entities.max_count,,,1,,,,\n"));
    // The saved state stays within the limit.
    let state: serde_json::Value = serde_json::from_str(&report.to_state_json()).unwrap();
    assert!(state["entities"]["entries"].as_array().unwrap().len() <= 40);
    assert_eq!(report.key_limit(), 40);
}

#[test]
fn odd_documents_never_panic() {
    let mut broken = Document::from_text("broken", "héllo wörld");
    broken.entities.push(Entity {
        id: "E1".into(),
        label: Label::Misc,
        name: "   ".into(),
        value: None,
        kb_id: None,
        // Out of bounds and inside a character: both read as empty.
        mentions: vec![Span::new(2, 3), Span::new(50, 60)],
    });
    broken.quotes.push(Quote {
        span: Span::new(7, 400),
        kind: QuoteKind::Direct,
        speaker: Some("E404".into()),
        speaker_name: Some("\u{0}\n".into()),
        speaker_desc: None,
        cue: None,
    });
    let mut html = Document::from_html("page", "<html><body><p>one two three</p></body></html>");
    html.format = Format::Html;
    let binaryish = Document::from_text("bin", "\u{0}\u{1}\u{fffd}\u{202e}abc\u{200b}");
    let huge_name = doc(
        "huge",
        &"Long".repeat(5000),
        &[(Label::Org, &"Long".repeat(5000), "LongLong")],
    );
    let empty = Document::from_text("", "");

    let report = report_of(&[broken, html, binaryish, huge_name, empty]);
    assert_eq!(report.totals().articles, 5);
    assert_eq!(report.totals().unattributed_quotes, 1);
    let view = report.view(10);
    let org = &view
        .top_entities
        .iter()
        .find(|l| l.label == Label::Org)
        .unwrap()
        .entities[0];
    assert!(org.name.chars().count() <= newsmill_report::MAX_NAME_CHARS);
    assert!(org.name.ends_with('…'));
    for format in [
        ReportFormat::Markdown,
        ReportFormat::Json,
        ReportFormat::Html,
        ReportFormat::Csv,
    ] {
        assert!(!report.render(format, 0).is_empty());
    }
    // The unreadable HTML page counts no words.
    assert_eq!(report.totals().words, 2 + 1 + 5000 / 5000);
}

#[test]
fn empty_report_renders() {
    let report = BatchReport::new();
    assert!(report.to_markdown(10).contains("| Articles | 0 |"));
    assert!(report.to_html(10).contains("No entities."));
    assert_eq!(report.to_csv(10).lines().count(), 1 + 15);
    let value: serde_json::Value = serde_json::from_str(&report.to_json(10)).unwrap();
    assert_eq!(value["totals"]["articles"], 0);
}

#[test]
fn bad_state_is_an_error_not_a_panic() {
    assert!(BatchReport::from_state_json("").is_err());
    assert!(BatchReport::from_state_json("{\"version\":1}").is_err());
    let mut state: serde_json::Value =
        serde_json::from_str(&BatchReport::new().to_state_json()).unwrap();
    state["version"] = 99.into();
    let err = BatchReport::from_state_json(&state.to_string()).unwrap_err();
    assert!(err.to_string().contains("version 99"), "{err}");
}

#[test]
fn format_follows_the_extension() {
    let of = |p: &str| ReportFormat::from_path(Path::new(p));
    assert_eq!(of("r.md"), Some(ReportFormat::Markdown));
    assert_eq!(of("r.MARKDOWN"), Some(ReportFormat::Markdown));
    assert_eq!(of("out/r.json"), Some(ReportFormat::Json));
    assert_eq!(of("r.htm"), Some(ReportFormat::Html));
    assert_eq!(of("r.Html"), Some(ReportFormat::Html));
    assert_eq!(of("r.csv"), Some(ReportFormat::Csv));
    assert_eq!(of("r.txt"), None);
    assert_eq!(of("report"), None);
    assert_eq!("csv".parse::<ReportFormat>(), Ok(ReportFormat::Csv));
}

#[test]
fn markdown_escapes_names_that_would_break_a_table() {
    let docs = [doc(
        "p",
        "AT|T and *Stars* met.",
        &[
            (Label::Org, "AT|T", "AT|T"),
            (Label::Org, "*Stars*", "*Stars*"),
        ],
    )];
    let md = report_of(&docs).to_markdown(10);
    assert!(md.contains("| 1 | \\*Stars\\* | 1 | 1 |"));
    assert!(md.contains("| 2 | AT\\|T | 1 | 1 |"));
}

#[test]
fn state_keeps_the_limit_and_the_pruning_record() {
    let mut report = BatchReport::with_key_limit(4);
    let names = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"];
    for (i, name) in names.iter().enumerate() {
        report.add_document(&doc(&format!("d{i}"), name, &[(Label::Loc, name, name)]));
    }
    assert!(report.is_approximate());
    let loaded = BatchReport::from_state_json(&report.to_state_json()).unwrap();
    assert_eq!(loaded.key_limit(), 4);
    assert!(loaded.is_approximate());
    assert_eq!(loaded.to_markdown(0), report.to_markdown(0));

    // A merged report keeps the smaller limit, whichever side it came from.
    let mut roomy = BatchReport::new();
    roomy.merge(loaded);
    assert_eq!(roomy.key_limit(), 4);
}

#[test]
fn thread_count_does_not_change_the_report() {
    // Twelve articles: the corpus four times over, with distinct ids.
    let docs: Vec<Document> = (0..4)
        .flat_map(|round| {
            corpus().into_iter().map(move |mut d| {
                d.id = format!("{round}-{}", d.id);
                d
            })
        })
        .collect();
    let one_thread = report_of(&docs).to_html(0);
    for threads in [2, 3, 5] {
        let chunk = docs.len().div_ceil(threads);
        let shards: Vec<BatchReport> = std::thread::scope(|scope| {
            let handles: Vec<_> = docs
                .chunks(chunk)
                .map(|part| scope.spawn(move || report_of(part)))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut merged = BatchReport::new();
        for shard in shards.into_iter().rev() {
            merged.merge(shard);
        }
        assert_eq!(merged.to_html(0), one_thread, "{threads} threads");
    }
}
