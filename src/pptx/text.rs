//! Text as a slide holds it: paragraphs of runs, each run with its own look; and the
//! DrawingML that writes them. Rich text from the document maps onto it one to one: a
//! paragraph per paragraph (its lines broken), a bullet per bullet, bold, italic,
//! struck and code runs, links to web and mail addresses.

use super::xml::Xml;
use crate::markup::{Block, Inline, Rich};

/// The deck's colours (theme.typ).
pub(super) const INK: &str = "1A1A1A";
pub(super) const MUTED: &str = "72777D";
pub(super) const ACCENT: &str = "3366CC";
pub(super) const GOOD: &str = "14866D";
pub(super) const BAD: &str = "D33333";
pub(super) const PARTIAL: &str = "AC6600";
pub(super) const DROPPED: &str = "72777D";
pub(super) const HEADER_FILL: &str = "E8EAED";
pub(super) const RULE: &str = "C8CCD1";

#[derive(Debug, Clone, Default)]
pub(super) struct Run {
    pub(super) text: String,
    pub(super) bold: bool,
    pub(super) italic: bool,
    pub(super) strike: bool,
    pub(super) mono: bool,
    pub(super) colour: Option<&'static str>,
    /// A highlight behind the text (the outcome badges).
    pub(super) fill: Option<&'static str>,
    pub(super) size: Option<u32>,
    pub(super) link: Option<String>,
    /// A line break inside the paragraph, not text.
    pub(super) br: bool,
}

impl Run {
    pub(super) fn new(text: impl Into<String>) -> Run {
        Run { text: text.into(), ..Run::default() }
    }
    pub(super) fn bold(mut self) -> Run {
        self.bold = true;
        self
    }
    pub(super) fn italic(mut self) -> Run {
        self.italic = true;
        self
    }
    pub(super) fn colour(mut self, colour: &'static str) -> Run {
        self.colour = Some(colour);
        self
    }
    pub(super) fn size(mut self, size: u32) -> Run {
        self.size = Some(size);
        self
    }
}

#[derive(Debug, Clone, Default)]
pub(super) struct Para {
    pub(super) runs: Vec<Run>,
    pub(super) bullet: bool,
    pub(super) align: Option<&'static str>,
}

impl Para {
    pub(super) fn of(runs: Vec<Run>) -> Para {
        Para { runs, ..Para::default() }
    }
    pub(super) fn text(text: impl Into<String>) -> Para {
        Para::of(vec![Run::new(text)])
    }
    pub(super) fn bullet(mut self) -> Para {
        self.bullet = true;
        self
    }
    pub(super) fn align(mut self, align: &'static str) -> Para {
        self.align = Some(align);
        self
    }
    /// The characters of the paragraph, for estimating its height.
    pub(super) fn chars(&self) -> usize {
        self.runs.iter().map(|run| run.text.chars().count()).sum()
    }
    pub(super) fn breaks(&self) -> usize {
        self.runs.iter().filter(|run| run.br).count()
    }
}

/// Rich text as paragraphs; `prefix` runs go before the first one's text, `suffix`
/// runs after the last one's.
pub(super) fn rich(text: &Rich, prefix: Vec<Run>, suffix: Vec<Run>) -> Vec<Para> {
    let mut paras = Vec::new();
    for block in text {
        match block {
            Block::Paragraph { lines } => {
                let mut runs = Vec::new();
                for (index, line) in lines.iter().enumerate() {
                    if index > 0 {
                        runs.push(Run { br: true, ..Run::default() });
                    }
                    inlines(line, &Run::default(), &mut runs);
                }
                paras.push(Para::of(runs));
            }
            Block::Bullets { items } => {
                for item in items {
                    let mut runs = Vec::new();
                    inlines(item, &Run::default(), &mut runs);
                    paras.push(Para::of(runs).bullet());
                }
            }
        }
    }
    if paras.is_empty() {
        paras.push(Para::default());
    }
    if let Some(first) = paras.first_mut() {
        first.runs.splice(0..0, prefix);
    }
    if let Some(last) = paras.last_mut() {
        last.runs.extend(suffix);
    }
    paras
}

fn inlines(items: &[Inline], style: &Run, out: &mut Vec<Run>) {
    for item in items {
        match item {
            Inline::Text { text } => out.push(Run { text: text.clone(), ..style.clone() }),
            Inline::Code { text } => out.push(Run { text: text.clone(), mono: true, ..style.clone() }),
            Inline::Strong { body } => inlines(body, &Run { bold: true, ..style.clone() }, out),
            Inline::Emph { body } => inlines(body, &Run { italic: true, ..style.clone() }, out),
            Inline::Strike { body } => inlines(body, &Run { strike: true, ..style.clone() }, out),
            Inline::Link { url, body } => {
                // Only web and mail addresses become links; anything else stays text.
                let safe =
                    ["http://", "https://", "mailto:"].iter().any(|s| url.to_lowercase().starts_with(s));
                let link = safe.then(|| url.clone());
                inlines(body, &Run { link, colour: safe.then_some(ACCENT), ..style.clone() }, out);
            }
        }
    }
}

/// Writes paragraphs into a text body; links are numbered through `link_id`, which
/// gives the relationship id of a link's address.
pub(super) fn write_paras(x: &mut Xml, paras: &[Para], size: u32, link_id: &mut dyn FnMut(&str) -> String) {
    for para in paras {
        x.start("a:p", &[]);
        let mut attrs: Vec<(&str, String)> = Vec::new();
        if let Some(align) = para.align {
            attrs.push(("algn", align.to_owned()));
        }
        if para.bullet {
            attrs.push(("marL", "285750".to_owned()));
            attrs.push(("indent", "-285750".to_owned()));
        }
        let attrs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        x.el("a:pPr", &attrs, |x| {
            if para.bullet {
                x.empty("a:buFont", &[("typeface", "Arial")]);
                x.empty("a:buChar", &[("char", "\u{2022}")]);
            } else {
                x.empty("a:buNone", &[]);
            }
        });
        for run in &para.runs {
            if run.br {
                x.el("a:br", &[], |x| x.empty("a:rPr", &[("lang", "en-US")]));
                continue;
            }
            x.el("a:r", &[], |x| {
                let size = run.size.unwrap_or(size).to_string();
                let mut attrs = vec![("lang", "en-US"), ("sz", size.as_str())];
                if run.bold {
                    attrs.push(("b", "1"));
                }
                if run.italic {
                    attrs.push(("i", "1"));
                }
                if run.strike {
                    attrs.push(("strike", "sngStrike"));
                }
                x.el("a:rPr", &attrs, |x| {
                    if let Some(colour) = run.colour {
                        x.el("a:solidFill", &[], |x| x.empty("a:srgbClr", &[("val", colour)]));
                    }
                    if let Some(fill) = run.fill {
                        x.el("a:highlight", &[], |x| x.empty("a:srgbClr", &[("val", fill)]));
                    }
                    // Named on every run, as in the PDF: where Noto Sans is installed the deck
                    // looks the same; elsewhere the application substitutes a sans face.
                    x.empty(
                        "a:latin",
                        &[("typeface", if run.mono { "DejaVu Sans Mono" } else { "Noto Sans" })],
                    );
                    if let Some(url) = &run.link {
                        let id = link_id(url);
                        x.empty("a:hlinkClick", &[("r:id", id.as_str())]);
                    }
                });
                x.text_el("a:t", &[], &run.text);
            });
        }
        x.el("a:endParaRPr", &[("lang", "en-US"), ("sz", &size.to_string())], |_| {});
        x.end("a:p");
    }
}
