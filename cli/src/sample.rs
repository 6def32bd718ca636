//! The sample articles of the repository's `samples/` folder, embedded at build time.

use anyhow::{Context, Result};
use std::path::PathBuf;

include!(concat!(env!("OUT_DIR"), "/samples.rs"));

/// Writes the embedded samples into a fresh temporary folder and returns it,
/// so they go through exactly the readers real inputs go through.
pub fn materialise() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("newsmill-samples-{}", std::process::id()));
    for (relative, bytes) in SAMPLES {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(dir)
}

/// Removes the materialised samples when the run ends, however it ends.
pub struct RemoveOnDrop(pub PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
