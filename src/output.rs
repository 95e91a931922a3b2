//! Writing output files safely: a failed or interrupted build never leaves a
//! half-written file, never destroys an earlier good one, and never replaces anything
//! qreview did not write.
//!
//! Files get the permissions any program's new file gets under the user's umask, and a
//! replaced file keeps its own. A folder output (slides, a Typst project) carries a
//! manifest of what qreview wrote into it, so that a later run can tell its own files
//! from a user's.

use std::fs;
use std::hash::Hasher;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::diag::io_reason;

/// The manifest qreview leaves in every folder it writes: one `<hash>  <path>` line per file.
pub(crate) const MANIFEST: &str = ".qreview-manifest";

/// What `open(2)` is asked for when a program creates a file; the umask takes its share.
const NEW_FILE_MODE: u32 = 0o666;
const NEW_FOLDER_MODE: u32 = 0o777;

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.is_dir() {
        anyhow::bail!("cannot write `{}`: it is a folder", path.display());
    }
    let folder = parent_of(path);
    let cannot =
        |err: &std::io::Error| anyhow::anyhow!("cannot write `{}`: {}", path.display(), io_reason(err));
    let mut temporary = tempfile::Builder::new()
        .prefix(".qreview-")
        .suffix(".tmp")
        .permissions(fs::Permissions::from_mode(NEW_FILE_MODE))
        .tempfile_in(folder)
        .map_err(|err| {
            anyhow::anyhow!("cannot write to folder `{}`: {}", folder.display(), io_reason(&err))
        })?;
    // A replaced file keeps its mode, as an editor's save would keep it.
    if let Ok(existing) = fs::metadata(path) {
        temporary.as_file().set_permissions(existing.permissions()).map_err(|err| cannot(&err))?;
    }
    // No fsync: the rename already guarantees that a failed or interrupted build never
    // leaves a partial file, and a sync would double the time of a small build.
    temporary.write_all(bytes).map_err(|err| cannot(&err))?;
    // Dropping the temporary file on any error above removes it.
    temporary.persist(path).map_err(|err| cannot(&err.error))?;
    Ok(())
}

/// Replaces the folder `dir` with one holding exactly `files` (a path relative to `dir`,
/// with `/` between folders, and bytes) and their manifest. The new folder is written
/// beside it and renamed into place, so a failed write leaves the old folder as it was.
/// An existing folder is replaced only when it is empty or holds nothing but what an
/// earlier run wrote there, unchanged: never a user's own file, nor a file edited since.
pub(crate) fn write_folder_atomically(dir: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    if dir.exists() {
        if !dir.is_dir() {
            anyhow::bail!("cannot write `{}`: it is a file, not a folder", dir.display());
        }
        if let Some(foreign) = foreign_file(dir)? {
            anyhow::bail!(
                "`{}` holds files qreview did not write there (such as `{foreign}`), so qreview will not replace it; give a new or empty folder",
                dir.display()
            );
        }
    }
    let parent = parent_of(dir);
    fs::create_dir_all(parent).with_context(|| format!("cannot create folder `{}`", parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".qreview-")
        .permissions(fs::Permissions::from_mode(NEW_FOLDER_MODE))
        .tempdir_in(parent)
        .with_context(|| format!("cannot write to folder `{}`", parent.display()))?;
    if let Ok(existing) = fs::metadata(dir) {
        fs::set_permissions(staging.path(), existing.permissions())
            .with_context(|| format!("cannot write `{}`", dir.display()))?;
    }
    let mut manifest = String::new();
    for (name, bytes) in files {
        let path = staging.path().join(name);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)
                .with_context(|| format!("cannot write `{}`", dir.join(name).display()))?;
        }
        fs::write(&path, bytes).with_context(|| format!("cannot write `{}`", dir.join(name).display()))?;
        manifest.push_str(&format!("{}  {name}\n", digest(bytes)));
    }
    fs::write(staging.path().join(MANIFEST), manifest)
        .with_context(|| format!("cannot write `{}`", dir.join(MANIFEST).display()))?;
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

/// The folder a path is written in: `.` for a bare file name.
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// The first file in `dir` that its manifest does not list with the same contents, if
/// any; a folder without a manifest has only foreign files.
fn foreign_file(dir: &Path) -> anyhow::Result<Option<String>> {
    let manifest = fs::read_to_string(dir.join(MANIFEST)).unwrap_or_default();
    let listed: std::collections::HashMap<&str, &str> =
        manifest.lines().filter_map(|line| line.split_once("  ")).map(|(hash, name)| (name, hash)).collect();
    let mut files = Vec::new();
    walk(dir, dir, &mut files).with_context(|| format!("cannot read `{}`", dir.display()))?;
    for (name, path) in files {
        if name == MANIFEST {
            continue;
        }
        let unchanged = match listed.get(name.as_str()) {
            Some(hash) => fs::read(&path).is_ok_and(|bytes| digest(&bytes) == *hash),
            None => false,
        };
        if !unchanged {
            return Ok(Some(name));
        }
    }
    Ok(None)
}

/// Every entry under `dir` that is not a folder, by its path relative to `root`; folders
/// themselves are listed when they are empty (an empty folder is a user's too).
fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let path = entry.path();
        let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            let before = out.len();
            walk(root, &path, out)?;
            if out.len() == before && fs::read_dir(&path)?.next().is_none() {
                out.push((relative + "/", path));
            }
        } else {
            out.push((relative, path));
        }
    }
    Ok(())
}

/// A stable digest of a file's bytes (SipHash 1-3, 128 bits, fixed keys).
fn digest(bytes: &[u8]) -> String {
    let mut hasher = siphasher::sip128::SipHasher13::new();
    hasher.write(bytes);
    format!("{:032x}", siphasher::sip128::Hasher128::finish128(&hasher).as_u128())
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::{MANIFEST, write_atomically, write_folder_atomically};

    fn names(dir: &std::path::Path) -> Vec<String> {
        let mut names: Vec<_> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        names
    }

    fn mode(path: &std::path::Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

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
    fn a_replaced_file_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.pdf");
        write_atomically(&path, b"one").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(mode(&path), 0o640);
    }

    #[test]
    fn refuses_a_folder_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomically(dir.path(), b"x").unwrap_err().to_string();
        assert!(err.contains("it is a folder"), "{err}");
    }

    #[test]
    fn replaces_its_own_folder_whole() {
        let dir = tempfile::tempdir().unwrap();
        let slides = dir.path().join("slides");
        let files =
            |n: usize| (1..=n).map(|i| (format!("slide-{i:02}.png"), vec![i as u8])).collect::<Vec<_>>();
        write_folder_atomically(&slides, &files(3)).unwrap();
        std::fs::set_permissions(&slides, std::fs::Permissions::from_mode(0o750)).unwrap();
        write_folder_atomically(&slides, &files(2)).unwrap();
        assert_eq!(names(&slides), [MANIFEST, "slide-01.png", "slide-02.png"], "no stale slide is left");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary folder is left");
        assert_eq!(mode(&slides), 0o750, "the replaced folder keeps its mode");
    }

    #[test]
    fn writes_nested_files() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("project");
        let files =
            vec![("main.typ".to_owned(), b"x".to_vec()), ("data/teams/a.json".to_owned(), b"{}".to_vec())];
        write_folder_atomically(&project, &files).unwrap();
        write_folder_atomically(&project, &files).unwrap();
        assert_eq!(std::fs::read(project.join("data/teams/a.json")).unwrap(), b"{}");
    }

    #[test]
    fn never_replaces_a_folder_of_other_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("thesis.tex"), b"precious").unwrap();
        let err = write_folder_atomically(dir.path(), &[("slide-01.png".into(), vec![1])]).unwrap_err();
        assert!(err.to_string().contains("did not write"), "{err}");
        assert_eq!(std::fs::read(dir.path().join("thesis.tex")).unwrap(), b"precious");
    }

    #[test]
    fn never_replaces_a_file_edited_since_or_of_the_same_name() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("project");
        let files = vec![("main.typ".to_owned(), b"written".to_vec())];
        write_folder_atomically(&project, &files).unwrap();
        std::fs::write(project.join("main.typ"), b"edited by a designer").unwrap();
        let err = write_folder_atomically(&project, &files).unwrap_err().to_string();
        assert!(err.contains("such as `main.typ`"), "{err}");
        assert_eq!(std::fs::read(project.join("main.typ")).unwrap(), b"edited by a designer");

        // A user's own main.typ, in a folder qreview never wrote.
        let own = dir.path().join("own");
        std::fs::create_dir(&own).unwrap();
        std::fs::write(own.join("main.typ"), b"mine").unwrap();
        assert!(write_folder_atomically(&own, &files).is_err());
        assert_eq!(std::fs::read(own.join("main.typ")).unwrap(), b"mine");
    }
}
