//! Where the Typst layout comes from: the one compiled into the binary, or a folder.
//!
//! A layout reads the document as data and nothing else: paths are resolved inside the
//! layout folder only, so a layout cannot read files outside it.

use std::fs;
use std::path::{Path, PathBuf};

use typst::diag::{FileError, FileResult};
use typst::foundations::Bytes;
use typst::syntax::VirtualPath;

/// The name of the layout's entry point inside its folder.
pub(crate) const MAIN: &str = "main.typ";

/// The layout's page marks (slide numbers, "(cont.)") for decks typeset in parts (see
/// `render::parts`). A layout without it is typeset in one piece and marks its own pages.
pub(crate) const MARKS: &str = "marks.typ";

/// The quarterly-review layout, embedded so that the binary works on its own.
const EMBEDDED: &[(&str, &str)] = &[
    ("main.typ", include_str!("../../layouts/quarterly-review/main.typ")),
    ("deck.typ", include_str!("../../layouts/quarterly-review/deck.typ")),
    ("slides.typ", include_str!("../../layouts/quarterly-review/slides.typ")),
    ("rich.typ", include_str!("../../layouts/quarterly-review/rich.typ")),
    ("theme.typ", include_str!("../../layouts/quarterly-review/theme.typ")),
    ("marks.typ", include_str!("../../layouts/quarterly-review/marks.typ")),
];

/// The folder the embedded layout was built from, as users know it.
const EMBEDDED_NAME: &str = "layouts/quarterly-review";

/// A source of layout files.
#[derive(Debug, Clone)]
pub(crate) enum Layout {
    Embedded,
    Folder(PathBuf),
}

impl Layout {
    /// A layout folder given with `--layout`, checked to have an entry point.
    pub(crate) fn folder(path: &Path) -> anyhow::Result<Layout> {
        let root = path
            .canonicalize()
            .map_err(|err| anyhow::anyhow!("cannot open layout folder `{}`: {err}", path.display()))?;
        if !root.join(MAIN).is_file() {
            anyhow::bail!("layout folder `{}` has no {MAIN}", path.display());
        }
        Ok(Layout::Folder(root))
    }

    /// Whether decks are typeset in parts with this layout: it has [`MARKS`].
    pub(crate) fn typesets_in_parts(&self) -> bool {
        match self {
            Layout::Embedded => EMBEDDED.iter().any(|(name, _)| *name == MARKS),
            Layout::Folder(root) => root.join(MARKS).is_file(),
        }
    }

    /// The bytes of a layout file.
    pub(crate) fn read(&self, vpath: &VirtualPath) -> FileResult<Bytes> {
        let relative = vpath.get_without_slash();
        match self {
            Layout::Embedded => EMBEDDED
                .iter()
                .find(|(name, _)| *name == relative)
                .map(|(_, text)| Bytes::from_string(*text))
                .ok_or_else(|| FileError::NotFound(PathBuf::from(relative))),
            Layout::Folder(root) => {
                let path = root.join(relative);
                // A link inside the folder must not lead out of it.
                let real = path.canonicalize().map_err(|err| FileError::from_io(err, &path))?;
                if !real.starts_with(root) {
                    return Err(FileError::AccessDenied);
                }
                fs::read(&real).map(Bytes::new).map_err(|err| FileError::from_io(err, &path))
            }
        }
    }

    /// The Typst sources compiled into the binary, (path inside the layout, text); none for
    /// a layout folder, whose files are read when a compile asks for them.
    pub(crate) fn embedded_sources(&self) -> &'static [(&'static str, &'static str)] {
        match self {
            Layout::Embedded => EMBEDDED,
            Layout::Folder(_) => &[],
        }
    }

    /// The files of a layout folder, to watch for changes; none for the embedded layout.
    pub(crate) fn files(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
            let Ok(entries) = fs::read_dir(dir) else { return };
            for entry in entries.filter_map(Result::ok) {
                let path = entry.path();
                if path.is_dir() && depth < 8 {
                    walk(&path, depth + 1, out);
                } else if path.is_file() {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        if let Layout::Folder(root) = self {
            walk(root, 0, &mut files);
        }
        files
    }

    /// Every file of the layout: (path inside the layout, bytes).
    pub(crate) fn all_files(&self) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
        match self {
            Layout::Embedded => Ok(EMBEDDED
                .iter()
                .map(|(name, text)| ((*name).to_owned(), text.as_bytes().to_vec()))
                .collect()),
            Layout::Folder(root) => self
                .files()
                .into_iter()
                .filter(|path| !path.ends_with(crate::output::MANIFEST))
                .map(|path| {
                    let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned();
                    let bytes = fs::read(&path)
                        .map_err(|err| anyhow::anyhow!("cannot read `{}`: {err}", path.display()))?;
                    Ok((relative, bytes))
                })
                .collect(),
        }
    }

    /// How a layout file is named in messages.
    pub(crate) fn display_name(&self, vpath: &VirtualPath) -> String {
        let relative = vpath.get_without_slash();
        match self {
            Layout::Embedded => format!("{EMBEDDED_NAME}/{relative}"),
            Layout::Folder(root) => root.join(relative).display().to_string(),
        }
    }
}
