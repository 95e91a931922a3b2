#!/usr/bin/env python3
"""Type sizes and use of space on a deck's slides, read back from the PDF.

Usage: bench/slide_metrics.py DECK.pdf

Runs `pdftotext -bbox-layout` (poppler-utils) and prints, for the whole deck: the
distribution of text sizes, the smallest text and where it is, the median slide's lowest
line of content as a share of the slide height (the footer excluded), and the slides
whose lowest line is highest. A word's size is its box height over Noto Sans' ascent plus
descent (1.362 em), so words set in another font read a little larger.
"""
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET

EM_HEIGHT = 1.362  # Noto Sans: (1069 + 293) / 1000
FOOTER_SHARE = 0.92  # lines below this share of the height are the footer and small print


def words(pdf):
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(xml.decode("utf-8").replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    for number, page in enumerate(root.iter("page"), 1):
        height = float(page.get("height"))
        for line in page.iter("line"):
            for word in line.iter("word"):
                y0, y1 = float(word.get("yMin")), float(word.get("yMax"))
                yield number, height, y0, y1, (y1 - y0) / EM_HEIGHT, word.text or ""


def main():
    pdf = sys.argv[1]
    found = list(words(pdf))
    sizes = [round(w[4], 1) for w in found]
    print(f"{pdf}: {len(set(w[0] for w in found))} slides, {len(found)} words")
    counts = {}
    for size in sizes:
        counts[size] = counts.get(size, 0) + 1
    print("sizes (pt: words):", ", ".join(f"{s}: {n}" for s, n in sorted(counts.items())))
    smallest = min(found, key=lambda w: w[4])
    print(f"smallest: {smallest[4]:.1f} pt, slide {smallest[0]}, \"{smallest[5]}\"")
    lowest = {}
    for page, height, y0, y1, size, text in found:
        if y1 / height < FOOTER_SHARE:
            lowest[page] = max(lowest.get(page, 0), y1 / height)
    shares = sorted(lowest.values())
    print(f"lowest line of content: median {statistics.median(shares):.0%}, range {shares[0]:.0%} to {shares[-1]:.0%}")
    print("highest lowest lines:", ", ".join(f"slide {p} {s:.0%}" for p, s in sorted(lowest.items(), key=lambda x: x[1])[:5]))


if __name__ == "__main__":
    main()
