//! A slide's shapes and their PresentationML: the title in the title placeholder (so that
//! the outline view and "reuse slides" see it), text boxes, native tables, native charts,
//! the footer and the slide number in the layout's placeholders, and the notes page.

use super::measure;
use super::parts::{MARGIN, NS_A, NS_P, NS_R, SLIDE_W, to_design, to_slide};
use super::text::{HEADER_FILL, Para, RULE, write_paras};
use super::xml::Xml;

/// One slide of the deck.
pub(super) struct Slide {
    /// 1: "Title and Content"; 2: "Title Slide".
    pub(super) layout: u32,
    /// The title placeholder's paragraphs (a second one holds the subtitle).
    pub(super) title: Vec<Para>,
    /// Where the title goes, when not where the layout puts it.
    pub(super) title_frame: Option<Frame>,
    /// The subtitle placeholder, on a "Title Slide".
    pub(super) subtitle: Vec<Para>,
    pub(super) shapes: Vec<Shape>,
    pub(super) footer: Option<String>,
    pub(super) notes: Option<Vec<Para>>,
}

#[derive(Clone)]
pub(super) enum Shape {
    Text {
        frame: Frame,
        paras: Vec<Para>,
        size: u32,
    },
    Table {
        frame: Frame,
        table: Table,
    },
    /// A native chart: `part` is its number among the chart parts.
    Chart {
        frame: Frame,
        part: usize,
        alt: String,
    },
}

/// Position and size, in EMU.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    pub(super) x: i64,
    pub(super) y: i64,
    pub(super) w: i64,
    pub(super) h: i64,
}

impl Frame {
    /// The body's width, from `y` down, `h` high.
    pub(super) fn body(y: i64, h: i64) -> Frame {
        Frame { x: MARGIN, y, w: SLIDE_W - 2 * MARGIN, h }
    }
}

#[derive(Clone)]
pub(super) struct Table {
    /// Relative widths of the columns.
    pub(super) columns: Vec<f64>,
    pub(super) rows: Vec<Row>,
    /// Text size, in hundredths of a point.
    pub(super) size: u32,
}

#[derive(Clone)]
pub(super) struct Row {
    pub(super) cells: Vec<Cell>,
    pub(super) header: bool,
}

/// Rows of a table's body that belong together, as a workflow category's do: a deck
/// keeps them on one slide when they fit one, and a slide that continues them opens with
/// `lead` (the category) in place of the first cell of its first row.
pub(super) struct Group {
    /// The rows, counted from the first row after the header.
    pub(super) rows: std::ops::Range<usize>,
    pub(super) lead: Cell,
}

#[derive(Clone)]
pub(super) struct Cell {
    pub(super) paras: Vec<Para>,
    /// How many columns it spans.
    pub(super) span: usize,
    pub(super) fill: Option<&'static str>,
}

impl Cell {
    pub(super) fn new(paras: Vec<Para>) -> Cell {
        Cell { paras, span: 1, fill: None }
    }
    pub(super) fn text(text: impl Into<String>) -> Cell {
        Cell::new(vec![Para::text(text)])
    }
}

/// Cell margins, in EMU.
const CELL_MARGIN_X: i64 = 68_580;
const CELL_MARGIN_Y: i64 = 34_290;
/// EMU per point.
const POINT: f64 = 12_700.0;

impl Table {
    /// The columns' widths in a table `width` wide (both in slide units): the columns'
    /// shares of it, with every column widened to hold its longest word whole (see
    /// [`measure`]) at the expense of the others' room beyond their own longest words.
    /// Where the words need more than the table has, the columns that need more get what
    /// the others can spare, in proportion to what they lack.
    pub(super) fn column_widths(&self, width: i64) -> Vec<i64> {
        let total: f64 = self.columns.iter().sum();
        let shares: Vec<f64> = self.columns.iter().map(|share| width as f64 * share / total).collect();
        let needs = self.longest_words();
        let lacking: f64 = shares.iter().zip(&needs).map(|(share, need)| (need - share).max(0.0)).sum();
        let spare: f64 = shares.iter().zip(&needs).map(|(share, need)| (share - need).max(0.0)).sum();
        if lacking == 0.0 {
            return shares.iter().map(|share| *share as i64).collect();
        }
        // Of what the lacking columns lack, the share the others can give; and of what
        // the others can spare, the share they give.
        let given = (spare / lacking).min(1.0);
        let taken = (lacking / spare).min(1.0);
        shares
            .iter()
            .zip(&needs)
            .map(|(share, need)| {
                let width = if need > share {
                    share + (need - share) * given
                } else {
                    share - (share - need) * taken
                };
                width as i64
            })
            .collect()
    }

    /// Each column's longest word with the cell's margins, in slide units: the width
    /// under which a reader breaks a word inside (cells spanning columns are left out).
    fn longest_words(&self) -> Vec<f64> {
        let mut needs = vec![0.0_f64; self.columns.len()];
        for row in &self.rows {
            let mut column = 0;
            for cell in &row.cells {
                if cell.span == 1 && column < needs.len() {
                    let widest = cell
                        .paras
                        .iter()
                        .flat_map(|para| &para.runs)
                        .filter(|run| !run.br)
                        .flat_map(|run| {
                            let size = f64::from(run.size.unwrap_or(self.size)) / 100.0;
                            // A header cell's runs are set bold (see `table_cell`).
                            let bold = run.bold || row.header;
                            run.text
                                .split_whitespace()
                                .map(move |word| measure::word_width(word, bold, run.mono, size))
                        })
                        .fold(0.0, f64::max);
                    let need = widest * POINT + 2.0 * CELL_MARGIN_X as f64;
                    needs[column] = needs[column].max(need);
                }
                column += cell.span;
            }
        }
        needs
    }

    /// An estimate of each row's height at the table's size, in design units (see
    /// [`to_slide`]), for a table `width` wide: the lines each cell's text needs in its
    /// column, at an average character width (a wide one: where Noto Sans is not
    /// installed, a wider face such as DejaVu Sans stands in, and the text must still fit).
    pub(super) fn row_heights(&self, width: i64) -> Vec<i64> {
        let widths = self.column_widths(to_slide(width));
        let size = f64::from(self.size) / 100.0;
        let char_width = size * 0.55 * POINT;
        let line = size * 1.2 * POINT;
        self.rows
            .iter()
            .map(|row| {
                let mut column = 0;
                let lines = row
                    .cells
                    .iter()
                    .map(|cell| {
                        let spanned: i64 =
                            widths[column..(column + cell.span).min(widths.len())].iter().sum();
                        column += cell.span;
                        let room = (spanned as f64 - 2.0 * CELL_MARGIN_X as f64).max(char_width);
                        let per_line = (room / char_width).floor().max(1.0);
                        cell.paras
                            .iter()
                            .map(|para| {
                                (para.chars() as f64 / per_line).ceil().max(1.0) + para.breaks() as f64
                            })
                            .sum::<f64>()
                    })
                    .fold(1.0, f64::max);
                to_design((lines * line) as i64 + 2 * CELL_MARGIN_Y + 20_000)
            })
            .collect()
    }
}

/// The slide's XML; `link_id` numbers the addresses of its links.
pub(super) fn slide_xml(slide: &Slide, link_id: &mut dyn FnMut(&str) -> String) -> Vec<u8> {
    let mut x = Xml::new();
    x.el("p:sld", &[("xmlns:a", NS_A), ("xmlns:r", NS_R), ("xmlns:p", NS_P)], |x| {
        x.el("p:cSld", &[], |x| {
            x.el("p:spTree", &[], |x| {
                group_properties(x);
                let mut id = 2;
                let title_kind = if slide.layout == 2 { "ctrTitle" } else { "title" };
                let ph = [("type", title_kind)];
                placeholder(x, &mut id, "Title", &ph, slide.title_frame, &slide.title, 2800, link_id);
                if slide.layout == 2 && !slide.subtitle.is_empty() {
                    let ph = [("type", "subTitle"), ("idx", "1")];
                    placeholder(x, &mut id, "Subtitle", &ph, None, &slide.subtitle, 2000, link_id);
                }
                for shape in &slide.shapes {
                    match shape {
                        Shape::Text { frame, paras, size } => {
                            text_box(x, &mut id, *frame, paras, *size, link_id)
                        }
                        Shape::Table { frame, table } => table_frame(x, &mut id, *frame, table, link_id),
                        Shape::Chart { frame, part, alt } => chart_frame(x, &mut id, *frame, *part, alt),
                    }
                }
                if let Some(footer) = &slide.footer {
                    let paras = [Para::text(footer.clone())];
                    let ph = [("type", "ftr"), ("sz", "quarter"), ("idx", "11")];
                    placeholder(x, &mut id, "Footer", &ph, None, &paras, 1000, link_id);
                }
                slide_number(x, &mut id);
            });
        });
        x.el("p:clrMapOvr", &[], |x| x.empty("a:masterClrMapping", &[]));
    });
    x.finish()
}

fn group_properties(x: &mut Xml) {
    x.el("p:nvGrpSpPr", &[], |x| {
        x.empty("p:cNvPr", &[("id", "1"), ("name", "")]);
        x.empty("p:cNvGrpSpPr", &[]);
        x.empty("p:nvPr", &[]);
    });
    x.el("p:grpSpPr", &[], |x| {
        x.el("a:xfrm", &[], |x| {
            for (name, a, b) in
                [("a:off", "x", "y"), ("a:ext", "cx", "cy"), ("a:chOff", "x", "y"), ("a:chExt", "cx", "cy")]
            {
                x.empty(name, &[(a, "0"), (b, "0")]);
            }
        });
    });
}

fn shape_id(id: &mut u32) -> String {
    let this = *id;
    *id += 1;
    this.to_string()
}

#[allow(clippy::too_many_arguments)]
fn placeholder(
    x: &mut Xml,
    id: &mut u32,
    name: &str,
    ph: &[(&str, &str)],
    frame: Option<Frame>,
    paras: &[Para],
    size: u32,
    link_id: &mut dyn FnMut(&str) -> String,
) {
    let id = shape_id(id);
    x.el("p:sp", &[], |x| {
        x.el("p:nvSpPr", &[], |x| {
            x.empty("p:cNvPr", &[("id", &id), ("name", name)]);
            x.el("p:cNvSpPr", &[], |x| x.empty("a:spLocks", &[("noGrp", "1")]));
            x.el("p:nvPr", &[], |x| x.empty("p:ph", ph));
        });
        match frame {
            Some(frame) => x.el("p:spPr", &[], |x| transform(x, "a:xfrm", frame)),
            None => x.empty("p:spPr", &[]),
        }
        x.el("p:txBody", &[], |x| {
            x.el("a:bodyPr", &[], |x| x.empty("a:normAutofit", &[]));
            x.empty("a:lstStyle", &[]);
            write_paras(x, paras, size, link_id);
        });
    });
}

fn slide_number(x: &mut Xml, id: &mut u32) {
    let id = shape_id(id);
    x.el("p:sp", &[], |x| {
        x.el("p:nvSpPr", &[], |x| {
            x.empty("p:cNvPr", &[("id", &id), ("name", "Slide number")]);
            x.el("p:cNvSpPr", &[], |x| x.empty("a:spLocks", &[("noGrp", "1")]));
            x.el("p:nvPr", &[], |x| x.empty("p:ph", &[("type", "sldNum"), ("sz", "quarter"), ("idx", "12")]));
        });
        x.empty("p:spPr", &[]);
        x.el("p:txBody", &[], |x| {
            x.empty("a:bodyPr", &[]);
            x.empty("a:lstStyle", &[]);
            x.el("a:p", &[], |x| {
                x.el(
                    "a:fld",
                    &[("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"), ("type", "slidenum")],
                    |x| {
                        x.empty("a:rPr", &[("lang", "en-US")]);
                        x.text_el("a:t", &[], "\u{2039}#\u{203a}");
                    },
                );
            });
        });
    });
}

/// A designed frame as written (see [`to_slide`]).
fn transform(x: &mut Xml, name: &str, frame: Frame) {
    let [fx, fy, fw, fh] = [frame.x, frame.y, frame.w, frame.h].map(|v| to_slide(v).to_string());
    x.el(name, &[], |x| {
        x.empty("a:off", &[("x", &fx), ("y", &fy)]);
        x.empty("a:ext", &[("cx", &fw), ("cy", &fh)]);
    });
}

fn text_box(
    x: &mut Xml,
    id: &mut u32,
    frame: Frame,
    paras: &[Para],
    size: u32,
    link_id: &mut dyn FnMut(&str) -> String,
) {
    let id = shape_id(id);
    x.el("p:sp", &[], |x| {
        x.el("p:nvSpPr", &[], |x| {
            x.empty("p:cNvPr", &[("id", &id), ("name", &format!("Text {id}"))]);
            x.empty("p:cNvSpPr", &[("txBox", "1")]);
            x.empty("p:nvPr", &[]);
        });
        x.el("p:spPr", &[], |x| {
            transform(x, "a:xfrm", frame);
            x.el("a:prstGeom", &[("prst", "rect")], |x| x.empty("a:avLst", &[]));
            x.empty("a:noFill", &[]);
        });
        x.el("p:txBody", &[], |x| {
            // PowerPoint's own shrink-on-overflow, should an edit make the text longer.
            x.el("a:bodyPr", &[("wrap", "square"), ("lIns", "0"), ("rIns", "0")], |x| {
                x.empty("a:normAutofit", &[])
            });
            x.empty("a:lstStyle", &[]);
            write_paras(x, paras, size, link_id);
        });
    });
}

fn table_frame(
    x: &mut Xml,
    id: &mut u32,
    frame: Frame,
    table: &Table,
    link_id: &mut dyn FnMut(&str) -> String,
) {
    let id = shape_id(id);
    let widths = table.column_widths(to_slide(frame.w));
    let heights: Vec<i64> = table.row_heights(frame.w).into_iter().map(to_slide).collect();
    let height: i64 = heights.iter().sum();
    x.el("p:graphicFrame", &[], |x| {
        x.el("p:nvGraphicFramePr", &[], |x| {
            x.empty("p:cNvPr", &[("id", &id), ("name", &format!("Table {id}"))]);
            x.el("p:cNvGraphicFramePr", &[], |x| x.empty("a:graphicFrameLocks", &[("noGrp", "1")]));
            x.empty("p:nvPr", &[]);
        });
        transform(x, "p:xfrm", Frame { h: to_design(height), ..frame });
        x.el("a:graphic", &[], |x| {
            x.el(
                "a:graphicData",
                &[("uri", "http://schemas.openxmlformats.org/drawingml/2006/table")],
                |x| {
                    x.el("a:tbl", &[], |x| {
                        x.empty("a:tblPr", &[("firstRow", "1")]);
                        x.el("a:tblGrid", &[], |x| {
                            for width in &widths {
                                x.empty("a:gridCol", &[("w", &width.to_string())]);
                            }
                        });
                        for (row, h) in table.rows.iter().zip(&heights) {
                            x.el("a:tr", &[("h", &h.to_string())], |x| {
                                for cell in &row.cells {
                                    table_cell(x, cell, row.header, table.size, &[], link_id);
                                    for _ in 1..cell.span {
                                        let merged = Cell::new(vec![Para::default()]);
                                        table_cell(
                                            x,
                                            &merged,
                                            row.header,
                                            table.size,
                                            &[("hMerge", "1")],
                                            link_id,
                                        );
                                    }
                                }
                            });
                        }
                    });
                },
            );
        });
    });
}

fn table_cell(
    x: &mut Xml,
    cell: &Cell,
    header: bool,
    size: u32,
    extra: &[(&str, &str)],
    link_id: &mut dyn FnMut(&str) -> String,
) {
    let span = cell.span.to_string();
    let mut attrs: Vec<(&str, &str)> = extra.to_vec();
    if cell.span > 1 {
        attrs.push(("gridSpan", &span));
    }
    x.el("a:tc", &attrs, |x| {
        x.el("a:txBody", &[], |x| {
            x.empty("a:bodyPr", &[]);
            x.empty("a:lstStyle", &[]);
            let paras: Vec<Para> = if header {
                cell.paras
                    .iter()
                    .map(|p| Para {
                        runs: p.runs.iter().map(|r| super::text::Run { bold: true, ..r.clone() }).collect(),
                        ..p.clone()
                    })
                    .collect()
            } else {
                cell.paras.clone()
            };
            write_paras(x, &paras, size, link_id);
        });
        let (mx, my) = (CELL_MARGIN_X.to_string(), CELL_MARGIN_Y.to_string());
        x.el("a:tcPr", &[("marL", &mx), ("marR", &mx), ("marT", &my), ("marB", &my)], |x| {
            for side in ["a:lnL", "a:lnR", "a:lnT"] {
                x.el(side, &[("w", "0")], |x| x.empty("a:noFill", &[]));
            }
            x.el("a:lnB", &[("w", "6350")], |x| {
                x.el("a:solidFill", &[], |x| x.empty("a:srgbClr", &[("val", RULE)]))
            });
            match cell.fill.or(header.then_some(HEADER_FILL)) {
                Some(fill) => x.el("a:solidFill", &[], |x| x.empty("a:srgbClr", &[("val", fill)])),
                None => x.empty("a:noFill", &[]),
            }
        });
    });
}

fn chart_frame(x: &mut Xml, id: &mut u32, frame: Frame, part: usize, alt: &str) {
    let id = shape_id(id);
    x.el("p:graphicFrame", &[], |x| {
        x.el("p:nvGraphicFramePr", &[], |x| {
            x.empty("p:cNvPr", &[("id", &id), ("name", &format!("Chart {id}")), ("descr", alt)]);
            x.empty("p:cNvGraphicFramePr", &[]);
            x.empty("p:nvPr", &[]);
        });
        transform(x, "p:xfrm", frame);
        x.el("a:graphic", &[], |x| {
            x.el(
                "a:graphicData",
                &[("uri", "http://schemas.openxmlformats.org/drawingml/2006/chart")],
                |x| {
                    x.empty(
                        "c:chart",
                        &[
                            ("xmlns:c", super::parts::NS_C),
                            ("xmlns:r", NS_R),
                            ("r:id", &format!("rIdChart{part}")),
                        ],
                    );
                },
            );
        });
    });
}

/// The notes page of a slide.
pub(super) fn notes_xml(paras: &[Para]) -> Vec<u8> {
    let mut x = Xml::new();
    let mut no_links = |_: &str| String::new();
    x.el("p:notes", &[("xmlns:a", NS_A), ("xmlns:r", NS_R), ("xmlns:p", NS_P)], |x| {
        x.el("p:cSld", &[], |x| {
            x.el("p:spTree", &[], |x| {
                group_properties(x);
                x.el("p:sp", &[], |x| {
                    x.el("p:nvSpPr", &[], |x| {
                        x.empty("p:cNvPr", &[("id", "2"), ("name", "Slide Image")]);
                        x.el("p:cNvSpPr", &[], |x| {
                            x.empty("a:spLocks", &[("noGrp", "1"), ("noRot", "1"), ("noChangeAspect", "1")])
                        });
                        x.el("p:nvPr", &[], |x| x.empty("p:ph", &[("type", "sldImg")]));
                    });
                    x.empty("p:spPr", &[]);
                });
                x.el("p:sp", &[], |x| {
                    x.el("p:nvSpPr", &[], |x| {
                        x.empty("p:cNvPr", &[("id", "3"), ("name", "Notes")]);
                        x.el("p:cNvSpPr", &[], |x| x.empty("a:spLocks", &[("noGrp", "1")]));
                        x.el("p:nvPr", &[], |x| x.empty("p:ph", &[("type", "body"), ("idx", "1")]));
                    });
                    x.empty("p:spPr", &[]);
                    x.el("p:txBody", &[], |x| {
                        x.empty("a:bodyPr", &[]);
                        x.empty("a:lstStyle", &[]);
                        // Notes keep their text; links in them are shown as text.
                        let plain: Vec<Para> = paras
                            .iter()
                            .map(|p| Para {
                                runs: p
                                    .runs
                                    .iter()
                                    .map(|r| super::text::Run { link: None, ..r.clone() })
                                    .collect(),
                                ..p.clone()
                            })
                            .collect();
                        write_paras(x, &plain, 1200, &mut no_links);
                    });
                });
            });
        });
        x.el("p:clrMapOvr", &[], |x| x.empty("a:masterClrMapping", &[]));
    });
    x.finish()
}
