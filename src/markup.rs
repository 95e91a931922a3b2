//! Inline Markdown in text fields, turned into data the layout renders.
//!
//! Format v1 allows `**bold**`, `*italic*`, `[link](url)`, `` `code` ``, `~~struck~~`
//! and `- ` bullet lines; every other character is text. Block constructs (headings,
//! HTML, quotes, escapes) are switched off in the parser, so `# 1` or `\` stay as written.
//! The result is JSON, never Typst markup: the layout places each piece as text.

use markdown::mdast::Node;
use markdown::{Constructs, ParseOptions};
use serde::Serialize;

/// A paragraph or a bullet list.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub(crate) enum Block {
    Paragraph { lines: Vec<Vec<Inline>> },
    Bullets { items: Vec<Vec<Inline>> },
}

/// A run of inline content.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub(crate) enum Inline {
    Text { text: String },
    Strong { body: Vec<Inline> },
    Emph { body: Vec<Inline> },
    Strike { body: Vec<Inline> },
    Code { text: String },
    Link { url: String, body: Vec<Inline> },
}

/// Rich text: blocks in order.
pub(crate) type Rich = Vec<Block>;

/// Parses a text field. Lines starting with `- ` (or `• `) are bullet items; other lines
/// form paragraphs, a blank line ends one.
pub(crate) fn parse(text: &str) -> Rich {
    let mut blocks = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        let bullet = trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix("\u{2022} "));
        match (bullet, blocks.last_mut()) {
            (_, _) if trimmed.is_empty() && bullet.is_none() => blocks.push(None),
            (Some(item), Some(Some(Block::Bullets { items }))) => items.push(inline(item)),
            (Some(item), _) => blocks.push(Some(Block::Bullets { items: vec![inline(item)] })),
            (None, Some(Some(Block::Paragraph { lines }))) => lines.push(inline(trimmed)),
            (None, _) => blocks.push(Some(Block::Paragraph { lines: vec![inline(trimmed)] })),
        }
    }
    blocks.into_iter().flatten().collect()
}

fn options() -> ParseOptions {
    let constructs = Constructs {
        attention: true,
        autolink: true,
        code_text: true,
        gfm_autolink_literal: true,
        gfm_strikethrough: true,
        label_start_link: true,
        label_end: true,
        block_quote: false,
        character_escape: false,
        character_reference: false,
        code_indented: false,
        code_fenced: false,
        definition: false,
        frontmatter: false,
        gfm_footnote_definition: false,
        gfm_label_start_footnote: false,
        gfm_table: false,
        gfm_task_list_item: false,
        hard_break_escape: false,
        hard_break_trailing: false,
        heading_atx: false,
        heading_setext: false,
        html_flow: false,
        html_text: false,
        label_start_image: false,
        list_item: false,
        math_flow: false,
        math_text: false,
        thematic_break: false,
        ..Constructs::default()
    };
    ParseOptions { constructs, ..ParseOptions::default() }
}

/// Link targets that may be clicked; any other link stays text, exactly as written.
const LINK_SCHEMES: &[&str] = &["https://", "http://", "mailto:"];

/// Parses one line of inline Markdown.
fn inline(line: &str) -> Vec<Inline> {
    if is_plain(line) {
        return vec![Inline::Text { text: line.to_owned() }];
    }
    parsed(line)
}

/// Whether a line is one run of text as it stands, to the parser as well: nothing in it
/// can open or close a construct that is on (the characters below, and a web or mail
/// address written out: `www.`, `://`, `mailto:`, `xmpp:`), no control character but a
/// tab (rare in a review, and left to the parser rather than reasoned about), and no
/// space at either end for the parser to drop. Most lines are such sentences, and the parser
/// takes about 20 us for each (half of `qreview check` of a 500-team review).
fn is_plain(line: &str) -> bool {
    const SPECIAL: &[u8] = b"*_`~[]<>@\\";
    const ADDRESSES: [&[u8]; 4] = [b"www.", b"://", b"mailto:", b"xmpp:"];
    let bytes = line.as_bytes();
    let has = |word: &[u8]| bytes.windows(word.len()).any(|window| window.eq_ignore_ascii_case(word));
    !line.is_empty()
        && line.trim() == line
        && !bytes.iter().any(|byte| SPECIAL.contains(byte) || (byte.is_ascii_control() && *byte != b'\t'))
        && !ADDRESSES.iter().any(|address| has(address))
}

/// One line through the Markdown parser.
fn parsed(line: &str) -> Vec<Inline> {
    match markdown::to_mdast(line, &options()) {
        Ok(root) => {
            let mut out = Vec::new();
            convert_children(line, &root, &mut out);
            merge_text(out)
        }
        // Only MDX syntax can fail to parse, and it is off; keep the text regardless.
        Err(_) => vec![Inline::Text { text: line.to_owned() }],
    }
}

fn convert_children(line: &str, node: &Node, out: &mut Vec<Inline>) {
    for child in node.children().into_iter().flatten() {
        convert(line, child, out);
    }
}

fn convert(line: &str, node: &Node, out: &mut Vec<Inline>) {
    let body = |node: &Node| {
        let mut body = Vec::new();
        convert_children(line, node, &mut body);
        merge_text(body)
    };
    match node {
        Node::Text(text) => out.push(Inline::Text { text: text.value.clone() }),
        Node::InlineCode(code) => out.push(Inline::Code { text: code.value.clone() }),
        Node::Strong(_) => out.push(Inline::Strong { body: body(node) }),
        Node::Emphasis(_) => out.push(Inline::Emph { body: body(node) }),
        Node::Delete(_) => out.push(Inline::Strike { body: body(node) }),
        Node::Link(link) if LINK_SCHEMES.iter().any(|scheme| link.url.starts_with(scheme)) => {
            out.push(Inline::Link { url: link.url.clone(), body: body(node) })
        }
        Node::Link(_) => {
            let written = node.position().and_then(|p| line.get(p.start.offset..p.end.offset));
            out.push(Inline::Text { text: written.unwrap_or(line).to_owned() });
        }
        // Anything else (a paragraph wrapper) is looked through.
        _ => convert_children(line, node, out),
    }
}

/// Joins neighbouring text runs, which the parser splits at every candidate delimiter.
fn merge_text(pieces: Vec<Inline>) -> Vec<Inline> {
    let mut merged: Vec<Inline> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if let (Inline::Text { text: next }, Some(Inline::Text { text })) = (&piece, merged.last_mut()) {
            text.push_str(next);
            continue;
        }
        merged.push(piece);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of a field with all markup removed, for outlines and checks.
    fn plain(text: &str) -> String {
        fn collect(inlines: &[Inline], out: &mut String) {
            for piece in inlines {
                match piece {
                    Inline::Text { text } | Inline::Code { text } => out.push_str(text),
                    Inline::Strong { body } | Inline::Emph { body } | Inline::Strike { body } => {
                        collect(body, out)
                    }
                    Inline::Link { body, .. } => collect(body, out),
                }
            }
        }
        let mut out = String::new();
        for block in parse(text) {
            let lines = match block {
                Block::Paragraph { lines } => lines,
                Block::Bullets { items } => items,
            };
            for line in lines {
                if !out.is_empty() {
                    out.push(' ');
                }
                collect(&line, &mut out);
            }
        }
        out
    }

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.to_owned() }
    }

    /// Every line the shortcut takes gives what the parser gives: the texts of the
    /// bundled reviews (each YAML line, and its value after a key), and lines that look
    /// like Markdown without being any of format v1's constructs.
    #[test]
    fn plain_lines_read_as_the_parser_reads_them() {
        let mut lines: Vec<String> = [
            "a  b",
            "tab\there",
            "1. item",
            "# 1",
            "+ plus",
            "= setext",
            "50% done",
            "x^2 | y",
            "$math$",
            "example.com",
            "— em dash « quoted »",
            "a-b-c",
            "\u{201c}curly\u{201d}",
            "#hash",
            "2015/16 Q2",
            "WWW.example.com",
            "mail me@example.org",
            "[x](https://a.b)",
            "**bold**",
            "`code`",
            "~~old~~",
            " padded ",
            "&amp;",
            "a\\b",
            "done!",
            "(brackets) & more: yes",
            "see https://x.y",
            "HTTP://X.Y",
            "xmpp:me",
            "MailTo:a",
            "a://b",
            "![image](x)",
            "ratio 3:2",
            "e.g. Q3",
        ]
        .map(str::to_owned)
        .to_vec();
        let mut files = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples")];
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|entry| entry.unwrap().path()));
            } else if path.extension().is_some_and(|ext| ext == "yaml") {
                for line in std::fs::read_to_string(&path).unwrap().lines() {
                    let line = line.trim().trim_start_matches("- ");
                    lines.push(line.to_owned());
                    if let Some((_, value)) = line.split_once(": ") {
                        lines.push(value.trim_matches(['"', '\'']).to_owned());
                    }
                }
            }
        }
        let taken = lines.iter().filter(|line| is_plain(line)).count();
        assert!(taken > 200, "only {taken} of {} lines are plain", lines.len());
        for line in lines.iter().filter(|line| is_plain(line)) {
            assert_eq!(parsed(line), vec![Inline::Text { text: line.clone() }], "{line:?}");
        }
        let not_plain = [
            "WWW.example.com",
            "see HTTPS://x.y",
            "MAILTO:a",
            "mail me@example.org",
            " padded ",
            "",
            "a\0b",
            "a\rb",
        ];
        for line in not_plain {
            assert!(!is_plain(line), "{line:?}");
        }
    }

    #[test]
    fn inline_markup_and_bullets() {
        let rich = parse(
            "Lead time is down to **30 minutes**.\n- canary: *8* minutes\n- see [the plan](https://example.org)",
        );
        assert_eq!(rich.len(), 2);
        assert_eq!(
            rich[0],
            Block::Paragraph {
                lines: vec![vec![
                    text("Lead time is down to "),
                    Inline::Strong { body: vec![text("30 minutes")] },
                    text(".")
                ]]
            }
        );
        let Block::Bullets { items } = &rich[1] else { panic!("{rich:?}") };
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[1][1],
            Inline::Link { url: "https://example.org".into(), body: vec![text("the plan")] }
        );
    }

    #[test]
    fn everything_else_is_text() {
        for literal in [
            "# not a heading",
            "2024. was a good year",
            r#"#panic("x") ] $x^2$ \ <b>"#,
            "**unclosed",
            "> quote",
            "&amp;",
            "a\\*b",
        ] {
            assert_eq!(plain(literal), literal, "{literal}");
        }
        assert_eq!(plain("1. first"), "1. first");
        assert_eq!(plain("[with Research]"), "[with Research]");
        // Only web and mail links are links; anything else stays as written.
        assert_eq!(
            parse("[x](javascript:alert(1)) end")[0],
            Block::Paragraph { lines: vec![vec![text("[x](javascript:alert(1)) end")]] }
        );
        assert_eq!(plain("[x](#) and [y](/etc/passwd)"), "[x](#) and [y](/etc/passwd)");
    }

    #[test]
    fn strikethrough_and_code() {
        assert_eq!(
            parse("~~old~~ `#hash`")[0],
            Block::Paragraph {
                lines: vec![vec![
                    Inline::Strike { body: vec![text("old")] },
                    text(" "),
                    Inline::Code { text: "#hash".into() }
                ]]
            }
        );
    }
}
