"""A handout (`python3 tasks.py handouts`) opens in a browser with the network cut off, figures and all."""
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
