//! `qreview build`: the sample review, read back from the PDF.

use std::fs;

use lopdf::{Dictionary, Object};

use crate::common::*;

/// Slides of the sample: 3 (cover, agenda, scorecard) + per team its title slide, one
/// slide per objective and per chart, highlights, other, tables, workflows, allocation
/// (two slides) and skills.
const SAMPLE_SLIDES: usize = 3
    + (1 + 3)                                  // Architecture
    + (1 + 4 + 1 + 1 + 1)                      // Operations: highlights, other, availability
    + (1 + 4 + 1 + 1 + 1 + 2 + 3)              // Release Engineering: chart, other, workflows, allocation, 3 skills parts
    + (1 + 3 + 1 + 1)                          // Services: other, workflows
    + (1 + 3 + 1 + 1); // Security: other, workflows

#[test]
fn sample_deck_has_every_team_objective_and_kpi() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&sample(), dir.path(), "review.pdf");
    let pages = pdf_pages_text(&pdf);
    // Two workflow tables (Release Engineering's, Services') need more than a slide even
    // at the floor of table text, and continue on a page marked "(cont.)".
    let continued: Vec<usize> =
        (0..pages.len()).filter(|index| pages[*index].contains("(cont.)")).map(|index| index + 1).collect();
    assert_eq!(continued.len(), 2, "continued pages: {continued:?}");
    assert!(continued.iter().all(|page| pages[page - 1].contains("Core workflows")), "{continued:?}");
    assert_eq!(pages.len() - continued.len(), SAMPLE_SLIDES, "slide count");
    let text = pdf_text(&pdf);

    for team in ["ARCHITECTURE", "OPERATIONS", "RELEASE ENGINEERING", "SERVICES", "SECURITY"] {
        assert!(text.contains(team), "agenda or title slide of {team}");
    }
    assert!(text.contains("Quarterly review"));
    assert!(text.contains("Q2 - 2015/16"));
    for heading in
        ["Q2 - Architecture", "Q2 - Operations", "Q2 - Release Engineering", "Q2 - Services", "Q2 - Security"]
    {
        assert!(text.contains(heading), "{heading}");
    }
    for objective in [
        "Prepare WikiDev '16",
        "Improve ArchCom utility",
        "ArchCom naming",
        "Encrypted PII",
        "User auth security",
        "Incident monitoring",
        "Bare metal Labs",
        "Reduce CI wait time",
        "Reduce number of deploy tools",
        "Retire Gerrit and Gitblit",
        "Release MediaWiki 1.26",
        "API build-out",
        "Event bus & change propagation",
        "API-driven web front-end",
        "Static Security Testing",
        "Expand Training",
        "Expand Metrics",
    ] {
        assert!(text.contains(&format!("Objective: {objective}")), "objective {objective}");
    }
    // KPI figures of the seed, computed from the history.
    assert!(text.contains("99.979%"), "Operations availability");
    assert!(text.contains("+0.037 pp from Q1"), "availability change");
    assert!(text.contains("~6 mins"), "time to merge");
    assert!(text.contains("\u{2212}45% from Q4"), "time to merge change");
    assert!(text.contains("248 req/s mean"));
    assert!(text.contains("+15% from Q4"));
    assert!(text.contains("\u{221e}% YoY"), "zero base year over year");
    assert!(text.contains("REDACTED from Q4"), "redacted KPI");
    // Nothing of the template is left.
    assert!(!text.contains("Team name"));
    assert!(!text.contains("Scap3 Migratio "));
}

#[test]
fn every_slide_has_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&sample(), dir.path(), "review.pdf");
    for (index, page) in pdf_pages_text(&pdf).iter().enumerate() {
        let last = page.lines().rev().find(|line| !line.trim().is_empty()).unwrap_or_default();
        assert!(
            last.trim_end().ends_with(&(index + 1).to_string()),
            "slide {} ends with `{last}`",
            index + 1
        );
    }
}

#[test]
fn outline_has_one_entry_per_team_and_per_slide() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&sample(), dir.path(), "review.pdf");
    let toc = load_pdf(&pdf).get_toc().expect("the PDF has an outline");
    assert_eq!(toc.toc.len(), SAMPLE_SLIDES, "one entry per slide: {:#?}", toc.toc);
    let teams: Vec<&str> =
        toc.toc.iter().filter(|entry| entry.level == 1).map(|e| e.title.as_str()).collect();
    for team in ["Architecture", "Operations", "Release Engineering", "Services", "Security"] {
        assert!(teams.contains(&team), "top-level entry for {team}: {teams:?}");
    }
    assert!(toc.toc.iter().any(|entry| entry.level == 2 && entry.title == "Objective: Encrypted PII"));
}

#[test]
fn fonts_are_embedded_and_links_work() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&sample(), dir.path(), "review.pdf");
    let document = load_pdf(&pdf);
    let mut font_names = Vec::new();
    let mut internal_links = 0;
    for object in document.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if is_name(dict, b"Type", b"FontDescriptor") {
            let name = dict
                .get(b"FontName")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned());
            let embedded =
                [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"].iter().any(|key| dict.has(key));
            assert!(embedded, "font {name:?} is not embedded");
            font_names.extend(name);
        }
        if is_name(dict, b"Subtype", b"Link") && (dict.has(b"Dest") || action_is(dict, b"GoTo")) {
            internal_links += 1;
        }
    }
    assert!(font_names.iter().any(|name| name.contains("NotoSans")), "fonts: {font_names:?}");
    assert!(internal_links >= 5, "the agenda links to each team, found {internal_links} internal links");
}

/// The agenda's entries go to the teams' first slides (typeset in parts, the agenda
/// links to pages that were not there when it was typeset).
#[test]
fn agenda_links_go_to_each_team() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&sample(), dir.path(), "review.pdf");
    let document = load_pdf(&pdf);
    let page_numbers: std::collections::HashMap<lopdf::ObjectId, u32> =
        document.get_pages().into_iter().map(|(number, id)| (id, number)).collect();
    let agenda = document.get_pages()[&2];
    let annotations = document.get_page_annotations(agenda).expect("the agenda has links");
    let targets: Vec<u32> = annotations
        .iter()
        .filter_map(|annotation| {
            let destination = annotation.get(b"Dest").ok().or_else(|| {
                annotation.get(b"A").and_then(Object::as_dict).and_then(|action| action.get(b"D")).ok()
            })?;
            let (_, destination) = document.dereference(destination).ok()?;
            let page = destination.as_array().ok()?.first()?.as_reference().ok()?;
            page_numbers.get(&page).copied()
        })
        .collect();
    let pages = pdf_pages_text(&pdf);
    let teams = ["ARCHITECTURE", "OPERATIONS", "RELEASE ENGINEERING", "SERVICES", "SECURITY"];
    assert_eq!(targets.len(), teams.len(), "one link per team: {targets:?}");
    for (team, target) in teams.iter().zip(&targets) {
        let page = &pages[*target as usize - 1];
        assert!(
            page.contains(team) && page.contains("Approximate team size"),
            "{team} links to slide {target}"
        );
    }
}

fn is_name(dict: &Dictionary, key: &[u8], value: &[u8]) -> bool {
    dict.get(key).and_then(Object::as_name).is_ok_and(|name| name == value)
}

fn action_is(dict: &Dictionary, kind: &[u8]) -> bool {
    dict.get(b"A").and_then(Object::as_dict).is_ok_and(|action| is_name(action, b"S", kind))
}

#[test]
fn same_input_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let first = fs::read(build(&sample(), dir.path(), "first.pdf")).unwrap();
    let second = fs::read(build(&sample(), dir.path(), "second.pdf")).unwrap();
    assert!(first == second, "two builds of the sample differ");
    let epoch = std::process::Command::new(env!("CARGO_BIN_EXE_qreview"))
        .args(["build", sample().to_str().unwrap(), "-o"])
        .arg(dir.path().join("epoch.pdf"))
        .env("SOURCE_DATE_EPOCH", "1456790400") // 2016-03-01, not the review's date
        .output()
        .unwrap();
    assert!(epoch.status.success());
    let with_epoch = fs::read(dir.path().join("epoch.pdf")).unwrap();
    assert!(with_epoch == first, "the review's date wins over SOURCE_DATE_EPOCH (see defects.rs)");
}

#[test]
fn format_example_builds_without_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (out, messages) = build_reporting(&format_example(), dir.path(), "example.pdf");
    assert!(!messages.contains("warning"), "{messages}");
    let text = pdf_text(&out);
    assert!(text.contains("PLATFORM") && text.contains("RESEARCH"));
    assert!(text.contains("99.97%"), "the KPI read from the uptime table");
}

#[test]
fn text_fields_render_literally() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, messages) = build_reporting(&fixture("literal"), dir.path(), "literal.pdf");
    assert!(!messages.contains("warning"), "nothing runs off a slide or lacks a glyph: {messages}");
    // pdftotext drops narrow spaces between punctuation, so compare without spaces.
    // Long words carry invisible break opportunities (U+200B); those do not count either.
    let squeeze = |s: &str| s.split_whitespace().collect::<String>().replace('\u{200b}', "");
    let text = squeeze(&pdf_text(&pdf));
    for literal in [
        r#"#panic("x")"#,
        "$x^2$",
        "] [",
        r"back\slash",
        "<b>not bold</b>",
        "# not a heading",
        "@ref <lbl>",
        "**unclosed",
        "{{ braces }}",
        "Zalgo",
        "without/any/space/at/all",
    ] {
        assert!(text.contains(&squeeze(literal)), "`{literal}` is not in the PDF:\n{text}");
    }
    assert!(text.contains("boldanditalic"), "inline Markdown still works");
    assert!(text.contains("[link](javascript:alert(1))"), "a script link stays text");
}

#[test]
fn a_single_team_file_builds_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let team = sample().join("teams/operations.yaml");
    let pdf = build(&team, dir.path(), "operations.pdf");
    let text = pdf_text(&pdf);
    assert!(text.contains("OPERATIONS") && text.contains("Objective: Encrypted PII"));
    assert!(!text.contains("SECURITY"));
}

#[test]
fn output_name_defaults_to_the_review_folder() {
    let dir = tempfile::tempdir().unwrap();
    let output = qreview(dir.path(), &["build", sample().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("2015-16-q2.pdf").is_file());
}

#[test]
fn every_script_renders_with_the_bundled_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let (out, messages) = build_reporting(&fixture("scripts"), dir.path(), "scripts.pdf");
    assert!(!messages.contains("warning"), "{messages}");
    let text = pdf_text(&out);
    for name in ["Ομάδα υποδομής", "Команда инфраструктуры", "基础设施团队", "신뢰성과 속도"]
    {
        assert!(text.contains(name), "{name} is not in the PDF");
    }
}

#[test]
fn characters_without_a_font_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (_, messages) = build_reporting(&fixture("missing-glyph"), dir.path(), "glyph.pdf");
    assert!(messages.contains("no bundled font has these characters"), "{messages}");
    assert!(messages.contains("U+13000"), "{messages}");
}

/// Typeset in parts and put together, or typeset whole (as `typst compile` of the
/// `--emit-typst` project does, and as any layout without `marks.typ` is), a deck looks
/// the same, to the pixel: the slide numbers, the "(cont.)" marks and all.
#[test]
fn a_deck_typeset_in_parts_looks_like_the_deck_typeset_whole() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    // The sample, slides running onto following pages, and an agenda and scorecard that do.
    let many = many_teams(&dir.path().join("many"), 24);
    for (input, continued) in [(sample(), true), (fixture("long"), true), (many, true)] {
        let emitted = qreview(
            dir.path(),
            &["build", input.to_str().unwrap(), "--emit-typst", project.to_str().unwrap()],
        );
        assert!(emitted.status.success(), "{}", stderr(&emitted));
        // The same layout without its marks is typeset whole.
        let whole_layout = dir.path().join("whole-layout");
        fs::create_dir_all(&whole_layout).unwrap();
        for file in fs::read_dir(&project).unwrap().map(|entry| entry.unwrap().file_name()) {
            let name = file.to_str().unwrap();
            if name.ends_with(".typ") && name != "marks.typ" {
                fs::copy(project.join(name), whole_layout.join(name)).unwrap();
            }
        }
        let parts = build(&input, dir.path(), "parts.pdf");
        let whole = dir.path().join("whole.pdf");
        let args = [
            "build",
            input.to_str().unwrap(),
            "-o",
            whole.to_str().unwrap(),
            "--layout",
            whole_layout.to_str().unwrap(),
        ];
        let built = qreview(dir.path(), &args);
        assert!(built.status.success(), "{}", stderr(&built));

        let pictures = dir.path().join("pictures");
        fs::create_dir_all(&pictures).unwrap();
        let (in_parts, in_one) = (pdf_pictures(&parts, &pictures), pdf_pictures(&whole, &pictures));
        assert!(in_parts.len() >= 14, "{} pages", in_parts.len());
        let marked = pdf_pages_text(&parts).iter().filter(|page| page.contains("(cont.)")).count();
        assert_eq!(marked > 0, continued, "{} has continued slides", input.display());
        assert_eq!(in_parts.len(), in_one.len(), "page count of {}", input.display());
        for (index, (a, b)) in in_parts.iter().zip(&in_one).enumerate() {
            assert!(a == b, "slide {} of {} differs", index + 1, input.display());
        }
        for path in [&project, &whole_layout, &pictures] {
            fs::remove_dir_all(path).unwrap();
        }
    }
}

#[test]
fn long_content_continues_on_following_slides() {
    let dir = tempfile::tempdir().unwrap();
    let (out, messages) = build_reporting(&fixture("long"), dir.path(), "long.pdf");
    assert!(!messages.contains("runs off"), "{messages}");
    let pages = pdf_pages_text(&out);
    // A slide's first page is not marked "(cont.)", each following page of it is, and
    // no other page is.
    let mut continuations = 0;
    for title in ["Objective: Everything at once", "Core workflows"] {
        let slide: Vec<&String> = pages.iter().filter(|page| page.contains(title)).collect();
        assert!(slide.len() >= 2, "{title} continues on following slides");
        assert!(!slide[0].contains("(cont.)"), "the first page of {title} is marked as continued");
        assert!(
            slide[1..].iter().all(|page| page.contains("(cont.)")),
            "a later page of {title} is not marked"
        );
        continuations += slide.len() - 1;
    }
    assert_eq!(pages.iter().filter(|page| page.contains("(cont.)")).count(), continuations);
    let text = pdf_text(&out);
    for needle in ["step 1:", "step 40:", "The end of the list is still on a slide.", "Workflow 60"] {
        assert!(text.contains(needle), "{needle} is missing");
    }
}

/// For each slide of workflows in the PDF, whether its first row names its category:
/// whether the first word under the header in the Category column stands level with the
/// first in the Workflow column.
fn workflow_slides_led_by_a_category(pdf: &std::path::Path) -> Vec<bool> {
    let words = pdf_words(pdf);
    let pages: std::collections::BTreeSet<usize> =
        words.iter().filter(|w| w.text == "Comments").map(|w| w.page).collect();
    pages
        .into_iter()
        .map(|page| {
            let on_page: Vec<&Word> = words.iter().filter(|w| w.page == page).collect();
            let header = on_page.iter().find(|w| w.text == "Workflow").expect("the header");
            let body = |w: &&&Word| w.bottom > header.bottom + 0.01 && w.bottom < 0.85;
            let top = |column: &dyn Fn(&Word) -> bool| {
                on_page.iter().filter(body).filter(|w| column(w)).map(|w| w.bottom).fold(f64::MAX, f64::min)
            };
            let category = top(&|w| w.right < header.left);
            let workflow = top(&|w| w.left >= header.left - 1.0 && w.right < header.left + 150.0);
            (category - workflow).abs() < 0.01
        })
        .collect()
}

#[test]
fn a_continued_workflow_slide_opens_with_its_category() {
    let dir = tempfile::tempdir().unwrap();
    // In the sample, Release Engineering's two slides of workflows split between its
    // categories, as its source deck does, and Services' one category, too long for a
    // slide, is named again on the slide it continues on; in `long`, 60 workflows of one
    // category take four slides.
    for (input, slides) in [(sample(), 5), (fixture("long"), 4)] {
        let (pdf, messages) = build_reporting(&input, dir.path(), "deck.pdf");
        assert!(!messages.contains("runs off"), "{messages}");
        let led = workflow_slides_led_by_a_category(&pdf);
        assert_eq!(led, vec![true; slides], "{}", input.display());
    }
    let pages = pdf_pages_text(&build(&sample(), dir.path(), "review.pdf"));
    let page_of = |workflow: &str| pages.iter().position(|page| page.contains(workflow)).unwrap();
    assert_eq!(page_of("Phabricator upgrades"), page_of("Daily SWAT deployments"), "one category, one slide");
    assert_eq!(page_of("Browser Test"), page_of("Phabricator upgrades") - 1);
}

#[test]
fn a_workflow_category_without_workflows_builds() {
    // `items` may be left out or empty: such a category has no rows, as before categories
    // spanned their rows (a spanning cell spans at least one).
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("review");
    crate::preview::copy_dir(&sample(), &review);
    let team = review.join("teams/release-engineering.yaml");
    let text = fs::read_to_string(&team).unwrap();
    let text = text.replacen(
        "workflows:\n",
        "workflows:\n  - category: Nothing yet\n  - category: Empty list\n    items: []\n",
        1,
    );
    fs::write(&team, text).unwrap();
    let (pdf, messages) = build_reporting(&review, dir.path(), "review.pdf");
    assert!(!messages.contains("error"), "{messages}");
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Daily SWAT deployments") && !text.contains("Nothing yet"),
        "the rest of the table is there"
    );
    assert!(pdf_pages_text(&pdf).len() == 42);
    let output = qreview(dir.path(), &["build", review.to_str().unwrap(), "-o", "review.pptx"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn text_off_the_page_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("off.pdf");
    let (input, layout) = (fixture("literal"), fixture("layouts/off-page"));
    let args =
        ["build", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--layout", layout.to_str().unwrap()];
    let output = qreview(dir.path(), &args);
    let messages = stderr(&output);
    assert!(output.status.success(), "{messages}");
    assert!(messages.contains("text runs off slide 1: \"far off the page\""), "{messages}");
}

#[test]
fn emit_typst_writes_a_plain_typst_project() {
    let dir = tempfile::tempdir().unwrap();
    let output = qreview(dir.path(), &["build", sample().to_str().unwrap(), "--emit-typst", "project"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let project = dir.path().join("project");
    for file in [
        "main.typ",
        "deck.typ",
        "slides.typ",
        "rich.typ",
        "theme.typ",
        "fonts/NotoSans-Regular.ttf",
        "README.txt",
    ] {
        assert!(project.join(file).is_file(), "{file}");
    }
    let review: serde_json::Value =
        serde_json::from_slice(&fs::read(project.join("data/review.json")).unwrap()).unwrap();
    assert_eq!(review["schema"], 1);
    assert_eq!(review["teams"].as_array().unwrap().len(), 5);
    let first = review["teams"][0]["data"].as_str().unwrap().trim_start_matches('/');
    let team: serde_json::Value = serde_json::from_slice(&fs::read(project.join(first)).unwrap()).unwrap();
    assert_eq!(team["name"], "Architecture");
    let readme = fs::read_to_string(project.join("README.txt")).unwrap();
    assert!(readme.contains("typst compile --root . --font-path fonts --ignore-system-fonts"), "{readme}");
    assert!(!dir.path().join("2015-16-q2.pdf").exists(), "no PDF when emitting");
}

#[test]
fn sample_conforms_to_pdf_a_2b_and_pdf_ua_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("archive.pdf");
    let sample = sample();
    let args =
        ["build", sample.to_str().unwrap(), "-o", out.to_str().unwrap(), "--pdf-standard", "a-2b,ua-1"];
    let output = qreview(dir.path(), &args);
    assert!(output.status.success(), "{}", stderr(&output));
    let bytes = fs::read(&out).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("pdfaid:part>2<") && text.contains("pdfuaid:part>1<"), "conformance is declared");
    assert!(text.contains("/StructTreeRoot"), "the PDF is tagged");

    let bad = qreview(dir.path(), &["build", sample.to_str().unwrap(), "--pdf-standard", "a-9z"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("`a-9z` is not a PDF standard"));
}

/// Flags that cannot work together are refused as a usage error (exit 2) before any
/// file is read or typeset: the input here does not even exist.
#[test]
fn impossible_settings_are_refused_before_reading_anything() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], Option<&str>, &str); 4] = [
        (
            &["build", "missing", "--pdf-standard", "a-2b,a-3b"],
            None,
            "these PDF standards cannot be combined",
        ),
        (&["batch", "missing", "-o", "decks", "--pdf-standard", "a-2b,a-3b"], None, "cannot be combined"),
        (&["build", "missing"], Some("last tuesday"), "SOURCE_DATE_EPOCH must be whole seconds since 1970"),
        (&["build", "missing", "-o", "deck.png"], None, "the output name must end in .pdf"),
    ];
    for (args, epoch, message) in cases {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_qreview"));
        command.args(args).current_dir(dir.path()).env_remove("SOURCE_DATE_EPOCH");
        if let Some(epoch) = epoch {
            command.env("SOURCE_DATE_EPOCH", epoch);
        }
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains(message), "{args:?}: {}", stderr(&output));
        assert!(!stderr(&output).contains("missing"), "{args:?}: refused before the input is looked at");
    }
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "nothing written");
}

#[test]
fn default_output_is_tagged() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = fs::read(build(&sample(), dir.path(), "review.pdf")).unwrap();
    assert!(String::from_utf8_lossy(&bytes).contains("/StructTreeRoot"));
}

/// `samples/every-key` shows every key of the manual in use, and builds without a warning.
#[test]
fn the_every_key_example_uses_every_documented_key_and_builds() {
    let example = root().join("samples/every-key");
    let mut text = fs::read_to_string(example.join("review.yaml")).unwrap();
    for entry in fs::read_dir(example.join("teams")).unwrap() {
        text.push_str(&fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    let manual = fs::read_to_string(root().join("docs/format.md")).unwrap();
    let keys: Vec<&str> = manual
        .lines()
        .filter_map(|line| line.strip_prefix("| `").and_then(|rest| rest.split_once('`')).map(|(key, _)| key))
        .collect();
    assert!(keys.len() > 80, "{} keys in the manual", keys.len());
    for key in keys {
        let used = text.lines().any(|line| {
            let line = line.split(" #").next().unwrap_or(line);
            !line.trim_start().starts_with('#')
                && (line.contains(&format!(" {key}:"))
                    || line.contains(&format!("{{{key}:"))
                    || line.starts_with(&format!("{key}:")))
        });
        assert!(used, "samples/every-key does not use `{key}`");
    }
    let dir = tempfile::tempdir().unwrap();
    let (pdf, messages) = build_reporting(&example, dir.path(), "every-key.pdf");
    assert!(!messages.contains("warning"), "{messages}");
    let text = pdf_text(&pdf);
    for expected in ["PLATFORM", "RESEARCH", "Faster deploys", "Skills", "Time allocation", "Core workflows"]
    {
        assert!(text.contains(expected), "{expected}");
    }
}
