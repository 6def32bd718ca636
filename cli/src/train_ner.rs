//! `newsmill train ner`: trains the averaged-perceptron name tagger from
//! CoNLL-style files and writes the epoch that scores best on the dev file.

use anyhow::{bail, Context, Result};
use newsmill_entities::conll;
use newsmill_entities::model::{evaluate, jackknife_gazetteers, TrainDoc, Trainer};
use newsmill_entities::Gazetteer;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args, Debug, Clone)]
pub struct TrainNerArgs {
    /// Training files: `token<TAB>tag` lines, BIO or IOB1, `-DOCSTART-` between documents.
    #[arg(long = "train", required = true, num_args = 1..)]
    pub train: Vec<PathBuf>,
    /// Development file: scored after every epoch; the best epoch is kept.
    #[arg(long)]
    pub dev: PathBuf,
    /// Where the model goes.
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// Seed of the document order in each epoch (training is deterministic for a seed).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// log2 of the number of rows of the hashed weight table (model size is 34 << bits bytes).
    #[arg(long, default_value_t = 18)]
    pub bits: u32,
    /// 2: a second tagging pass sees the first pass's labels for the same
    /// word across the document; 1: one pass.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=2))]
    pub passes: u8,
    /// Train this many models on differently shuffled data (seeds S, S+1, ...)
    /// and ship the mean of their weights.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u8).range(1..=16))]
    pub ensemble: u8,
}

fn read(path: &Path) -> Result<Vec<TrainDoc>> {
    let data =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let docs = conll::parse(&data).with_context(|| format!("parsing {}", path.display()))?;
    Ok(docs.iter().map(TrainDoc::from_conll).collect())
}

/// xorshift64*: a small, seedable generator for shuffling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

pub fn run(args: &TrainNerArgs) -> Result<()> {
    if !(10..=24).contains(&args.bits) {
        bail!("--bits must be between 10 and 24");
    }
    let mut train = Vec::new();
    for path in &args.train {
        train.extend(read(path)?);
    }
    let dev = read(&args.dev)?;
    let tokens: usize = train.iter().map(TrainDoc::tokens).sum();
    eprintln!(
        "training on {} documents ({tokens} tokens), dev {} documents",
        train.len(),
        dev.len()
    );
    let gaz = Gazetteer::embedded();
    // Each tenth of the training documents sees the corpus names of the
    // other nine tenths (the embedded list holds all of CoNLL-2003 train).
    let folds = jackknife_gazetteers(&train, 10);
    let mut members: Vec<(Trainer, Rng, Vec<usize>)> = (0..u64::from(args.ensemble))
        .map(|k| {
            let seed = args.seed.wrapping_add(k);
            (
                Trainer::new(args.bits, usize::from(args.passes)),
                Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1),
                (0..train.len()).collect(),
            )
        })
        .collect();
    let mut best: Option<(f64, usize, Vec<u8>)> = None;
    for epoch in 1..=args.epochs {
        let started = Instant::now();
        let mut mistakes = 0;
        for (trainer, rng, order) in &mut members {
            for i in (1..order.len()).rev() {
                let j = (rng.next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            for &d in order.iter() {
                mistakes += trainer.learn(&train[d], &folds[d % folds.len()]);
            }
        }
        let model = {
            let list: Vec<&Trainer> = members.iter().map(|(t, _, _)| t).collect();
            Trainer::ensemble(&list).context("ensemble members differ")?
        };
        let tokens_seen = tokens * members.len() * usize::from(args.passes);
        let counts = evaluate(&model, &dev, &gaz);
        let f1 = counts.f1();
        eprintln!(
            "epoch {epoch:2}: {:.2}% tokens wrong in training, dev F1 {:.4} ({} of {} names, {} predicted), {:.1}s",
            100.0 * mistakes as f64 / tokens_seen.max(1) as f64,
            f1,
            counts.correct,
            counts.gold,
            counts.predicted,
            started.elapsed().as_secs_f64()
        );
        if best.as_ref().is_none_or(|(b, _, _)| f1 > *b) {
            best = Some((f1, epoch, model.to_bytes()));
        }
    }
    let Some((f1, epoch, bytes)) = best else {
        bail!("no epochs were run (--epochs 0)");
    };
    std::fs::write(&args.output, &bytes)
        .with_context(|| format!("writing {}", args.output.display()))?;
    eprintln!(
        "kept epoch {epoch} (dev F1 {f1:.4}, model tagger alone): {} ({} bytes)",
        args.output.display(),
        bytes.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trains_deterministically_and_writes_a_loadable_model() {
        let dir = std::env::temp_dir().join(format!("newsmill-train-ner-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut train = String::new();
        for (first, last, place) in [
            ("Ana", "Keller", "Tromso"),
            ("Ben", "Oduya", "Quito"),
            ("Cleo", "Marsh", "Perth"),
        ] {
            train.push_str(&format!(
                "-DOCSTART-\tO\n\n{first}\tB-PER\n{last}\tI-PER\nvisited\tO\n{place}\tI-LOC\n.\tO\n\n"
            ));
        }
        let train_path = dir.join("train.tsv");
        std::fs::write(&train_path, &train).unwrap();
        let dev_path = dir.join("dev.tsv");
        std::fs::write(
            &dev_path,
            "Dora\tB-PER\nLind\tI-PER\nvisited\tO\nOslo\tB-LOC\n.\tO\n",
        )
        .unwrap();
        let args = |out: &str| TrainNerArgs {
            train: vec![train_path.clone()],
            dev: dev_path.clone(),
            output: dir.join(out),
            epochs: 3,
            seed: 5,
            bits: 12,
            passes: 2,
            ensemble: 2,
        };
        run(&args("a.bin")).unwrap();
        run(&args("b.bin")).unwrap();
        let a = std::fs::read(dir.join("a.bin")).unwrap();
        assert_eq!(
            a,
            std::fs::read(dir.join("b.bin")).unwrap(),
            "same seed, same bytes"
        );
        let model = newsmill_entities::Model::from_bytes(&a).unwrap();
        assert_eq!(model.bits(), 12);
        let mut bad = args("c.bin");
        bad.train = vec![dir.join("missing.tsv")];
        assert!(run(&bad).is_err());
        std::fs::remove_dir_all(&dir).ok();
    }
}
