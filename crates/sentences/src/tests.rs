use super::*;
use newsmill_doc::{Pipeline, TokenKind};
use proptest::prelude::*;

fn sentences(text: &str) -> Vec<&str> {
    Segmenter::default()
        .sentences(text)
        .iter()
        .map(|s| &text[s.range()])
        .collect()
}

fn tokens(text: &str) -> Vec<&str> {
    Segmenter::default()
        .tokens(text)
        .iter()
        .map(|t| &text[t.span.range()])
        .collect()
}

fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
    Segmenter::default()
        .tokens(text)
        .iter()
        .map(|t| (&text[t.span.range()], t.kind))
        .collect()
}

#[test]
fn plain_sentences() {
    assert_eq!(
        sentences("The sky is grey. Rain is coming! Will it stop? Nobody knows."),
        [
            "The sky is grey.",
            "Rain is coming!",
            "Will it stop?",
            "Nobody knows."
        ]
    );
}

#[test]
fn empty_and_blank_text() {
    assert!(sentences("").is_empty());
    assert!(sentences(" \n\t \n").is_empty());
    assert!(tokens("\u{a0}\u{2003}").is_empty());
    assert_eq!(sentences("  word  "), ["word"]);
}

#[test]
fn titles_and_honorifics_do_not_end_sentences() {
    let text = "Dr. Ada Lane met Sen. Bo Ruiz, Rev. Al Moss and Lt. Col. Kim Park. \
                Gov. Tate and Prof. Ng came too, with Capt. Ott, Gen. Ray and Rep. Fox.";
    assert_eq!(sentences(text).len(), 2);
    assert_eq!(
        sentences("Mr. and Mrs. Hale live on St. Mark's Place. Ms. Hale runs."),
        [
            "Mr. and Mrs. Hale live on St. Mark's Place.",
            "Ms. Hale runs."
        ]
    );
}

#[test]
fn initials_stay_inside_names() {
    assert_eq!(
        sentences("The novel by J. R. Hartley sold well. Critics loved it."),
        ["The novel by J. R. Hartley sold well.", "Critics loved it."]
    );
    assert_eq!(
        sentences("It was me and I. Then we left."),
        ["It was me and I.", "Then we left."]
    );
}

#[test]
fn country_abbreviations_end_a_sentence_only_before_a_starter() {
    assert_eq!(
        sentences("Troops from the U.K. and the U.S. arrived. The U.N. Security Council met."),
        [
            "Troops from the U.K. and the U.S. arrived.",
            "The U.N. Security Council met."
        ]
    );
    assert_eq!(
        sentences("She moved to the U.S. Then she left for the E.U. Parliament."),
        [
            "She moved to the U.S.",
            "Then she left for the E.U. Parliament."
        ]
    );
    assert_eq!(
        sentences("He works in Washington D.C. The team plays there."),
        ["He works in Washington D.C.", "The team plays there."]
    );
}

#[test]
fn times_of_day() {
    assert_eq!(
        sentences("At 9 a.m. Ms. Lane opened the shop. It shut at 5 p.m. Mr. Cole locked up."),
        [
            "At 9 a.m. Ms. Lane opened the shop.",
            "It shut at 5 p.m.",
            "Mr. Cole locked up."
        ]
    );
    assert_eq!(sentences("We meet at 10 a.m. tomorrow in Room 4.").len(), 1);
}

#[test]
fn numbers_months_and_companies() {
    assert_eq!(
        sentences("He wore No. 5 for the club. Later he switched to No. 9."),
        ["He wore No. 5 for the club.", "Later he switched to No. 9."]
    );
    assert_eq!(
        sentences("The law passed in Sept. 2021 and again in Jan. 2022. It stands."),
        [
            "The law passed in Sept. 2021 and again in Jan. 2022.",
            "It stands."
        ]
    );
    assert_eq!(
        sentences("Shares of Acme Corp. rose while Bolt Bros. fell. Trading at Kay Ltd. was thin."),
        [
            "Shares of Acme Corp. rose while Bolt Bros. fell.",
            "Trading at Kay Ltd. was thin."
        ]
    );
    assert_eq!(
        sentences("He sold it to Acme Inc. The deal closed."),
        ["He sold it to Acme Inc.", "The deal closed."]
    );
}

#[test]
fn latin_and_comparison_abbreviations() {
    assert_eq!(
        sentences("Fruit, e.g. apples, is cheap vs. meat, i.e. beef. It weighs approx. two kilos."),
        [
            "Fruit, e.g. apples, is cheap vs. meat, i.e. beef.",
            "It weighs approx. two kilos."
        ]
    );
    assert_eq!(
        sentences(
            "They sell pens, paper, etc. and more. They sell ink, glue, etc. The shop is open."
        ),
        [
            "They sell pens, paper, etc. and more.",
            "They sell ink, glue, etc.",
            "The shop is open."
        ]
    );
}

#[test]
fn decimals_and_currency() {
    assert_eq!(
        sentences(
            "Revenue hit $1.2bn, or 1,000.50 per share at 3.5% growth. Costs fell to £20.75."
        ),
        [
            "Revenue hit $1.2bn, or 1,000.50 per share at 3.5% growth.",
            "Costs fell to £20.75."
        ]
    );
    assert_eq!(
        kinds("$1.2bn 3.5% 10:30 1,000.50"),
        [
            ("$", TokenKind::Symbol),
            ("1.2bn", TokenKind::Number),
            ("3.5", TokenKind::Number),
            ("%", TokenKind::Symbol),
            ("10:30", TokenKind::Number),
            ("1,000.50", TokenKind::Number),
        ]
    );
}

#[test]
fn ellipses() {
    assert_eq!(
        sentences("He paused... then went on. Wait\u{2026} The door opened."),
        [
            "He paused... then went on.",
            "Wait\u{2026}",
            "The door opened."
        ]
    );
    assert_eq!(
        sentences("She said . . . nothing at all. He left. . . ."),
        ["She said . . . nothing at all.", "He left. . . ."]
    );
    assert_eq!(
        sentences("It was over.... Nobody cared."),
        ["It was over....", "Nobody cared."]
    );
    assert_eq!(sentences("The rule [...] says \"no.\"").len(), 1);
}

#[test]
fn repeated_marks() {
    assert_eq!(
        sentences("Really?! Yes. No!! Why?? Fine!?"),
        ["Really?!", "Yes.", "No!!", "Why??", "Fine!?"]
    );
}

#[test]
fn quotations() {
    assert_eq!(
        sentences("\"Go home.\" He left."),
        ["\"Go home.\"", "He left."]
    );
    assert_eq!(
        sentences("\"Go home,\" he said."),
        ["\"Go home,\" he said."]
    );
    assert_eq!(
        sentences("\"Stop!\" she shouted."),
        ["\"Stop!\" she shouted."]
    );
    assert_eq!(
        sentences("He asked: \u{201c}Why?\u{201d} Nobody answered."),
        ["He asked: \u{201c}Why?\u{201d}", "Nobody answered."]
    );
    // UD: a quotation of several sentences is several sentences.
    assert_eq!(
        sentences("\"We won. It was hard,\" the coach said."),
        ["\"We won.", "It was hard,\" the coach said."]
    );
}

#[test]
fn brackets_close_sentences() {
    assert_eq!(
        sentences("He left (it was late.) and slept. (He was tired.) Then he woke."),
        [
            "He left (it was late.) and slept.",
            "(He was tired.)",
            "Then he woke."
        ]
    );
}

#[test]
fn urls_emails_and_file_names_are_whole() {
    let text =
        "Visit https://news.example.org/a/b.html. Or mail desk@example.co.uk. Open report.pdf now.";
    assert_eq!(
        sentences(text),
        [
            "Visit https://news.example.org/a/b.html.",
            "Or mail desk@example.co.uk.",
            "Open report.pdf now."
        ]
    );
    let toks = tokens(text);
    assert!(toks.contains(&"https://news.example.org/a/b.html"));
    assert!(toks.contains(&"desk@example.co.uk"));
    assert!(toks.contains(&"report.pdf"));
    assert_eq!(
        tokens("(see https://x.org/wiki/A_(b))."),
        ["(", "see", "https://x.org/wiki/A_(b)", ")", "."]
    );
}

#[test]
fn list_items() {
    assert_eq!(
        sentences("1. Buy milk 2. Call Sam 3. Pay rent"),
        ["1. Buy milk", "2. Call Sam", "3. Pay rent"]
    );
    assert_eq!(
        sentences("a) red paint b) blue paint"),
        ["a) red paint", "b) blue paint"]
    );
    assert_eq!(
        sentences("\u{2022} first point \u{2022} second point"),
        ["\u{2022} first point", "\u{2022} second point"]
    );
    assert_eq!(
        sentences("Bring:\n- a tent\n- a stove\nThanks."),
        ["Bring:", "- a tent", "- a stove", "Thanks."]
    );
    assert_eq!(
        sentences("1. Mix the flour. 2. Add water."),
        ["1. Mix the flour.", "2. Add water."]
    );
}

#[test]
fn paragraph_breaks_are_never_crossed() {
    assert_eq!(
        sentences("First part ends here\n\nSecond part.\n \nMr.\n\nSmith"),
        ["First part ends here", "Second part.", "Mr.", "Smith"]
    );
}

#[test]
fn line_breaks_inside_paragraphs() {
    assert_eq!(
        sentences("Storm Hits Coast\nHeavy rain fell overnight."),
        ["Storm Hits Coast", "Heavy rain fell overnight."]
    );
    assert_eq!(
        sentences("This line was cut\nin the middle."),
        ["This line was cut\nin the middle."]
    );
    assert_eq!(
        sentences("The board met with the\nMayor on Friday."),
        ["The board met with the\nMayor on Friday."]
    );
}

#[test]
fn hard_wrapped_wire_copy() {
    let text = "The company said on Tuesday that its quarterly profit rose\n\
                sharply as sales of its new phones climbed in Europe and\n\
                Asia, beating the forecasts of most analysts.\n    \
                Shares rose 4 pct in early trading, the exchange said.";
    assert_eq!(
        sentences(text),
        [
            "The company said on Tuesday that its quarterly profit rose\n\
             sharply as sales of its new phones climbed in Europe and\n\
             Asia, beating the forecasts of most analysts.",
            "Shares rose 4 pct in early trading, the exchange said."
        ]
    );
}

#[test]
fn wrapping_is_judged_per_paragraph() {
    let text = "The company said on Tuesday that its quarterly profit rose\n\
                sharply as sales of its new phones climbed in Europe and\n\
                Asia, beating the forecasts of most analysts.\n\n\
                Storm Warning Issued\nResidents were told to leave.";
    let got = sentences(text);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[1], "Storm Warning Issued");
}

#[test]
fn datelines_stand_apart_as_in_ud() {
    assert_eq!(
        sentences("LONDON (Reuters) - Prices rose on Monday. Traders cheered."),
        [
            "LONDON (Reuters) -",
            "Prices rose on Monday.",
            "Traders cheered."
        ]
    );
    assert_eq!(
        sentences("Intro.\n\nSALEM, Ore. -- Rain fell.\n\nKABUL: Talks began."),
        [
            "Intro.",
            "SALEM, Ore. --",
            "Rain fell.",
            "KABUL:",
            "Talks began."
        ]
    );
    // Not a dateline: capitals inside a sentence, or no dash.
    assert_eq!(sentences("The UN - and NATO - agreed.").len(), 1);
    assert_eq!(sentences("NATO agreed - Russia did not.").len(), 1);
}

#[test]
fn lowercase_after_a_full_stop() {
    assert_eq!(
        sentences("I agree. but then again, who knows."),
        ["I agree.", "but then again, who knows."]
    );
    assert_eq!(
        sentences("She works at Zappo! in sales."),
        ["She works at Zappo! in sales."]
    );
    let strict = Segmenter::builder()
        .split_before_lowercase(false)
        .build()
        .unwrap();
    assert_eq!(strict.sentences("I agree. but then again.").len(), 1);
}

#[test]
fn missing_space_between_sentences() {
    assert_eq!(
        sentences("It rained.Then it stopped at 1,000.That was all."),
        ["It rained.", "Then it stopped at 1,000.", "That was all."]
    );
    assert_eq!(sentences("See Node.js and ASP.NET docs.").len(), 1);
}

#[test]
fn tokens_split_clitics_and_keep_compounds() {
    assert_eq!(
        tokens("Don't say it's O'Brien's well-known 19-year-old son."),
        [
            "Do",
            "n't",
            "say",
            "it",
            "'s",
            "O'Brien",
            "'s",
            "well-known",
            "19-year-old",
            "son",
            "."
        ]
    );
    assert_eq!(tokens("Jr.\u{2019}s book"), ["Jr.", "\u{2019}s", "book"]);
    assert_eq!(tokens("AT&T and S&P"), ["AT&T", "and", "S&P"]);
    assert_eq!(tokens("#tag @user"), ["#tag", "@user"]);
}

#[test]
fn tokens_keep_abbreviation_periods_only() {
    assert_eq!(
        tokens("Mr. Lee of the U.S. left. He said so."),
        ["Mr.", "Lee", "of", "the", "U.S.", "left", ".", "He", "said", "so", "."]
    );
}

#[test]
fn token_kinds() {
    assert_eq!(
        kinds("Hi, 42 \u{20ac} \u{2014} caf\u{e9}!"),
        [
            ("Hi", TokenKind::Word),
            (",", TokenKind::Punct),
            ("42", TokenKind::Number),
            ("\u{20ac}", TokenKind::Symbol),
            ("\u{2014}", TokenKind::Punct),
            ("caf\u{e9}", TokenKind::Word),
            ("!", TokenKind::Punct),
        ]
    );
}

#[test]
fn unicode_text() {
    let text = "Caf\u{e9} co\u{fb}te 3 \u{20ac}. Tr\u{e8}s cher\u{a0}! \u{65e5}\u{672c}\u{3002}\u{6b21}\u{3002}";
    let got = sentences(text);
    assert_eq!(got.len(), 4, "{got:?}");
    // Combining marks and emoji sequences stay in one token.
    assert_eq!(
        tokens("Zoe\u{301} \u{1f44d}\u{1f3fd}"),
        ["Zoe\u{301}", "\u{1f44d}\u{1f3fd}"]
    );
}

#[test]
fn builder_extends_lists() {
    let default = Segmenter::default();
    let text = "Ask Cllr. Jones about it.";
    assert_eq!(default.sentences(text).len(), 2);
    let custom = Segmenter::builder()
        .titles(["Cllr."])
        .abbreviations(["dist"])
        .sentence_starters(["Nope"])
        .build()
        .unwrap();
    assert_eq!(custom.sentences(text).len(), 1);
    assert_eq!(
        custom
            .sentences("We own Acme Inc. Nope, not any more.")
            .len(),
        2
    );
    assert_eq!(
        default
            .sentences("We own Acme Inc. Nope, not any more.")
            .len(),
        1
    );
}

#[test]
fn builder_rejects_bad_entries() {
    assert_eq!(
        Segmenter::builder()
            .abbreviations(["."])
            .build()
            .unwrap_err(),
        BuildError::Empty {
            list: "abbreviations"
        }
    );
    assert!(matches!(
        Segmenter::builder().titles(["Lt Col"]).build(),
        Err(BuildError::Whitespace { .. })
    ));
    assert!(matches!(
        Segmenter::builder()
            .sentence_starters(["x".repeat(33)])
            .build(),
        Err(BuildError::TooLong { .. })
    ));
}

#[test]
fn segment_into_checks_the_region() {
    let segmenter = Segmenter::default();
    let text = "Caf\u{e9}. Tea.";
    let (mut toks, mut sents) = (Vec::new(), Vec::new());
    assert!(matches!(
        segmenter.segment_into(text, Span::new(4, 8), &mut toks, &mut sents),
        Err(SegmentError::InvalidRegion { .. })
    ));
    assert!(matches!(
        segmenter.segment_into(text, Span::new(3, 99), &mut toks, &mut sents),
        Err(SegmentError::InvalidRegion { .. })
    ));
    segmenter
        .segment_into(text, Span::new(6, text.len()), &mut toks, &mut sents)
        .unwrap();
    assert_eq!(sents, [Span::new(7, 11)]);
    assert_eq!(&text[sents[0].range()], "Tea.");
}

#[test]
fn stage_fills_tokens_and_sentences() {
    let mut doc = Document::from_text("a", "Rain fell. Dr. Lee stayed in.\n\nThe end");
    doc.tokens.push(Token {
        span: Span::new(0, 1),
        kind: TokenKind::Symbol,
    });
    Pipeline::new().with(Sentences::new()).run(&mut doc);
    assert!(doc.error.is_none());
    let got: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(*s)).collect();
    assert_eq!(got, ["Rain fell.", "Dr. Lee stayed in.", "The end"]);
    assert_eq!(doc.slice(doc.tokens[0].span), "Rain");
    assert_eq!(doc.tokens.len(), 10);
    assert_eq!(Sentences::new().name(), "sentences");
}

#[test]
fn stage_respects_paragraphs() {
    // Paragraphs set by clean split "Mr." from "Smith" even without a blank line.
    let mut doc = Document::from_text("a", "He met Mr.\nSmith agreed.");
    doc.paragraphs = vec![Span::new(0, 10), Span::new(11, 24)];
    Sentences::new().process(&mut doc).unwrap();
    let got: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(*s)).collect();
    assert_eq!(got, ["He met Mr.", "Smith agreed."]);

    // Unusable paragraphs fall back to the whole text.
    doc.paragraphs = vec![Span::new(5, 2), Span::new(0, 400)];
    Sentences::new().process(&mut doc).unwrap();
    assert_eq!(doc.sentences.len(), 1);
}

#[test]
fn stage_rejects_html() {
    let mut doc = Document::from_html("a", "<p>Hi.</p>");
    let err = Sentences::new().process(&mut doc).unwrap_err();
    assert_eq!(err.kind, "unsupported-format");
}

#[test]
fn speaker_stays_with_a_question_or_exclamation() {
    assert_eq!(
        sentences("\"Why now?\" Ms. Ray asked. \"Because!\" Tom shouted, then left."),
        [
            "\"Why now?\" Ms. Ray asked.",
            "\"Because!\" Tom shouted, then left."
        ]
    );
    // A new sentence that merely starts with a name and a verb still splits.
    assert_eq!(
        sentences("\"We won.\" He said it was hard. \"Great.\" He added: \"Really.\""),
        [
            "\"We won.\"",
            "He said it was hard.",
            "\"Great.\"",
            "He added: \"Really.\""
        ]
    );
}

#[test]
fn citations_and_footnotes_stay_with_their_sentence() {
    assert_eq!(
        sentences("The river flooded in 1910. [4] It rose again in 1922.[5] Nobody left."),
        [
            "The river flooded in 1910. [4]",
            "It rose again in 1922.[5]",
            "Nobody left."
        ]
    );
    assert_eq!(
        sentences("Turnout fell sharply. 3 Even so, the vote passed."),
        ["Turnout fell sharply. 3", "Even so, the vote passed."]
    );
}

#[test]
fn acronyms_are_not_abbreviations() {
    // "MS" is not "Ms.", "IE" is not "i.e.", "FT" is not "Ft."
    assert_eq!(
        sentences(
            "It helps patients with MS. Final results come soon. He told the FT. But critics disagree."
        ),
        [
            "It helps patients with MS.",
            "Final results come soon.",
            "He told the FT.",
            "But critics disagree."
        ]
    );
    assert_eq!(
        sentences("She sued Bolt LLC. and Acme INC. over it.").len(),
        1
    );
}

#[test]
fn broken_off_speech_and_dashes() {
    assert_eq!(
        sentences("We need a \u{2014} Do you have a pin?"),
        ["We need a \u{2014}", "Do you have a pin?"]
    );
    assert_eq!(
        sentences("The plan \u{2014} the third one \u{2014} failed.").len(),
        1
    );
    assert_eq!(
        sentences("It ended there. -- The editors"),
        ["It ended there.", "-- The editors"]
    );
}

#[test]
fn email_stamps_and_smileys() {
    assert_eq!(
        sentences("Jo Bloggs 08/16/2000 12:05 PM Please call me :) Thanks"),
        [
            "Jo Bloggs",
            "08/16/2000 12:05 PM",
            "Please call me :)",
            "Thanks"
        ]
    );
    assert_eq!(sentences("Posted on 3/9/2005 11:16:00 PM by Jo.").len(), 1);
}

#[test]
fn section_numbers_and_roman_volumes() {
    assert_eq!(sentences("See Vol. II for details.").len(), 1);
    assert_eq!(
        sentences("He said no. Then he said No. Nobody listened."),
        ["He said no.", "Then he said No.", "Nobody listened."]
    );
}

// ---- news cases (issue 3): each on a text written for this test ---------

#[test]
fn news_titles_and_military_ranks() {
    assert_eq!(
        sentences(
            "Lt. Col. Dana Reyes briefed Gen. Omar Haddad and Sen. Lisa Crane. \
             Rep. Tom Ivers and Gov. Ann Bale listened. Mr. Ivers left early."
        ),
        [
            "Lt. Col. Dana Reyes briefed Gen. Omar Haddad and Sen. Lisa Crane.",
            "Rep. Tom Ivers and Gov. Ann Bale listened.",
            "Mr. Ivers left early."
        ]
    );
}

#[test]
fn news_initials_and_country_abbreviations() {
    assert_eq!(
        sentences("J. K. Rowling spoke in the U.K. on Monday. U.S. officials agreed."),
        [
            "J. K. Rowling spoke in the U.K. on Monday.",
            "U.S. officials agreed."
        ]
    );
    // The sentence that ends with an abbreviation.
    assert_eq!(
        sentences("The club was founded in Washington D.C. The team moved in 1990."),
        [
            "The club was founded in Washington D.C.",
            "The team moved in 1990."
        ]
    );
}

#[test]
fn news_every_month_abbreviation() {
    for month in [
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    ] {
        let text = format!("The vote is due on {month}. 14 in the capital. It may slip.");
        assert_eq!(
            sentences(&text),
            [
                format!("The vote is due on {month}. 14 in the capital."),
                "It may slip.".to_string()
            ],
            "{month}"
        );
    }
}

#[test]
fn news_companies_streets_and_numbers() {
    assert_eq!(
        sentences(
            "Orbit Co. and Vale Corp. merged, Kent Ltd. said. The new firm sits on \
             Hart St. near No. 10 Quay Rd. It opens at 8 a.m. on Monday."
        ),
        [
            "Orbit Co. and Vale Corp. merged, Kent Ltd. said.",
            "The new firm sits on Hart St. near No. 10 Quay Rd.",
            "It opens at 8 a.m. on Monday."
        ]
    );
    assert_eq!(
        sentences("The fund bought Pike Inc. It paid $1.2bn, or 3.5 times sales."),
        [
            "The fund bought Pike Inc.",
            "It paid $1.2bn, or 3.5 times sales."
        ]
    );
}

#[test]
fn news_quotes_with_inner_punctuation() {
    assert_eq!(
        sentences(
            "\u{201c}Is this the end?!\u{201d} the mayor asked. \u{201c}No. Not yet.\u{201d} \
             Aides said nothing."
        ),
        [
            "\u{201c}Is this the end?!\u{201d} the mayor asked.",
            "\u{201c}No.",
            "Not yet.\u{201d}",
            "Aides said nothing."
        ]
    );
    assert_eq!(
        sentences("'We will win,' she said. (The poll disagrees.) Voting ends at 6 p.m."),
        [
            "'We will win,' she said.",
            "(The poll disagrees.)",
            "Voting ends at 6 p.m."
        ]
    );
}

#[test]
fn news_headline_caption_and_dateline() {
    let text = "Floods Close Schools Across Region\n\n\
                A pupil wades to class in Dunmore\n\n\
                DUNMORE (Newswire) - Schools shut on Tuesday. Roads were cut.";
    assert_eq!(
        sentences(text),
        [
            "Floods Close Schools Across Region",
            "A pupil wades to class in Dunmore",
            "DUNMORE (Newswire) -",
            "Schools shut on Tuesday.",
            "Roads were cut."
        ]
    );
}

#[test]
fn news_links_and_addresses_end_sentences() {
    // A link after a full stop starts a sentence, and one closing a
    // sentence without a full stop ends it before a capital.
    assert_eq!(
        sentences("Read the report. https://example.org/report Then send comments."),
        [
            "Read the report.",
            "https://example.org/report",
            "Then send comments."
        ]
    );
    assert_eq!(
        sentences("Write to tips@example.com or see www.example.com/tips for more."),
        ["Write to tips@example.com or see www.example.com/tips for more."]
    );
}

#[test]
fn ellipsis_before_i_depends_on_spacing() {
    // "word..." then "I" is a new sentence; a spaced ellipsis marks an
    // omission inside one.
    assert_eq!(
        sentences("The line went dead... I called again."),
        ["The line went dead...", "I called again."]
    );
    assert_eq!(sentences("What I mean . . . I never said that.").len(), 1);
}

#[test]
fn web_and_mail_boundaries_without_a_mark() {
    assert_eq!(
        sentences("Thanks, Maria Please call me when you land."),
        ["Thanks,", "Maria", "Please call me when you land."]
    );
    // A closing that runs on stays whole.
    assert_eq!(
        sentences("Thanks, Maria. See you soon."),
        ["Thanks, Maria.", "See you soon."]
    );
    assert_eq!(
        sentences("Thank you, Mr. Speaker. I yield."),
        ["Thank you, Mr. Speaker.", "I yield."]
    );
    assert_eq!(
        sentences("<< File: budget.xls >> Attached is the new budget."),
        ["<< File: budget.xls >>", "Attached is the new budget."]
    );
    // Titles keep their capitals: no break inside "Please Please Me".
    assert_eq!(sentences("They played Please Please Me and left.").len(), 1);
    assert_eq!(sentences("Her song If I Were King won.").len(), 1);
    assert_eq!(
        sentences("Our flight is delayed Sorry for the trouble."),
        ["Our flight is delayed", "Sorry for the trouble."]
    );
}

#[test]
fn mail_headers_and_attachment_lists() {
    assert_eq!(
        sentences("From Ann Reyes <ann@example.com> Subject: Budget Please read it."),
        [
            "From Ann Reyes <ann@example.com>",
            "Subject: Budget",
            "Please read it."
        ]
    );
    assert_eq!(
        sentences("<< File: a.xls >> - b.xls << File: b.xls >>"),
        ["<< File: a.xls >>", "- b.xls << File: b.xls >>"]
    );
    // After a header stamp even a lowercase word starts a sentence.
    assert_eq!(
        sentences("Ann Reyes 03/09/2001 10:46 AM fyi the deal closed."),
        ["Ann Reyes", "03/09/2001 10:46 AM", "fyi the deal closed."]
    );
    // A field name inside running text stays put.
    assert_eq!(sentences("Send it to: the desk. Time: noon.").len(), 2);
}

#[test]
fn odd_quote_and_ellipsis_openings() {
    // "‘’" typed for an opening double quote.
    assert_eq!(
        sentences("Both deny it. \u{2018}\u{2019}Show us proof,\u{2019}\u{2019} he said."),
        [
            "Both deny it.",
            "\u{2018}\u{2019}Show us proof,\u{2019}\u{2019} he said."
        ]
    );
    // An ellipsis opening the next sentence after a full stop.
    assert_eq!(
        sentences("It goes on to this day. ...a drop in numbers followed."),
        ["It goes on to this day.", "...a drop in numbers followed."]
    );
}

#[test]
fn buffers_are_reused_across_calls() {
    let segmenter = Segmenter::default();
    let (mut toks, mut sents) = (Vec::new(), Vec::new());
    for text in ["One. Two.", "Three four. Five!"] {
        toks.clear();
        segmenter.tokens_into(text, &mut toks);
        assert_eq!(toks, segmenter.tokens(text));
        sents.clear();
        segmenter
            .sentences_from_tokens_into(text, &toks, &mut sents)
            .unwrap();
        assert_eq!(sents, segmenter.sentences(text));
    }
}

#[test]
fn splitting_given_tokens_checks_them() {
    let segmenter = Segmenter::default();
    let text = "Caf\u{e9} ok.";
    let token = |start, end| Token {
        span: Span::new(start, end),
        kind: TokenKind::Word,
    };
    let mut out = Vec::new();
    for bad in [
        vec![token(0, 4)],              // inside "é"
        vec![token(0, 99)],             // past the end
        vec![token(6, 8), token(0, 5)], // out of order
        vec![token(2, 2)],              // empty
    ] {
        assert!(matches!(
            segmenter.sentences_from_tokens_into(text, &bad, &mut out),
            Err(SegmentError::InvalidToken { .. })
        ));
    }
    assert!(out.is_empty());
}

/// Checks every invariant the crate promises for `text`.
fn check_invariants(text: &str) {
    let segmenter = Segmenter::default();
    let seg = segmenter.segment(text);
    let mut covered = vec![false; text.len()];
    let mut previous_end = 0;
    for token in &seg.tokens {
        let piece = token.span.slice(text).expect("token on char boundaries");
        assert!(!piece.is_empty(), "empty token");
        assert!(token.span.start >= previous_end, "tokens out of order");
        assert!(
            !piece.chars().any(char::is_whitespace),
            "space in token {piece:?}"
        );
        previous_end = token.span.end;
        covered[token.span.range()].fill(true);
    }
    for (i, c) in text.char_indices() {
        assert!(
            c.is_whitespace() || covered[i],
            "char {c:?} at {i} is in no token"
        );
    }
    let mut previous_end = 0;
    for sentence in &seg.sentences {
        let piece = sentence.slice(text).expect("sentence on char boundaries");
        assert!(!piece.is_empty());
        assert_eq!(piece, piece.trim(), "sentence with outer whitespace");
        let gap = &text[previous_end..sentence.start];
        assert!(gap.trim().is_empty(), "non-space gap {gap:?}");
        previous_end = sentence.end;
    }
    assert!(text[previous_end..].trim().is_empty());
    // Sentences are made of whole tokens (both lists are in text order).
    let mut next_sentence = 0;
    for token in &seg.tokens {
        while next_sentence < seg.sentences.len()
            && seg.sentences[next_sentence].end <= token.span.start
        {
            next_sentence += 1;
        }
        assert!(
            next_sentence < seg.sentences.len()
                && seg.sentences[next_sentence].contains(token.span),
            "token {:?} is not inside one sentence",
            token.span
        );
    }
    assert_eq!(segmenter.sentences(text), seg.sentences);
    assert_eq!(segmenter.tokens(text), seg.tokens);
    let mut split = Vec::new();
    segmenter
        .sentences_from_tokens_into(text, &seg.tokens, &mut split)
        .expect("the segmenter's own tokens are valid");
    assert_eq!(split, seg.sentences);
}

#[test]
fn invariants_on_awkward_inputs() {
    for text in [
        "",
        ".",
        "...",
        ". . . .",
        "\u{2026}",
        "'",
        "'s",
        "n't",
        "a.",
        "1.",
        "1.)",
        "(a)",
        "\u{2022}",
        "\u{2022} 1.",
        "U.S.A.",
        "http://",
        "x@",
        "@x",
        "N\u{b0}.",
        "\u{301}\u{301}",
        "\u{200d}",
        "a\u{200d}",
        "\0\u{1}\u{7f}",
        "\r\r\n\u{2028}\u{2029}\u{c}",
        "Mr.\n\n\n",
        "1. 2. 3. 4.",
        "\"\"\"",
        "...\"'",
        "world.Today.Now",
        "\u{feff}Hi.",
    ] {
        check_invariants(text);
    }
    check_invariants(&"word. ".repeat(5000));
    check_invariants(&"a".repeat(100_000));
    check_invariants(&".".repeat(10_000));
    // Inputs that would be quadratic with unbounded look-ahead.
    check_invariants(&"ab.Cd".repeat(20_000));
    check_invariants(&format!("x@y.org{}", ")".repeat(20_000)));
    check_invariants(&"\"?)".repeat(20_000));
    check_invariants(&". ".repeat(20_000));
    check_invariants(&"1. ".repeat(20_000));
    check_invariants(&"\n".repeat(20_000));
    check_invariants(&"a\n".repeat(20_000));
}

proptest! {
    #[test]
    fn invariants_hold_for_any_string(text in any::<String>()) {
        check_invariants(&text);
    }

    #[test]
    fn invariants_hold_for_newsy_strings(
        text in "([A-Za-z]{1,8}|[0-9]{1,4}|[ .,;:!?'\"()\\[\\]\n$%&@/-]|\u{2026}|\u{2019}|\u{201c}|\u{201d}|\u{2022}|\u{e9}|Mr\\.|U\\.S\\.|\\. \\. \\.|https?://|\n\n){0,80}"
    ) {
        check_invariants(&text);
    }
}
