//! What every `eval` command shares: precision/recall counts and reading gold JSONL.

use anyhow::{Context, Result};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Precision/recall counts over matched items.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Prf {
    pub true_positives: usize,
    pub gold: usize,
    pub predicted: usize,
}

impl Prf {
    /// 1.0 when nothing was predicted: no prediction was wrong.
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.predicted)
    }

    /// 1.0 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn add(&mut self, other: Prf) {
        self.true_positives += other.true_positives;
        self.gold += other.gold;
        self.predicted += other.predicted;
    }
}

/// `a / b`, or 1.0 when `b` is 0.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// A buffered reader of `path`, gunzipped when it ends in `.gz`.
pub fn open(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::new(reader)))
}

/// The JSON values of a JSONL file, each with `file:line` for messages; blank lines skipped.
pub fn json_lines(
    path: &Path,
) -> Result<impl Iterator<Item = Result<(String, serde_json::Value)>>> {
    let shown = path.display().to_string();
    Ok(open(path)?
        .lines()
        .enumerate()
        .filter_map(move |(number, line)| {
            let where_ = format!("{shown}:{}", number + 1);
            match line {
                Err(e) => Some(Err(
                    anyhow::Error::new(e).context(format!("reading {where_}"))
                )),
                Ok(line) if line.trim().is_empty() => None,
                Ok(line) => Some(
                    serde_json::from_str(&line)
                        .with_context(|| format!("{where_}: not JSON"))
                        .map(|value| (where_, value)),
                ),
            }
        }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_is_the_harmonic_mean() {
        let counts = Prf {
            true_positives: 3,
            gold: 4,
            predicted: 6,
        };
        assert!((counts.precision() - 0.5).abs() < 1e-12);
        assert!((counts.recall() - 0.75).abs() < 1e-12);
        assert!((counts.f1() - 0.6).abs() < 1e-12);
        assert_eq!(
            Prf::default().f1(),
            1.0,
            "nothing to find and nothing found is perfect"
        );
    }

    #[test]
    fn json_lines_skips_blanks_and_names_bad_lines() {
        let path =
            std::env::temp_dir().join(format!("newsmill-score-{}.jsonl", std::process::id()));
        std::fs::write(&path, "{\"a\":1}\n\n[2]\nnope\n").unwrap();
        let items: Vec<_> = json_lines(&path).unwrap().collect();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].as_ref().unwrap().1["a"], 1);
        assert!(items[1].as_ref().unwrap().0.ends_with(":3"));
        let err = items[2].as_ref().unwrap_err().to_string();
        assert!(err.ends_with(":4: not JSON"), "{err}");
        std::fs::remove_file(path).unwrap();
    }
}
