//! `qreview new`: a review folder to fill in, never written over anything.

use std::fs;
use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::NewArgs;
use crate::model::Quarter;
use crate::scaffold;

pub(crate) fn run(args: &NewArgs) -> anyhow::Result<ExitCode> {
    let quarter = args.quarter.unwrap_or_else(this_quarter);
    let names: Vec<String> = match &args.team[..] {
        [] => vec!["My team".to_owned()],
        names => names.iter().map(|name| name.trim().to_owned()).collect(),
    };
    let mut slugs: Vec<String> = names.iter().map(|name| scaffold::slug(name)).collect();
    slugs.sort();
    if let Some(pair) = slugs.windows(2).find(|pair| pair[0] == pair[1]) {
        anyhow::bail!(
            "two teams would share the file `teams/{}.yaml`: give each team a name of its own",
            pair[0]
        );
    }
    let files = scaffold::review(quarter, &names);
    // Nothing is written unless every file is new.
    if let Some((path, _)) = files.iter().find(|(path, _)| args.dir.join(path).exists()) {
        anyhow::bail!(
            "`{}` exists already, and qreview new never writes over a file; choose a new folder",
            args.dir.join(path).display()
        );
    }
    for (path, text) in &files {
        let path = args.dir.join(path);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)
                .with_context(|| format!("cannot create folder `{}`", folder.display()))?;
        }
        // `create_new`: a file that appeared meanwhile is still not written over.
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("cannot create `{}`", path.display()))?;
        file.write_all(text.as_bytes()).with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    let dir = args.dir.display();
    let first = scaffold::slug(&names[0]);
    eprintln!(
        "wrote the review {dir} for {quarter}: review.yaml and {} team file(s) under teams/",
        names.len()
    );
    eprintln!("next: fill in each team file (its comments say how), then");
    eprintln!("  qreview check {dir}                          # lists what is wrong or left as an example");
    eprintln!("  qreview preview {dir} --team {first} --watch   # the team's slides, as you save");
    eprintln!("  qreview build {dir} -o review.pdf            # the deck");
    Ok(ExitCode::SUCCESS)
}

/// The calendar quarter of today, the default for a new review.
fn this_quarter() -> Quarter {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() as i64);
    let today = crate::dates::datetime_from_epoch(seconds);
    let (year, month) =
        today.map_or((1970, 1), |date| (date.year().unwrap_or(1970), date.month().unwrap_or(1)));
    Quarter::calendar(year, month)
}
