//! Output safety: a folder, a full disk, a read-only file system. Each gets a clear
//! error, exit code 1, and the earlier output stays byte for byte.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::*;

const EARLIER: &[u8] = b"%PDF- the deck from last week";

fn build_into(dir: &Path, out: &Path) -> (Option<i32>, String) {
    let sample = sample();
    let output = qreview(dir, &["build", sample.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    (output.status.code(), stderr(&output))
}

#[test]
fn an_output_path_that_is_a_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("deck.pdf");
    fs::create_dir(&folder).unwrap();
    let (code, messages) = build_into(dir.path(), &folder);
    assert_eq!(code, Some(1));
    assert!(messages.contains("it is a folder"), "{messages}");
    assert!(folder.is_dir());
}

/// A small tmpfs: mounting one needs root, so the test that uses it is ignored by a
/// plain `cargo test` (it shows as ignored) and run by CI with `--ignored`, where a
/// refused mount fails it.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> SmallDisk {
        let dir = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|status| status.success());
        assert!(mounted, "this test mounts a tmpfs, which needs root");
        SmallDisk { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
#[ignore = "mounts a tmpfs, which needs root: CI runs it with --ignored"]
fn a_full_disk_or_read_only_folder_leaves_the_earlier_output() {
    let disk = SmallDisk::mount();
    let out = disk.path().join("deck.pdf");
    fs::write(&out, EARLIER).unwrap();
    // Leave less room than the deck needs.
    fs::write(disk.path().join("filler"), vec![0u8; 200 * 1024]).unwrap();
    let (code, messages) = build_into(disk.path(), &out);
    assert_eq!(code, Some(1), "{messages}");
    assert!(messages.contains("no space left on device"), "{messages}");
    assert_eq!(fs::read(&out).unwrap(), EARLIER);
    let names: Vec<_> = fs::read_dir(disk.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");

    fs::remove_file(disk.path().join("filler")).unwrap();
    let remounted = Command::new("mount").args(["-o", "remount,ro"]).arg(disk.path()).status().unwrap();
    assert!(remounted.success());
    let (code, messages) = build_into(disk.path(), &out);
    assert_eq!(code, Some(1));
    assert!(messages.contains("read-only file system"), "{messages}");
    assert_eq!(fs::read(&out).unwrap(), EARLIER);
}
