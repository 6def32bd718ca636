//! The language of an article, from its text, as an ISO 639-1 code.
//!
//! Detection runs on the candidate body *before* the furniture rules, so the
//! rules can see `meta.language` and leave a non-English article's lines
//! alone instead of judging them by English phrases. It uses the `whatlang`
//! trigram models (69 languages, no data files, no allocation-heavy setup).

use crate::rules::Unit;
use newsmill_doc::Meta;
use whatlang::{Detector, Lang};

/// Enough text for a confident guess on prose (a paragraph or two); more
/// only costs time: whatlang is linear in it, about 0.3 ms for 4 KB.
const SAMPLE_BYTES: usize = 1200;

/// Below this many letters whatlang's guesses are coin flips.
const MIN_LETTERS: usize = 40;

/// English function words that are not words of the other common Latin-script
/// languages (no "a", "in", "on", "die"): a quarter or more of English news
/// prose, a few per cent of Dutch, none of French or Spanish.
const ENGLISH_MARKERS: [&str; 36] = [
    "the", "of", "and", "to", "that", "is", "was", "for", "with", "said", "it", "he", "she",
    "they", "have", "has", "by", "from", "be", "are", "at", "this", "which", "will", "would",
    "been", "not", "his", "her", "their", "but", "were", "had", "who", "its", "an",
];

/// Share of English markers above which a text is English without asking
/// the trigram model, which costs about 0.3 ms an article whatever its
/// length: most input is English, so this keeps detection cheap.
const ENGLISH_SHARE: f64 = 0.15;

/// Fewest words for the English shortcut to be trusted.
const MIN_WORDS: usize = 20;

fn is_english_marker(word: &str) -> bool {
    let mut lower = [0u8; 5];
    let bytes = word.as_bytes();
    let Some(lower) = lower.get_mut(..bytes.len()) else {
        return false;
    };
    for (l, b) in lower.iter_mut().zip(bytes) {
        *l = b.to_ascii_lowercase();
    }
    ENGLISH_MARKERS.iter().any(|m| m.as_bytes() == lower)
}

/// Whether `sample` is plainly English by its function words.
fn plainly_english(sample: &str) -> bool {
    let mut words = 0usize;
    let mut markers = 0usize;
    for word in sample.split(|c: char| !c.is_alphanumeric() && c != '\'') {
        if word.is_empty() {
            continue;
        }
        words += 1;
        if word.len() <= 5 && is_english_marker(word) {
            markers += 1;
        }
    }
    words >= MIN_WORDS && markers as f64 >= ENGLISH_SHARE * words as f64
}

/// The ISO 639-1 code of a whatlang language; `None` for the few without
/// one (whatlang's codes are ISO 639-3).
pub fn iso639_1(lang: Lang) -> Option<&'static str> {
    let code = match lang.code() {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" => "zh",
        "cym" => "cy",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "nb",
        "ori" => "or",
        "pan" => "pa",
        "pes" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        _ => return None,
    };
    Some(code)
}

/// The language of `text` as an ISO 639-1 code, when the guess is reliable.
pub fn detect(text: &str) -> Option<&'static str> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample
        .chars()
        .filter(|c| c.is_alphabetic())
        .take(MIN_LETTERS)
        .count()
        < MIN_LETTERS
    {
        return None;
    }
    if plainly_english(sample) {
        return Some("en");
    }
    let info = Detector::new().detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    iso639_1(info.lang())
}

/// Set `found.language` from the units' text unless the input record gave a
/// language. A reliable detection wins over `<html lang>`, which page
/// templates often set to the site's default whatever the article's
/// language; an unsure one leaves what the page said.
pub(crate) fn mark(units: &[Unit], known: &Meta, found: &mut Meta) {
    if known
        .language
        .as_deref()
        .is_some_and(|l| !l.trim().is_empty())
    {
        return;
    }
    // The longest units first: headings and menu items say little.
    let mut order: Vec<&Unit> = units.iter().collect();
    order.sort_by_key(|u| std::cmp::Reverse(u.text.len()));
    let mut sample = String::new();
    for unit in order {
        if sample.len() >= SAMPLE_BYTES {
            break;
        }
        sample.push_str(&unit.text);
        sample.push('\n');
    }
    if let Some(code) = detect(&sample) {
        found.language = Some(code.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_news_paragraphs_in_four_languages() {
        let cases = [
            (
                "en",
                "The city council approved the new budget on Tuesday evening after a long debate \
                 about the cost of repairing the old harbour bridge.",
            ),
            (
                "de",
                "Der Stadtrat hat am Dienstagabend nach einer langen Debatte über die Kosten für \
                 die Reparatur der alten Hafenbrücke den neuen Haushalt beschlossen.",
            ),
            (
                "fr",
                "Le conseil municipal a approuvé mardi soir le nouveau budget après un long débat \
                 sur le coût de la réparation du vieux pont du port.",
            ),
            (
                "es",
                "El ayuntamiento aprobó el martes por la noche el nuevo presupuesto tras un largo \
                 debate sobre el coste de reparar el viejo puente del puerto.",
            ),
        ];
        for (code, text) in cases {
            assert_eq!(detect(text), Some(code), "{text}");
        }
    }

    #[test]
    fn the_english_shortcut_leaves_dutch_and_tables_to_the_model() {
        let dutch = "De gemeenteraad heeft dinsdagavond na een lang debat over de kosten van \
                     het herstel van de oude havenbrug de nieuwe begroting goedgekeurd. Het werk \
                     is in juni begonnen en was eerder dan verwacht klaar, zei de wethouder.";
        assert!(!plainly_english(dutch));
        assert_eq!(detect(dutch), Some("nl"));
        assert!(!plainly_english("Shr 12 cts vs 10 cts Net 1.2 mln vs 900,000 Revs 10.1 mln vs 8.7 mln Year Shr 40 cts vs 31 cts Net 4.1 mln vs 3.2 mln"));
    }

    #[test]
    fn too_little_text_is_not_guessed() {
        assert_eq!(detect("Hafen"), None);
        assert_eq!(detect("12:30 — 2026"), None);
    }

    #[test]
    fn a_language_given_by_the_input_is_kept() {
        let units = crate::rules::split_plain(
            "Der Stadtrat hat am Dienstagabend den neuen Haushalt für das kommende Jahr \
             beschlossen.",
        );
        let mut found = Meta::default();
        let known = Meta {
            language: Some("de-AT".into()),
            ..Meta::default()
        };
        mark(&units, &known, &mut found);
        assert_eq!(found.language, None);
        // A page template saying "en" is overruled by the text.
        let mut found = Meta {
            language: Some("en".into()),
            ..Meta::default()
        };
        mark(&units, &Meta::default(), &mut found);
        assert_eq!(found.language.as_deref(), Some("de"));
    }
}

#[cfg(test)]
mod stage_tests {
    use crate::Clean;
    use newsmill_doc::{Document, Stage};

    #[test]
    fn the_stage_marks_a_german_article_and_keeps_its_paragraphs() {
        let raw = "Neue Straßenbahn für die Altstadt\n\n\
            Der Stadtrat hat am Dienstag beschlossen, die Straßenbahnlinie bis zum Hafen zu verlängern.\n\n\
            Die Bauarbeiten sollen im Frühjahr beginnen und zwei Jahre dauern, sagte die Bürgermeisterin.\n\n\
            Anwohner hatten sich seit Jahren für eine bessere Anbindung eingesetzt.";
        let mut doc = Document::from_text("de-1", raw);
        Clean::new().process(&mut doc).unwrap();
        assert_eq!(doc.meta.language.as_deref(), Some("de"));
        assert!(doc
            .text
            .contains("Die Bauarbeiten sollen im Frühjahr beginnen"));
        assert!(doc.text.contains("Anwohner hatten sich seit Jahren"));
    }

    #[test]
    fn the_stage_marks_french_and_spanish_html() {
        // The template says "en"; the text says otherwise.
        let page = |first: &str, second: &str| {
            format!(
                "<html lang=\"en\"><body><article><p>{first}</p><p>{second}</p></article></body></html>"
            )
        };
        let fr = page(
            "Le gouvernement a annoncé mercredi un plan pour rénover les écoles de la région avant la rentrée.",
            "Les travaux commenceront en juin, a précisé la ministre lors d'une conférence de presse.",
        );
        let es = page(
            "El gobierno anunció el miércoles un plan para renovar las escuelas de la región antes del verano.",
            "Las obras empezarán en junio, explicó la ministra en una rueda de prensa.",
        );
        for (html, code) in [(fr, "fr"), (es, "es")] {
            let mut doc = Document::from_html("p", html);
            Clean::new().process(&mut doc).unwrap();
            assert_eq!(doc.meta.language.as_deref(), Some(code));
        }
    }
}

#[cfg(test)]
mod crawl_date_tests {
    use crate::Clean;
    use newsmill_doc::{Document, Stage};

    fn page(date_meta: &str) -> Document {
        let html = format!(
            "<html><head>{date_meta}</head><body><article>\
             <p>The harbour reopened on Monday after two months of repairs to the quay.</p>\
             <p>Fishing boats were the first to return, the harbour master said.</p>\
             </article></body></html>"
        );
        let mut doc = Document::from_html("https://a.example/harbour", html);
        doc.input
            .insert("warc_date".into(), "2026-03-04T05:06:07Z".into());
        doc
    }

    #[test]
    fn a_crawl_date_fills_published_only_when_the_page_has_none() {
        let mut doc = page("");
        Clean::new().process(&mut doc).unwrap();
        assert_eq!(doc.meta.published.as_deref(), Some("2026-03-04T05:06:07Z"));

        let mut doc =
            page(r#"<meta property="article:published_time" content="2026-03-02T10:00:00Z">"#);
        Clean::new().process(&mut doc).unwrap();
        assert!(doc
            .meta
            .published
            .as_deref()
            .is_some_and(|d| d.starts_with("2026-03-02")));
    }
}
