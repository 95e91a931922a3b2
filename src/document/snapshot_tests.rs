//! The sample's document, as the layout reads it, against snapshots in `snapshots/`: any
//! change to the data contract or to a computed figure shows in review as a diff of
//! these files (`cargo insta review`, or `INSTA_UPDATE=always cargo test --release
//! snapshot` and read the diff before committing).

use crate::pipeline::sample_document;

#[test]
fn the_samples_document_is_as_snapshotted() {
    let document = sample_document();
    let files = document.data_files();
    assert_eq!(files.len(), 7, "review.json, fit.json and five teams");
    for (path, bytes) in files {
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let name = path.trim_start_matches("/data/").replace('/', "__");
        insta::assert_snapshot!(name, serde_json::to_string_pretty(&value).unwrap());
    }
}
