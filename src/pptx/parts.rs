//! The fixed parts of the package: theme, slide master, the two slide layouts, the
//! notes master and the properties. They hold no team text, so they are templates;
//! everything else is written with [`super::xml::Xml`].

pub(super) const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
pub(super) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub(super) const NS_P: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";
pub(super) const NS_C: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";

pub(super) const REL_SLIDE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide";
pub(super) const REL_LAYOUT: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout";
pub(super) const REL_MASTER: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster";
pub(super) const REL_NOTES: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide";
pub(super) const REL_NOTES_MASTER: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster";
pub(super) const REL_THEME: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
pub(super) const REL_CHART: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
pub(super) const REL_LINK: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

/// Positions are designed on PowerPoint's usual 13.333 × 7.5 inch slide, in EMU, and
/// written at the PDF's own size, 10 × 5.625 inches (16:9 too, [`to_slide`]): every type
/// size in points is then the PDF's, at the same share of the slide.
pub(super) const SLIDE_W: i64 = 12_192_000;
pub(super) const SLIDE_H: i64 = 6_858_000;
pub(super) const MARGIN: i64 = 457_200;

/// A designed length as written: three quarters of it (13.333 to 10 inches).
pub(super) fn to_slide(design: i64) -> i64 {
    design * 3 / 4
}

/// A written length back in design units.
pub(super) fn to_design(written: i64) -> i64 {
    written * 4 / 3
}

pub(super) const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

pub(super) const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>qreview</Application><PresentationFormat>Widescreen</PresentationFormat></Properties>"#;

pub(super) const PRES_PROPS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:presentationPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>"#;

pub(super) const VIEW_PROPS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:viewPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>"#;

pub(super) const TABLE_STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>"#;

/// The deck's colours (those of the PDF's theme.typ) and fonts: Noto Sans, as in the PDF.
pub(super) const THEME: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Quarterly review"><a:themeElements><a:clrScheme name="Quarterly review"><a:dk1><a:srgbClr val="1A1A1A"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="333333"/></a:dk2><a:lt2><a:srgbClr val="E8EAED"/></a:lt2><a:accent1><a:srgbClr val="3366CC"/></a:accent1><a:accent2><a:srgbClr val="14866D"/></a:accent2><a:accent3><a:srgbClr val="AC6600"/></a:accent3><a:accent4><a:srgbClr val="D33333"/></a:accent4><a:accent5><a:srgbClr val="72777D"/></a:accent5><a:accent6><a:srgbClr val="6B4BA1"/></a:accent6><a:hlink><a:srgbClr val="3366CC"/></a:hlink><a:folHlink><a:srgbClr val="6B4BA1"/></a:folHlink></a:clrScheme><a:fontScheme name="Noto Sans"><a:majorFont><a:latin typeface="Noto Sans"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Noto Sans"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="Plain"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#;

const TEXT_STYLE: &str = r#"<a:lvl1pPr marL="0" indent="0"><a:spcBef><a:spcPts val="600"/></a:spcBef><a:buNone/><a:defRPr sz="1800"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr><a:lvl2pPr marL="342900" indent="-285750"><a:spcBef><a:spcPts val="300"/></a:spcBef><a:buFont typeface="Arial"/><a:buChar char="&#8226;"/><a:defRPr sz="1800"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl2pPr>"#;

/// The master: white, the title top left over a rule, the footer and the slide number
/// at the bottom; a slide added by hand gets the same.
pub(super) fn master() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sldMaster xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{title}{body}{footer}</p:spTree></p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/><p:sldLayoutId id="2147483650" r:id="rId2"/></p:sldLayoutIdLst><p:txStyles><p:titleStyle><a:lvl1pPr algn="l"><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/><a:defRPr sz="2800" b="1"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mj-lt"/></a:defRPr></a:lvl1pPr></p:titleStyle><p:bodyStyle>{TEXT_STYLE}</p:bodyStyle><p:otherStyle><a:lvl1pPr><a:defRPr sz="1400"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>"#,
        title = placeholder(2, "Title", r#"type="title""#, (MARGIN, 228_600, SLIDE_W - 2 * MARGIN, 914_400)),
        body = placeholder(
            3,
            "Body",
            r#"type="body" idx="1""#,
            (MARGIN, 1_280_160, SLIDE_W - 2 * MARGIN, 4_846_320)
        ),
        footer = footer_and_number(),
    )
}

/// The footer and slide-number placeholders, where every layout and the master have them.
fn footer_and_number() -> String {
    placeholder(4, "Footer", r#"type="ftr" sz="quarter" idx="11""#, (MARGIN, 6_309_360, 8_229_600, 365_760))
        + &placeholder(
            5,
            "Slide number",
            r#"type="sldNum" sz="quarter" idx="12""#,
            (10_515_600, 6_309_360, 1_219_200, 365_760),
        )
}

/// The rule under a content slide's title.
fn rule() -> String {
    format!(
        r#"<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="6" name="Rule"/><p:cNvCxnSpPr/><p:nvPr userDrawn="1"/></p:nvCxnSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{rule_w}" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="7620"><a:solidFill><a:srgbClr val="C8CCD1"/></a:solidFill></a:ln></p:spPr></p:cxnSp>"#,
        x = to_slide(MARGIN),
        y = to_slide(1_188_720),
        rule_w = to_slide(SLIDE_W - 2 * MARGIN)
    )
}

fn placeholder(id: u32, name: &str, ph: &str, design: (i64, i64, i64, i64)) -> String {
    let (x, y, w, h) = (to_slide(design.0), to_slide(design.1), to_slide(design.2), to_slide(design.3));
    let (size, align, anchor) = match name {
        "Footer" => (r#" sz="1000""#, "l", "b"),
        "Slide number" => (r#" sz="1000""#, "r", "b"),
        "Title" => ("", "l", "t"),
        _ => ("", "l", "t"),
    };
    let colour = if size.is_empty() { "" } else { r#"<a:solidFill><a:srgbClr val="72777D"/></a:solidFill>"# };
    let field = if name == "Slide number" {
        r#"<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum"><a:rPr lang="en-US"/><a:t>&#8249;#&#8250;</a:t></a:fld>"#
    } else {
        ""
    };
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr anchor="{anchor}"><a:normAutofit/></a:bodyPr><a:lstStyle><a:lvl1pPr algn="{align}"><a:defRPr{size}>{colour}</a:defRPr></a:lvl1pPr></a:lstStyle><a:p>{field}<a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>"#
    )
}

/// Layout 1, "Title and Content": what content slides and hand-added slides use.
/// Layout 2, "Title Slide": the cover and each team's opening slide.
pub(super) fn layout(number: u32) -> String {
    let (name, kind, shapes) = match number {
        1 => (
            "Title and Content",
            "obj",
            format!(
                "{}{}{}",
                placeholder(2, "Title", r#"type="title""#, (MARGIN, 228_600, SLIDE_W - 2 * MARGIN, 914_400)),
                placeholder(3, "Body", r#"idx="1""#, (MARGIN, 1_280_160, SLIDE_W - 2 * MARGIN, 4_846_320)),
                footer_and_number(),
            ) + &rule(),
        ),
        _ => (
            "Title Slide",
            "title",
            format!(
                "{}{}{}",
                placeholder(
                    2,
                    "Title",
                    r#"type="ctrTitle""#,
                    (914_400, 1_371_600, SLIDE_W - 1_828_800, 1_143_000)
                ),
                placeholder(
                    3,
                    "Subtitle",
                    r#"type="subTitle" idx="1""#,
                    (914_400, 2_606_040, SLIDE_W - 1_828_800, 2_743_200)
                ),
                footer_and_number(),
            ),
        ),
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sldLayout xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}" type="{kind}" preserve="1"><p:cSld name="{name}"><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"#
    )
}

/// The notes master a notes page needs (PowerPoint refuses notes pages without one).
pub(super) fn notes_master() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:notesMaster xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr><p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="381000" y="685800"/><a:ext cx="6096000" cy="3429000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln w="12700"><a:solidFill><a:prstClr val="black"/></a:solidFill></a:ln></p:spPr></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" sz="quarter" idx="3"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="685800" y="4343400"/><a:ext cx="5486400" cy="4114800"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp></p:spTree></p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:notesStyle><a:lvl1pPr marL="0"><a:defRPr sz="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr></p:notesStyle></p:notesMaster>"#
    )
}

pub(super) fn rels(entries: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut xml = super::xml::Xml::new();
    xml.el(
        "Relationships",
        &[("xmlns", "http://schemas.openxmlformats.org/package/2006/relationships")],
        |x| {
            for (id, kind, target) in entries {
                if *kind == REL_LINK {
                    x.empty(
                        "Relationship",
                        &[("Id", id), ("Type", kind), ("Target", target), ("TargetMode", "External")],
                    );
                } else {
                    x.empty("Relationship", &[("Id", id), ("Type", kind), ("Target", target)]);
                }
            }
        },
    );
    xml.finish()
}
