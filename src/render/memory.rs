//! How much of the machine's memory a run may take to save time: whether the allocator's
//! memory is backed by transparent huge pages (2 MiB pages, where the kernel allows them
//! on request, as Debian's default `madvise` setting does).
//!
//! Huge pages spare a small deck most of its page faults: a build of two teams faulted
//! 7,200 times with 4 KiB pages and 880 times with huge pages, and took 7% less time and
//! 10% less CPU (bench/results.md). A long review or a batch touches its memory more
//! sparsely, and each huge page is committed whole: the 500-team review peaked at 1,080
//! MiB with them against 970-1,010 MiB without, over the 1 GiB goal. So a run that is to
//! typeset more than a short review's teams turns them off for the rest of the process.

/// Asks the kernel for no more huge pages in this process: memory already backed by them
/// stays so; every page touched from now on is a small one. Best effort: a kernel
/// without the setting, or another system, keeps its pages as they are.
pub(super) fn small_pages_from_now_on() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

/// Whether the kernel was asked for small pages only (on Linux; elsewhere always false).
#[cfg(test)]
pub(super) fn small_pages_only() -> bool {
    #[cfg(target_os = "linux")]
    return rustix::thread::transparent_huge_pages_are_disabled().unwrap_or(false);
    #[cfg(not(target_os = "linux"))]
    false
}
