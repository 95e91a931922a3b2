//! Writing XML with quick-xml: every text and attribute value goes through its escaping,
//! so no team text can break a part. Characters XML 1.0 cannot hold at all (C0 control
//! characters but tab and newline) are written as their visible Unicode control
//! pictures (U+0007 as ␇): literal, and the file stays valid.

use std::io::Cursor;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// A part being written.
pub(super) struct Xml {
    writer: Writer<Cursor<Vec<u8>>>,
}

/// Text as XML can hold it (see the module's comment).
pub(super) fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let bad =
        |c: char| (c < ' ' && c != '\t' && c != '\n') || c == '\u{7f}' || c == '\u{fffe}' || c == '\u{ffff}';
    if !text.chars().any(bad) {
        return text.into();
    }
    text.chars()
        .map(|c| match c {
            '\u{7f}' => '\u{2421}',
            c if c < ' ' && c != '\t' && c != '\n' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .into()
}

impl Xml {
    /// A part with the XML declaration every OOXML part has.
    pub(super) fn new() -> Xml {
        let mut writer = Writer::new(Cursor::new(Vec::new()));
        writer
            .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("yes"))))
            .expect("writing to memory cannot fail");
        Xml { writer }
    }

    /// `<name attrs…>`, then `body`, then `</name>`.
    pub(super) fn el(&mut self, name: &str, attrs: &[(&str, &str)], body: impl FnOnce(&mut Xml)) {
        self.start(name, attrs);
        body(self);
        self.end(name);
    }

    /// `<name attrs…/>`.
    pub(super) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let start = Self::tag(name, attrs);
        self.writer.write_event(Event::Empty(start)).expect("writing to memory cannot fail");
    }

    pub(super) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let start = Self::tag(name, attrs);
        self.writer.write_event(Event::Start(start)).expect("writing to memory cannot fail");
    }

    pub(super) fn end(&mut self, name: &str) {
        self.writer.write_event(Event::End(BytesEnd::new(name))).expect("writing to memory cannot fail");
    }

    /// Escaped text.
    pub(super) fn text(&mut self, text: &str) {
        let text = printable(text);
        self.writer.write_event(Event::Text(BytesText::new(&text))).expect("writing to memory cannot fail");
    }

    /// `<name>text</name>`.
    pub(super) fn text_el(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.el(name, attrs, |x| x.text(text));
    }

    fn tag<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
        let mut start = BytesStart::new(name);
        for (key, value) in attrs {
            start.push_attribute((*key, printable(value).as_ref()));
        }
        start
    }

    pub(super) fn finish(self) -> Vec<u8> {
        self.writer.into_inner().into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped_and_control_characters_made_visible() {
        let mut xml = Xml::new();
        xml.el("a", &[("v", "\"<&>'")], |x| x.text("</a><b>&amp; bell\u{7} esc\u{1b}"));
        let text = String::from_utf8(xml.finish()).unwrap();
        assert!(
            text.ends_with(
                "<a v=\"&quot;&lt;&amp;&gt;&apos;\">&lt;/a&gt;&lt;b&gt;&amp;amp; bell\u{2407} esc\u{241b}</a>"
            ),
            "{text}"
        );
        let parsed: Result<Vec<_>, _> = {
            let mut reader = quick_xml::Reader::from_str(&text);
            std::iter::from_fn(|| match reader.read_event() {
                Ok(Event::Eof) => None,
                other => Some(other.map(|e| e.into_owned())),
            })
            .collect()
        };
        assert!(parsed.is_ok(), "well-formed");
    }
}
