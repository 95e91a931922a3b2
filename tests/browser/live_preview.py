"""Drives qreview's live preview in a real headless Chromium (Selenium and ChromeDriver).

Usage: live_preview.py URL TEAM_FILE SCREENSHOT_DIR TYPST_SVG_DIR

Run by tests/cli/serve.rs against `qreview preview --serve`; it edits TEAM_FILE as a team
lead would and checks what the page shows. TYPST_SVG_DIR holds the same slides as Typst
writes them (`qreview preview --format svg`), to compare the served pictures with. Exits
non-zero, with the reason, on the first check that fails.
"""

import sys
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

URL, TEAM_FILE, SHOTS, TYPST_SVG = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,1000"]:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait(what, check, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(0.02)
    raise SystemExit(f"FAILED: {what} (waited {timeout} s)")


def js(driver, script, *args):
    return driver.execute_script(script, *args)


def hashes(driver):
    return js(driver, "return [...document.querySelectorAll('#slides img')].map(i => i.dataset.hash)")


def images_loaded(driver):
    return js(driver, "return [...document.querySelectorAll('#slides img')].every(i => i.complete && i.naturalWidth > 0)")


# Draws two SVG texts at 1440 x 810 on canvases and compares them pixel by pixel: how
# many pixels differ by more than a quarter of the range in a channel, the largest
# difference, the pixels of ink (dark) in the second, and the pixels in all.
COMPARE = """
const [first, second, done] = arguments;
const draw = async (text) => {
  const img = new Image();
  img.src = URL.createObjectURL(new Blob([text], {type: "image/svg+xml"}));
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = 1440;
  canvas.height = 810;
  const context = canvas.getContext("2d");
  context.drawImage(img, 0, 0, 1440, 810);
  return context.getImageData(0, 0, 1440, 810).data;
};
(async () => {
  const a = await draw(first), b = await draw(second);
  let differ = 0, worst = 0, ink = 0;
  for (let i = 0; i < a.length; i += 4) {
    let d = 0;
    for (let c = 0; c < 4; c++) d = Math.max(d, Math.abs(a[i + c] - b[i + c]));
    if (d > 64) differ++;
    worst = Math.max(worst, d);
    if (b[i] < 128) ink++;
  }
  done([differ, worst, ink, a.length / 4]);
})().catch((error) => done(String(error)));
"""


def pictures_match_typst(driver):
    """The served pictures (glyphs drawn as paths, for the browser's sake) look like
    Typst's own SVG of the same slides, and use no glyph symbols any more. Compared in a
    page of its own: the preview's policy admits no pictures but its own."""
    served = [urllib.request.urlopen(src).read().decode()
              for src in js(driver, "return [...document.querySelectorAll('#slides img')].map(i => i.src)")]
    typst = [path.read_text() for path in sorted(TYPST_SVG.glob("slide-*.svg"))]
    if len(served) != len(typst):
        raise SystemExit(f"FAILED: as many served pictures as Typst's slides ({len(served)}, {len(typst)})")
    page = driver.current_window_handle
    driver.switch_to.new_window("tab")
    driver.get("about:blank")
    try:
        for index, (ours, theirs) in enumerate(zip(served, typst)):
            result = driver.execute_async_script(COMPARE, ours, theirs)
            if isinstance(result, str):
                raise SystemExit(f"FAILED: slide {index + 1}'s pictures draw: {result}")
            differ, worst, ink, total = result
            print(f"slide {index + 1}: {differ} of {total} pixels differ (largest difference {worst}), "
                  f"{ink} of ink; <use> {ours.count('<use')} served, {theirs.count('<use')} Typst's")
            if ink < 10000 or differ > total / 1000:
                raise SystemExit(f"FAILED: slide {index + 1}'s served picture looks like Typst's")
            if theirs.count("<use") < 100 or ours.count("<use") > 0:
                raise SystemExit(f"FAILED: slide {index + 1}'s glyphs are drawn as paths, not uses")
        # The comparison tells slides apart: slide 1 against slide 2 differs.
        differ, *_ = driver.execute_async_script(COMPARE, served[0], typst[1])
        if differ < total / 100:
            raise SystemExit(f"FAILED: two different slides compare as different ({differ} pixels)")
    finally:
        driver.close()
        driver.switch_to.window(page)


def main():
    original = TEAM_FILE.read_text()
    driver = browser()
    try:
        driver.get(URL)
        try:
            wait("the page shows 8 slides", lambda: len(hashes(driver)) == 8 and images_loaded(driver))
        except SystemExit:
            print("images:", js(driver, "return [...document.querySelectorAll('#slides img')].map(i => [i.complete, i.naturalWidth, i.src.split('/').pop()])"))
            print("loaded:", js(driver, "return performance.getEntriesByType('resource').map(e => e.name.split('/').pop())"))
            raise
        print("slides shown:", len(hashes(driver)))
        if js(driver, "return document.title").find("Operations") < 0:
            raise SystemExit("FAILED: the title names the team: " + js(driver, "return document.title"))
        driver.save_screenshot(str(SHOTS / "normal.png"))
        pictures_match_typst(driver)

        # Look at slide 5, then edit a value of slide 2 (the first objective): the page
        # updates by itself and goes to the slide that changed.
        body = driver.find_element(By.TAG_NAME, "body")
        for _ in range(4):
            body.send_keys(Keys.ARROW_RIGHT)
        wait("arrow keys move to slide 5", lambda: js(driver, "return sessionStorage.getItem('qreview-slide')") == "4")
        before = hashes(driver)
        version = js(driver, "return document.body.dataset.version")
        TEAM_FILE.write_text(original.replace("team_members: 5", "team_members: 6", 1))
        wait("the page updates after the save",
             lambda: js(driver, "return document.body.dataset.version") != version and hashes(driver) != before)
        after = hashes(driver)
        changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
        print("changed slides:", changed)
        if changed != [1]:
            raise SystemExit(f"FAILED: only the objective's slide (index 1) changed, not {changed}")
        wait("the page jumps to the changed slide",
             lambda: js(driver, "return sessionStorage.getItem('qreview-slide')") == "1")
        wait("the new picture loads", lambda: images_loaded(driver))
        if js(driver, "return !document.getElementById('overlay').hidden"):
            raise SystemExit("FAILED: no overlay after a good save")

        # A broken save: the overlay names file, line and column over the last good slides.
        version = js(driver, "return document.body.dataset.version")
        TEAM_FILE.write_text(original.replace("kind: focus", "kind: focuss", 1))
        wait("the overlay shows after a broken save", lambda: js(driver, "return !document.getElementById('overlay').hidden"))
        text = driver.find_element(By.ID, "overlay").text
        print("overlay:", text.replace("\n", " | "))
        if "operations.yaml:" not in text or "focuss" not in text or "did you mean" not in text:
            raise SystemExit("FAILED: the overlay names the file, line and column and the problem: " + text)
        place = driver.find_element(By.CSS_SELECTOR, "#problems .place").text
        if not place.split("operations.yaml:")[1].replace(":", "").isdigit():
            raise SystemExit("FAILED: the place has a line and a column: " + place)
        if len(hashes(driver)) != 8:
            raise SystemExit("FAILED: the last good slides stay under the overlay")
        driver.save_screenshot(str(SHOTS / "error.png"))

        # The next good save clears it.
        TEAM_FILE.write_text(original)
        wait("the overlay clears after the fix", lambda: js(driver, "return document.getElementById('overlay').hidden"))

        # Full-screen slide view: one slide at a time, arrow keys.
        body.send_keys("f")
        wait("the slide view shows one slide", lambda: js(driver,
             "return document.body.classList.contains('full') && [...document.querySelectorAll('.slide')]"
             ".filter(f => getComputedStyle(f).display !== 'none').length === 1"))
        body.send_keys(Keys.HOME)
        wait("Home goes to slide 1", lambda: js(driver, "return sessionStorage.getItem('qreview-slide')") == "0")

        # The presenter view, in another window, follows the audience view.
        audience = driver.current_window_handle
        driver.switch_to.new_window("window")
        driver.get(URL + "presenter")
        wait("the presenter view loads", lambda: js(driver, "return document.getElementById('current-slide').complete"))
        presenter = driver.current_window_handle
        driver.switch_to.window(audience)
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ARROW_RIGHT)
        driver.switch_to.window(presenter)
        notes = wait("the presenter follows to slide 2 and shows its notes", lambda: (
            js(driver, "return document.getElementById('current-slide').dataset.index") == "1"
            and driver.find_element(By.ID, "notes").text))
        print("presenter notes:", notes)
        if "Say when udp2log was switched off" not in notes or "**" in notes:
            raise SystemExit("FAILED: slide 2's notes are the Encrypted PII objective's: " + notes)
        if js(driver, "return document.querySelector('#notes strong')?.textContent") != "udp2log":
            raise SystemExit("FAILED: the notes' Markdown is rendered as rich text")
        if not js(driver, "return document.getElementById('next-slide').src.includes('/slides/2.svg')"):
            raise SystemExit("FAILED: the next slide is slide 3")
        timer = driver.find_element(By.ID, "timer").text
        if ":" not in timer:
            raise SystemExit("FAILED: the presenter shows the elapsed time: " + timer)
        driver.save_screenshot(str(SHOTS / "presenter.png"))
        print("OK")
    finally:
        TEAM_FILE.write_text(original)
        driver.quit()


if __name__ == "__main__":
    main()
