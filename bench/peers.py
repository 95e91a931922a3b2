"""The same content as a qreview deck, written for the tools people use instead: a Marp
deck (Markdown) and a LaTeX Beamer deck. Reads the document qreview hands its layout
(`qreview build --emit-typst`, data/*.json), so the text, tables and figures are the
same; each team gets the slides qreview gives it (title and KPIs, an objective table per
objective, highlights, other, tables, workflows, allocation, skills; a chart as its data
table, which is what Markdown and plain Beamer have).

Usage: peers.py PROJECT_DIR OUT_DIR   (writes OUT_DIR/marp.md and OUT_DIR/beamer.tex)
"""

import json
import sys
from pathlib import Path


def plain(rich, bold=("**", "**"), escape=lambda s: s):
    """Rich text (docs/layout.md) as one line per paragraph or bullet."""
    def inline(items):
        out = ""
        for item in items:
            kind = item["kind"]
            if kind in ("text", "code"):
                out += escape(item["text"])
            elif kind == "strong":
                out += bold[0] + inline(item["body"]) + bold[1]
            else:
                out += inline(item["body"])
        return out
    lines = []
    for block in rich:
        if block["kind"] == "paragraph":
            lines.append(" ".join(inline(line) for line in block["lines"]))
        else:
            lines.extend("• " + inline(item) for item in block["items"])
    return lines


def team_slides(review, team):
    """The slides of a team as (title, subtitle, parts) with parts ("table", header, rows),
    ("bullets", lines) or ("text", line), all text already final."""
    slides = []
    kpis = [("table", ["Key performance indicator", "Value", "Change", "Year over year"],
             [[k["name"], k["value"], k["change"]["text"], k["year_over_year"]["text"]] for k in team["kpis"]])]
    facts = []
    if team["fte"]:
        facts.append(f"Approximate team size during this quarter: {team['fte']} FTE")
    if team["time_spent"]:
        facts.append("Time spent: " + ", ".join(f"{s['category']} {s['percent']}" for s in team["time_spent"]))
    slides.append((team["name"].upper(), review["quarter"], [("text", f) for f in facts] + (kpis if team["kpis"] else [])))
    for objective in team["objectives"]:
        measures = [" ".join(plain(m["text"])) + {True: " (+)", False: " (−)", None: ""}[m["met"]]
                    for m in objective["measures"]]
        status = ((objective["outcome"] or "").upper() + " " + " ".join(plain(objective["status"]))).strip()
        row = [objective["kind"].upper() + ": " + " ".join(plain(objective["goal"])), "; ".join(measures), status]
        parts = [("table", ["Objective", "Measure of success", "Status"], [row])]
        if objective["learning"]:
            parts.append(("text", "Learning: " + " ".join(plain(objective["learning"]))))
        slides.append((team["heading"], "Objective: " + objective["title"], parts))
        if objective["chart"] is not None:
            chart = team["charts"][objective["chart"]]
            rows = [[s["name"]] + [str(v) for v in s["values"]] for s in chart["series"]]
            parts = [("table", [chart["unit"] or ""] + chart["x"], rows)] + [("text", n) for n in chart["notes"]]
            slides.append((team["heading"], chart["title"], parts))
    if team["highlights"]:
        slides.append((team["heading"], "Highlights", [("bullets", [" ".join(plain(h)) for h in team["highlights"]])]))
    if team["other"]:
        label = {"success": "Success: ", "miss": "Miss: ", "learning": "Learning: ", "plain": ""}
        slides.append((team["heading"], "Other successes and misses",
                       [("bullets", [label[o["kind"]] + " ".join(plain(o["text"])) for o in team["other"]])]))
    for table in team["tables"]:
        slides.append((team["heading"], table["title"], [("text", table["caption"] or ""),
                                                          ("table", table["columns"], table["rows"])]))
    if team["workflows"]:
        rows = [[g["category"] if k == 0 else "", item["workflow"], " ".join(plain(item["comments"])), item["type"] or ""]
                for g in team["workflows"] for k, item in enumerate(g["items"])]
        slides.append((team["heading"], "Core workflows", [("table", ["Category", "Workflow", "Comments", "Type"], rows)]))
    if team["allocation"]:
        a = team["allocation"]
        slides.append((team["heading"], "Time allocation", [("table", a["columns"], a["rows"] + a["summary_rows"])]))
    if team["skills"]:
        s = team["skills"]
        for part in s["parts"]:
            rows = [[p["name"]] + [str(r["value"]) + (" " + r["change"] if r["change"] else "") for r in p["ratings"]]
                    for p in part["people"]]
            slides.append((team["heading"], "Skills", [("text", s["legend"]), ("table", [""] + part["skills"], rows)]))
    return slides


def marp(review, teams):
    out = ["---", "marp: true", "size: 16:9", "paginate: true", f"footer: {review['quarter']}", "---", ""]
    for team in teams:
        for title, subtitle, parts in team_slides(review, team):
            out.append(f"# {title}\n\n## {subtitle}\n")
            for part in parts:
                if part[0] == "text":
                    out.append(part[1] + "\n")
                elif part[0] == "bullets":
                    out.extend(f"- {line.lstrip('• ')}" for line in part[1])
                    out.append("")
                else:
                    cell = lambda c: c.replace("|", "\\|")
                    out.append("| " + " | ".join(cell(h) for h in part[1]) + " |")
                    out.append("|" + "---|" * len(part[1]))
                    out.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in part[2])
                    out.append("")
            out.append("---\n")
    return "\n".join(out[:-1]) + "\n"


def tex_escape(text):
    table = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
             "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
             "−": "-", "—": "--", "•": "", "∞": r"$\infty$", "≤": r"$\leq$", "→": r"$\rightarrow$",
             "“": "``", "”": "''", "’": "'", "‘": "`", "●": "*", "○": "o"}
    return "".join(table.get(c, c) for c in text)


def beamer(review, teams):
    out = [r"\documentclass[aspectratio=169,10pt]{beamer}", r"\usepackage[utf8]{inputenc}", r"\usepackage[T1]{fontenc}",
           r"\usepackage{array}", r"\setbeamertemplate{navigation symbols}{}",
           r"\setbeamertemplate{footline}[frame number]", r"\begin{document}"]
    for team in teams:
        for title, subtitle, parts in team_slides(review, team):
            out.append(r"\begin{frame}[shrink]{" + tex_escape(title) + "}{" + tex_escape(subtitle) + "}")
            for part in parts:
                if part[0] == "text":
                    out.append(tex_escape(part[1]) + r"\par")
                elif part[0] == "bullets":
                    out.append(r"\begin{itemize}")
                    out.extend(r"\item " + tex_escape(line.lstrip("• ")) for line in part[1])
                    out.append(r"\end{itemize}")
                else:
                    width = 0.9 / max(1, len(part[1]))
                    spec = "".join(r"p{%.3f\textwidth}" % width for _ in part[1])
                    out.append(r"{\scriptsize\begin{tabular}{" + spec + "}")
                    out.append(" & ".join(r"\textbf{" + tex_escape(h) + "}" for h in part[1]) + r"\\\hline")
                    out.extend(" & ".join(tex_escape(c) for c in row) + r"\\" for row in part[2])
                    out.append(r"\end{tabular}}")
            out.append(r"\end{frame}")
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def main(project, out):
    project, out = Path(project), Path(out)
    review = json.loads((project / "data" / "review.json").read_text())
    teams = [json.loads((project / entry["data"].lstrip("/")).read_text()) for entry in review["teams"]]
    out.mkdir(parents=True, exist_ok=True)
    (out / "marp.md").write_text(marp(review, teams))
    (out / "beamer.tex").write_text(beamer(review, teams))
    count = sum(len(team_slides(review, t)) for t in teams)
    print(f"{count} slides for {len(teams)} teams")


if __name__ == "__main__":
    main(*sys.argv[1:3])
