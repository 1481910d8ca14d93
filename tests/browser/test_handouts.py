"""A handout (`python3 tasks.py handouts`) opens in a browser with the network cut off, figures and all."""
import importlib.util
import sys
from pathlib import Path

from playwright.sync_api import expect

TASKS = Path(__file__).resolve().parents[2] / "tasks.py"


def load_tasks():
    spec = importlib.util.spec_from_file_location("tasks", TASKS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_handout_renders_offline(page, lesson, tmp_path, screenshot, assert_images_loaded):
    # The export `python3 tasks.py handouts` runs, for one lesson, into a temporary folder.
    assert load_tasks().export_handouts([lesson.path], tmp_path, python=sys.executable) == 0
    handout = tmp_path / lesson.path.with_suffix(".html").name

    attempted = []  # every request that would leave the file system

    def offline(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    page.route("**/*", offline)
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
    assert not attempted, f"the handout tried to reach the network: {attempted}"
    page.problems.assert_none()
