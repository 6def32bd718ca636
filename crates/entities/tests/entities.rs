use newsmill_doc::{Document, Entity, Label, Pipeline, Span, Stage};
use newsmill_entities::{check_invariants, Entities, EntitiesError};
use std::sync::OnceLock;

fn tagger() -> &'static Entities {
    static TAGGER: OnceLock<Entities> = OnceLock::new();
    TAGGER.get_or_init(Entities::new)
}

fn annotate(text: &str) -> Vec<Entity> {
    let found = tagger().annotate(text);
    check_invariants(text, &found).expect("invariants hold");
    found
}

fn by_name<'e>(found: &'e [Entity], name: &str) -> &'e Entity {
    found
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity named {name:?} in {found:#?}"))
}

fn forms<'t>(text: &'t str, e: &Entity) -> Vec<&'t str> {
    e.mentions.iter().map(|m| &text[m.range()]).collect()
}

fn all_forms<'t>(text: &'t str, found: &[Entity]) -> Vec<&'t str> {
    found.iter().flat_map(|e| forms(text, e)).collect()
}

#[test]
fn titles_are_stripped_from_people() {
    let text = "Officials said President Joe Biden and Prime Minister Rishi Sunak spoke. \
                Dr. Anna Kowalski agreed, and Chinese leader Xi Jinping did not.";
    let found = annotate(text);
    for name in ["Joe Biden", "Rishi Sunak", "Anna Kowalski", "Xi Jinping"] {
        let e = by_name(&found, name);
        assert_eq!(e.label, Label::Person, "{name}");
        assert_eq!(forms(text, e), [name]);
    }
    assert_eq!(by_name(&found, "Chinese").label, Label::Norp);
    let forms = all_forms(text, &found);
    for title in ["President", "Prime Minister", "Dr", "Officials"] {
        assert!(
            !forms.iter().any(|f| f.starts_with(title)),
            "{title} in {forms:?}"
        );
    }
}

#[test]
fn possessives_stay_out_of_mentions() {
    let text = "Maria Santos’s plan failed. Santos's critics, and Kenya's, said so.";
    let found = annotate(text);
    let santos = by_name(&found, "Maria Santos");
    assert_eq!(forms(text, santos), ["Maria Santos", "Santos"]);
    assert_eq!(forms(text, by_name(&found, "Kenya")), ["Kenya"]);
}

#[test]
fn acronyms_join_their_definition() {
    let text = "The World Wildlife Preservation Society (WWPS) met the UN. Later the WWPS said it \
                would sue, and the UN refused.";
    let found = annotate(text);
    let society = by_name(&found, "World Wildlife Preservation Society");
    assert_eq!(society.label, Label::Org);
    assert_eq!(
        forms(text, society),
        ["World Wildlife Preservation Society", "WWPS", "WWPS"]
    );
    // An acronym with no definition is an ORG by itself.
    assert_eq!(by_name(&found, "UN").mentions.len(), 2);
}

#[test]
fn people_sharing_a_surname_stay_apart() {
    let text = "Anna Weber runs the firm. Her brother Tom Weber does not. Weber, the younger, \
                disagreed. Anna Weber later left, and Weber moved to Berlin.";
    let found = annotate(text);
    let anna = by_name(&found, "Anna Weber");
    let tom = by_name(&found, "Tom Weber");
    assert_ne!(anna.id, tom.id);
    // The bare surname joins the person mentioned most recently before it.
    let first_bare = text.find("Weber, the").unwrap();
    let last_bare = text.rfind("Weber moved").unwrap();
    assert!(tom
        .mentions
        .contains(&Span::new(first_bare, first_bare + 5)));
    assert!(anna.mentions.contains(&Span::new(last_bare, last_bare + 5)));
    assert_eq!(by_name(&found, "Berlin").label, Label::Loc);
}

#[test]
fn a_short_name_takes_the_label_of_the_full_one() {
    let text = "Thomas said no. Economist Lena Thomas, of the Bank of England, wrote to Fallon. \
                Maeve Fallon replied.";
    let found = annotate(text);
    let lena = by_name(&found, "Lena Thomas");
    assert_eq!(lena.label, Label::Person);
    assert_eq!(forms(text, lena), ["Thomas", "Lena Thomas"]);
    assert_eq!(
        forms(text, by_name(&found, "Maeve Fallon")),
        ["Fallon", "Maeve Fallon"]
    );
    assert_eq!(by_name(&found, "Bank of England").label, Label::Org);
}

#[test]
fn sentence_initial_common_words_are_not_names() {
    let text = "Experts believe it. Meanwhile, Even more. Observers doubt Oslo. \
                \"Nevertheless, Travel is hard,\" said Ola Nordmann.";
    let found = annotate(text);
    let forms = all_forms(text, &found);
    assert_eq!(forms, ["Oslo", "Ola Nordmann"]);
}

#[test]
fn dates_carry_iso_values() {
    let text = "The talks ran on October 17-18, after a deal on March 21, 2023, and a meeting \
                on 5 June. They resume next week and in 2024.";
    let found = annotate(text);
    let value = |written: &str| {
        let e = found
            .iter()
            .find(|e| forms(text, e).contains(&written))
            .unwrap_or_else(|| panic!("no {written:?} in {found:#?}"));
        assert_eq!(e.label, Label::Date);
        e.value.clone()
    };
    assert_eq!(value("October 17-18").as_deref(), Some("--10-17/--10-18"));
    assert_eq!(value("March 21, 2023").as_deref(), Some("2023-03-21"));
    assert_eq!(value("5 June").as_deref(), Some("--06-05"));
    assert_eq!(value("next week"), None);
    assert_eq!(value("2024").as_deref(), Some("2024"));
}

#[test]
fn money_and_percent_values() {
    let text = "Profits jumped 76% to $1.13bn (£600m). Sales rose 5 per cent to 1.5 million \
                euros; the stake is worth US$20m, or 76% more.";
    let found = annotate(text);
    let get = |written: &str| {
        found
            .iter()
            .find(|e| forms(text, e).contains(&written))
            .unwrap_or_else(|| panic!("no {written:?}"))
    };
    assert_eq!(get("$1.13bn").value.as_deref(), Some("USD 1130000000"));
    assert_eq!(get("£600m").value.as_deref(), Some("GBP 600000000"));
    assert_eq!(
        get("1.5 million euros").value.as_deref(),
        Some("EUR 1500000")
    );
    assert_eq!(get("US$20m").value.as_deref(), Some("USD 20000000"));
    let percent = get("76%");
    assert_eq!(percent.label, Label::Percent);
    assert_eq!(percent.value.as_deref(), Some("76"));
    assert_eq!(percent.mentions.len(), 2, "one entity per distinct value");
    assert_eq!(get("5 per cent").value.as_deref(), Some("5"));
}

#[test]
fn organisations_places_and_events_by_shape() {
    let text = "Judges at the Court of Appeal and the Nordic Salmon Institute met in \
                The Hague before the Second World War memorial and the Baltic Rowing Cup.";
    let found = annotate(text);
    assert_eq!(by_name(&found, "Court of Appeal").label, Label::Org);
    assert_eq!(by_name(&found, "Nordic Salmon Institute").label, Label::Org);
    assert_eq!(by_name(&found, "The Hague").label, Label::Loc);
    assert_eq!(by_name(&found, "Second World War").label, Label::Event);
    assert_eq!(by_name(&found, "Baltic Rowing Cup").label, Label::Event);
}

#[test]
fn empty_and_blank_texts_have_no_entities() {
    assert!(annotate("").is_empty());
    assert!(annotate("   \n\n\t ").is_empty());
    assert!(annotate("...!!! ???").is_empty());
}

#[test]
fn odd_unicode_does_not_panic_and_spans_stay_on_boundaries() {
    let texts = [
        "Zoë Ball met Ólafur Ragnar Grímsson in Reykjavík on 3 März.",
        "e\u{301}mile Zola\u{301} and 😀 Paris \u{200b}Berlin\u{feff} £",
        "\u{0}\u{1}binary\u{fffd}\u{fffd} $ % 5 % $5bn 99999999999999999999999 per cent",
        "İstanbul ΑΘΗΝΑ Москва 北京 — 'al-Assad' O’Brien’s D'Arcy-Smith",
        "$$$ 1.2.3.4 ... --- 12:99 25:00 a.m. 0 p.m. 31-32 February 30",
        "A.B.C.D.E.F.G. U.S.A. (ICC) () ( ) ’s 's Mr. . Dr.",
    ];
    for text in texts {
        annotate(text);
    }
    let text = "Zoë Ball met Ólafur Ragnar Grímsson in Reykjavík.";
    let found = annotate(text);
    assert_eq!(forms(text, by_name(&found, "Zoë Ball")), ["Zoë Ball"]);
}

#[test]
fn long_and_repetitive_input_is_fine() {
    let text = "Anna Weber met Putin in Moscow. ".repeat(2000);
    let found = annotate(&text);
    assert_eq!(by_name(&found, "Anna Weber").mentions.len(), 2000);
    let caps = "ABC ".repeat(5000) + &"Xy ".repeat(5000);
    annotate(&caps);
}

#[test]
fn stage_fills_the_document_and_uses_sentences() {
    let text = "Courts ruled. Observers met Ada Lovelace.";
    let mut doc = Document::from_text("d1", text);
    // Sentence layer present: "Observers" starts a sentence.
    doc.sentences = vec![Span::new(0, 13), Span::new(14, text.len())];
    let stage = Entities::new();
    assert_eq!(stage.name(), "entities");
    stage.process(&mut doc).unwrap();
    let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Ada Lovelace"]);
    assert_eq!(doc.entities[0].id, "E1");
    // Running twice replaces, not appends.
    stage.process(&mut doc).unwrap();
    assert_eq!(doc.entities.len(), 1);
}

#[test]
fn html_documents_are_refused_with_a_typed_error() {
    let doc = Document::from_html("h", "<p>Hi</p>");
    assert_eq!(
        tagger().annotate_document(&doc).unwrap_err(),
        EntitiesError::Html
    );
    let mut doc = doc;
    let pipeline = Pipeline::new().with(Entities::new());
    pipeline.run(&mut doc);
    assert_eq!(doc.error.unwrap().kind, "unsupported-format");
}

#[test]
fn user_gazetteer_entries_win() {
    let mut gazetteer = newsmill_entities::Gazetteer::embedded();
    gazetteer
        .extend_tsv("ORG\tQuibble Labs\nLOC\tNorth Quibble\n")
        .unwrap();
    let stage = Entities::with_gazetteer(gazetteer);
    let text = "Staff at Quibble Labs moved to North Quibble.";
    let found = stage.annotate(text);
    assert_eq!(by_name(&found, "Quibble Labs").label, Label::Org);
    assert_eq!(by_name(&found, "North Quibble").label, Label::Loc);
}

/// The body of the shared Newsweek sample; skipped when the file is absent.
#[test]
fn newsweek_sample_body() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/samples/newsweek-putin-beijing.txt"
    );
    let path = std::path::Path::new(path);
    let fallback = std::path::Path::new("/work/shared/samples/newsweek-putin-beijing.txt");
    let Ok(full) = std::fs::read_to_string(path).or_else(|_| std::fs::read_to_string(fallback))
    else {
        eprintln!("skipping newsweek_sample_body: sample file not found");
        return;
    };
    let (Some(start), Some(end)) = (
        full.find("On Tuesday, Putin landed"),
        full.find("dependence on Beijing."),
    ) else {
        eprintln!("skipping newsweek_sample_body: sample text changed");
        return;
    };
    let text = &full[start..end + "dependence on Beijing.".len()];
    let found = annotate(text);

    let putin = by_name(&found, "Vladimir Putin");
    assert_eq!(putin.label, Label::Person);
    assert!(putin.mentions.len() > 20, "{:?}", forms(text, putin));
    assert!(forms(text, putin)
        .iter()
        .all(|f| *f == "Putin" || *f == "Vladimir Putin"));
    for (name, short) in [
        ("Xi Jinping", "Xi"),
        ("Theresa Fallon", "Fallon"),
        ("Neil Thomas", "Thomas"),
    ] {
        let e = by_name(&found, name);
        assert_eq!(e.label, Label::Person, "{name}");
        assert!(
            forms(text, e).contains(&short),
            "{name}: {:?}",
            forms(text, e)
        );
    }
    let icc = by_name(&found, "International Criminal Court");
    assert_eq!(icc.label, Label::Org);
    assert!(forms(text, icc).contains(&"ICC"));
    assert!(forms(
        text,
        by_name(&found, "Centre for Russia Europe Asia Studies")
    )
    .contains(&"CREAS"));
    for place in ["Beijing", "Moscow", "Ukraine"] {
        assert_eq!(by_name(&found, place).label, Label::Loc, "{place}");
    }
    for group in ["Chinese", "Russian"] {
        assert_eq!(by_name(&found, group).label, Label::Norp, "{group}");
    }
    let all = all_forms(text, &found);
    for junk in [
        "On",
        "Experts",
        "Even",
        "Meanwhile",
        "Observers",
        "Travel",
        "Nevertheless",
    ] {
        assert!(
            !all.iter().any(|f| f.split(' ').next() == Some(junk)),
            "{junk} tagged"
        );
    }
    // Each name is one entity.
    let putins = found.iter().filter(|e| e.name.contains("Putin")).count();
    assert_eq!(putins, 1);
}

#[test]
fn honorifics_and_undefined_acronyms_link() {
    let text = "Paul King runs British Airways. Mr King said BA would grow. \
                Kim Jong-un's envoy, Mrs. Ri, agreed.";
    let found = annotate(text);
    let king = by_name(&found, "Paul King");
    assert_eq!(forms(text, king), ["Paul King", "King"]);
    let airline = by_name(&found, "British Airways");
    assert_eq!(forms(text, airline), ["British Airways", "BA"]);
    assert_eq!(forms(text, by_name(&found, "Kim Jong-un")), ["Kim Jong-un"]);
    assert_eq!(forms(text, by_name(&found, "Ri")), ["Ri"]);
    assert_eq!(by_name(&found, "Ri").label, Label::Person);
}

#[test]
fn headlines_and_shouting_do_not_make_names_of_words() {
    let text = "Putin Has Nowhere To Go Except Beijing\n\nNEW YORK STOCKS RISE AS TRADERS CHEER\n\nIt rained.";
    let found = annotate(text);
    let forms = all_forms(text, &found);
    assert_eq!(forms, ["Putin", "Beijing", "NEW YORK"]);
}

#[test]
fn a_surname_only_body_takes_the_full_name_from_the_standfirst() {
    let mut doc = Document::from_text(
        "s",
        "On Monday, Okafor opened the new wing. Okafor said it was overdue.",
    );
    doc.meta.title = Some("Mayor opens hospital wing".into());
    doc.meta.standfirst =
        Some("Lagos mayor Mariana Okafor cut the ribbon after a two-year delay.".into());
    let entities = Entities::new().annotate_document(&doc).unwrap();
    let okafor = by_name(&entities, "Mariana Okafor");
    assert_eq!(okafor.label, Label::Person);
    assert_eq!(okafor.mentions.len(), 2);

    // Two candidates with the same surname: no guess.
    doc.meta.standfirst = Some("Mariana Okafor and her brother Tunde Okafor attended.".into());
    let entities = Entities::new().annotate_document(&doc).unwrap();
    assert!(entities
        .iter()
        .all(|e| e.name != "Mariana Okafor" && e.name != "Tunde Okafor"));
}

#[test]
fn user_patterns_win_and_carry_their_ids() {
    use newsmill_entities::Patterns;
    let jsonl = r#"{"label": "ORG", "pattern": "Blue Heron Robotics", "id": "Q-BHR"}
{"label": "GPE", "pattern": [{"LOWER": "port"}, {"LOWER": "avalon"}], "id": "geo:77"}

{"label": "PERSON", "pattern": "Ilse Marquardt"}"#;
    let patterns = Patterns::from_jsonl(jsonl).expect("valid patterns");
    assert_eq!(patterns.len(), 3);
    let entities = Entities::new().with_patterns(patterns);
    let text = "Blue Heron Robotics opened in PORT AVALON. Ilse Marquardt said Blue Heron \
                Robotics would hire. Blue Heron Roboticsville is elsewhere.";
    let found = entities.annotate(text);
    check_invariants(text, &found).unwrap();
    let firm = by_name(&found, "Blue Heron Robotics");
    assert_eq!(firm.label, Label::Org);
    // Matches end on token edges: "Roboticsville" is not the firm.
    assert_eq!(
        forms(text, firm),
        ["Blue Heron Robotics", "Blue Heron Robotics"]
    );
    assert_eq!(firm.kb_id.as_deref(), Some("Q-BHR"));
    let port = by_name(&found, "PORT AVALON");
    assert_eq!(port.label, Label::Loc);
    assert_eq!(port.kb_id.as_deref(), Some("geo:77"));
    let person = by_name(&found, "Ilse Marquardt");
    assert_eq!(person.label, Label::Person);
    assert_eq!(person.kb_id, None, "no id in the pattern");

    for (bad, line) in [
        ("{\"label\": \"ORG\"}", 1),
        ("\n{\"label\": \"NOPE\", \"pattern\": \"x\"}", 2),
        (
            "{\"label\": \"ORG\", \"pattern\": [{\"POS\": \"NOUN\"}]}",
            1,
        ),
        ("not json", 1),
    ] {
        match Patterns::from_jsonl(bad) {
            Err(EntitiesError::Gazetteer { line: l, .. }) => assert_eq!(l, line, "{bad}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[test]
fn relative_dates_resolve_against_the_publication_date() {
    let mut doc = Document::from_text(
        "d",
        "On Tuesday, the council met in Leeds. On March 17, it had approved the plan. \
         Work began last year and ends tomorrow.",
    );
    let value_of = |entities: &[Entity], name: &str| {
        entities
            .iter()
            .find(|e| e.label == Label::Date && e.name == name)
            .unwrap_or_else(|| panic!("no DATE {name}"))
            .value
            .clone()
    };
    let unresolved = Entities::new().annotate_document(&doc).unwrap();
    assert_eq!(
        value_of(&unresolved, "Tuesday"),
        None,
        "no date to resolve against"
    );
    assert_eq!(
        value_of(&unresolved, "March 17").as_deref(),
        Some("--03-17")
    );

    doc.meta.published = Some("2023-10-19T07:30:00Z".into());
    let resolved = Entities::new().annotate_document(&doc).unwrap();
    assert_eq!(
        value_of(&resolved, "Tuesday").as_deref(),
        Some("2023-10-17")
    );
    assert_eq!(
        value_of(&resolved, "March 17").as_deref(),
        Some("2023-03-17")
    );
    assert_eq!(value_of(&resolved, "last year").as_deref(), Some("2022"));
    assert_eq!(
        value_of(&resolved, "tomorrow").as_deref(),
        Some("2023-10-20")
    );
}
