use crate::{DocError, Document};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Why a stage could not finish an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {message}")]
pub struct StageError {
    /// A short machine-readable reason, e.g. `empty` or `unsupported-format`.
    pub kind: String,
    pub message: String,
}

impl StageError {
    pub fn new(kind: impl Into<String>, message: impl Into<String>) -> Self {
        StageError {
            kind: kind.into(),
            message: message.into(),
        }
    }
}

/// One step of the pipeline: reads the layers it needs, adds its own.
///
/// A stage is shared by all worker threads, so it takes `&self`; anything it
/// loads (models, gazetteers) is loaded once when it is built.
pub trait Stage: Send + Sync {
    /// The name `--stages` uses for it.
    fn name(&self) -> &str;

    /// Annotate one document. Returning an error marks the record as failed
    /// but keeps the layers already added.
    fn process(&self, doc: &mut Document) -> Result<(), StageError>;
}

/// Stages run in order over each document.
#[derive(Default)]
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    pub fn new() -> Self {
        Pipeline::default()
    }

    /// Append a stage.
    pub fn with(mut self, stage: impl Stage + 'static) -> Self {
        self.stages.push(Box::new(stage));
        self
    }

    pub fn push(&mut self, stage: Box<dyn Stage>) {
        self.stages.push(stage);
    }

    pub fn stage_names(&self) -> Vec<&str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Run every stage over `doc`. The first failure (an error or a panic, which
    /// is a bug but must not end a batch) is recorded in `doc.error` and the
    /// remaining stages are skipped.
    pub fn run(&self, doc: &mut Document) {
        if doc.error.is_some() {
            return;
        }
        for stage in &self.stages {
            let outcome = catch_unwind(AssertUnwindSafe(|| stage.process(doc)));
            let failure = match outcome {
                Ok(Ok(())) => None,
                Ok(Err(err)) => Some(DocError::new(
                    err.kind,
                    format!("{}: {}", stage.name(), err.message),
                )),
                Err(payload) => {
                    let what = payload
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".to_string());
                    Some(DocError::new(
                        "panic",
                        format!("{} panicked: {what}", stage.name()),
                    ))
                }
            };
            if let Some(error) = failure {
                doc.error = Some(error);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Upper;
    impl Stage for Upper {
        fn name(&self) -> &str {
            "upper"
        }
        fn process(&self, doc: &mut Document) -> Result<(), StageError> {
            doc.text = doc.text.to_uppercase();
            Ok(())
        }
    }

    struct Fails;
    impl Stage for Fails {
        fn name(&self) -> &str {
            "fails"
        }
        fn process(&self, doc: &mut Document) -> Result<(), StageError> {
            if doc.text.is_empty() {
                return Err(StageError::new("empty", "no text"));
            }
            Ok(())
        }
    }

    struct Panics;
    impl Stage for Panics {
        fn name(&self) -> &str {
            "panics"
        }
        fn process(&self, doc: &mut Document) -> Result<(), StageError> {
            let v: Vec<u8> = Vec::new();
            let i = doc.text.len() + 3;
            let _ = v[i];
            Ok(())
        }
    }

    #[test]
    fn error_keeps_earlier_layers_and_stops() {
        let pipeline = Pipeline::new().with(Fails).with(Upper);
        let mut doc = Document::from_text("a", "");
        pipeline.run(&mut doc);
        let err = doc.error.expect("error recorded");
        assert_eq!(err.kind, "empty");
        assert!(err.message.starts_with("fails:"));
    }

    #[test]
    fn panic_becomes_error_record() {
        let pipeline = Pipeline::new().with(Upper).with(Panics);
        let mut doc = Document::from_text("a", "text");
        pipeline.run(&mut doc);
        assert_eq!(doc.text, "TEXT");
        assert_eq!(doc.error.unwrap().kind, "panic");
    }
}
