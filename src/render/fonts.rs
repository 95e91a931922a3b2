//! The fonts every deck is set in, embedded in the binary.
//!
//! Output must not depend on the machine, so the faces in `fonts/` are compiled in and
//! system fonts are only added on request. A face is parsed only when a deck first
//! needs one of its glyphs (most decks never touch the CJK, Arabic or Hebrew faces);
//! what Typst needs to choose faces, their families, styles and coverage, comes from
//! `font-book.json`, written from the faces themselves (a test keeps it current), since
//! reading it from the faces cost more than any other step before the first page.

use std::sync::{Arc, OnceLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};
use typst_kit::fonts::{FontSource, FontStore};

/// The font book of [`EMBEDDED`]: each face's file, index in it and [`FontInfo`].
const BOOK: &str = include_str!("font-book.json");

/// Noto Sans for Latin, Greek and Cyrillic, Noto Sans Math for the signs Noto Sans lacks
/// (− × → ∞), Noto Sans Hebrew and Arabic, WenQuanYi Micro Hei for CJK (Chinese,
/// Japanese kana, Korean Hangul), DejaVu Sans Mono for code. Licences are beside them in
/// `fonts/`.
const EMBEDDED: &[(&str, &[u8])] = &[
    ("NotoSans-Regular.ttf", include_bytes!("../../fonts/NotoSans-Regular.ttf")),
    ("NotoSans-Bold.ttf", include_bytes!("../../fonts/NotoSans-Bold.ttf")),
    ("NotoSans-Italic.ttf", include_bytes!("../../fonts/NotoSans-Italic.ttf")),
    ("NotoSans-BoldItalic.ttf", include_bytes!("../../fonts/NotoSans-BoldItalic.ttf")),
    ("NotoSansMath-Regular.ttf", include_bytes!("../../fonts/NotoSansMath-Regular.ttf")),
    ("NotoSansHebrew-Regular.ttf", include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf")),
    ("NotoSansHebrew-Bold.ttf", include_bytes!("../../fonts/NotoSansHebrew-Bold.ttf")),
    ("NotoSansArabic-Regular.ttf", include_bytes!("../../fonts/NotoSansArabic-Regular.ttf")),
    ("NotoSansArabic-Bold.ttf", include_bytes!("../../fonts/NotoSansArabic-Bold.ttf")),
    ("wqy-microhei.ttc", include_bytes!("../../fonts/wqy-microhei.ttc")),
    ("DejaVuSansMono.ttf", include_bytes!("../../fonts/DejaVuSansMono.ttf")),
    ("DejaVuSansMono-Bold.ttf", include_bytes!("../../fonts/DejaVuSansMono-Bold.ttf")),
];

/// The embedded font files: (file name, bytes).
pub(crate) fn embedded_files() -> &'static [(&'static str, &'static [u8])] {
    EMBEDDED
}

/// The embedded fonts, parsed once and shared.
pub(crate) fn embedded() -> Arc<FontStore> {
    static STORE: OnceLock<Arc<FontStore>> = OnceLock::new();
    STORE.get_or_init(|| Arc::new(load(false))).clone()
}

/// The embedded fonts followed by the machine's, for `--system-fonts`.
pub(crate) fn with_system() -> Arc<FontStore> {
    Arc::new(load(true))
}

/// An embedded face, parsed when Typst first asks for it.
struct EmbeddedFace {
    data: &'static [u8],
    index: u32,
}

impl FontSource for EmbeddedFace {
    fn load(&self) -> Option<Font> {
        Font::new(Bytes::new(self.data), self.index)
    }
}

/// Each face of the embedded files: (file name, index, its info), as [`BOOK`] has them.
fn book() -> Vec<(String, u32, FontInfo)> {
    serde_json::from_str(BOOK).expect("font-book.json is written by qreview's tests")
}

/// The embedded faces' book as read from the faces themselves.
#[cfg(test)]
fn book_from_faces() -> Vec<(String, u32, FontInfo)> {
    EMBEDDED
        .iter()
        .flat_map(|(name, data)| {
            FontInfo::iter(data).enumerate().map(|(index, info)| (name.to_string(), index as u32, info))
        })
        .collect()
}

fn load(system: bool) -> FontStore {
    let mut store = FontStore::new();
    for (name, index, info) in book() {
        let (_, data) =
            EMBEDDED.iter().find(|(file, _)| *file == name).expect("the book names embedded files");
        store.push((EmbeddedFace { data, index }, info));
    }
    if system {
        store.extend(typst_kit::fonts::system());
    }
    store
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `font-book.json` says what the faces say (`QREVIEW_BLESS=1` writes it again
    /// after a font in `fonts/` changed).
    #[test]
    fn the_font_book_is_current() {
        let faces = book_from_faces();
        if std::env::var_os("QREVIEW_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/render/font-book.json");
            std::fs::write(path, serde_json::to_string(&faces).unwrap() + "\n").unwrap();
            return;
        }
        assert!(book() == faces, "src/render/font-book.json is stale: run the tests with QREVIEW_BLESS=1");
        for (name, index, info) in faces {
            let (_, data) = EMBEDDED.iter().find(|(file, _)| *file == name).unwrap();
            let font = EmbeddedFace { data, index }.load().expect("every embedded face loads");
            assert!(font.info() == &info, "{name} #{index} loads as the book says");
        }
    }

    #[test]
    fn every_named_family_is_embedded() {
        let store = embedded();
        // The families layouts/quarterly-review/theme.typ names.
        let families =
            ["Noto Sans", "Noto Sans Hebrew", "Noto Sans Arabic", "WenQuanYi Micro Hei", "DejaVu Sans Mono"];
        for family in families {
            assert!(
                store.book().select_family(&family.to_lowercase()).next().is_some(),
                "{family} is not among the embedded fonts"
            );
        }
    }
}
