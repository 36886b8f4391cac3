//! Small helpers shared by the verbs: reading input, writing files atomically, printing JSON.

use std::io::{Read, Write};
use std::path::Path;

use anyhow::{Context, Result};

/// Most bytes read from standard input or a body file.
const MAX_INPUT: u64 = 8 * 1024 * 1024;

/// Reads a file, or standard input when no path is given, up to 8 MiB.
pub fn read_input(path: Option<&Path>) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    match path {
        Some(p) => {
            std::fs::File::open(p)
                .with_context(|| format!("cannot open {}", p.display()))?
                .take(MAX_INPUT + 1)
                .read_to_end(&mut buf)
                .with_context(|| format!("cannot read {}", p.display()))?;
        }
        None => {
            std::io::stdin()
                .take(MAX_INPUT + 1)
                .read_to_end(&mut buf)
                .context("cannot read standard input")?;
        }
    }
    anyhow::ensure!(buf.len() as u64 <= MAX_INPUT, "input is larger than 8 MiB");
    Ok(buf)
}

/// Writes a file through a temporary file and a rename, so a reader never sees half of it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_mode(path, bytes, 0o644)
}

/// Like [`write_atomic`], with the file's mode (0600 for anything that holds a secret: the
/// file never exists with a wider mode, not even for a moment).
pub fn write_atomic_mode(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a file in {}", dir.display()))?;
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("cannot set permissions on {}", path.display()))?;
    }
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Prints a value as JSON on one line of standard output.
pub fn print_json<T: serde::Serialize + ?Sized>(value: &T) {
    println!("{}", serde_json::to_string(value).unwrap_or_default());
}
