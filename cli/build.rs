//! Embeds the repository's `samples/` folder so that `newsmill run --sample`
//! works from any directory, with nothing beside the binary.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let samples = manifest.join("..").join("samples");
    println!("cargo:rerun-if-changed={}", samples.display());
    let mut files = Vec::new();
    collect(&samples, &mut files);
    files.sort();
    let mut code = String::from("pub static SAMPLES: &[(&str, &[u8])] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let relative = file
            .strip_prefix(&samples)
            .expect("under samples")
            .to_string_lossy()
            .replace('\\', "/");
        let absolute = file.canonicalize().expect("readable sample");
        writeln!(
            code,
            "    ({relative:?}, include_bytes!({:?})),",
            absolute.display().to_string()
        )
        .expect("write to string");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("samples.rs");
    std::fs::write(out, code).expect("write generated samples list");
}
