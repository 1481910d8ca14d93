"""A handout (`python3 tasks.py handouts`) opens in a browser with the network cut off, figures and maths and all."""
import json
import re
import sys

from playwright.sync_api import expect

from tools import handouts


def test_handout_renders_offline(page, lesson, tmp_path, screenshot, assert_images_loaded):
    # The export `python3 tasks.py handouts` runs, for one lesson, into a temporary folder.
    assert handouts.export_handouts([lesson.path], tmp_path, python=sys.executable) == 0
    handout = tmp_path / lesson.path.with_suffix(".html").name

    page.goto(handout.as_uri())
    expect(page.get_by_role("heading", name=lesson.heading)).to_be_visible()
    assert_images_loaded(page, "img")
    page.locator("img").first.scroll_into_view_if_needed()
    screenshot(page, "handout-1-offline")

    # "Predict, then check": the answer stays hidden until its summary is clicked.
    answer = page.locator("details").first
    expect(answer.locator("p").first).to_be_hidden()
    answer.locator("summary").click()
    expect(answer.locator("p").first).to_be_visible()
    # Everything the handout shows is inside the file: no request leaves the file system, not even to 127.0.0.1.
    network = [url for url in page.problems.requests if not url.startswith(("file:", "data:"))]
    assert not network, f"the handout tried to reach the network: {network}"
    page.problems.assert_none()


def lessons_with_maths():
    """Lessons whose markdown has $...$ or $$...$$ maths."""
    found = []
    for path in handouts.lessons():
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        if handouts.INLINE_MATH.search(markdown) or handouts.DISPLAY_MATH.search(markdown):
            found.append(path)
    return found


RAW_TEX = re.compile(r"\$\$?[^$\n]*\\[A-Za-z]+[^$\n]*\$|\$\$[^$]+\$\$|\$[^\s$][^$\n]*[^\s$\\]\$")


def test_handout_maths_render_offline_with_no_raw_tex(page, tmp_path):
    """Issue 22, point 8: equations render in the HTML handouts with the network blocked; no raw $...$ remains."""
    lessons = lessons_with_maths()
    assert lessons, "no lesson has maths: this test would check nothing"
    assert handouts.export_handouts(lessons, tmp_path, python=sys.executable) == 0
    for lesson_path in lessons:
        page.goto((tmp_path / lesson_path.with_suffix(".html").name).as_uri())
        page.wait_for_load_state("load")
        shown = page.locator("body").inner_text()
        raw = RAW_TEX.findall(shown)
        assert not raw, f"{lesson_path.name}: raw TeX in the handout: {raw[:5]}"
        assert "\\varepsilon" not in shown and "\\Delta" not in shown, f"{lesson_path.name}: TeX commands shown"
        formulas = page.locator("math")
        assert formulas.count() > 0, f"{lesson_path.name}: no MathML formula in the handout"
        # Drawn, not hidden: the first displayed formula has a size on the page.
        box = formulas.first.bounding_box() or {"width": 0, "height": 0}
        assert box["width"] > 0 and box["height"] > 0, f"{lesson_path.name}: the first formula is not drawn"
    network = [url for url in page.problems.requests if not url.startswith(("file:", "data:"))]
    assert not network, f"the handouts tried to reach the network: {network}"
    page.problems.assert_none()
