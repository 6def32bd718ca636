//! Any input: no panic, exact non-overlapping spans, ordered ids.
use newsmill_entities::{check_invariants, Entities};
use proptest::prelude::*;
use std::sync::OnceLock;

fn tagger() -> &'static Entities {
    static TAGGER: OnceLock<Entities> = OnceLock::new();
    TAGGER.get_or_init(Entities::new)
}

/// Pieces that exercise the rules more than random characters do.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9 .,'’()$£€%:;\\-\n\"“”éÖİß北😀\u{301}\u{200b}]{0,12}",
        Just("President ".to_string()),
        Just("Minister of ".to_string()),
        Just("Xi Jinping".to_string()),
        Just("Putin's ".to_string()),
        Just("(ICC) ".to_string()),
        Just("International Criminal Court ".to_string()),
        Just("March 21, 2023".to_string()),
        Just("$1.2bn ".to_string()),
        Just("5 per cent".to_string()),
        Just("U.S. ".to_string()),
        Just(" and ".to_string()),
        Just(" of the ".to_string()),
        Just("10 a.m.".to_string()),
        Just("17-18 ".to_string()),
        Just("NEW YORK ".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_keeps_the_invariants(pieces in proptest::collection::vec(piece(), 0..40)) {
        let text: String = pieces.concat();
        let found = tagger().annotate(&text);
        prop_assert_eq!(check_invariants(&text, &found), Ok(()));
    }

    #[test]
    fn arbitrary_sentence_offsets_are_harmless(
        text in "\\PC{0,120}",
        starts in proptest::collection::vec(0usize..400, 0..10),
    ) {
        let found = tagger().annotate_with_sentences(&text, &starts);
        prop_assert_eq!(check_invariants(&text, &found), Ok(()));
    }
}
