//! The fonts every deck is set in, embedded in the binary.
//!
//! Output must not depend on the machine, so the faces in `fonts/` are compiled in and
//! system fonts are only added on request. Fonts are parsed once per process and shared
//! by every compilation.

use std::sync::{Arc, OnceLock};

use typst::foundations::Bytes;
use typst::text::Font;
use typst_kit::fonts::FontStore;

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

fn load(system: bool) -> FontStore {
    let mut store = FontStore::new();
    for (_, data) in EMBEDDED {
        store.extend(Font::iter(Bytes::new(*data)).map(|font| {
            let info = font.info().clone();
            (font, info)
        }));
    }
    if system {
        store.extend(typst_kit::fonts::system());
    }
    store
}

#[cfg(test)]
mod tests {
    use super::*;

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
