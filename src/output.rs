//! Writing output files safely: a failed or interrupted build never leaves a
//! half-written file and never destroys an earlier good one.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::Context;

use crate::diag::io_reason;

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.is_dir() {
        anyhow::bail!("cannot write `{}`: it is a folder", path.display());
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let cannot =
        |err: &std::io::Error| anyhow::anyhow!("cannot write `{}`: {}", path.display(), io_reason(err));
    let mut temporary =
        tempfile::Builder::new().prefix(".qreview-").suffix(".tmp").tempfile_in(folder).map_err(|err| {
            anyhow::anyhow!("cannot write to folder `{}`: {}", folder.display(), io_reason(&err))
        })?;
    // No fsync: the rename already guarantees that a failed or interrupted build never
    // leaves a partial file, and a sync would double the time of a small build.
    temporary.write_all(bytes).map_err(|err| cannot(&err))?;
    // Dropping the temporary file on any error above removes it.
    temporary.persist(path).map_err(|err| cannot(&err.error))?;
    Ok(())
}

/// Replaces the folder `dir` with one holding exactly `files` (name, bytes). The new
/// folder is written beside it and renamed into place, so a failed write leaves the old
/// folder as it was. A folder holding anything but slides is never replaced.
pub(crate) fn write_folder_atomically(dir: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    if dir.exists() {
        if !dir.is_dir() {
            anyhow::bail!("cannot write slides to `{}`: it is a file, not a folder", dir.display());
        }
        let foreign = fs::read_dir(dir)
            .with_context(|| format!("cannot read `{}`", dir.display()))?
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .find(|name| !is_slide_file(name));
        if let Some(name) = foreign {
            anyhow::bail!(
                "`{}` holds other files (such as `{name}`), so qreview will not replace it; give a new or empty folder",
                dir.display()
            );
        }
    }
    let parent = match dir.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    fs::create_dir_all(parent).with_context(|| format!("cannot create folder `{}`", parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".qreview-")
        .tempdir_in(parent)
        .with_context(|| format!("cannot write to folder `{}`", parent.display()))?;
    for (name, bytes) in files {
        fs::write(staging.path().join(name), bytes)
            .with_context(|| format!("cannot write `{}`", dir.join(name).display()))?;
    }
    // Move the old folder aside first: a folder cannot be renamed over a full one.
    let aside = if dir.exists() {
        let aside = tempfile::Builder::new().prefix(".qreview-old-").tempdir_in(parent)?.keep();
        fs::remove_dir(&aside)?;
        fs::rename(dir, &aside).with_context(|| format!("cannot replace `{}`", dir.display()))?;
        Some(aside)
    } else {
        None
    };
    let staged = staging.keep();
    if let Err(err) = fs::rename(&staged, dir) {
        // Put the old folder back; the new one is removed.
        if let Some(aside) = &aside {
            let _ = fs::rename(aside, dir);
        }
        let _ = fs::remove_dir_all(&staged);
        return Err(err).with_context(|| format!("cannot write `{}`", dir.display()));
    }
    if let Some(aside) = aside {
        let _ = fs::remove_dir_all(aside);
    }
    Ok(())
}

/// Whether a file name is one qreview writes into a slides folder.
fn is_slide_file(name: &str) -> bool {
    name.starts_with("slide-") && (name.ends_with(".png") || name.ends_with(".svg"))
}

#[cfg(test)]
mod tests {
    use super::{write_atomically, write_folder_atomically};

    #[test]
    fn replaces_a_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.pdf");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_a_folder_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomically(dir.path(), b"x").unwrap_err().to_string();
        assert!(err.contains("it is a folder"), "{err}");
    }

    #[test]
    fn replaces_a_slides_folder_whole() {
        let dir = tempfile::tempdir().unwrap();
        let slides = dir.path().join("slides");
        let files =
            |n: usize| (1..=n).map(|i| (format!("slide-{i:02}.png"), vec![i as u8])).collect::<Vec<_>>();
        write_folder_atomically(&slides, &files(3)).unwrap();
        write_folder_atomically(&slides, &files(2)).unwrap();
        let mut names: Vec<_> = std::fs::read_dir(&slides).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, ["slide-01.png", "slide-02.png"], "no stale slide is left");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary folder is left");
    }

    #[test]
    fn never_replaces_a_folder_of_other_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("thesis.tex"), b"precious").unwrap();
        let err = write_folder_atomically(dir.path(), &[("slide-01.png".into(), vec![1])]).unwrap_err();
        assert!(err.to_string().contains("holds other files"), "{err}");
        assert_eq!(std::fs::read(dir.path().join("thesis.tex")).unwrap(), b"precious");
    }
}
