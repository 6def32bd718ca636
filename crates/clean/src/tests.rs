//! Behaviour a user of the stage checks, on small articles written for these tests.

use super::*;
use newsmill_doc::{Document, Format, Meta, RemovedKind, Stage};

fn run(raw: &str) -> Document {
    let mut doc = Document::from_text("t", raw);
    Clean::new().process(&mut doc).expect("article has a body");
    doc
}

fn removed_of(doc: &Document, kind: RemovedKind) -> Vec<&str> {
    doc.removed
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| r.text.as_str())
        .collect()
}

/// Paragraph spans cover the body exactly and slice back to their text.
fn assert_paragraph_layout(doc: &Document) {
    let rebuilt: Vec<&str> = doc.paragraphs.iter().map(|p| doc.slice(*p)).collect();
    assert_eq!(rebuilt.join("\n\n"), doc.text);
    for p in &rebuilt {
        assert!(
            !p.is_empty() && !p.contains('\n') && p.trim() == *p,
            "bad paragraph {p:?}"
        );
        assert!(!p.contains("  "), "uncollapsed spaces in {p:?}");
    }
}

const SCRAPED: &str = "Harbour City Votes To Close Its Last Coal Plant

The council's decision ends a century of coal power in the port city.

Councillors voted 9 to 2 on Monday to close the Eastbank power station by 2027, ending a decade of debate. The plant employs 340 people.

\"This is the right choice for the next generation,\" said mayor Ana Ruiz, who backed the plan.

Union leaders said workers had been left in the dark.

Eastbank power station at dusk
The Eastbank plant seen from the harbour on June 2, 2024. It opened in 1921 Tom Field/Getty Images

Ruiz added that retraining \"starts this year.\"

The plant will stop burning coal in stages, the council said.

Weekend Reads

Harbour Daily is committed to fearless reporting on the city that matters.

Harbour Daily is committed to fearless reporting on the city that matters.

About the author

Sam Okafor is a reporter for Harbour Daily based in Eastbank. He covers energy, labour and local politics ... Read more

To learn how Harbour Daily uses AI in its newsroom, click here.

Harbour Daily Premium
  • Ad-free reading on every device
  • The weekly print magazine delivered to you
  • Comment on articles
";

#[test]
fn scraped_article_loses_its_furniture() {
    let doc = run(SCRAPED);
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Harbour City Votes To Close Its Last Coal Plant")
    );
    assert_eq!(
        doc.meta.standfirst.as_deref(),
        Some("The council's decision ends a century of coal power in the port city.")
    );
    assert_eq!(doc.meta.authors, ["Sam Okafor"]);
    assert_eq!(doc.meta.source.as_deref(), Some("Harbour Daily"));
    assert!(doc.text.starts_with("Councillors voted 9 to 2 on Monday"));
    assert!(doc.text.ends_with("the council said."));
    assert!(doc
        .text
        .contains("Ruiz added that retraining \"starts this year.\""));
    assert!(doc
        .text
        .contains("Union leaders said workers had been left in the dark."));
    for gone in [
        "Weekend Reads",
        "committed to",
        "About the author",
        "Sam Okafor",
        "click here",
        "Premium",
        "Ad-free",
        "Getty",
        "at dusk",
    ] {
        assert!(!doc.text.contains(gone), "{gone:?} left in body");
    }
    assert_eq!(doc.paragraphs.len(), 5);
    assert_eq!(
        removed_of(&doc, RemovedKind::Caption),
        [
            "Eastbank power station at dusk",
            "The Eastbank plant seen from the harbour on June 2, 2024. It opened in 1921",
        ]
    );
    assert_eq!(
        removed_of(&doc, RemovedKind::Credit),
        ["Tom Field/Getty Images"]
    );
    assert_eq!(removed_of(&doc, RemovedKind::Slogan).len(), 2);
    assert_eq!(removed_of(&doc, RemovedKind::Bio).len(), 2);
    assert_eq!(removed_of(&doc, RemovedKind::Disclaimer).len(), 1);
    let promo = removed_of(&doc, RemovedKind::Promo);
    assert!(promo.contains(&"Weekend Reads"));
    assert!(promo.contains(&"Harbour Daily Premium"));
    assert!(promo.contains(&"• Comment on articles"));
    assert_eq!(doc.format, Format::Text);
    assert_paragraph_layout(&doc);
}

#[test]
fn clean_article_comes_out_unchanged() {
    let raw = "Shares in the regional airline rose 4% on Tuesday after it reported a return to profit.\n\n\
        The carrier said passenger numbers grew by a fifth, helped by new routes to Spain and Portugal.\n\n\
        \"We have turned the corner,\" chief executive Mark Lee told reporters. Analysts were more cautious.\n\n\
        By the end of the year the airline plans to add six aircraft.";
    let doc = run(raw);
    assert_eq!(doc.text, raw);
    assert!(doc.removed.is_empty(), "removed {:?}", doc.removed);
    // Nothing lifted; only the detected language is added.
    let expected = Meta {
        language: Some("en".into()),
        ..Meta::default()
    };
    assert_eq!(doc.meta, expected);
    assert_eq!(doc.paragraphs.len(), 4);
    assert_paragraph_layout(&doc);
}

#[test]
fn wire_datelines_go_to_meta() {
    let doc = run(
        "MOSCOW (Reuters) - Russia's central bank raised rates on Friday.\n\nThe rouble firmed.",
    );
    assert_eq!(doc.meta.dateline.as_deref(), Some("MOSCOW (Reuters)"));
    assert!(doc.text.starts_with("Russia's central bank raised rates"));
    assert_eq!(removed_of(&doc, RemovedKind::Meta), ["MOSCOW (Reuters) -"]);
    assert_paragraph_layout(&doc);

    let doc = run("WASHINGTON, Oct 3 (AP) \u{2014} The Senate passed the bill late on Tuesday.\n\nIt now goes to the House.");
    assert_eq!(doc.meta.dateline.as_deref(), Some("WASHINGTON, Oct 3 (AP)"));
    assert!(doc.text.starts_with("The Senate passed the bill"));
}

#[test]
fn bylines_and_date_lines_fill_meta() {
    let doc = run("By Jane Doe and Omar Haddad\n\nPublished Oct 17, 2023\n\nThe museum reopened its east wing on Saturday after a two-year renovation.\n\nVisitors queued from dawn.");
    assert_eq!(doc.meta.authors, ["Jane Doe", "Omar Haddad"]);
    assert_eq!(doc.meta.published.as_deref(), Some("2023-10-17"));
    assert!(doc.text.starts_with("The museum reopened"));
    assert_eq!(
        removed_of(&doc, RemovedKind::Byline),
        ["By Jane Doe and Omar Haddad"]
    );

    let doc = run("Jane Doe | Culture Reporter\n\nUpdated: 2023-10-17 10:00\n\nThe museum reopened its east wing on Saturday.\n\nVisitors queued from dawn.");
    assert_eq!(doc.meta.authors, ["Jane Doe"]);
    assert_eq!(doc.meta.published.as_deref(), Some("2023-10-17T10:00"));
}

#[test]
fn given_meta_is_kept_and_title_line_removed() {
    let mut doc = Document::from_text(
        "t",
        "Museum Reopens East Wing\n\nThe museum reopened its east wing on Saturday.\n\nVisitors queued from dawn.",
    );
    doc.meta.title = Some("Museum reopens east wing".into());
    doc.meta.source = Some("City Paper".into());
    Clean::new().process(&mut doc).unwrap();
    assert_eq!(doc.meta.title.as_deref(), Some("Museum reopens east wing"));
    assert_eq!(doc.meta.source.as_deref(), Some("City Paper"));
    assert!(doc.text.starts_with("The museum reopened"));
    assert_eq!(
        removed_of(&doc, RemovedKind::Meta),
        ["Museum Reopens East Wing"]
    );
}

#[test]
fn characters_are_normalised() {
    let doc = run("The\u{00A0}mayor\u{200B} said\r\nthe plan was \u{201C}bold\u{201D} \u{2014} and co\u{00AD}stly.\r\n\r\n\u{FEFF}Cafe\u{0301}s\tstayed   open\u{2026}");
    assert_eq!(doc.text, "The mayor said the plan was \u{201C}bold\u{201D} \u{2014} and costly.\n\nCaf\u{e9}s stayed open\u{2026}");
    assert_paragraph_layout(&doc);
}

#[test]
fn hard_wrapped_wire_copy_is_rejoined() {
    let raw = "Showers continued throughout the week in the Bahia cocoa zone,\nalleviating the drought since early January, traders said.\n    The dry period means the temporao will be late this year,\nexporters said on Tuesday.";
    let doc = run(raw);
    assert_eq!(doc.paragraphs.len(), 2);
    assert_eq!(
        doc.slice(doc.paragraphs[1]),
        "The dry period means the temporao will be late this year, exporters said on Tuesday."
    );
}

#[test]
fn empty_input_is_a_no_content_error() {
    for raw in [
        "",
        "   \n\n\t ",
        "\u{200B}\u{00A0}",
        "Advertisement\n\nShare this article",
    ] {
        let mut doc = Document::from_text("t", raw);
        let err = Clean::new().process(&mut doc).unwrap_err();
        assert_eq!(err.kind, "no-content", "input {raw:?}");
        assert!(matches!(clean_text(raw), Err(CleanError::NoContent { .. })));
    }
    let mut doc = Document::from_html("t", "<html><body><nav>Home</nav></body></html>");
    assert_eq!(
        Clean::new().process(&mut doc).unwrap_err().kind,
        "no-content"
    );
}

#[test]
fn odd_inputs_never_panic() {
    let long_line = "word ".repeat(20_000);
    let nested = "<div>".repeat(1_000) + "Deep text here." + &"</div>".repeat(10);
    let inputs = [
        "\u{0}\u{1}\u{2}binary\u{7f}\u{fffd}\u{fffd}".to_string(),
        long_line,
        "\u{1F600}\u{200D}\u{1F469}\n\n\u{0301}\u{0301}leading marks".to_string(),
        "• \n• \n-\n*".to_string(),
        "MOSCOW (Reuters) -".to_string(),
        "By\n\nBy \n\nPublished\n\nPhoto:".to_string(),
        nested.clone(),
    ];
    for raw in &inputs {
        let _ = clean_text(raw);
        let _ = extract_html(raw);
        for doc in [
            Document::from_text("t", raw.as_str()),
            Document::from_html("t", raw.as_str()),
        ] {
            let mut doc = doc;
            if Clean::new().process(&mut doc).is_ok() {
                assert_paragraph_layout(&doc);
            }
        }
    }
}

#[test]
fn keep_captions_option_leaves_captions_in() {
    let raw = "The harbour froze overnight for the first time in decades, residents said.\n\nIce on the harbour\nBoats trapped in ice on Monday. Jane Roe/Getty Images\n\nFerries were cancelled.";
    let kept = Clean::with_options(CleanOptions {
        keep_captions: true,
    })
    .clean_text(raw, &Meta::default())
    .unwrap();
    assert!(kept.text.contains("Getty Images"));
    let dropped = clean_text(raw).unwrap();
    assert!(!dropped.text.contains("Getty Images") && !dropped.text.contains("Ice on the harbour"));
    assert_eq!(dropped.paragraphs.len(), 2);
}

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en-GB">
<head>
<title>Bridge Reopens | Example Times</title>
<meta property="og:title" content="Bridge reopens after repairs">
<meta property="og:site_name" content="Example Times">
<meta property="og:url" content="https://example.com/bridge">
<meta name="description" content="The river crossing is open again.">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","name":"Example Times"},
  {"@type":"NewsArticle","headline":"Bridge reopens after two years of repairs",
   "datePublished":"2024-03-05T08:30:00Z",
   "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"Li Wei"}],
   "publisher":{"@type":"Organization","name":"Example Times"}}
]}
</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
  <h1>Bridge reopens after two years of repairs</h1>
  <div class="byline">By Jane Doe</div>
  <p>The Old Mill bridge reopened to traffic on Tuesday, two years after floods&nbsp;damaged its piers.</p>
  <figure><img src="b.jpg"><figcaption>The bridge on Tuesday. Photo: Jane Doe</figcaption></figure>
  <p>Engineers replaced three piers and the road deck, the county said &amp; drivers welcomed it.</p>
  <div class="share-tools"><a href="#">Share on Facebook</a></div>
  <h2>What comes next</h2>
  <p>Cycle lanes will be added next spring, officials said.</p>
  <ul class="related-links"><li><a href="/x">Another story about bridges</a></li></ul>
</article>
<footer>© 2024 Example Times</footer>
</body>
</html>"##;

#[test]
fn html_page_gives_meta_and_body() {
    let mut doc = Document::from_html("h", PAGE);
    Clean::new().process(&mut doc).unwrap();
    assert_eq!(doc.format, Format::Text);
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Bridge reopens after two years of repairs")
    );
    assert_eq!(doc.meta.authors, ["Jane Doe", "Li Wei"]);
    assert_eq!(doc.meta.published.as_deref(), Some("2024-03-05T08:30:00Z"));
    assert_eq!(doc.meta.source.as_deref(), Some("Example Times"));
    assert_eq!(doc.meta.url.as_deref(), Some("https://example.com/bridge"));
    assert_eq!(doc.meta.language.as_deref(), Some("en"));
    assert_eq!(
        doc.meta.standfirst.as_deref(),
        Some("The river crossing is open again.")
    );
    let paragraphs: Vec<&str> = doc.paragraphs.iter().map(|p| doc.slice(*p)).collect();
    assert_eq!(paragraphs, [
        "The Old Mill bridge reopened to traffic on Tuesday, two years after floods damaged its piers.",
        "Engineers replaced three piers and the road deck, the county said & drivers welcomed it.",
        "What comes next",
        "Cycle lanes will be added next spring, officials said.",
    ]);
    assert_eq!(
        removed_of(&doc, RemovedKind::Caption),
        ["The bridge on Tuesday. Photo: Jane Doe"]
    );
    assert!(removed_of(&doc, RemovedKind::Byline).contains(&"By Jane Doe"));
    assert!(
        !doc.text.contains("Home")
            && !doc.text.contains("Share")
            && !doc.text.contains("Another story")
    );
    assert_paragraph_layout(&doc);
}

#[test]
fn html_without_structured_data_uses_tags_and_scoring() {
    let page = "<html><head><title>Rain Record Broken</title><meta name=\"author\" content=\"Sam Lee\">\
        <meta property=\"article:published_time\" content=\"2024-01-02\"></head><body>\
        <div class=\"menu\"><a href=\"/\">Home</a><a href=\"/w\">Weather</a></div>\
        <div id=\"content\"><div class=\"text\"><p>More rain fell in January than in any month since records began, the weather service said.</p>\
        <p>Rivers burst their banks in three counties, and hundreds of homes were flooded, officials said.</p></div></div>\
        <div class=\"sidebar\"><p>Short.</p></div></body></html>";
    let cleaned = extract_html(page).unwrap();
    assert_eq!(cleaned.meta.title.as_deref(), Some("Rain Record Broken"));
    assert_eq!(cleaned.meta.authors, ["Sam Lee"]);
    assert_eq!(cleaned.meta.published.as_deref(), Some("2024-01-02"));
    assert_eq!(cleaned.paragraphs.len(), 2);
    assert!(cleaned.text.starts_with("More rain fell"));
}

#[test]
fn broken_html_is_tolerated() {
    let page = "<html><body><article><p>Firefighters contained the blaze on Sunday, after it spread <b>across two hills, the fire service said.<p>Nobody was hurt &mdash; residents were evacuated &amp; returned <i>by nightfall</div></span><p>Unclosed <a href='x'>link";
    let cleaned = extract_html(page).unwrap();
    assert!(cleaned
        .text
        .starts_with("Firefighters contained the blaze on Sunday"));
    assert!(cleaned
        .text
        .contains("Nobody was hurt \u{2014} residents were evacuated & returned by nightfall"));
    for p in &cleaned.paragraphs {
        assert!(!p.slice(&cleaned.text).unwrap().is_empty());
    }
}

#[test]
fn newsweek_sample_meets_every_requirement() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/samples/newsweek-putin-beijing.txt"
    );
    let Ok(raw) = std::fs::read_to_string(path) else {
        eprintln!("skipping: {path} not present");
        return;
    };
    let doc = run(&raw);
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("'Isolated' Putin Has Nowhere To Go Except Beijing")
    );
    assert!(doc.meta.standfirst.as_deref().is_some_and(|s| s
        .starts_with("Russian President Vladimir Putin's visit")
        && s.ends_with("dependence on China.")));
    assert!(doc.meta.authors.iter().any(|a| a == "Aadil Brar"));
    assert_eq!(doc.meta.source.as_deref(), Some("Newsweek"));
    assert!(doc.text.starts_with("On Tuesday, Putin landed in Beijing"));
    assert!(doc.text.ends_with("the Kremlin's dependence on Beijing."));
    assert!(doc
        .text
        .contains("Fallon added that Xi has been \"handcuffed to Putin's poor choices.\""));
    for gone in [
        "Uncommon Knowledge",
        "is committed to",
        "About the writer",
        "is a reporter for",
        "Read more",
        "Click here",
        "Newsweek cover",
        "magazine delivered",
        "shake hands",
        "Getty Images",
    ] {
        assert!(!doc.text.contains(gone), "{gone:?} left in the body");
    }
    let has = |kind: RemovedKind, needle: &str| {
        doc.removed
            .iter()
            .any(|r| r.kind == kind && r.text.contains(needle))
    };
    assert!(has(RemovedKind::Promo, "Uncommon Knowledge"));
    assert_eq!(removed_of(&doc, RemovedKind::Slogan).len(), 2);
    assert!(has(RemovedKind::Bio, "About the writer"));
    assert!(has(RemovedKind::Bio, "Aadil Brar is a reporter"));
    assert!(has(RemovedKind::Disclaimer, "uses AI"));
    assert!(has(RemovedKind::Promo, "Newsweek cover"));
    assert!(has(RemovedKind::Promo, "Comment on articles"));
    assert!(has(RemovedKind::Caption, "Xi and Putin shake hands"));
    assert!(has(
        RemovedKind::Caption,
        "Chinese President Xi Jinping (L)"
    ));
    assert!(has(RemovedKind::Credit, "Getty Images"));
    // Every story paragraph survives: 22 in the sample.
    assert_eq!(doc.paragraphs.len(), 22);
    assert_paragraph_layout(&doc);
}

#[test]
fn story_lists_and_news_about_ai_stay() {
    let raw =
        "The regulator said companies that use AI to screen job applicants must disclose it.\n\n\
        The new rules cover:\n\
        • Hiring tools that rank candidates.\n\
        • Software that scores video interviews.\n\n\
        Firms have a year to comply.\n\n\
        Sign up for our business newsletter.";
    let doc = run(raw);
    assert!(doc.text.contains("companies that use AI"));
    assert!(doc.text.contains(
        "• Hiring tools that rank candidates.\n\n• Software that scores video interviews."
    ));
    assert!(doc.text.ends_with("Firms have a year to comply."));
    assert_eq!(
        removed_of(&doc, RemovedKind::Promo),
        ["Sign up for our business newsletter."]
    );
    assert_eq!(doc.removed.len(), 1);
    assert_paragraph_layout(&doc);
}

#[test]
fn html_handed_over_as_text_is_still_extracted() {
    let mut doc = Document::from_text("t", PAGE);
    Clean::new().process(&mut doc).unwrap();
    assert!(doc.text.starts_with("The Old Mill bridge reopened"));
    assert!(!doc.text.contains('<'));
}

#[test]
fn wire_reporting_credits_name_the_authors() {
    let doc = run("LONDON (Reuters) - Oil prices rose on Monday.\n\nBrent gained 2%.\n\n(Reporting by Jane Doe and Omar Haddad in London; Editing by Sam Lee)");
    assert_eq!(doc.meta.authors, ["Jane Doe", "Omar Haddad"]);
    assert_eq!(doc.text, "Oil prices rose on Monday.\n\nBrent gained 2%.");
    assert_eq!(removed_of(&doc, RemovedKind::Byline).len(), 1);
}

/// The whole visible text of a page, as some scrapers keep it: menus, the
/// headline, the story, then a listing, comments and a footer.
const WHOLE_PAGE: &str = "Port Authority Approves Night Shipping - Harbour Daily

Home
News
Sport
Business
Weather
Subscribe

Port Authority Approves Night Shipping
By Jane Doe | March 3, 2026

The port authority voted on Tuesday to allow container ships to dock overnight, a change operators have sought for years, the chair said.

Shipping lines expect the decision to cut waiting times in the outer harbour by half, according to figures the authority published with its vote.

Residents of the old town, who had opposed the plan, said they would ask the council to limit noise from cranes after midnight.

\"We will monitor every complaint,\" the chair told reporters after the meeting, adding that a review is planned for next spring.

3 Comments

harbourfan says:
March 3, 2026 at 9:12 pm
About time, the queues out there have been ridiculous for years and everyone knows it.

oldtowner says:
March 3, 2026 at 9:40 pm
Nobody asked the people who actually live next to the cranes what they think of this plan.

Privacy Policy
Terms of Use
© 2026 Harbour Daily";

#[test]
fn whole_page_text_keeps_the_story_only() {
    let doc = run(WHOLE_PAGE);
    assert!(
        doc.text.starts_with("The port authority voted on Tuesday"),
        "{}",
        doc.text
    );
    assert!(doc.text.ends_with("a review is planned for next spring."));
    assert_eq!(doc.paragraphs.len(), 4);
    for furniture in [
        "Sport",
        "queues out there",
        "Privacy Policy",
        "Harbour Daily\n",
    ] {
        assert!(!doc.text.contains(furniture), "{furniture} left in");
    }
    assert!(removed_of(&doc, RemovedKind::Navigation).contains(&"Weather"));
    assert_paragraph_layout(&doc);
}

#[test]
fn clean_story_with_heading_and_list_is_not_trimmed() {
    let raw = "The council approved the budget on Monday after a long debate about road repairs and school funding.

What changes

Road repairs get more money this year, and schools get new funds for heating and maintenance.

Three items were cut:

• The tram study
• A new car park
• Street festival grants";
    let doc = run(raw);
    assert!(doc.text.starts_with("The council approved the budget"));
    assert!(doc.text.contains("What changes"));
    assert!(doc.text.ends_with("Street festival grants"));
    assert_eq!(doc.paragraphs.len(), 7);
}

#[test]
fn ideographic_text_counts_as_prose() {
    // Without ideographs counted, the story's lines would weigh as one word each.
    let raw = "市議会は月曜日、港の夜間運用を認める案を賛成多数で可決した。\n\n運営会社は待ち時間が半分になると見込んでいるが、住民は騒音を心配している。\n\n市は来年の春に見直しを行う予定だと説明した。\n\nプライバシーポリシー\n利用規約\nお問い合わせ\nサイトマップ\n© 2026 Harbour";
    let doc = run(raw);
    assert!(doc.text.starts_with("市議会は月曜日"), "{}", doc.text);
    assert!(doc.text.ends_with("説明した。"), "{}", doc.text);
    assert_eq!(doc.paragraphs.len(), 3);
}

#[test]
fn related_listing_at_the_bottom_goes() {
    let raw = "The port authority voted on Tuesday to allow container ships to dock overnight, a change operators have sought for years.

Shipping lines expect waiting times in the outer harbour to fall by half, according to figures published with the vote.

Residents said they would ask the council to limit crane noise after midnight, and the chair promised a review next spring.

Related stories

Council delays vote on tram extension

Fishermen protest new harbour fees";
    let doc = run(raw);
    assert!(doc.text.ends_with("a review next spring."), "{}", doc.text);
    let nav = removed_of(&doc, RemovedKind::Navigation);
    assert!(nav.contains(&"Fishermen protest new harbour fees"));
}

const SPLIT_STORY_HTML: &str = r#"<!doctype html><html><body>
<div class="layout">
 <div class="story">
  <h1>How the harbour will change</h1>
  <div class="section"><h2>Night shipping</h2>
   <p>The port authority voted on Tuesday to allow container ships to dock overnight, a change operators have sought for years.</p>
   <p>Shipping lines expect waiting times in the outer harbour to fall by half, according to figures published with the vote.</p></div>
  <div class="section"><h2>Noise</h2>
   <p>Residents of the old town, who opposed the plan, said they would ask the council to limit crane noise after midnight.</p>
   <p>The chair promised that every complaint would be logged, and that a first report would be published within three months.</p></div>
  <div class="section"><h2>What comes next</h2>
   <p>A review of the night shifts is planned for next spring, when the authority will also decide on a second terminal.</p>
   <p>Operators said they would hire about two hundred workers for the new shifts, most of them from the city itself.</p></div>
 </div>
 <div class="rail"><p><a href="/a">Tram vote delayed again</a></p><p><a href="/b">Fishermen protest fees</a></p></div>
</div></body></html>"#;

#[test]
fn story_split_over_sections_is_found_whole() {
    let cleaned = extract_html(SPLIT_STORY_HTML).unwrap();
    assert!(cleaned.text.contains("The port authority voted on Tuesday"));
    assert!(cleaned.text.contains("about two hundred workers"));
    assert!(cleaned.text.contains("Noise"));
    assert!(!cleaned.text.contains("Tram vote"));
}

#[test]
fn a_hidden_copy_of_the_story_is_dropped() {
    let paragraphs: Vec<String> = (1..=6)
        .map(|i| format!("<p>Paragraph {i} of the story tells what the port authority decided on Tuesday and why it matters.</p>"))
        .collect();
    let body = paragraphs.join("");
    let page = format!(
        r#"<html><body><main><div class="desktop">{body}</div><div class="mobile">{body}</div></main></body></html>"#
    );
    let cleaned = extract_html(&page).unwrap();
    assert_eq!(cleaned.text.matches("Paragraph 3 of the story").count(), 1);
    assert_eq!(cleaned.paragraphs.len(), 6);
    assert!(cleaned
        .removed
        .iter()
        .any(|r| r.kind == RemovedKind::Repeated));
}

#[test]
fn text_in_divs_broken_by_br_is_found() {
    let page = r#"<html><body>
<ul class="menu"><li><a href="/">Home</a></li><li><a href="/n">News</a></li></ul>
<div class="teaser"><p>Short teaser of another story here.</p></div>
<div class="post">The port authority voted on Tuesday to allow container ships to dock overnight, a change operators have sought for years.<br><br>Shipping lines expect waiting times in the outer harbour to fall by half, according to figures published with the vote, and residents plan to ask the council to limit noise.</div>
</body></html>"#;
    let cleaned = extract_html(page).unwrap();
    assert!(
        cleaned.text.starts_with("The port authority voted"),
        "{}",
        cleaned.text
    );
    assert!(cleaned.text.contains("limit noise"));
    assert!(!cleaned.text.contains("teaser"));
}

/// Three paragraphs of a story the team wrote, for the markup tests below.
const STORY_PARAGRAPHS: &str = "<p>The ferry operator said on Monday that it would add two evening crossings from March, after a winter in which commuters waited up to an hour at the pier.</p>\
<p>Passenger numbers have grown by a fifth since the bridge closed for repairs, according to the operator, and the new crossings will use a boat leased from a company in the north.</p>\
<p>Residents welcomed the change but asked the council to keep the timetable after the bridge reopens, saying the ferry had become the quickest way into town.</p>";

#[test]
fn a_story_inside_an_unclosed_aside_is_still_found() {
    // The banner's </aside> is missing: the parser nests the whole page in it.
    let page = format!(
        r#"<html><body><aside class="announcement-banner"><div><a href="/news">Big news: we moved</a></div>
<header><a href="/">Home</a> <a href="/blog">Blog</a></header>
<main><article class="post">{STORY_PARAGRAPHS}</article></main>
<footer>Copyright 2026 Example Ferries</footer></body></html>"#
    );
    let cleaned = extract_html(&page).unwrap();
    assert!(
        cleaned.text.starts_with("The ferry operator said"),
        "{}",
        cleaned.text
    );
    assert!(cleaned.text.ends_with("quickest way into town."));
}

#[test]
fn taxonomy_and_state_classes_do_not_mark_furniture() {
    // WordPress tags the story "tag-...-related-reading"; a theme flags the
    // main element "has-recirc-strip" because a strip follows the story.
    let page = format!(
        r#"<html><body><main class="single has-recirc-strip">
<article class="post type-post category-travel tag-ferries-related-reading tag-commuting">{STORY_PARAGRAPHS}</article>
<div class="recirc"><p><a href="/other">Another story about boats and bridges in the region</a></p></div>
</main><div class="about-site"><p>Example Ferries News covers travel on the coast, with reports from the piers every weekday.</p></div></body></html>"#
    );
    let cleaned = extract_html(&page).unwrap();
    assert!(
        cleaned.text.starts_with("The ferry operator said"),
        "{}",
        cleaned.text
    );
    assert!(cleaned.text.contains("leased from a company"));
    assert!(!cleaned.text.contains("Another story"));
    assert!(!cleaned.text.contains("covers travel on the coast"));
}

#[test]
fn a_block_named_like_a_menu_that_holds_prose_stays() {
    let page = format!(
        r#"<html><body><div class="body-content">
<div class="content-nav-section"><h1>Evening Ferries Added</h1></div>
<div class="content-nav-section">{STORY_PARAGRAPHS}</div>
<div class="content-nav-section"><p>Timetables are posted at the pier and online, and tickets bought for the morning boats are valid in the evening, the operator said in a statement, adding that season passes would cover both.</p><p>The operator will review the new crossings in the autumn, it said, once it has a season of passenger counts to judge them by and has spoken to the unions about the late shifts.</p><p>A spokesperson said the boats would run on time, and that the leased boat had passed its safety inspection in the north last week without any findings.</p></div>
<div class="site-nav"><a href="/a">Travel</a> <a href="/b">Weather</a> <a href="/c">Sport</a></div>
</div></body></html>"#
    );
    let cleaned = extract_html(&page).unwrap();
    assert!(
        cleaned.text.contains("The ferry operator said"),
        "{}",
        cleaned.text
    );
    assert!(cleaned.text.contains("a season of passenger counts"));
    assert!(!cleaned.text.contains("Weather"));
    assert!(cleaned
        .removed
        .iter()
        .any(|r| r.kind == RemovedKind::Navigation && r.text.contains("Weather")));
}

#[test]
fn paragraphs_written_as_divs_of_spans_are_found_whole() {
    // Old blog templates write each paragraph as a div of styled spans.
    let page = r#"<html><body>
<div class="sidebar"><p>Subscribe to our weekly digest of the best stories from the coast.</p></div>
<div class="post-body">
<div><span style="font-size: small;">The ferry operator said on Monday that it would add two evening crossings from March, after a winter of long waits.<br></span></div>
<div class="separator"><a href="/img/pier.jpg"><img src="/img/pier.jpg"></a></div>
<div><span><em>The pier at dusk</em></span></div>
<div><span style="font-size: small;">Passenger numbers have grown by a fifth since the bridge closed, and the new crossings will use a leased boat.</span></div>
<div><span style="font-size: small;">Residents welcomed the change but asked the council to keep the timetable after the bridge reopens.</span></div>
</div>
<div class="footer-links"><a href="/about">About</a> <a href="/contact">Contact</a></div>
</body></html>"#;
    let cleaned = extract_html(page).unwrap();
    assert!(
        cleaned.text.starts_with("The ferry operator said"),
        "{}",
        cleaned.text
    );
    assert!(cleaned.text.contains("leased boat."));
    assert!(cleaned.text.ends_with("after the bridge reopens."));
    assert!(!cleaned.text.contains("weekly digest"));
}

/// A whole page with a list of other stories (headline glued to teaser)
/// above the story and a thread of time-stamped comments below it.
const WHOLE_PAGE_WITH_TEASERS: &str = "Menu
News
Sport
Weather

Latest Headlines

Council To Vote On New Tram Line After Years Of Delay The city council will decide next week whether to fund the long-planned tram line to the airport.
Two Arrested After Break-In At Harbour Museum Police said two men were held after a window was smashed at the museum on Sunday night.
Storm Warning Issued For The Coast On Friday Forecasters expect gusts of up to 90 km/h along the coast, with ferries likely to be cancelled.

Weather

Ferry Operator Adds Evening Crossings

The ferry operator said on Monday that it would add two evening crossings from March, after a winter in which commuters waited up to an hour.

Passenger numbers have grown by a fifth since the bridge closed for repairs, according to the operator, which will lease a boat from the north.

Residents welcomed the change but asked the council to keep the timetable after the bridge reopens, saying the ferry had become the quickest way into town.

[ 12 comments ]
Top Rated Comments
harbourfan
2 days ago at 07:52 am
About time, the queues at the pier have been ridiculous all winter and everyone knows it.
oldtowner
2 days ago at 08:10 am
Nobody asked the people who live next to the pier what they think of the late boats.
Rating: 4 Votes

Privacy Policy
© 2026 Harbour Daily";

#[test]
fn teaser_lists_and_comment_threads_around_a_story_go() {
    let doc = run(WHOLE_PAGE_WITH_TEASERS);
    assert!(
        doc.text.starts_with("The ferry operator said on Monday"),
        "{}",
        doc.text
    );
    assert!(
        doc.text.ends_with("the quickest way into town."),
        "{}",
        doc.text
    );
    for furniture in [
        "Tram Line",
        "Harbour Museum",
        "queues at the pier",
        "comments",
    ] {
        assert!(!doc.text.contains(furniture), "{furniture} left in");
    }
    assert_paragraph_layout(&doc);
}

#[test]
fn a_flattened_copy_of_the_story_in_a_whole_page_goes() {
    let paragraphs = [
        "The ferry operator said on Monday that it would add two evening crossings from March, after a winter of long waits.",
        "Passenger numbers have grown by a fifth since the bridge closed for repairs, according to the operator.",
        "The new crossings will use a boat leased from a company in the north, which passed its inspection last week.",
        "Residents welcomed the change but asked the council to keep the timetable after the bridge reopens.",
    ];
    // Structured data repeats the story as one line above the page's text.
    let flattened = paragraphs.join(" ");
    let raw = format!("{flattened}\n\n{}", paragraphs.join("\n\n"));
    let doc = run(&raw);
    assert_eq!(doc.paragraphs.len(), 4, "{}", doc.text);
    assert!(doc.text.starts_with(paragraphs[0]));
    assert!(removed_of(&doc, RemovedKind::Repeated).contains(&flattened.as_str()));
}

#[test]
fn a_byline_with_section_and_date_fills_authors_and_date() {
    let raw = "Harbour Club Signs Record Striker For £40m

The forward becomes the most expensive signing in the club's history after a late deal.

By Elif Kaya | World News | 2 February 2026

Harbour City have completed the signing of the striker for a fee of £40m, the club said on Monday.

The 24-year-old signed a five-year contract after passing a medical in the afternoon.";
    let doc = run(raw);
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Harbour Club Signs Record Striker For £40m")
    );
    assert_eq!(doc.meta.authors, ["Elif Kaya"]);
    assert_eq!(doc.meta.published.as_deref(), Some("2026-02-02"));
    assert!(
        doc.text.starts_with("Harbour City have completed"),
        "{}",
        doc.text
    );
}

#[test]
fn a_bio_naming_its_outlet_in_the_possessive_fills_author_and_source() {
    let raw = "The council approved the budget on Monday after a long debate about road repairs and school funding.

Road repairs get more money this year, and schools get new funds for heating and maintenance.

About the writer

Tomasz Wieczorek is The Harbour Ledger's local government correspondent, based in Bristol.";
    let doc = run(raw);
    assert_eq!(doc.meta.authors, ["Tomasz Wieczorek"]);
    assert_eq!(doc.meta.source.as_deref(), Some("The Harbour Ledger"));
    assert!(!doc.text.contains("Wieczorek"));
}

#[test]
fn testimonials_around_a_story_go() {
    let page = format!(
        r#"<html><body><article>{STORY_PARAGRAPHS}
<div class="testimonial"><p>The crew at the pier are always friendly and the boats are always clean and warm.</p><p>Dana R.</p></div>
</article></body></html>"#
    );
    let cleaned = extract_html(&page).unwrap();
    assert!(
        cleaned.text.ends_with("quickest way into town."),
        "{}",
        cleaned.text
    );
    assert!(cleaned.removed.iter().any(|r| r.text.contains("Dana R.")));
}

#[test]
fn page_labels_and_the_page_address_go() {
    let page = format!(
        r#"<html><head><link rel="canonical" href="https://news.example/ferries-1234.php"></head><body><article>
<p>BREAKING NEWS</p><p>https://news.example/ferries-1234.php</p>
<p>Updated 10:01 pm PST, Tuesday, November 19, 2019</p>
{STORY_PARAGRAPHS}<p>Advert</p><p>This slideshow requires JavaScript.</p><p>Caption</p>
<p>[button link="https://news.example/tips" type="big"]Send us YOUR tips[/button]</p>
</article></body></html>"#
    );
    let cleaned = extract_html(&page).unwrap();
    assert!(
        cleaned.text.starts_with("The ferry operator said"),
        "{}",
        cleaned.text
    );
    assert!(
        cleaned.text.ends_with("quickest way into town."),
        "{}",
        cleaned.text
    );
    assert_eq!(cleaned.meta.published.as_deref(), Some("2019-11-19T22:01"));
}
