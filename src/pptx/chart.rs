//! A native chart part (DrawingML charts): line or bar, its data held in the chart as
//! literal values, with the PDF's axis (ticks) and colours, so that it can be restyled
//! and read in PowerPoint and Impress.

use super::parts::{NS_A, NS_C, NS_R};
use super::xml::Xml;
use crate::document::ChartDoc;

const PALETTE: [&str; 5] = ["3366CC", "AC6600", "14866D", "D33333", "72777D"];

pub(super) fn chart_xml(chart: &ChartDoc) -> Vec<u8> {
    let mut x = Xml::new();
    let line = chart.kind == "line";
    x.el("c:chartSpace", &[("xmlns:c", NS_C), ("xmlns:a", NS_A), ("xmlns:r", NS_R)], |x| {
        x.empty("c:roundedCorners", &[("val", "0")]);
        x.el("c:chart", &[], |x| {
            x.empty("c:autoTitleDeleted", &[("val", "1")]);
            x.el("c:plotArea", &[], |x| {
                x.empty("c:layout", &[]);
                let kind = if line { "c:lineChart" } else { "c:barChart" };
                x.el(kind, &[], |x| {
                    if !line {
                        x.empty("c:barDir", &[("val", "col")]);
                    }
                    x.empty("c:grouping", &[("val", if line { "standard" } else { "clustered" })]);
                    x.empty("c:varyColors", &[("val", "0")]);
                    for (index, series) in chart.series.iter().enumerate() {
                        let colour = PALETTE[index % PALETTE.len()];
                        let idx = index.to_string();
                        x.el("c:ser", &[], |x| {
                            x.empty("c:idx", &[("val", &idx)]);
                            x.empty("c:order", &[("val", &idx)]);
                            // A reference with its cached value, as PowerPoint writes a series
                            // name (the data itself is held as literal values).
                            x.el("c:tx", &[], |x| {
                                x.el("c:strRef", &[], |x| {
                                    x.text_el("c:f", &[], &format!("Sheet1!${}$1", column(index + 1)));
                                    x.el("c:strCache", &[], |x| {
                                        x.empty("c:ptCount", &[("val", "1")]);
                                        x.el("c:pt", &[("idx", "0")], |x| {
                                            x.text_el("c:v", &[], &series.name)
                                        });
                                    });
                                });
                            });
                            x.el("c:spPr", &[], |x| {
                                if line {
                                    x.el("a:ln", &[("w", "28575")], |x| fill(x, colour));
                                } else {
                                    fill(x, colour);
                                }
                            });
                            if line {
                                x.el("c:marker", &[], |x| {
                                    x.empty("c:symbol", &[("val", "circle")]);
                                    x.empty("c:size", &[("val", "6")]);
                                    x.el("c:spPr", &[], |x| fill(x, colour));
                                });
                            }
                            x.el("c:cat", &[], |x| {
                                x.el("c:strLit", &[], |x| {
                                    x.empty("c:ptCount", &[("val", &chart.x.len().to_string())]);
                                    for (i, label) in chart.x.iter().enumerate() {
                                        x.el("c:pt", &[("idx", &i.to_string())], |x| {
                                            x.text_el("c:v", &[], label)
                                        });
                                    }
                                });
                            });
                            x.el("c:val", &[], |x| {
                                x.el("c:numLit", &[], |x| {
                                    x.text_el("c:formatCode", &[], "General");
                                    x.empty("c:ptCount", &[("val", &series.values.len().to_string())]);
                                    for (i, value) in series.values.iter().enumerate() {
                                        x.el("c:pt", &[("idx", &i.to_string())], |x| {
                                            x.text_el("c:v", &[], &value.to_string())
                                        });
                                    }
                                });
                            });
                            if line {
                                x.empty("c:smooth", &[("val", "0")]);
                            }
                        });
                    }
                    if line {
                        x.empty("c:marker", &[("val", "1")]);
                    } else {
                        x.empty("c:gapWidth", &[("val", "80")]);
                    }
                    x.empty("c:axId", &[("val", "1")]);
                    x.empty("c:axId", &[("val", "2")]);
                });
                x.el("c:catAx", &[], |x| {
                    x.empty("c:axId", &[("val", "1")]);
                    x.el("c:scaling", &[], |x| x.empty("c:orientation", &[("val", "minMax")]));
                    x.empty("c:delete", &[("val", "0")]);
                    x.empty("c:axPos", &[("val", "b")]);
                    x.empty("c:numFmt", &[("formatCode", "General"), ("sourceLinked", "0")]);
                    x.empty("c:tickLblPos", &[("val", "nextTo")]);
                    x.empty("c:crossAx", &[("val", "2")]);
                    x.empty("c:crosses", &[("val", "autoZero")]);
                    x.empty("c:auto", &[("val", "1")]);
                    x.empty("c:lblAlgn", &[("val", "ctr")]);
                    x.empty("c:lblOffset", &[("val", "100")]);
                });
                x.el("c:valAx", &[], |x| {
                    x.empty("c:axId", &[("val", "2")]);
                    x.el("c:scaling", &[], |x| {
                        x.empty("c:orientation", &[("val", "minMax")]);
                        if let (Some(low), Some(high)) =
                            (chart.figures.ticks.first(), chart.figures.ticks.last())
                        {
                            x.empty("c:max", &[("val", &high.to_string())]);
                            x.empty("c:min", &[("val", &low.to_string())]);
                        }
                    });
                    x.empty("c:delete", &[("val", "0")]);
                    x.empty("c:axPos", &[("val", "l")]);
                    x.el("c:majorGridlines", &[], |x| {
                        x.el("c:spPr", &[], |x| x.el("a:ln", &[("w", "6350")], |x| fill(x, "C8CCD1")));
                    });
                    if let Some(unit) = &chart.unit {
                        x.el("c:title", &[], |x| {
                            x.el("c:tx", &[], |x| {
                                x.el("c:rich", &[], |x| {
                                    x.empty("a:bodyPr", &[]);
                                    x.el("a:p", &[], |x| x.el("a:r", &[], |x| x.text_el("a:t", &[], unit)));
                                });
                            });
                            x.empty("c:overlay", &[("val", "0")]);
                        });
                    }
                    x.empty("c:numFmt", &[("formatCode", "General"), ("sourceLinked", "0")]);
                    x.empty("c:tickLblPos", &[("val", "nextTo")]);
                    x.empty("c:crossAx", &[("val", "1")]);
                    x.empty("c:crosses", &[("val", "autoZero")]);
                    x.empty("c:crossBetween", &[("val", "between")]);
                    if let [first, second, ..] = chart.figures.ticks[..] {
                        x.empty("c:majorUnit", &[("val", &(second - first).to_string())]);
                    }
                });
            });
            x.el("c:legend", &[], |x| {
                x.empty("c:legendPos", &[("val", "b")]);
                x.empty("c:overlay", &[("val", "0")]);
            });
            x.empty("c:plotVisOnly", &[("val", "1")]);
            x.empty("c:dispBlanksAs", &[("val", "gap")]);
        });
        // The PDF's chart text: Noto Sans, 12 pt.
        x.el("c:txPr", &[], |x| {
            x.empty("a:bodyPr", &[]);
            x.empty("a:lstStyle", &[]);
            x.el("a:p", &[], |x| {
                x.el("a:pPr", &[], |x| {
                    x.el("a:defRPr", &[("sz", "1200")], |x| x.empty("a:latin", &[("typeface", "Noto Sans")]))
                });
                x.empty("a:endParaRPr", &[("lang", "en-US")]);
            });
        });
    });
    x.finish()
}

/// A spreadsheet column's letters: 1 is A, 27 is AA.
fn column(mut number: usize) -> String {
    let mut letters = Vec::new();
    while number > 0 {
        letters.push(b'A' + ((number - 1) % 26) as u8);
        number = (number - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

fn fill(x: &mut Xml, colour: &str) {
    x.el("a:solidFill", &[], |x| x.empty("a:srgbClr", &[("val", colour)]));
}
