//! The preview server's routes: a fixed list, matched exactly. Everything else is 404,
//! every method but GET (and HEAD) 405, a request for another host 403.

use std::net::SocketAddr;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::{Shared, event_stream};

const INDEX: &str = include_str!("assets/index.html");
const PRESENTER: &str = include_str!("assets/presenter.html");
const SCRIPT: &str = include_str!("assets/preview.js");
const STYLE: &str = include_str!("assets/preview.css");

pub(super) fn answer(request: Request, address: SocketAddr, shared: &Shared) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request
            .respond(plain(405, "only GET is answered here").with_header(header("Allow", "GET, HEAD")));
        return;
    }
    if !own_host(&request, address) {
        let _ = request.respond(plain(403, "this server answers only to its own address"));
        return;
    }
    // The query (a cache breaker) does not choose what is served.
    let path = request.url().split(['?', '#']).next().unwrap_or("").to_owned();
    let response = match path.as_str() {
        "/" => page(INDEX, "text/html; charset=utf-8"),
        "/presenter" => page(PRESENTER, "text/html; charset=utf-8"),
        "/preview.js" => page(SCRIPT, "text/javascript; charset=utf-8"),
        "/preview.css" => page(STYLE, "text/css; charset=utf-8"),
        "/state.json" => {
            let json = serde_json::to_vec(&*shared.snapshot()).expect("the snapshot serialises");
            bytes(json, "application/json")
        }
        "/events" => {
            let mut writer = request.into_writer();
            let _ = event_stream(&mut *writer, shared);
            return;
        }
        _ => match slide_index(&path)
            .and_then(|index| shared.snapshot().slides.get(index).map(|s| s.svg.clone()))
        {
            Some(svg) => bytes(svg.as_bytes().to_vec(), "image/svg+xml"),
            None => plain(404, "no such page"),
        },
    };
    let _ = request.respond(response);
}

/// `/slides/3.svg` is slide 3, counted from 0; nothing else is a slide.
fn slide_index(path: &str) -> Option<usize> {
    let digits = path.strip_prefix("/slides/")?.strip_suffix(".svg")?;
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Whether the request names this server's own address (or `localhost` on its port):
/// a page of another site that makes its name point here is refused.
fn own_host(request: &Request, address: SocketAddr) -> bool {
    let Some(host) = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str())
    else {
        return false;
    };
    let port = address.port();
    host == address.to_string()
        || host == format!("localhost:{port}")
        || (address.ip().is_unspecified() && host.ends_with(&format!(":{port}")))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn bytes(body: Vec<u8>, content_type: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        // Only the server's own script, style and pictures; nothing from elsewhere.
        .with_header(header(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'",
        ))
}

fn page(text: &str, content_type: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    bytes(text.as_bytes().to_vec(), content_type)
}

fn plain(status: u16, text: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    page(text, "text/plain; charset=utf-8").with_status_code(StatusCode(status))
}

#[cfg(test)]
mod tests {
    use super::slide_index;

    #[test]
    fn only_numbered_slides_are_slides() {
        assert_eq!(slide_index("/slides/0.svg"), Some(0));
        assert_eq!(slide_index("/slides/12.svg"), Some(12));
        for path in
            ["/slides/.svg", "/slides/../x.svg", "/slides/1.svg/..", "/slides/-1.svg", "/slides/1e3.svg"]
        {
            assert_eq!(slide_index(path), None, "{path}");
        }
    }
}
