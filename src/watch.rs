//! Waiting for a save: the folders of the watched files are watched, not the files.
//!
//! Editors that save by writing a new file and renaming it over the old one end a watch
//! on the file itself after the first save; a watch on its folder sees every save, and
//! the creation of a file that did not exist yet.
//!
//! One save can reach the watcher as several events that each say it is over: a rename
//! into place comes as the new name and then as the pair of names. The second arrives
//! while the first one's rebuild runs; so what arrived during a rebuild counts only if a
//! watched file's content changed since the rebuild began. A save made while the watcher
//! waits always counts, even of the same content: saving again is how people ask for a
//! rebuild (after a failed write, say, or a deleted output).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use anyhow::Context;
use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// Events closer together than this are one save (editors write in several steps),
/// unless the save says it is done (see [`FileWatcher::wait`]). Short, as it is part of
/// the time from a save to the live preview's new slide.
const SETTLE: Duration = Duration::from_millis(30);

/// Watches a set of files through their folders.
pub(crate) struct FileWatcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    folders: BTreeSet<PathBuf>,
    files: HashSet<PathBuf>,
    /// A hash of each watched file's content when [`FileWatcher::wait`] last returned,
    /// as a rebuild began; `None` for a file that could not be read.
    seen: HashMap<PathBuf, Option<u128>>,
}

impl FileWatcher {
    pub(crate) fn new() -> anyhow::Result<Self> {
        let (sender, events) = channel();
        let watcher = notify::recommended_watcher(sender).context("cannot watch files")?;
        Ok(FileWatcher {
            watcher,
            events,
            folders: BTreeSet::new(),
            files: HashSet::new(),
            seen: HashMap::new(),
        })
    }

    /// Watches exactly these files from now on.
    pub(crate) fn set_files(&mut self, files: impl IntoIterator<Item = PathBuf>) -> anyhow::Result<()> {
        self.files = files.into_iter().filter_map(|file| absolute(&file)).collect();
        let folders: BTreeSet<PathBuf> =
            self.files.iter().filter_map(|file| file.parent().map(Path::to_path_buf)).collect();
        for gone in self.folders.difference(&folders) {
            let _ = self.watcher.unwatch(gone);
        }
        for new in folders.difference(&self.folders) {
            self.watcher
                .watch(new, RecursiveMode::NonRecursive)
                .with_context(|| format!("cannot watch folder `{}`", new.display()))?;
        }
        self.folders = folders;
        Ok(())
    }

    /// Returns when a rebuild is due: at once if a watched file changed while the last
    /// rebuild ran (its content differs from when this last returned; the content, not
    /// the time and size, which a quick second save may leave as they were), else when a
    /// watched file is next saved (see [`FileWatcher::saved`]).
    pub(crate) fn wait(&mut self) -> anyhow::Result<()> {
        let mut touched = false;
        while let Ok(event) = self.events.try_recv() {
            touched |= self.relevance(&event?) != Relevance::None;
        }
        if touched {
            let now = self.contents();
            let changed = now != self.seen;
            self.seen = now;
            if changed {
                return Ok(());
            }
        }
        self.saved()?;
        self.seen = self.contents();
        Ok(())
    }

    /// A hash of each watched file's content.
    fn contents(&self) -> HashMap<PathBuf, Option<u128>> {
        self.files.iter().map(|file| (file.clone(), content_hash(file))).collect()
    }

    /// Blocks until a watched file was created, written, renamed or removed, and the
    /// save is over: the file was closed after writing or renamed into place (then at
    /// once), or the folder has been quiet for a moment.
    fn saved(&mut self) -> anyhow::Result<()> {
        loop {
            let event = self.events.recv().context("the file watcher stopped")?;
            match self.relevance(&event?) {
                Relevance::Done => return Ok(()),
                Relevance::Changed => break,
                Relevance::None => {}
            }
        }
        loop {
            match self.events.recv_timeout(SETTLE) {
                Ok(Ok(event)) if self.relevance(&event) == Relevance::Done => return Ok(()),
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => return Ok(()),
                Err(RecvTimeoutError::Disconnected) => anyhow::bail!("the file watcher stopped"),
            }
        }
    }

    fn relevance(&self, event: &Event) -> Relevance {
        let watched =
            event.paths.iter().any(|path| absolute(path).is_some_and(|path| self.files.contains(&path)));
        match event.kind {
            _ if !watched => Relevance::None,
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => Relevance::Done,
            EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both)) => Relevance::Done,
            EventKind::Access(_) => Relevance::None,
            _ => Relevance::Changed,
        }
    }
}

/// What an event says of the watched files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relevance {
    /// Nothing: another file, or only read.
    None,
    /// A watched file changed; more may follow.
    Changed,
    /// A watched file was written and closed, or renamed into place: the save is over.
    Done,
}

/// A hash of a file's content; `None` if it cannot be read (removed, say).
fn content_hash(path: &Path) -> Option<u128> {
    std::fs::read(path).ok().map(|bytes| typst::utils::hash128(&bytes))
}

/// A path with its folder resolved, so that `./a.yaml` and `/x/a.yaml` compare equal
/// even when the file itself does not exist.
fn absolute(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Some(folder.canonicalize().ok()?.join(name))
}
