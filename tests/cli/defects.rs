//! Defects found by trying qreview as a new user would (lost decks, labels, rounding,
//! permissions, odd values): one regression test each. Broken files that only need a
//! message are cases under `tests/fixtures/invalid/`.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use crate::common::*;
use crate::preview::copy_dir;

/// A review folder with `review.yaml` (its head, then `teams:`) and the given team files.
fn review(dir: &Path, head: &str, teams: &[(&str, &str)]) -> std::path::PathBuf {
    fs::create_dir_all(dir.join("teams")).unwrap();
    let mut listing = String::from("teams:\n");
    for (file, text) in teams {
        fs::write(dir.join("teams").join(file), text).unwrap();
        listing.push_str(&format!("  - teams/{file}\n"));
    }
    fs::write(dir.join("review.yaml"), format!("{head}{listing}")).unwrap();
    dir.to_path_buf()
}

const HEAD: &str = "title: Review\nquarter: 2015/16 Q2\n";

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_team_whose_slug_is_review_keeps_its_deck_in_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let input = review(
        &dir.path().join("in"),
        HEAD,
        &[("review.yaml", "team: Review Board\n"), ("ops.yaml", "team: Ops\n")],
    );
    let output = qreview(dir.path(), &["batch", input.to_str().unwrap(), "-o", "decks"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = String::from_utf8_lossy(&output.stdout);
    let decks = dir.path().join("decks");
    assert!(pdf_text(&decks.join("review-2.pdf")).contains("REVIEW BOARD"), "the team's own deck");
    assert!(pdf_text(&decks.join("review.pdf")).contains("Agenda"), "the whole review");
    assert!(summary.contains("review-2.pdf") && summary.contains("review.pdf"), "{summary}");
    // Every deck the summary lists exists.
    for name in ["review.pdf", "review-2.pdf", "ops.pdf"] {
        assert!(decks.join(name).is_file(), "{name}");
    }
    // Three decks, each with its speaker notes (.pdfpc) beside it, and nothing else.
    let names = file_names(&decks);
    assert_eq!(
        names,
        ["ops.pdf", "ops.pdfpc", "review-2.pdf", "review-2.pdfpc", "review.pdf", "review.pdfpc"]
    );
}

#[test]
fn emit_typst_never_replaces_a_folder_with_a_users_files() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample();
    let project = dir.path().join("project");
    fs::create_dir(&project).unwrap();
    fs::write(project.join("main.typ"), "my own layout").unwrap();
    let emit = |command: &str| {
        let mut args = vec![command, sample.to_str().unwrap()];
        if command == "preview" {
            args.extend(["--team", "security"]);
        }
        args.extend(["--emit-typst", project.to_str().unwrap()]);
        qreview(dir.path(), &args)
    };
    for command in ["build", "preview"] {
        let output = emit(command);
        assert_eq!(output.status.code(), Some(1), "{command}");
        assert!(stderr(&output).contains("did not write there (such as `main.typ`)"), "{}", stderr(&output));
        assert_eq!(fs::read_to_string(project.join("main.typ")).unwrap(), "my own layout");
        assert_eq!(fs::read_dir(&project).unwrap().count(), 1, "nothing was added");
    }
    // Into a new folder, and again over its own earlier project: fine.
    fs::remove_dir_all(&project).unwrap();
    assert!(emit("build").status.success());
    assert!(emit("preview").status.success());
    // Once a designer has edited it, it is theirs.
    fs::write(project.join("theme.typ"), "// edited").unwrap();
    let output = emit("build");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(fs::read_to_string(project.join("theme.typ")).unwrap(), "// edited");
    // PNG slides follow the same rule.
    let png = qreview(
        dir.path(),
        &[
            "preview",
            sample.to_str().unwrap(),
            "--team",
            "security",
            "--format",
            "png",
            "-o",
            project.to_str().unwrap(),
        ],
    );
    assert_eq!(png.status.code(), Some(1));
}

#[test]
fn outputs_get_the_users_umask_and_a_replaced_file_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample();
    let run = |umask: &str, args: &str| {
        let script = format!("umask {umask}; exec \"$0\" {args}");
        let output = Command::new("sh")
            .args(["-c", &script, env!("CARGO_BIN_EXE_qreview")])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
    };
    let input = sample.to_str().unwrap();
    run("022", &format!("build {input} -o deck.pdf"));
    assert_eq!(mode(&dir.path().join("deck.pdf")), 0o644);
    run("027", &format!("build {input} -o other.pdf"));
    assert_eq!(mode(&dir.path().join("other.pdf")), 0o640);
    fs::set_permissions(dir.path().join("deck.pdf"), fs::Permissions::from_mode(0o664)).unwrap();
    run("077", &format!("build {input} -o deck.pdf"));
    assert_eq!(mode(&dir.path().join("deck.pdf")), 0o664, "a replaced file keeps its mode");
    run("022", &format!("preview {input} --team security --format png -o slides"));
    assert_eq!(mode(&dir.path().join("slides")), 0o755);
    assert_eq!(mode(&dir.path().join("slides/slide-01.png")), 0o644);
    run("022", &format!("batch {input} -o decks --jobs 1"));
    assert_eq!(mode(&dir.path().join("decks/review.pdf")), 0o644);
    assert_eq!(mode(&dir.path().join("decks/security.pdf")), 0o644);
}

#[test]
fn jobs_are_never_more_than_decks_or_cores_and_zero_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = review(&dir.path().join("in"), HEAD, &[("a.yaml", "team: A\n")]);
    let output = qreview(dir.path(), &["batch", input.to_str().unwrap(), "-o", "decks", "--jobs", "65535"]);
    let messages = stderr(&output);
    assert!(output.status.success(), "{messages}");
    // One team and the whole review: two decks, so at most two threads.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    assert!(messages.contains(&format!("with {} job(s)", cores.min(2))), "{messages}");

    let zero = qreview(dir.path(), &["batch", input.to_str().unwrap(), "-o", "zero", "--jobs", "0"]);
    assert_eq!(zero.status.code(), Some(2));
    assert!(stderr(&zero).contains("a batch needs at least one thread"), "{}", stderr(&zero));
    assert!(!dir.path().join("zero").exists());
}

#[test]
fn batch_onto_a_file_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("decks"), "not a folder").unwrap();
    let output = qreview(dir.path(), &["batch", sample().to_str().unwrap(), "-o", "decks"]);
    assert_eq!(output.status.code(), Some(1));
    let messages = stderr(&output);
    assert!(
        messages.contains("cannot write the decks into `decks`: it is a file, not a folder"),
        "{messages}"
    );
    assert!(!messages.contains("os error"), "{messages}");
    assert_eq!(fs::read_to_string(dir.path().join("decks")).unwrap(), "not a folder");
    // A review that cannot be read creates no output folder.
    let missing = qreview(dir.path(), &["batch", "nowhere", "-o", "new-decks"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(!dir.path().join("new-decks").exists());
}

/// With a fiscal year from April, a value keyed in calendar spelling is labelled with
/// the review's own (fiscal) quarter.
#[test]
fn calendar_spelt_quarters_are_labelled_as_the_review_spells_them() {
    let dir = tempfile::tempdir().unwrap();
    let head = "title: Review\nquarter: 2017/18 Q1\nfiscal_year_start: 4\n";
    let team = "team: A\nkpis:\n  - name: Tickets\n    values:\n      2016 Q4: 10\n      2017 Q2: 12\n  - name: Pages\n    values:\n      2017 Q1: 8\n      2017/18 Q1: 10\n";
    let input = review(&dir.path().join("in"), head, &[("a.yaml", team)]);
    let output = qreview(dir.path(), &["kpis", input.to_str().unwrap(), "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // The review's quarter is April to June 2017 (calendar 2017 Q2). 2016 Q4 (October to
    // December 2016) is fiscal 2016/17 Q3, and 2017 Q1 is fiscal 2016/17 Q4.
    assert_eq!(json["kpis"][0]["change"], "+20% from Q3");
    assert_eq!(json["kpis"][1]["change"], "+25% from Q4");
}

#[test]
fn figures_round_the_decimal_written_half_away_from_zero() {
    let dir = tempfile::tempdir().unwrap();
    let team = "team: A\nkpis:\n  - name: Ratio\n    decimals: 2\n    values:\n      2015/16 Q1: 0.125\n      2015/16 Q2: 1.005\n  - name: Count\n    decimals: 0\n    values:\n      2015/16 Q1: 8\n      2015/16 Q2: 2.5\n";
    let input = review(&dir.path().join("in"), HEAD, &[("a.yaml", team)]);
    let output = qreview(dir.path(), &["kpis", input.to_str().unwrap(), "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["kpis"][0]["value"], "1.01");
    assert_eq!(json["kpis"][1]["value"], "3");
    // 8 to 2.5 is -68.75%: whole percents, away from zero.
    assert_eq!(json["kpis"][1]["change"], "\u{2212}69% from Q1");
}

/// A 5,000-character word in an objective title stays on its slide and leaves the
/// content under it readable.
#[test]
fn a_huge_title_stays_on_its_slide() {
    let dir = tempfile::tempdir().unwrap();
    let title = "x".repeat(5000);
    let team = format!(
        "team: A\nobjectives:\n  - title: {title}\n    kind: focus\n    measures: [Ship the thing]\n    status: Shipped on time\n    outcome: done\n"
    );
    let input = review(&dir.path().join("in"), HEAD, &[("a.yaml", &team)]);
    let (pdf, messages) = build_reporting(&input, dir.path(), "deck.pdf");
    assert!(!messages.contains("runs off"), "{messages}");
    // The title breaks like body text: in the header, cut at the header's edge; in the
    // table (it stands for the goal), wrapped and continued. The measure and status stay
    // on the objective's first slide, under the header, as for any title.
    let pages = pdf_pages_text(&pdf);
    let first = pages.iter().position(|page| page.contains("Objective: xxx")).expect("the objective's slide");
    assert!(
        pages[first].contains("Ship the thing") && pages[first].contains("Shipped on time"),
        "{}",
        pages[first]
    );
    let header_lines = pages[first].lines().take_while(|line| !line.contains("Measure of success")).count();
    assert!(header_lines <= 8, "the header keeps to its frame: {header_lines} lines above the table");
}

#[test]
fn two_teams_of_one_name_are_an_error_and_preview_asks_which() {
    let dir = tempfile::tempdir().unwrap();
    let input = review(&dir.path().join("in"), HEAD, &[("a.yaml", "team: Ops\n"), ("b.yaml", "team: OPS\n")]);
    let preview = qreview(dir.path(), &["preview", input.to_str().unwrap(), "--team", "ops"]);
    assert_eq!(preview.status.code(), Some(1));
    let messages = stderr(&preview);
    assert!(messages.contains("2 team files name their team `ops`"), "{messages}");
    assert!(messages.contains("by its file slug: a, b"), "{messages}");
    let kpis = qreview(dir.path(), &["kpis", input.to_str().unwrap(), "--team", "OPS"]);
    assert_eq!(kpis.status.code(), Some(1));
    assert!(stderr(&kpis).contains("by its file slug: a, b"), "{}", stderr(&kpis));
    // By its slug, one team is unambiguous; the review as a whole is not valid.
    let by_slug = qreview(dir.path(), &["kpis", input.to_str().unwrap(), "--team", "b"]);
    assert!(by_slug.status.success(), "{}", stderr(&by_slug));
    let check = qreview(dir.path(), &["check", input.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains("two team files name their team `OPS`"), "{}", stderr(&check));
}

#[test]
fn csv_cells_never_run_as_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let team = "team: \"=HYPERLINK(\\\"http://x\\\")\"\nkpis:\n  - name: \"@SUM(A1)\"\n    values:\n      2015/16 Q1: -5\n      2015/16 Q2: -3\n";
    let input = review(&dir.path().join("in"), HEAD, &[("a.yaml", team)]);
    let output = qreview(dir.path(), &["kpis", input.to_str().unwrap(), "--format", "csv"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let csv = String::from_utf8(output.stdout).unwrap();
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1),\u{2212}3,'+40% from Q1,"), "{csv}");
}

/// The review's `date` is what the review says; `SOURCE_DATE_EPOCH` dates only a build
/// whose input has none.
#[test]
fn the_reviews_date_wins_over_source_date_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let creation = |input: &Path, name: &str, epoch: Option<&str>| {
        let out = dir.path().join(name);
        let mut command = Command::new(env!("CARGO_BIN_EXE_qreview"));
        command
            .args(["build", input.to_str().unwrap(), "-o", out.to_str().unwrap()])
            .env_remove("SOURCE_DATE_EPOCH");
        if let Some(epoch) = epoch {
            command.env("SOURCE_DATE_EPOCH", epoch);
        }
        let output = command.output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        let pdf = load_pdf(&out);
        let info = pdf
            .trailer
            .get(b"Info")
            .and_then(|info| pdf.dereference(info))
            .unwrap()
            .1
            .as_dict()
            .unwrap()
            .clone();
        String::from_utf8_lossy(info.get(b"CreationDate").unwrap().as_str().unwrap()).into_owned()
    };
    // The sample's date is 2016-01-21; the epoch is 2016-03-01.
    assert!(creation(&sample(), "a.pdf", Some("1456790400")).starts_with("D:20160121"));
    let team = sample().join("teams/security.yaml");
    assert!(creation(&team, "b.pdf", Some("1456790400")).starts_with("D:20160301"));
}

#[test]
fn odd_values_get_warnings_and_still_build() {
    let dir = tempfile::tempdir().unwrap();
    let team = "team: A\ntime_spent: {strengthen: 120, focus: -20}\nallocation:\n  projects: {Total: focus, Web: focus}\n  people:\n    Ana: [50, 50]\n";
    let input = review(&dir.path().join("in"), HEAD, &[("a.yaml", team)]);
    let output = qreview(dir.path(), &["check", input.to_str().unwrap()]);
    let messages = stderr(&output);
    assert!(output.status.success(), "warnings only: {messages}");
    assert!(
        messages.contains("time_spent gives strengthen 120%: a share of the team's time is from 0 to 100%"),
        "{messages}"
    );
    assert!(messages.contains("time_spent gives focus \u{2212}20%"), "{messages}");
    assert!(
        messages.contains("a project is named `Total`, as a row or column the allocation table computes"),
        "{messages}"
    );
}

#[test]
fn a_copied_review_with_a_team_listed_twice_points_at_review_yaml() {
    // Also covered by invalid/listed-twice; here through batch, which must refuse it whole.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    copy_dir(&fixture("invalid/listed-twice"), &input);
    let output = qreview(dir.path(), &["batch", input.to_str().unwrap(), "-o", "decks"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("review.yaml:3:"), "{}", stderr(&output));
    assert!(!dir.path().join("decks").exists());
}
