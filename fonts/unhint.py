"""Strips the TrueType hinting from the Noto faces in this folder, in place.

Hinting (glyph programs, fpgm, prep, cvt) tunes outlines for small sizes on low-resolution
screens; slides are set at 12 pt and up and shown scaled, and PDF viewers and Typst's own
PNG and SVG output draw the outlines unhinted anyway. It was 40% of the glyph data, and so
of every embedded font subset that each build subsets and compresses again. Outlines,
metrics, character maps and OpenType layout are kept as they are, so that every deck is
laid out exactly as before. Run once per font update (needs fontTools: pip install
fonttools), then `QREVIEW_BLESS=1 cargo test --release font_book`.
"""

import sys
from pathlib import Path

from fontTools.ttLib import TTFont

HINTING_TABLES = ["fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX"]


def unhint(path):
    font = TTFont(path)
    if "glyf" not in font:
        return False
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyf[name].removeHinting()
    for tag in HINTING_TABLES + ["DSIG"]:  # a signature no longer matches the changed file
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    for field in ["maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions"]:
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    font.save(path)
    return True


if __name__ == "__main__":
    folder = Path(__file__).resolve().parent
    for path in sorted(folder.glob("Noto*.ttf")):
        before = path.stat().st_size
        if unhint(path):
            print(f"{path.name}: {before} -> {path.stat().st_size} bytes", file=sys.stderr)
