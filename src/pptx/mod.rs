//! The PowerPoint output: an Office Open XML presentation written from the same
//! document the Typst layout reads, a sibling of the Typst renderer. Every text is real,
//! editable text, every table a native table, charts native charts with their data;
//! titles sit in title placeholders, the master and its two layouts give a slide added
//! by hand the deck's look, speaker notes go to the notes pages.
//!
//! Written with `zip` and `quick-xml` from a few templates rather than a PowerPoint
//! crate (README, "PowerPoint"). Every part is written in a fixed order with fixed
//! timestamps, so the same input gives the same bytes.

mod chart;
mod deck;
mod measure;
mod parts;
mod shapes;
mod text;
mod xml;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::document::Document;
use parts::*;
use xml::Xml;

const CT_SLIDE: &str = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml";
const CT_NOTES: &str = "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml";
const CT_CHART: &str = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

/// The presentation of `document`, and its number of slides; `created` is its date as
/// `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn presentation(document: &Document, created: Option<String>) -> anyhow::Result<(Vec<u8>, usize)> {
    let (slides, charts) = deck::slides(document);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut overrides: Vec<(String, &str)> = vec![
        (
            "/ppt/presentation.xml".into(),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        ),
        (
            "/ppt/slideMasters/slideMaster1.xml".into(),
            "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml",
        ),
        (
            "/ppt/slideLayouts/slideLayout1.xml".into(),
            "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml",
        ),
        (
            "/ppt/slideLayouts/slideLayout2.xml".into(),
            "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml",
        ),
        (
            "/ppt/notesMasters/notesMaster1.xml".into(),
            "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml",
        ),
        ("/ppt/theme/theme1.xml".into(), "application/vnd.openxmlformats-officedocument.theme+xml"),
        ("/ppt/theme/theme2.xml".into(), "application/vnd.openxmlformats-officedocument.theme+xml"),
        (
            "/ppt/presProps.xml".into(),
            "application/vnd.openxmlformats-officedocument.presentationml.presProps+xml",
        ),
        (
            "/ppt/viewProps.xml".into(),
            "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml",
        ),
        (
            "/ppt/tableStyles.xml".into(),
            "application/vnd.openxmlformats-officedocument.presentationml.tableStyles+xml",
        ),
        ("/docProps/core.xml".into(), "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml".into(), "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ];
    files.push(("_rels/.rels".into(), ROOT_RELS.as_bytes().to_vec()));
    files.push(("docProps/app.xml".into(), APP.as_bytes().to_vec()));
    files.push(("docProps/core.xml".into(), core(document, created.as_deref())));
    files.push(("ppt/presentation.xml".into(), presentation_xml(slides.len())));
    let mut rels = vec![
        ("rId1".to_owned(), REL_MASTER, "slideMasters/slideMaster1.xml".to_owned()),
        ("rId2".to_owned(), REL_NOTES_MASTER, "notesMasters/notesMaster1.xml".to_owned()),
        ("rId3".to_owned(), REL_THEME, "theme/theme1.xml".to_owned()),
        (
            "rId4".to_owned(),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/presProps",
            "presProps.xml".to_owned(),
        ),
        (
            "rId5".to_owned(),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/viewProps",
            "viewProps.xml".to_owned(),
        ),
        (
            "rId6".to_owned(),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/tableStyles",
            "tableStyles.xml".to_owned(),
        ),
    ];
    for index in 1..=slides.len() {
        rels.push((format!("rId{}", index + 6), REL_SLIDE, format!("slides/slide{index}.xml")));
    }
    files.push(("ppt/_rels/presentation.xml.rels".into(), rels_of(&rels)));
    files.push(("ppt/slideMasters/slideMaster1.xml".into(), master().into_bytes()));
    files.push((
        "ppt/slideMasters/_rels/slideMaster1.xml.rels".into(),
        parts::rels(&[
            ("rId1", REL_LAYOUT, "../slideLayouts/slideLayout1.xml"),
            ("rId2", REL_LAYOUT, "../slideLayouts/slideLayout2.xml"),
            ("rId3", REL_THEME, "../theme/theme1.xml"),
        ]),
    ));
    for number in [1, 2] {
        files.push((format!("ppt/slideLayouts/slideLayout{number}.xml"), layout(number).into_bytes()));
        files.push((
            format!("ppt/slideLayouts/_rels/slideLayout{number}.xml.rels"),
            parts::rels(&[("rId1", REL_MASTER, "../slideMasters/slideMaster1.xml")]),
        ));
    }
    files.push(("ppt/notesMasters/notesMaster1.xml".into(), notes_master().into_bytes()));
    files.push((
        "ppt/notesMasters/_rels/notesMaster1.xml.rels".into(),
        parts::rels(&[("rId1", REL_THEME, "../theme/theme2.xml")]),
    ));
    files.push(("ppt/theme/theme1.xml".into(), THEME.as_bytes().to_vec()));
    files.push(("ppt/theme/theme2.xml".into(), THEME.as_bytes().to_vec()));
    files.push(("ppt/presProps.xml".into(), PRES_PROPS.as_bytes().to_vec()));
    files.push(("ppt/viewProps.xml".into(), VIEW_PROPS.as_bytes().to_vec()));
    files.push(("ppt/tableStyles.xml".into(), TABLE_STYLES.as_bytes().to_vec()));

    let mut notes_count = 0;
    for (index, slide) in slides.iter().enumerate() {
        let number = index + 1;
        let mut links: Vec<String> = Vec::new();
        let xml = shapes::slide_xml(slide, &mut |url: &str| {
            let position = links.iter().position(|known| known == url).unwrap_or_else(|| {
                links.push(url.to_owned());
                links.len() - 1
            });
            format!("rIdLink{}", position + 1)
        });
        files.push((format!("ppt/slides/slide{number}.xml"), xml));
        overrides.push((format!("/ppt/slides/slide{number}.xml"), CT_SLIDE));
        let layout = format!("../slideLayouts/slideLayout{}.xml", slide.layout);
        let mut slide_rels = vec![("rId1".to_owned(), REL_LAYOUT, layout)];
        for (k, url) in links.iter().enumerate() {
            slide_rels.push((format!("rIdLink{}", k + 1), REL_LINK, url.clone()));
        }
        for shape in &slide.shapes {
            if let shapes::Shape::Chart { part, .. } = shape {
                slide_rels.push((format!("rIdChart{part}"), REL_CHART, format!("../charts/chart{part}.xml")));
            }
        }
        if let Some(notes) = &slide.notes {
            notes_count += 1;
            let name = format!("notesSlide{notes_count}.xml");
            slide_rels.push(("rIdNotes".to_owned(), REL_NOTES, format!("../notesSlides/{name}")));
            files.push((format!("ppt/notesSlides/{name}"), shapes::notes_xml(notes)));
            files.push((
                format!("ppt/notesSlides/_rels/{name}.rels"),
                rels_of(&[
                    ("rId1".to_owned(), REL_NOTES_MASTER, "../notesMasters/notesMaster1.xml".to_owned()),
                    ("rId2".to_owned(), REL_SLIDE, format!("../slides/slide{number}.xml")),
                ]),
            ));
            overrides.push((format!("/ppt/notesSlides/{name}"), CT_NOTES));
        }
        files.push((format!("ppt/slides/_rels/slide{number}.xml.rels"), rels_of(&slide_rels)));
    }
    for (index, part) in charts.iter().enumerate() {
        let name = format!("chart{}.xml", index + 1);
        files.push((format!("ppt/charts/{name}"), chart::chart_xml(part)));
        overrides.push((format!("/ppt/charts/{name}"), CT_CHART));
    }
    files.insert(0, ("[Content_Types].xml".into(), content_types(&overrides)));
    Ok((package(&files)?, slides.len()))
}

/// The zip: every entry deflated, dated 1980-01-01 (the format's earliest), in order.
fn package(files: &[(String, Vec<u8>)]) -> anyhow::Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

fn rels_of(entries: &[(String, &str, String)]) -> Vec<u8> {
    let borrowed: Vec<(&str, &str, &str)> =
        entries.iter().map(|(a, b, c)| (a.as_str(), *b, c.as_str())).collect();
    parts::rels(&borrowed)
}

fn content_types(overrides: &[(String, &str)]) -> Vec<u8> {
    let mut x = Xml::new();
    x.el("Types", &[("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")], |x| {
        x.empty(
            "Default",
            &[
                ("Extension", "rels"),
                ("ContentType", "application/vnd.openxmlformats-package.relationships+xml"),
            ],
        );
        x.empty("Default", &[("Extension", "xml"), ("ContentType", "application/xml")]);
        for (part, kind) in overrides {
            x.empty("Override", &[("PartName", part), ("ContentType", kind)]);
        }
    });
    x.finish()
}

fn presentation_xml(slides: usize) -> Vec<u8> {
    let mut x = Xml::new();
    x.el(
        "p:presentation",
        &[("xmlns:a", NS_A), ("xmlns:r", NS_R), ("xmlns:p", NS_P), ("saveSubsetFonts", "1")],
        |x| {
            x.el("p:sldMasterIdLst", &[], |x| {
                x.empty("p:sldMasterId", &[("id", "2147483648"), ("r:id", "rId1")])
            });
            x.el("p:notesMasterIdLst", &[], |x| x.empty("p:notesMasterId", &[("r:id", "rId2")]));
            x.el("p:sldIdLst", &[], |x| {
                for index in 0..slides {
                    x.empty(
                        "p:sldId",
                        &[("id", &(256 + index).to_string()), ("r:id", &format!("rId{}", index + 7))],
                    );
                }
            });
            x.empty(
                "p:sldSz",
                &[("cx", &to_slide(SLIDE_W).to_string()), ("cy", &to_slide(SLIDE_H).to_string())],
            );
            x.empty("p:notesSz", &[("cx", "6858000"), ("cy", "9144000")]);
        },
    );
    x.finish()
}

fn core(document: &Document, created: Option<&str>) -> Vec<u8> {
    let mut x = Xml::new();
    let title = match document.kind {
        crate::document::DeckKind::Review => format!("{} {}", document.review.title, document.review.quarter),
        crate::document::DeckKind::Team => format!("{} {}", document.teams[0].heading, document.review.title),
    };
    x.el(
        "cp:coreProperties",
        &[
            ("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
        |x| {
            x.text_el("dc:title", &[], &title);
            x.text_el("dc:creator", &[], "qreview");
            // Never the clock: the review's date, or the build's, or none.
            if let Some(created) = created {
                x.text_el("dcterms:created", &[("xsi:type", "dcterms:W3CDTF")], created);
                x.text_el("dcterms:modified", &[("xsi:type", "dcterms:W3CDTF")], created);
            }
        },
    );
    x.finish()
}
