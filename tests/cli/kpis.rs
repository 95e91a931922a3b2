//! `qreview kpis`, and the computed tables on the slides: the same figures in both.

use crate::common::*;

fn kpis_json(args: &[&str]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample();
    let mut all = vec!["kpis", sample.to_str().unwrap(), "--format", "json"];
    all.extend(args);
    let output = qreview(dir.path(), &all);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).expect("kpis --format json prints JSON")
}

fn find<'a>(rows: &'a serde_json::Value, key: &str, value: &str) -> &'a serde_json::Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|row| row[key] == value)
        .unwrap_or_else(|| panic!("no {key} = {value}"))
}

#[test]
fn seed_allocation_figures_in_json_and_on_the_slides() {
    let json = kpis_json(&[]);
    let allocation = &json["allocation"];
    assert_eq!(find(allocation, "project", "CI Scaling")["percent_of_capacity"], "7.69%");
    assert_eq!(find(allocation, "project", "Scap3 Migration")["percent_of_capacity"], "20.18%");
    assert_eq!(
        find(allocation, "project", "Scap3 Migration")["total"],
        "121.08%",
        "computed, not the reported 109.23"
    );
    let categories = &json["categories"];
    for (category, percent) in [("strengthen", "8.48%"), ("focus", "28.47%"), ("maintenance", "63.05%")] {
        assert_eq!(find(categories, "category", category)["percent_of_all_time"], percent);
    }

    let dir = tempfile::tempdir().unwrap();
    let text = pdf_text(&build(&sample(), dir.path(), "review.pdf"));
    for figure in ["7.69%", "20.18%", "121.08%", "strengthen 8.48%, focus 28.47%, maintenance 63.05%"] {
        assert!(text.contains(figure), "{figure} is on the slides");
    }
    assert!(!text.contains("109.23"), "the hand-made total is not shown");
    assert!(text.contains("Time allocation by person"));
}

#[test]
fn kpi_figures_and_scorecard_match_the_slides() {
    let json = kpis_json(&[]);
    let availability = find(&json["kpis"], "kpi", "Availability");
    assert_eq!(availability["value"], "99.979%");
    assert_eq!(availability["change"], "+0.037 pp from Q1");
    let merge = find(&json["kpis"], "kpi", "Time to merge in MW Core");
    assert_eq!(merge["change"], "\u{2212}45% from Q4");
    let releng = find(&json["scorecard"], "team", "Release Engineering");
    assert_eq!((releng["objectives"].as_u64(), releng["done"].as_u64()), (Some(4), Some(1)));
    assert_eq!(releng["done_percent"], "25%");

    let dir = tempfile::tempdir().unwrap();
    let pages = pdf_pages_text(&build(&sample(), dir.path(), "review.pdf"));
    let scorecard = &pages[2];
    assert!(scorecard.contains("Scorecard") && scorecard.contains("Against 75%"), "{scorecard}");
    let line = scorecard.lines().find(|line| line.contains("Operations")).unwrap();
    assert!(line.contains("75%") && line.contains("0 pts"), "{line}");
    assert!(scorecard.contains("29.6 FTE"), "{scorecard}");
}

#[test]
fn one_team_in_csv() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample();
    let output =
        qreview(dir.path(), &["kpis", sample.to_str().unwrap(), "--team", "Services", "--format", "csv"]);
    assert!(output.status.success());
    let csv = String::from_utf8(output.stdout).unwrap();
    assert!(csv.starts_with("# kpis\nteam,kpi,value,change,year_over_year,note\n"), "{csv}");
    // A cell starting with `+` is quoted so that a spreadsheet does not run it.
    assert!(csv.contains("Services,REST API usage,248 req/s mean,'+15% from Q4,\u{221e}% YoY,"), "{csv}");
    assert!(!csv.contains("Operations"), "only the chosen team");
}

#[test]
fn piped_tables_are_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let output = qreview(dir.path(), &["kpis", sample().to_str().unwrap()]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("| Operations") && text.contains("99.979%"), "{text}");
    assert!(!text.contains('\u{2502}') && !text.contains('\u{1b}'), "no box drawing or colour when piped");
}

#[test]
fn kpis_with_three_quarters_get_a_trend_line() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&format_example(), dir.path(), "example.pdf");
    let title = &pdf_pages_text(&pdf)[3];
    assert!(title.contains("Trend"), "{title}");
}
