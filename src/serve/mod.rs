//! The live preview in the browser: a small local web server (tiny_http) holding the
//! last good slides as SVG, their speaker notes and the current problems, and a page
//! that updates itself through server-sent events when they change.
//!
//! Safe by default: it binds 127.0.0.1 unless told otherwise, answers only GET for its
//! own few routes (no file is ever read on a request: everything it serves is in
//! memory or embedded in the binary), refuses requests for another host name (a web
//! page elsewhere cannot reach it by DNS rebinding), and nothing a request says
//! changes what it holds. The page sets text with `textContent` only, so no team text
//! becomes markup.

mod routes;

use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use anyhow::Context;
use serde::Serialize;

use crate::diag::Problem;

/// What the page shows, replaced as a whole after every rebuild.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Snapshot {
    /// Counts the changes; the page asks again when it grows.
    pub(crate) version: u64,
    /// What is previewed: a team's name, or the review's title.
    pub(crate) title: String,
    /// One entry per slide (page) of the last good build.
    pub(crate) slides: Vec<SlideEntry>,
    /// The problems of the last build, when it failed; the slides are then the last good ones.
    pub(crate) problems: Vec<Problem>,
}

/// A slide as the page knows it; its picture is at `/slides/<index>.svg`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SlideEntry {
    /// Changes when the slide's picture changes: the page reloads only those.
    pub(crate) hash: String,
    /// The speaker notes as written, and as rich text for the presenter view.
    pub(crate) notes: Option<String>,
    pub(crate) notes_rich: Option<crate::markup::Rich>,
    /// The SVG, served, not listed.
    #[serde(skip)]
    pub(crate) svg: Arc<str>,
}

impl SlideEntry {
    /// A slide of this picture, whose page hashes to `hash`.
    pub(crate) fn new(hash: u128, svg: Arc<str>, notes: Option<String>) -> SlideEntry {
        let notes_rich = notes.as_deref().map(crate::markup::parse);
        SlideEntry { hash: format!("{hash:032x}"), notes, notes_rich, svg }
    }
}

/// The state the request threads read and the preview writes.
#[derive(Default)]
struct Shared {
    snapshot: Mutex<Snapshot>,
    changed: Condvar,
}

/// A running preview server. It stops with the process (Ctrl-C).
pub(crate) struct PreviewServer {
    address: SocketAddr,
    shared: Arc<Shared>,
}

impl PreviewServer {
    /// Starts serving on `ip` at `port`, or at a free port the system picks.
    pub(crate) fn start(ip: IpAddr, port: Option<u16>) -> anyhow::Result<PreviewServer> {
        let listener = listen(ip, port)?;
        let address = listener.local_addr().context("cannot read the server's address")?;
        let server = tiny_http::Server::from_listener(listener, None)
            .map_err(|err| anyhow::anyhow!("cannot start the preview server: {err}"))?;
        let shared = Arc::new(Shared::default());
        let state = shared.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let state = state.clone();
                // A page holds its event stream open: each request gets its own thread.
                std::thread::spawn(move || routes::answer(request, address, &state));
            }
        });
        Ok(PreviewServer { address, shared })
    }

    /// The address to open, e.g. `http://127.0.0.1:41234/`.
    pub(crate) fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Shows new slides and clears the problems.
    pub(crate) fn show_slides(&self, title: String, slides: Vec<SlideEntry>) {
        self.update(|snapshot| {
            snapshot.title = title;
            snapshot.slides = slides;
            snapshot.problems.clear();
        });
    }

    /// Shows problems over the last good slides.
    pub(crate) fn show_problems(&self, problems: Vec<Problem>) {
        self.update(|snapshot| snapshot.problems = problems);
    }

    fn update(&self, change: impl FnOnce(&mut Snapshot)) {
        let mut snapshot = self.shared.snapshot.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        change(&mut snapshot);
        snapshot.version += 1;
        self.shared.changed.notify_all();
    }
}

/// The server's socket, bound to `ip` at `port` (or a free port).
fn listen(ip: IpAddr, port: Option<u16>) -> anyhow::Result<TcpListener> {
    let wanted = SocketAddr::new(ip, port.unwrap_or(0));
    let listener = TcpListener::bind(wanted).map_err(|err| match port {
        Some(port) if err.kind() == std::io::ErrorKind::AddrInUse => {
            anyhow::anyhow!(
                "port {port} is already in use: give another with --port, or leave it out for a free one"
            )
        }
        _ => anyhow::anyhow!("cannot serve on {wanted}: {}", crate::diag::io_reason(&err)),
    })?;
    // Without TCP_NODELAY the last part of a slide's picture can wait for the browser's
    // delayed acknowledgement, 40 ms on Linux (seen in 3 of 50 updates of the live
    // preview, none in 45 with it). tiny_http does not set it on the connections it
    // accepts; they inherit it from the listening socket.
    socket2::SockRef::from(&listener).set_tcp_nodelay(true).context("cannot set up the server's socket")?;
    Ok(listener)
}

impl Shared {
    fn snapshot(&self) -> std::sync::MutexGuard<'_, Snapshot> {
        self.snapshot.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Waits until the version differs from `seen`, or `timeout` passes; the version then.
    fn wait_for_change(&self, seen: u64, timeout: Duration) -> u64 {
        let snapshot = self.snapshot();
        let (snapshot, _) = self
            .changed
            .wait_timeout_while(snapshot, timeout, |snapshot| snapshot.version == seen)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        snapshot.version
    }
}

/// Writes server-sent events to `out` until the page goes away: `update` with the
/// version when it changes, and a comment now and then, so that a closed page is noticed.
fn event_stream(out: &mut dyn Write, shared: &Shared) -> std::io::Result<()> {
    // The headers are written by hand: tiny_http would otherwise send the stream
    // chunked, which browsers' EventSource does not always accept.
    write!(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\r\n")?;
    let mut seen = shared.snapshot().version;
    write!(out, "event: update\ndata: {seen}\n\n")?;
    out.flush()?;
    loop {
        let version = shared.wait_for_change(seen, Duration::from_secs(10));
        if version == seen {
            write!(out, ": still here\n\n")?;
        } else {
            seen = version;
            write!(out, "event: update\ndata: {seen}\n\n")?;
        }
        out.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use std::net::{IpAddr, Ipv4Addr, TcpStream};

    #[test]
    fn connections_send_without_waiting_for_acknowledgements() {
        let listener = super::listen(IpAddr::V4(Ipv4Addr::LOCALHOST), None).unwrap();
        let _client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (accepted, _) = listener.accept().unwrap();
        assert!(accepted.nodelay().unwrap(), "an accepted connection has TCP_NODELAY off");
    }
}
