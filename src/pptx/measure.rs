//! How wide a word can be when a reader shows the deck: its width in the deck's own
//! faces (the embedded Noto Sans and DejaVu Sans Mono), widened for the face a reader
//! without them puts in their place. A table's columns are kept at least as wide as
//! their longest word (see [`super::shapes::Table`]), so that no reader breaks a word
//! inside.

use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::layout::Abs;
use typst::text::{Font, FontInstance, FontVariations};

use crate::render::embedded_font_files;

/// How much wider than Noto Sans the widest common stand-in sets a word: DejaVu Sans,
/// which LibreOffice shows where Noto Sans is not installed, set the sample's words up
/// to 1.25 times as wide in bold (1.15 regular; Liberation Sans, Arial's metrics, 1.17).
const STAND_IN: f64 = 1.25;

/// The faces measured with: regular, bold, monospaced.
struct Faces {
    regular: FontInstance,
    bold: FontInstance,
    mono: FontInstance,
}

fn faces() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| {
        let face = |name: &str| {
            let (_, data) = embedded_font_files()
                .iter()
                .find(|(file, _)| *file == name)
                .unwrap_or_else(|| panic!("{name} is embedded"));
            let font = Font::new(Bytes::new(*data), 0).unwrap_or_else(|| panic!("{name} parses"));
            // The faces are static, not variable: the size and variations change nothing.
            let variant = font.info().variant;
            font.instantiate(variant, Abs::pt(12.0), &FontVariations::default())
        };
        Faces {
            regular: face("NotoSans-Regular.ttf"),
            bold: face("NotoSans-Bold.ttf"),
            mono: face("DejaVuSansMono.ttf"),
        }
    })
}

/// The width, in points, of `word` set at `size` points (bold, or monospaced), in the
/// widest face a reader is likely to show it in. A character the face lacks counts as
/// wide as an em.
pub(super) fn word_width(word: &str, bold: bool, mono: bool, size: f64) -> f64 {
    let faces = faces();
    let font = match (mono, bold) {
        (true, _) => &faces.mono,
        (false, true) => &faces.bold,
        (false, false) => &faces.regular,
    };
    let ems: f64 = word
        .chars()
        .map(|c| {
            font.ttf()
                .glyph_index(c)
                .and_then(|glyph| font.x_advance(glyph.0))
                .map_or(1.0, |advance| advance.get())
        })
        .sum();
    let width = ems * size;
    // The monospaced face is itself the stand-in: readers have DejaVu Sans Mono.
    if mono { width } else { width * STAND_IN }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_measure_wider_than_noto_sans_sets_them_and_bold_wider_than_regular() {
        // Noto Sans Bold sets "Architecture" 75.5 pt wide at 12 pt, DejaVu Sans Bold 84.3.
        let width = word_width("Architecture", true, false, 12.0);
        assert!((84.3..95.0).contains(&width), "{width}");
        assert!(word_width("Architecture", false, false, 12.0) < width);
        assert!((word_width("Architecture", true, false, 24.0) - 2.0 * width).abs() < 1e-9);
        // DejaVu Sans Mono: 0.602 em a character.
        assert!((word_width("abcd", false, true, 10.0) - 24.08).abs() < 0.1);
    }
}
