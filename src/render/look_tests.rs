//! The look of typical slides, against reference images: an unintended change in the
//! layout fails here; an intended one updates the references in the same commit
//! (`QREVIEW_UPDATE_REFERENCES=1 cargo test --release look`).

use std::path::Path;

use crate::diag::{Diagnostics, SourceMap};
use crate::pipeline::sample_document;
use crate::render::{RenderSettings, Renderer};

/// The slides of the sample compared, by name and page index.
const SLIDES: &[(&str, usize)] = &[
    ("cover", 0),
    ("scorecard", 2),
    ("team-title", 3),
    ("objective", 8),
    ("table", 14),
    ("chart", 17),
    ("skills", 26),
];

/// Pixels per point: references stay small, and every text line is still seen.
const SCALE: f64 = 1.0;

/// A pixel differs when one of its channels is off by more than this.
const CHANNEL_TOLERANCE: u8 = 48;
/// A picture matches when at most this share of its pixels differ.
const PIXEL_TOLERANCE: f64 = 0.002;

#[test]
fn typical_slides_look_as_their_references() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut sources, mut diagnostics) = (SourceMap::default(), Diagnostics::default());
    let document = sample_document();
    let renderer = Renderer::new(RenderSettings::embedded());
    let deck = renderer.render(&document, &mut sources, &mut diagnostics).expect("the sample typesets");
    let deck = deck.pages();
    let update = std::env::var_os("QREVIEW_UPDATE_REFERENCES").is_some();
    let mut failures = Vec::new();
    for (name, index) in SLIDES {
        let options = typst_render::RenderOptions { pixel_per_pt: SCALE.into(), ..Default::default() };
        let rendered = typst_render::render(&deck.pages()[*index], &options);
        let path = root.join("tests/references").join(format!("{name}.png"));
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, rendered.encode_png().unwrap()).unwrap();
            continue;
        }
        let reference = tiny_skia::Pixmap::load_png(&path).unwrap_or_else(|err| {
            panic!("{}: {err} (QREVIEW_UPDATE_REFERENCES=1 writes it)", path.display())
        });
        if (reference.width(), reference.height()) != (rendered.width(), rendered.height()) {
            failures.push(format!("{name}: the size changed"));
            continue;
        }
        let differing = reference
            .data()
            .chunks(4)
            .zip(rendered.data().chunks(4))
            .filter(|(a, b)| a.iter().zip(*b).any(|(x, y)| x.abs_diff(*y) > CHANNEL_TOLERANCE))
            .count();
        let share = differing as f64 / (reference.width() * reference.height()) as f64;
        if share > PIXEL_TOLERANCE {
            let changed = path.with_extension("new.png");
            std::fs::write(&changed, rendered.encode_png().unwrap()).unwrap();
            failures.push(format!(
                "{name}: {:.2}% of its pixels differ; see {}",
                share * 100.0,
                changed.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
