//! A slide's SVG as Typst writes it, redrawn for a browser's `<img>`, which is how the
//! live preview shows it.
//!
//! Typst draws every glyph as a `<use>` of a `<symbol>` that holds the glyph's outline.
//! Chromium instantiates a copy of the symbol for every use, and a slide has hundreds:
//! loading a picture of the sample's title slide (405 glyphs) took it 42-57 ms after the
//! last byte had arrived, against 2 ms for a PNG of it (bench/results.md). Here each use
//! of an outline in a plain colour becomes the outline itself, moved to where the glyph
//! goes, and a run of such glyphs of one colour becomes one path: 15-20 ms.
//!
//! Moving an outline is rewriting its first command: Typst writes a glyph's outline as
//! `M 0 0` followed by relative commands only, and `<use x y>` of a symbol without a
//! viewBox draws its content moved by (x, y). Anything else (strokes, gradients, colours
//! with opacity, image glyphs) is left as Typst wrote it, with the symbols it needs.

use std::collections::{HashMap, HashSet};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// The start of every outline Typst writes (see the module's comment).
const OUTLINE_START: &str = "M 0 0";

/// `svg` with its glyphs drawn as paths (see the module's comment). An SVG this cannot
/// read is returned as it is: the browser draws Typst's own the same, only slower.
pub(crate) fn flatten_glyphs(svg: &str) -> String {
    match outlines(svg).and_then(|(outlines, kept)| rewrite(svg, &outlines, &kept)) {
        Some(flat) => flat,
        None => svg.to_owned(),
    }
}

/// A glyph use that can be drawn as a path: its symbol, where it goes and its colour.
struct GlyphUse {
    symbol: String,
    x: String,
    y: String,
    fill: String,
    fill_rule: String,
}

/// Reads a `<use>` as a [`GlyphUse`] if it has exactly the attributes Typst gives a
/// glyph in a plain opaque colour.
fn glyph_use(element: &BytesStart) -> Option<GlyphUse> {
    let mut found: HashMap<Vec<u8>, String> = HashMap::new();
    for attribute in element.attributes() {
        let attribute = attribute.ok()?;
        found.insert(attribute.key.as_ref().to_vec(), attribute.unescape_value().ok()?.into_owned());
    }
    let mut take = |key: &[u8]| found.remove(key);
    let glyph = GlyphUse {
        symbol: take(b"xlink:href")?.strip_prefix('#')?.to_owned(),
        x: take(b"x")?,
        y: take(b"y")?,
        fill: take(b"fill")?,
        fill_rule: take(b"fill-rule")?,
    };
    let opaque = glyph.fill.len() == 7 && glyph.fill.starts_with('#');
    (found.is_empty() && opaque).then_some(glyph)
}

fn attribute(element: &BytesStart, key: &[u8]) -> Option<String> {
    let attribute = element.try_get_attribute(key).ok()??;
    Some(attribute.unescape_value().ok()?.into_owned())
}

/// The outlines of the SVG's symbols that hold one path from `M 0 0`, by id, and the
/// ids of those still used by a `<use>` that stays (whose symbol must stay too).
fn outlines(svg: &str) -> Option<(HashMap<String, String>, HashSet<String>)> {
    let mut reader = Reader::from_str(svg);
    let mut outlines = HashMap::new();
    let mut uses = Vec::new();
    // The symbol being read: its id, and its one path so far (None once it has more).
    let mut symbol: Option<(String, Option<Option<String>>)> = None;
    loop {
        match reader.read_event().ok()? {
            Event::Start(element) if element.name().as_ref() == b"symbol" => {
                symbol = Some((attribute(&element, b"id")?, Some(None)));
            }
            Event::End(element) if element.name().as_ref() == b"symbol" => {
                if let Some((id, Some(Some(path)))) = symbol.take() {
                    outlines.insert(id, path);
                }
            }
            Event::Empty(element) if symbol.is_some() => {
                let (_, content) = symbol.as_mut()?;
                let path = (element.name().as_ref() == b"path" && element.attributes().count() == 1)
                    .then(|| attribute(&element, b"d"))
                    .flatten()
                    .filter(|d| d.starts_with(OUTLINE_START));
                *content = match (&content, path) {
                    (Some(None), Some(path)) => Some(Some(path)),
                    _ => None,
                };
            }
            Event::Eof => break,
            _ if symbol.is_some() => {
                // Any other content: not a plain outline.
                if let Some((_, content)) = symbol.as_mut() {
                    *content = None;
                }
            }
            Event::Empty(element) | Event::Start(element) if element.name().as_ref() == b"use" => {
                uses.push((glyph_use(&element), attribute(&element, b"xlink:href")));
            }
            _ => {}
        }
    }
    let kept = uses
        .into_iter()
        .filter(|(glyph, _)| glyph.as_ref().is_none_or(|glyph| !outlines.contains_key(&glyph.symbol)))
        .filter_map(|(_, href)| Some(href?.strip_prefix('#')?.to_owned()))
        .collect();
    Some((outlines, kept))
}

/// A run of glyphs of one colour drawn as one path: its colour, fill rule and outline.
struct Run {
    fill: String,
    fill_rule: String,
    d: String,
}

/// Writes the SVG again with the glyph uses of `outlines` drawn as paths, and without the
/// symbols no use needs any more.
fn rewrite(svg: &str, outlines: &HashMap<String, String>, kept: &HashSet<String>) -> Option<String> {
    let mut reader = Reader::from_str(svg);
    let mut writer = Writer::new(Vec::with_capacity(svg.len() + svg.len() / 2));
    let mut run: Option<Run> = None;
    // Inside a symbol that is dropped: how deep.
    let mut dropping = 0usize;
    loop {
        let event = reader.read_event().ok()?;
        if dropping > 0 {
            match event {
                Event::Start(_) => dropping += 1,
                Event::End(_) => dropping -= 1,
                Event::Eof => return None,
                _ => {}
            }
            continue;
        }
        if let Event::Empty(element) = &event
            && element.name().as_ref() == b"use"
            && let Some(glyph) = glyph_use(element)
            && let Some(outline) = outlines.get(&glyph.symbol)
        {
            let moved = format!("M {} {}{}", glyph.x, glyph.y, &outline[OUTLINE_START.len()..]);
            match &mut run {
                Some(run) if run.fill == glyph.fill && run.fill_rule == glyph.fill_rule => {
                    run.d.push_str(&moved)
                }
                _ => {
                    write_run(&mut writer, run.take())?;
                    run = Some(Run { fill: glyph.fill, fill_rule: glyph.fill_rule, d: moved });
                }
            }
            continue;
        }
        write_run(&mut writer, run.take())?;
        match &event {
            Event::Start(element)
                if element.name().as_ref() == b"symbol"
                    && attribute(element, b"id")
                        .is_some_and(|id| outlines.contains_key(&id) && !kept.contains(&id)) =>
            {
                dropping = 1;
                continue;
            }
            Event::Eof => break,
            _ => {}
        }
        writer.write_event(event).ok()?;
    }
    String::from_utf8(writer.into_inner()).ok()
}

fn write_run(writer: &mut Writer<Vec<u8>>, run: Option<Run>) -> Option<()> {
    let Some(run) = run else { return Some(()) };
    let path = BytesStart::new("path").with_attributes([
        ("d", run.d.as_str()),
        ("fill", run.fill.as_str()),
        ("fill-rule", run.fill_rule.as_str()),
    ]);
    writer.write_event(Event::Empty(path)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_GLYPHS: &str = concat!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">"##,
        r##"<g transform="matrix(1 0 0 -1 10 20)">"##,
        r##"<use xlink:href="#ga" x="0" y="0" fill="#54595d" fill-rule="nonzero"/>"##,
        r##"<use xlink:href="#gb" x="7.5" y="0" fill="#54595d" fill-rule="nonzero"/>"##,
        r##"<use xlink:href="#ga" x="15" y="1" fill="#ff0000" fill-rule="nonzero"/>"##,
        r##"</g><defs>"##,
        r##"<symbol id="ga" overflow="visible"><path d="M 0 0m 1 2l 3 0Z "/></symbol>"##,
        r##"<symbol id="gb" overflow="visible"><path d="M 0 0m 2 2h 4Z "/></symbol>"##,
        r##"</defs></svg>"##,
    );

    #[test]
    fn glyphs_of_one_colour_become_one_path_moved_to_their_places() {
        let flat = flatten_glyphs(TWO_GLYPHS);
        assert!(!flat.contains("<use"), "{flat}");
        assert!(!flat.contains("<symbol"), "no symbol is needed any more: {flat}");
        assert!(
            flat.contains(
                r##"<path d="M 0 0m 1 2l 3 0Z M 7.5 0m 2 2h 4Z " fill="#54595d" fill-rule="nonzero"/>"##
            ),
            "{flat}"
        );
        assert!(
            flat.contains(r##"<path d="M 15 1m 1 2l 3 0Z " fill="#ff0000" fill-rule="nonzero"/>"##),
            "{flat}"
        );
        assert!(flat.contains(r#"<g transform="matrix(1 0 0 -1 10 20)"><path"#), "the group stays: {flat}");
    }

    #[test]
    fn glyphs_with_strokes_opacity_or_no_plain_outline_stay_uses_with_their_symbols() {
        let svg = concat!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">"##,
            r##"<use xlink:href="#ga" x="0" y="0" fill="#54595d" fill-rule="nonzero" stroke="#000000"/>"##,
            r##"<use xlink:href="#gb" x="1" y="0" fill="#54595d80" fill-rule="nonzero"/>"##,
            r##"<use xlink:href="#gc" x="2" y="0" fill="url(#gr1)" fill-rule="nonzero"/>"##,
            r##"<use xlink:href="#gd" transform="translate(3 0)"/>"##,
            r##"<use xlink:href="#ge" x="4" y="0" fill="#000000" fill-rule="nonzero"/>"##,
            r##"<defs>"##,
            r##"<symbol id="ga" overflow="visible"><path d="M 0 0m 1 2Z "/></symbol>"##,
            r##"<symbol id="gb" overflow="visible"><path d="M 0 0m 1 2Z "/></symbol>"##,
            r##"<symbol id="gc" overflow="visible"><path d="M 0 0m 1 2Z "/></symbol>"##,
            r##"<symbol id="gd" overflow="visible"><image width="5" height="5"/></symbol>"##,
            r##"<symbol id="ge" overflow="visible"><path d="M 0 0m 1 2Z "/><path d="M 0 0"/></symbol>"##,
            r##"</defs></svg>"##,
        );
        assert_eq!(flatten_glyphs(svg), svg, "nothing here can be drawn as a plain path");
    }

    #[test]
    fn a_symbol_still_used_elsewhere_stays() {
        let svg = TWO_GLYPHS.replace(
            r##"</g><defs>"##,
            r##"<use xlink:href="#gb" x="9" y="0" fill="#000000" fill-rule="nonzero" stroke="#ffffff"/></g><defs>"##,
        );
        let flat = flatten_glyphs(&svg);
        assert!(flat.contains(r##"<symbol id="gb""##), "{flat}");
        assert!(!flat.contains(r##"<symbol id="ga""##), "{flat}");
        assert_eq!(flat.matches("<use").count(), 1, "{flat}");
    }

    #[test]
    fn what_cannot_be_read_is_returned_as_it_is() {
        let broken = r##"<svg><use xlink:href="#ga" x="0" y="0" fill="#000000" fill-rule="nonzero"/></g>"##;
        assert_eq!(flatten_glyphs(broken), broken);
    }
}
