"""Reads a PowerPoint file with python-pptx and prints what it holds as JSON, for
tests/cli/pptx.rs: per slide its layout, title, texts, table cells, charts (kind and
series values), hyperlinks and notes.

Usage: read_back.py FILE.pptx
"""

import json
import sys

from pptx import Presentation
from pptx.util import Emu


def texts_of(frame):
    return [paragraph.text for paragraph in frame.paragraphs]


def links_of(frame):
    return [run.hyperlink.address for p in frame.paragraphs for run in p.runs if run.hyperlink.address]


def main(path):
    deck = Presentation(path)
    out = {"width": Emu(deck.slide_width).inches, "height": Emu(deck.slide_height).inches,
           "layouts": [layout.name for layout in deck.slide_layouts], "slides": []}
    for slide in deck.slides:
        entry = {"layout": slide.slide_layout.name, "title": None, "texts": [], "tables": [], "charts": [],
                 "links": [], "fonts": set(), "notes": None}
        if slide.shapes.title is not None:
            entry["title"] = slide.shapes.title.text_frame.text
        for shape in slide.shapes:
            if shape.has_text_frame:
                entry["texts"].extend(texts_of(shape.text_frame))
                entry["links"].extend(links_of(shape.text_frame))
                for p in shape.text_frame.paragraphs:
                    for run in p.runs:
                        if run.font.name:
                            entry["fonts"].add(run.font.name)
            if shape.has_table:
                rows = [[cell.text for cell in row.cells] for row in shape.table.rows]
                entry["tables"].append(rows)
                for row in shape.table.rows:
                    for cell in row.cells:
                        entry["links"].extend(links_of(cell.text_frame))
            if shape.has_chart:
                chart = shape.chart
                entry["charts"].append({
                    "kind": str(chart.chart_type),
                    "categories": [str(c) for c in chart.plots[0].categories],
                    "series": [{"name": s.name, "values": list(s.values)} for s in chart.series],
                })
        if slide.has_notes_slide:
            entry["notes"] = slide.notes_slide.notes_text_frame.text
        entry["fonts"] = sorted(entry["fonts"])
        out["slides"].append(entry)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
