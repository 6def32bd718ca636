//! CoNLL-style files (`token<TAB>tag` lines, blank lines between sentences,
//! `-DOCSTART-` between documents) turned into texts with gold name spans.
//!
//! A document's text is its tokens joined by single spaces, one sentence per
//! line, so every token has an exact byte span. Tags may be BIO or IOB1: an
//! `I-` tag that does not continue a name of its type opens one, which reads
//! both schemes (and repairs orphan `I-` tags). A file without any
//! `-DOCSTART-` line (tweets, Wikipedia sentences) has one document per
//! sentence.

/// One document of a CoNLL file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllDoc {
    pub text: String,
    /// Byte offsets where sentences start.
    pub sentence_starts: Vec<usize>,
    /// Byte span of every token, in order.
    pub tokens: Vec<(usize, usize)>,
    /// The tag column of every token as written.
    pub tags: Vec<String>,
    /// Gold names: byte span and type as written after `B-`/`I-`.
    pub names: Vec<(usize, usize, String)>,
}

/// A line that is neither blank nor `token<TAB>tag`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: expected token<TAB>tag, found {found:?}")]
pub struct ConllError {
    pub line: usize,
    pub found: String,
}

/// Reads a whole CoNLL file.
pub fn parse(data: &str) -> Result<Vec<ConllDoc>, ConllError> {
    let has_docstart = data.lines().any(|l| l.starts_with("-DOCSTART-"));
    let mut docs = Vec::new();
    let mut doc = ConllDoc::default();
    let mut open: Option<(usize, String)> = None;
    let mut last_end = 0;
    let mut in_sentence = false;
    let close = |doc: &mut ConllDoc, open: &mut Option<(usize, String)>, end: usize| {
        if let Some((start, ty)) = open.take() {
            doc.names.push((start, end, ty));
        }
    };
    for (index, raw) in data.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            close(&mut doc, &mut open, last_end);
            if in_sentence && !has_docstart && !doc.tokens.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            in_sentence = false;
            continue;
        }
        let (token, tag) = match line.split_once('\t') {
            Some((t, g)) => (t, g.trim()),
            // Some files separate the columns with a space.
            None => match line.rsplit_once(' ') {
                Some((t, g)) if !t.is_empty() => (t, g.trim()),
                _ => {
                    return Err(ConllError {
                        line: index + 1,
                        found: line.chars().take(80).collect(),
                    })
                }
            },
        };
        if token == "-DOCSTART-" {
            close(&mut doc, &mut open, last_end);
            if !doc.tokens.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            in_sentence = false;
            continue;
        }
        if !in_sentence {
            close(&mut doc, &mut open, last_end);
            if !doc.text.is_empty() {
                doc.text.push('\n');
            }
            doc.sentence_starts.push(doc.text.len());
            in_sentence = true;
        } else {
            doc.text.push(' ');
        }
        let start = doc.text.len();
        // Whitespace inside a token would change the tokenisation.
        doc.text.extend(
            token
                .chars()
                .map(|c| if c.is_whitespace() { '_' } else { c }),
        );
        let end = doc.text.len();
        doc.tokens.push((start, end));
        doc.tags.push(tag.to_string());
        let (prefix, ty) = match tag.split_once('-') {
            Some((p, t)) if matches!(p, "B" | "I" | "E" | "S" | "L" | "U") && !t.is_empty() => {
                (p, t)
            }
            _ => ("O", ""),
        };
        let continues = open.as_ref().is_some_and(|(_, t)| t == ty);
        match prefix {
            "I" | "E" | "L" if continues => {}
            "O" => close(&mut doc, &mut open, last_end),
            _ => {
                close(&mut doc, &mut open, last_end);
                open = Some((start, ty.to_string()));
            }
        }
        last_end = end;
        // BILOU/BIOES: a name that ends here.
        if matches!(prefix, "E" | "L" | "S" | "U") {
            close(&mut doc, &mut open, end);
        }
    }
    close(&mut doc, &mut open, last_end);
    if !doc.tokens.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// The CoNLL type our label is scored as: NORP and EVENT count as MISC;
/// values (dates, amounts) are not CoNLL entities.
pub fn label_type(label: newsmill_doc::Label) -> Option<&'static str> {
    use newsmill_doc::Label;
    match label {
        Label::Person => Some("PER"),
        Label::Org => Some("ORG"),
        Label::Loc => Some("LOC"),
        Label::Norp | Label::Event | Label::Misc => Some("MISC"),
        _ => None,
    }
}

/// The CoNLL type (PER/ORG/LOC/MISC) of a label from another tag set, or
/// `None` for types with no counterpart.
pub fn conll_type(label: &str) -> Option<&'static str> {
    match label.to_ascii_uppercase().as_str() {
        "PER" | "PERSON" => Some("PER"),
        "ORG" | "ORGANIZATION" | "ORGANISATION" | "CORPORATION" => Some("ORG"),
        "LOC" | "LOCATION" | "GPE" => Some("LOC"),
        "MISC" => Some("MISC"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bio_iob1_and_documents() {
        let data = "-DOCSTART-\tO\n\nAda\tB-PER\nLark\tI-PER\nvisited\tO\nOslo\tI-LOC\n\n\
                    Then\tO\nBig\tI-ORG\nCo\tI-ORG\nMax\tB-ORG\n\n-DOCSTART-\tO\n\nx\tO\n";
        let docs = parse(data).unwrap();
        assert_eq!(docs.len(), 2);
        let d = &docs[0];
        assert_eq!(d.text, "Ada Lark visited Oslo\nThen Big Co Max");
        assert_eq!(d.sentence_starts, vec![0, 22]);
        let names: Vec<(&str, &str)> = d
            .names
            .iter()
            .map(|(s, e, t)| (&d.text[*s..*e], t.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Ada Lark", "PER"),
                ("Oslo", "LOC"),
                ("Big Co", "ORG"),
                ("Max", "ORG")
            ]
        );
    }

    #[test]
    fn sentences_are_documents_without_docstart() {
        let docs = parse("a\tO\nB\tB-person\n\nc\tO\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].names, vec![(2, 3, "person".to_string())]);
        assert!(parse("lonely\n").is_err());
    }
}
