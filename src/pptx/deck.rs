//! The slides of a deck, from the document the Typst layout reads, in the layout's order:
//! cover, agenda, scorecard; then each team's title slide, objectives (each chart after
//! its objective), highlights, other successes and misses, tables, workflows,
//! allocation, skills. Figures are the document's, as on the PDF's slides.

use super::parts::{MARGIN, SLIDE_H, SLIDE_W};
use super::shapes::{Cell, Frame, Group, Row, Shape, Slide, Table};
use super::text::{ACCENT, BAD, DROPPED, GOOD, INK, MUTED, PARTIAL, Para, Run, rich};
use crate::compute::kpi::Tone;
use crate::document::{DeckKind, Document, TeamDoc};
use crate::markup;

/// Where content starts, under the title, and the room it has above the footer.
const BODY_TOP: i64 = 1_280_160;
const BODY_BOTTOM: i64 = 6_217_920;
/// Table text sizes tried in turn, largest first (the PDF's 14 pt down to its floor).
const TABLE_SIZES: [u32; 3] = [1400, 1200, 1100];

/// The slides, and the charts to write as parts of their own, in slide order.
pub(super) fn slides(document: &Document) -> (Vec<Slide>, Vec<&crate::document::ChartDoc>) {
    let review = &document.review;
    let footer =
        [review.organization.as_deref(), review.department.as_deref(), Some(review.quarter.as_str())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" \u{b7} ");
    let mut deck = Builder { slides: Vec::new(), charts: Vec::new(), footer };
    if document.kind == DeckKind::Review {
        deck.cover(document);
        deck.agenda(document);
        if let Some(card) = &document.scorecard {
            deck.scorecard(card);
        }
    }
    for team in &document.teams {
        deck.team(document, team);
    }
    (deck.slides, deck.charts)
}

struct Builder<'a> {
    slides: Vec<Slide>,
    charts: Vec<&'a crate::document::ChartDoc>,
    footer: String,
}

fn title(heading: &str, subtitle: Option<&str>) -> Vec<Para> {
    let mut paras = vec![Para::of(vec![Run::new(heading).bold()])];
    if let Some(subtitle) = subtitle {
        paras.push(Para::of(vec![Run::new(subtitle).size(1800).colour(ACCENT)]));
    }
    paras
}

fn notes(text: &Option<String>) -> Option<Vec<Para>> {
    text.as_deref().map(|text| rich(&markup::parse(text), Vec::new(), Vec::new()))
}

fn tone_colour(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => GOOD,
        Tone::Bad => BAD,
        Tone::Neutral => INK,
    }
}

fn header(cells: &[&str]) -> Row {
    Row { cells: cells.iter().map(|text| Cell::text(*text)).collect(), header: true }
}

impl<'a> Builder<'a> {
    fn push(&mut self, title: Vec<Para>, shapes: Vec<Shape>, notes: Option<Vec<Para>>) {
        self.slides.push(Slide {
            layout: 1,
            title,
            title_frame: None,
            subtitle: Vec::new(),
            shapes,
            footer: Some(self.footer.clone()),
            notes,
        });
    }

    fn cover(&mut self, document: &Document) {
        let review = &document.review;
        let mut subtitle = Vec::new();
        let who = [review.organization.as_deref(), review.department.as_deref()].into_iter().flatten();
        subtitle.push(Para::of(vec![Run::new(who.collect::<Vec<_>>().join(" \u{b7} ")).colour(ACCENT)]));
        subtitle.push(Para::text(review.quarter.clone()));
        if let Some(date) = &review.date {
            subtitle.push(Para::of(vec![Run::new(date.clone()).colour(MUTED)]));
        }
        let mut shapes = Vec::new();
        if let Some(footer) = &review.footer {
            shapes.push(small_print(footer));
        }
        self.slides.push(Slide {
            layout: 2,
            title: vec![Para::of(vec![Run::new(review.title.clone()).bold().size(4400)])],
            title_frame: None,
            subtitle,
            shapes,
            footer: None,
            notes: None,
        });
    }

    fn agenda(&mut self, document: &Document) {
        let items: Vec<Para> =
            document.entries.iter().map(|entry| Para::text(entry.name.to_uppercase()).bullet()).collect();
        let shapes = vec![Shape::Text {
            frame: Frame::body(BODY_TOP, BODY_BOTTOM - BODY_TOP),
            paras: items,
            size: 2000,
        }];
        self.push(title("Agenda", None), shapes, None);
    }

    fn scorecard(&mut self, card: &crate::compute::scorecard::Scorecard) {
        let against = format!("Against {}", card.target);
        let mut rows = vec![header(&[
            "Team",
            "Objectives",
            "Done",
            "Partial",
            "Missed",
            "Dropped",
            "Done %",
            &against,
            "KPIs up",
            "KPIs down",
        ])];
        for team in &card.teams {
            let count = |n: usize, colour| {
                Cell::new(vec![Para::of(vec![Run::new(n.to_string()).colour(colour)]).align("ctr")])
            };
            rows.push(Row {
                cells: vec![
                    Cell::new(vec![Para::of(vec![Run::new(team.team.clone()).bold()])]),
                    count(team.objectives, INK),
                    count(team.done, GOOD),
                    count(team.partial, PARTIAL),
                    count(team.missed, BAD),
                    count(team.dropped, DROPPED),
                    Cell::new(vec![Para::of(vec![Run::new(team.share_done.clone()).bold()]).align("ctr")]),
                    Cell::new(vec![
                        Para::of(vec![Run::new(team.against_target.clone()).colour(if team.meets_target {
                            GOOD
                        } else {
                            PARTIAL
                        })])
                        .align("ctr"),
                    ]),
                    count(team.kpis_good, GOOD),
                    count(team.kpis_bad, BAD),
                ],
                header: false,
            });
        }
        // Each header word whole on its line in Noto Sans, the deck's font: in the shares
        // before, LibreOffice broke "Objectives", "Partial", "Missed" and "Dropped" inside
        // the word. (In the wider DejaVu Sans, which a reader without Noto Sans shows, the
        // columns are widened to their longest words: see `Table::column_widths`.)
        let table = Table {
            columns: vec![1.4, 1.35, 0.75, 0.95, 0.95, 1.05, 0.85, 1.1, 0.85, 0.9],
            rows,
            size: 1200,
        };
        let mut shapes = vec![Shape::Table { frame: Frame::body(BODY_TOP, 0), table }];
        let mut lines = Vec::new();
        if let Some(fte) = &card.total_fte {
            lines.push(format!("Department: about {fte} FTE."));
        }
        if !card.time_split.is_empty() {
            let split: Vec<String> =
                card.time_split.iter().map(|c| format!("{} {}", c.category, c.percent)).collect();
            lines.push(format!("Time, weighted by team size: {}.", split.join(", ")));
        }
        if !lines.is_empty() {
            shapes.push(Shape::Text {
                frame: Frame::body(BODY_BOTTOM - 640_080, 640_080),
                paras: vec![Para::of(vec![Run::new(lines.join(" ")).colour(MUTED)])],
                size: 1400,
            });
        }
        self.push(
            title("Scorecard", Some(&format!("objectives done, against a target of about {}", card.target))),
            shapes,
            None,
        );
    }

    fn team(&mut self, document: &Document, team: &'a TeamDoc) {
        self.team_title(document, team);
        let heading = team.heading.as_str();
        for objective in &team.objectives {
            self.objective(heading, objective);
            if let Some(chart) = objective.chart.and_then(|index| team.charts.get(index)) {
                self.chart(heading, chart);
            }
        }
        if !team.highlights.is_empty() {
            let paras: Vec<Para> = team
                .highlights
                .iter()
                .flat_map(|text| rich(text, Vec::new(), Vec::new()))
                .map(Para::bullet)
                .collect();
            let shapes =
                vec![Shape::Text { frame: Frame::body(BODY_TOP, BODY_BOTTOM - BODY_TOP), paras, size: 1800 }];
            self.push(title(heading, Some("Highlights")), shapes, notes(&team.speaker_notes.highlights));
        }
        if !team.other.is_empty() {
            let paras: Vec<Para> = team
                .other
                .iter()
                .flat_map(|item| {
                    let prefix = match item.kind {
                        "success" => vec![Run::new("Success: ").bold().colour(GOOD)],
                        "miss" => vec![Run::new("Miss: ").bold().colour(BAD)],
                        "learning" => vec![Run::new("Learning: ").bold().colour(ACCENT)],
                        _ => Vec::new(),
                    };
                    rich(&item.text, prefix, Vec::new())
                })
                .map(Para::bullet)
                .collect();
            let shapes =
                vec![Shape::Text { frame: Frame::body(BODY_TOP, BODY_BOTTOM - BODY_TOP), paras, size: 1800 }];
            self.push(
                title(heading, Some("Other successes and misses")),
                shapes,
                notes(&team.speaker_notes.other),
            );
        }
        for data in &team.tables {
            let mut rows = vec![header(&data.figures.columns.iter().map(String::as_str).collect::<Vec<_>>())];
            for row in &data.figures.rows {
                let last = row.len().saturating_sub(1);
                let cells = row
                    .iter()
                    .enumerate()
                    .map(|(x, text)| {
                        let mut run = Run::new(text.clone());
                        if data.figures.highlight == Some(x) {
                            run = run.bold();
                        } else if data.figures.has_change && x == last {
                            run = run.colour(MUTED);
                        }
                        Cell::new(vec![Para::of(vec![run]).align(if x == 0 { "l" } else { "r" })])
                    })
                    .collect();
                rows.push(Row { cells, header: false });
            }
            let columns = std::iter::once(2.0)
                .chain(std::iter::repeat_n(1.0, data.figures.columns.len().saturating_sub(1)))
                .collect();
            let mut top = BODY_TOP;
            let mut shapes = Vec::new();
            if let Some(caption) = &data.caption {
                shapes.push(Shape::Text {
                    frame: Frame::body(top, 457_200),
                    paras: vec![Para::of(vec![Run::new(caption.clone()).colour(MUTED)])],
                    size: 1400,
                });
                top += 502_920;
            }
            self.tables(
                heading,
                &data.title,
                Table { columns, rows, size: 1400 },
                top,
                shapes,
                notes(&data.speaker_notes),
            );
        }
        if !team.workflows.is_empty() {
            let mut rows = vec![header(&["Category", "Workflow", "Comments", "Type"])];
            let mut groups = Vec::new();
            for group in &team.workflows {
                let lead = Cell::new(vec![Para::of(vec![Run::new(group.category.clone()).bold()])]);
                let first = rows.len() - 1;
                groups.push(Group { rows: first..first + group.items.len(), lead: lead.clone() });
                for (k, item) in group.items.iter().enumerate() {
                    let category = if k == 0 { lead.paras.clone() } else { vec![Para::default()] };
                    rows.push(Row {
                        cells: vec![
                            Cell::new(category),
                            Cell::text(item.workflow.clone()),
                            Cell::new(rich(&item.comments, Vec::new(), Vec::new())),
                            Cell::new(vec![
                                Para::of(vec![Run::new(item.kind.clone().unwrap_or_default()).bold()])
                                    .align("ctr"),
                            ]),
                        ],
                        header: false,
                    });
                }
            }
            let legend = document
                .review
                .workflow_types
                .iter()
                .map(|t| format!("{} = {}", t.letter, t.meaning))
                .collect::<Vec<_>>();
            let table = Table { columns: vec![1.0, 1.2, 2.6, 0.45], rows, size: 1400 };
            let mut shapes = Vec::new();
            if !legend.is_empty() {
                shapes.push(Shape::Text {
                    frame: Frame::body(BODY_BOTTOM - 320_040, 320_040),
                    paras: vec![Para::of(vec![
                        Run::new(format!("Type: {}", legend.join(", "))).colour(MUTED),
                    ])],
                    size: 1200,
                });
            }
            self.tables_above(
                heading,
                "Core workflows",
                table,
                &groups,
                shapes,
                notes(&team.speaker_notes.workflows),
                365_760,
            );
        }
        if let Some(allocation) = &team.allocation {
            let mut rows = vec![header(&allocation.columns.iter().map(String::as_str).collect::<Vec<_>>())];
            let last = allocation.columns.len().saturating_sub(1);
            for row in &allocation.rows {
                let cells = row
                    .iter()
                    .enumerate()
                    .map(|(x, text)| {
                        let run =
                            if x == last { Run::new(text.clone()).bold() } else { Run::new(text.clone()) };
                        Cell::new(vec![Para::of(vec![run]).align(if x == 0 { "l" } else { "r" })])
                    })
                    .collect();
                rows.push(Row { cells, header: false });
            }
            for row in &allocation.summary_rows {
                let cells = row
                    .iter()
                    .enumerate()
                    .map(|(x, text)| {
                        let run = if x == 0 { Run::new(text.clone()).bold() } else { Run::new(text.clone()) };
                        Cell {
                            fill: Some("F3F4F6"),
                            ..Cell::new(vec![Para::of(vec![run]).align(if x == 0 { "l" } else { "r" })])
                        }
                    })
                    .collect();
                rows.push(Row { cells, header: false });
            }
            let columns = std::iter::once(1.3).chain(std::iter::repeat_n(1.0, last)).collect();
            let shares: Vec<String> = allocation
                .categories
                .iter()
                .filter(|c| c.value > 0.0)
                .map(|c| format!("{} {}", c.category, c.percent))
                .collect();
            let mut paras = vec![Para::text(format!("Share of all logged time: {}", shares.join(", ")))];
            if let Some(note) = &allocation.note {
                paras.push(Para::of(vec![Run::new(note.clone()).italic().colour(MUTED)]));
            }
            let shapes =
                vec![Shape::Text { frame: Frame::body(BODY_BOTTOM - 640_080, 640_080), paras, size: 1200 }];
            let slide_notes = notes(&team.speaker_notes.allocation);
            self.tables_above(
                heading,
                "Time allocation",
                Table { columns, rows, size: 1400 },
                &[],
                shapes,
                slide_notes.clone(),
                685_800,
            );
            // By person: each one's time by category, as the PDF's bars show it.
            let categories: Vec<&str> =
                allocation.categories.iter().filter(|c| c.value > 0.0).map(|c| c.category).collect();
            let mut head: Vec<&str> = vec!["Person"];
            head.extend(&categories);
            head.push("Total");
            let mut rows = vec![header(&head)];
            for person in &allocation.people_by_category {
                let mut cells = vec![Cell::new(vec![Para::of(vec![Run::new(person.name.clone()).bold()])])];
                for category in &categories {
                    let share = person
                        .segments
                        .iter()
                        .find(|s| s.category == *category)
                        .map_or("\u{2014}".to_owned(), |s| s.percent.clone());
                    cells.push(Cell::new(vec![Para::text(share).align("r")]));
                }
                cells.push(Cell::new(vec![
                    Para::of(vec![Run::new(person.total.clone()).colour(MUTED)]).align("r"),
                ]));
                rows.push(Row { cells, header: false });
            }
            let columns =
                std::iter::once(1.3).chain(std::iter::repeat_n(1.0, categories.len() + 1)).collect();
            let shapes = vec![Shape::Text {
                frame: Frame::body(BODY_BOTTOM - 320_040, 320_040),
                paras: vec![Para::of(vec![
                    Run::new("Each person's logged time by category, as a share of a full-time week.")
                        .colour(MUTED),
                ])],
                size: 1200,
            }];
            self.tables_above(
                heading,
                "Time allocation by person",
                Table { columns, rows, size: 1400 },
                &[],
                shapes,
                slide_notes,
                365_760,
            );
        }
        if let Some(skills) = &team.skills {
            let subtitle = match &skills.survey {
                Some(survey) => format!("Skills (survey {survey})"),
                None => "Skills".to_owned(),
            };
            for part in &skills.parts {
                let mut groups = vec![Cell::text("")];
                groups
                    .extend(part.groups.iter().map(|g| Cell { span: g.span, ..Cell::text(g.name.clone()) }));
                let mut names = vec![Cell::text("")];
                names.extend(part.skills.iter().map(|s| Cell::new(vec![Para::text(s.clone()).align("ctr")])));
                let mut rows = vec![Row { cells: groups, header: true }, Row { cells: names, header: true }];
                for person in &part.people {
                    let mut cells =
                        vec![Cell::new(vec![Para::of(vec![Run::new(person.name.clone()).bold()])])];
                    for rating in &person.ratings {
                        let marks: String = (skills.min..=skills.max)
                            .map(|i| if i <= rating.value { '\u{25cf}' } else { '\u{25cb}' })
                            .collect();
                        let mut runs = vec![Run::new(marks).colour(ACCENT)];
                        if let Some(change) = &rating.change {
                            runs.push(
                                Run::new(format!(" {change}"))
                                    .colour(rating.change_tone.map_or(INK, tone_colour)),
                            );
                        }
                        cells.push(Cell::new(vec![Para::of(runs).align("ctr")]));
                    }
                    rows.push(Row { cells, header: false });
                }
                let columns =
                    std::iter::once(1.2).chain(std::iter::repeat_n(1.0, part.skills.len())).collect();
                let legend = Shape::Text {
                    frame: Frame::body(BODY_TOP, 365_760),
                    paras: vec![Para::text(skills.legend.clone())],
                    size: 1400,
                };
                let table = Table { columns, rows, size: 1200 };
                self.tables(
                    heading,
                    &subtitle,
                    table,
                    BODY_TOP + 411_480,
                    vec![legend],
                    notes(&team.speaker_notes.skills),
                );
            }
        }
    }

    fn team_title(&mut self, document: &Document, team: &TeamDoc) {
        let review = &document.review;
        let mut paras = Vec::new();
        if let Some(fte) = &team.fte {
            let note = team.fte_note.as_deref().map(|n| format!(" {n}")).unwrap_or_default();
            paras.push(Para::text(format!("Approximate team size during this quarter: {fte} FTE{note}")));
        }
        if !team.time_spent.is_empty() {
            let split: Vec<String> =
                team.time_spent.iter().map(|s| format!("{} {}", s.category, s.percent)).collect();
            paras.push(Para::of(vec![Run::new(format!("Time spent: {}", split.join(", "))).italic()]));
        }
        let mut shapes = Vec::new();
        let mut top = 2_286_000;
        if !paras.is_empty() {
            shapes.push(Shape::Text { frame: Frame::body(top, 640_080), paras, size: 1400 });
            top += 685_800;
        }
        if !team.kpis.is_empty() {
            let mut rows = vec![header(&["Key performance indicator", "Value", "Change", "Year over year"])];
            for kpi in &team.kpis {
                let mut name = vec![Para::text(kpi.name.clone())];
                if let Some(note) = &kpi.note {
                    name.push(Para::of(vec![Run::new(note.clone()).italic().colour(MUTED).size(1100)]));
                }
                rows.push(Row {
                    cells: vec![
                        Cell::new(name),
                        Cell::new(vec![Para::of(vec![Run::new(kpi.value.clone()).bold()])]),
                        Cell::new(vec![Para::of(vec![
                            Run::new(kpi.change.text.clone()).colour(tone_colour(kpi.change.tone)),
                        ])]),
                        Cell::new(vec![Para::of(vec![
                            Run::new(kpi.year_over_year.text.clone())
                                .colour(tone_colour(kpi.year_over_year.tone)),
                        ])]),
                    ],
                    header: false,
                });
            }
            shapes.push(Shape::Table {
                frame: Frame::body(top, 0),
                table: Table { columns: vec![2.4, 1.0, 1.6, 1.3], rows, size: 1400 },
            });
        }
        if let Some(footer) = &review.footer {
            shapes.push(small_print(footer));
        }
        let title = vec![
            Para::of(vec![Run::new(review.title.clone()).size(1800).colour(MUTED)]),
            Para::of(vec![Run::new(team.name.to_uppercase()).bold().size(4000)]),
            Para::of(vec![Run::new(review.quarter.clone()).size(2200).colour(ACCENT)]),
        ];
        self.slides.push(Slide {
            layout: 2,
            title,
            // The team's title block is taller than a content slide's title.
            title_frame: Some(Frame { x: MARGIN, y: 320_040, w: SLIDE_W - 2 * MARGIN, h: 1_874_520 }),
            subtitle: Vec::new(),
            shapes,
            footer: Some(self.footer.clone()),
            notes: notes(&team.speaker_notes.title),
        });
    }

    fn objective(&mut self, heading: &str, objective: &crate::document::ObjectiveDoc) {
        let mark = |met: Option<bool>| match met {
            Some(true) => vec![Run::new(" (+)").bold().colour(GOOD)],
            Some(false) => vec![Run::new(" (\u{2212})").bold().colour(BAD)],
            None => Vec::new(),
        };
        let mut first = vec![Para::of(vec![Run::new(objective.kind.to_uppercase()).bold().colour(ACCENT)])];
        first.extend(rich(&objective.goal, Vec::new(), Vec::new()));
        if let Some(members) = objective.team_members {
            first.push(Para::of(vec![Run::new(format!("Team members involved: {members}")).italic()]));
        }
        let measures: Vec<Para> = if objective.measures.len() == 1 {
            rich(&objective.measures[0].text, Vec::new(), mark(objective.measures[0].met))
        } else {
            objective
                .measures
                .iter()
                .flat_map(|m| rich(&m.text, Vec::new(), mark(m.met)))
                .map(Para::bullet)
                .collect()
        };
        let mut status = Vec::new();
        if let Some(outcome) = objective.outcome {
            let colour = match outcome {
                "done" => GOOD,
                "partial" => PARTIAL,
                "missed" => BAD,
                _ => DROPPED,
            };
            status.push(Para::of(vec![Run {
                fill: Some(colour),
                ..Run::new(format!(" {} ", outcome.to_uppercase())).bold().colour("FFFFFF")
            }]));
        }
        status.extend(rich(&objective.status, Vec::new(), Vec::new()));
        let rows = vec![
            header(&["Objective", "Measure of success", "Status"]),
            Row { cells: vec![Cell::new(first), Cell::new(measures), Cell::new(status)], header: false },
        ];
        let learning = objective
            .learning
            .as_ref()
            .map(|text| rich(text, vec![Run::new("Learning: ").bold()], Vec::new()));
        let table = Table { columns: vec![1.0, 1.3, 1.5], rows, size: 1400 };
        let (table, height) = fitted(
            table,
            Frame::body(BODY_TOP, 0).w,
            BODY_BOTTOM - BODY_TOP - if learning.is_some() { 1_005_840 } else { 0 },
        );
        let size = table.size;
        let mut shapes = vec![Shape::Table { frame: Frame::body(BODY_TOP, 0), table }];
        if let Some(learning) = learning {
            // A little room beyond the estimate, for a face that sets wider.
            let top = (BODY_TOP + height + height / 10 + 91_440).min(BODY_BOTTOM - 914_400);
            shapes.push(Shape::Text { frame: Frame::body(top, BODY_BOTTOM - top), paras: learning, size });
        }
        self.push(
            title(heading, Some(&format!("Objective: {}", objective.title))),
            shapes,
            notes(&objective.speaker_notes),
        );
    }

    fn chart(&mut self, heading: &str, chart: &'a crate::document::ChartDoc) {
        let part = self.charts.len() + 1;
        self.charts.push(chart);
        let mut shapes = vec![Shape::Chart {
            frame: Frame::body(BODY_TOP, 3_657_600),
            part,
            alt: chart.figures.alt.clone(),
        }];
        if !chart.notes.is_empty() {
            let paras =
                chart.notes.iter().map(|note| Para::of(vec![Run::new(note.clone()).italic()])).collect();
            shapes.push(Shape::Text {
                frame: Frame::body(BODY_TOP + 3_749_040, BODY_BOTTOM - BODY_TOP - 3_749_040),
                paras,
                size: 1200,
            });
        }
        self.push(title(heading, Some(&chart.title)), shapes, notes(&chart.speaker_notes));
    }

    /// Slides of a table that starts at `top`: as many rows as fit at the smallest size
    /// on each, the header repeated, "(cont.)" in the title of each slide after the first.
    fn tables(
        &mut self,
        heading: &str,
        subtitle: &str,
        table: Table,
        top: i64,
        above: Vec<Shape>,
        slide_notes: Option<Vec<Para>>,
    ) {
        self.split(heading, subtitle, table, &[], top, BODY_BOTTOM - top, above, slide_notes);
    }

    /// As [`Builder::tables`], from the body's top, leaving `below` for the shapes under it,
    /// each of `groups` kept on one slide when it fits one.
    #[allow(clippy::too_many_arguments)]
    fn tables_above(
        &mut self,
        heading: &str,
        subtitle: &str,
        table: Table,
        groups: &[Group],
        under: Vec<Shape>,
        slide_notes: Option<Vec<Para>>,
        below: i64,
    ) {
        let room = BODY_BOTTOM - BODY_TOP - below;
        self.split(heading, subtitle, table, groups, BODY_TOP, room, under, slide_notes);
    }

    /// The slides of `table`, split as [`Builder::tables`] says, each of `groups` kept on
    /// one slide when it fits one.
    #[allow(clippy::too_many_arguments)]
    fn split(
        &mut self,
        heading: &str,
        subtitle: &str,
        table: Table,
        groups: &[Group],
        top: i64,
        room: i64,
        extra: Vec<Shape>,
        slide_notes: Option<Vec<Para>>,
    ) {
        let width = Frame::body(top, 0).w;
        let (table, _) = fitted(table, width, room);
        let heights = table.row_heights(width);
        let headers = table.rows.iter().take_while(|row| row.header).count();
        let header_height: i64 = heights[..headers].iter().sum();
        let Table { columns, rows, size } = table;
        let mut rows = rows.into_iter();
        let head: Vec<Row> = rows.by_ref().take(headers).collect();
        let body: Vec<Row> = rows.collect();
        let heights = &heights[headers..];
        let mut pages: Vec<Vec<Row>> = vec![Vec::new()];
        let mut used = header_height;
        let mut next = 0;
        while next < body.len() {
            // The rows placed together: a group that fits a slide, else one row.
            let end = groups
                .iter()
                .find(|group| group.rows.start == next && !group.rows.is_empty())
                .map(|group| group.rows.end)
                .filter(|&end| header_height + heights[next..end].iter().sum::<i64>() <= room)
                .unwrap_or(next + 1);
            let mut height: i64 = heights[next..end].iter().sum();
            if used + height > room && !pages.last().is_some_and(Vec::is_empty) {
                pages.push(Vec::new());
                used = header_height;
            }
            let mut row = body[next].clone();
            // A slide that opens inside a group opens with the group's category.
            let opens = pages.len() > 1 && pages.last().is_some_and(Vec::is_empty);
            if opens
                && let Some(group) =
                    groups.iter().find(|group| group.rows.start < next && group.rows.contains(&next))
            {
                row.cells[0] = group.lead.clone();
                let led = Table { columns: columns.clone(), rows: vec![row.clone()], size };
                height += led.row_heights(width)[0] - heights[next];
            }
            used += height;
            let page = pages.last_mut().expect("a page");
            page.push(row);
            page.extend(body[next + 1..end].iter().cloned());
            next = end;
        }
        let count = pages.len();
        for (index, page) in pages.into_iter().enumerate() {
            let mut rows = head.clone();
            rows.extend(page);
            let table = Table { columns: columns.clone(), rows, size };
            let mut shapes = vec![Shape::Table { frame: Frame::body(top, 0), table }];
            if index == 0 || count > 1 {
                shapes.extend(extra.iter().cloned());
            }
            let subtitle = if index == 0 { subtitle.to_owned() } else { format!("{subtitle} (cont.)") };
            self.push(title(heading, Some(&subtitle)), shapes, slide_notes.clone());
        }
    }
}

/// The table at the largest of [`TABLE_SIZES`] at which it fits `room`, and its height.
fn fitted(mut table: Table, width: i64, room: i64) -> (Table, i64) {
    let largest = table.size;
    for size in TABLE_SIZES.iter().copied().filter(|size| *size <= largest) {
        table.size = size;
        let height: i64 = table.row_heights(width).iter().sum();
        if height <= room {
            return (table, height);
        }
    }
    let height = table.row_heights(width).iter().sum();
    (table, height)
}

/// The licence small print, at the bottom left of the cover and each team's title slide.
fn small_print(text: &str) -> Shape {
    Shape::Text {
        frame: Frame { x: MARGIN, y: SLIDE_H - 1_005_840, w: (SLIDE_W - 2 * MARGIN) * 3 / 4, h: 457_200 },
        paras: vec![Para::of(vec![Run::new(text).colour(MUTED)])],
        size: 900,
    }
}
