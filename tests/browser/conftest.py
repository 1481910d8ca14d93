"""Real-browser tests: JupyterLab, Voila and the HTML handouts, driven by the system Chromium through Playwright.

Servers run on a free port of 127.0.0.1 and serve a temporary copy of notebooks/ (JupyterLab saves checkpoints and
may save notebooks), with Jupyter's config, data and runtime folders in a temporary folder too; tools/servers.py
starts and stops them and launches Chromium (the browser benchmarks use it too). Every test in this
folder is marked `browser` (deselect them with `-m "not browser"`) and may take up to 300 s. Test files get the
shared helpers as fixtures (`lesson`, `screenshot`, `assert_images_loaded`, ...), since conftest.py is not for importing.
"""
import json
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))  # tools/ is a folder of the repository, not an installed package

from tools.servers import NOTEBOOKS, copy_notebooks, launch_chromium, start_jupyterlab, start_voila, \
    stop_process  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts"  # git-ignored: screenshots to look at after a run


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real Chromium against JupyterLab, Voila or a handout")


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.timeout(300))  # a test's own timeout marker, if any, wins


# ---------------------------------------------------------------------------------------------------- helpers

@dataclass
class Lesson:
    path: Path  # in the working tree: read it, never write it (the servers serve a copy)

    @property
    def name(self):
        return self.path.name

    @property
    def heading(self):
        """Text of the first markdown heading: what every rendering of the lesson must show."""
        for cell in json.loads(self.path.read_text(encoding="utf-8"))["cells"]:
            for line in "".join(cell["source"]).splitlines():
                if cell["cell_type"] == "markdown" and line.startswith("#"):
                    return line.lstrip("#").strip()
        raise AssertionError(f"{self.name} has no markdown heading")


def screenshot(page, name):
    """Save a full-page PNG to test-artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def assert_images_loaded(page, selector, timeout_ms=60_000):
    """Wait until the images matching `selector` have finished loading; fail unless there is one and all show."""
    try:
        page.wait_for_function(
            """sel => { const imgs = [...document.querySelectorAll(sel)];
                        return imgs.length > 0 && imgs.every(img => img.complete); }""",
            arg=selector, timeout=timeout_ms)
    except PlaywrightTimeoutError:
        pass  # the assertion below says what is missing
    widths = page.eval_on_selector_all(selector, "imgs => imgs.map(img => img.naturalWidth)")
    assert widths and all(width > 0 for width in widths), \
        f"expected figures ({selector}) that load; their natural widths: {widths}"


def assert_ipympl_figures_drawn(page, timeout_ms=90_000):
    """Every interactive (ipympl) figure on the page got its picture: a canvas still 0 x 0 shows nothing."""
    canvases = ".jupyter-matplotlib-canvas-div canvas"
    try:
        page.wait_for_function(
            "sel => [...document.querySelectorAll(sel)].every(c => c.width > 0 && c.height > 0)",
            arg=canvases, timeout=timeout_ms)
    except PlaywrightTimeoutError:
        pass  # the assertion below says which
    sizes = page.eval_on_selector_all(canvases, "cs => cs.map(c => [c.width, c.height])")
    assert all(width > 0 and height > 0 for width, height in sizes), f"ipympl figures left blank: sizes {sizes}"


@pytest.fixture(scope="session")
def lesson():
    """The lesson the browser tests open."""
    return Lesson(NOTEBOOKS / "00_start_here.ipynb")


@pytest.fixture(name="screenshot", scope="session")
def screenshot_fixture():
    return screenshot


@pytest.fixture(name="assert_images_loaded", scope="session")
def assert_images_loaded_fixture():
    return assert_images_loaded


@pytest.fixture(name="assert_ipympl_figures_drawn", scope="session")
def assert_ipympl_figures_drawn_fixture():
    return assert_ipympl_figures_drawn


# ---------------------------------------------------------------------------------------------------- servers

@pytest.fixture(scope="session")
def notebooks_copy(tmp_path_factory):
    """notebooks/ copied outside the working tree (with ../figures, which markdown may show)."""
    return copy_notebooks(tmp_path_factory.mktemp("served"))


@pytest.fixture(scope="session")
def jupyter_home(tmp_path_factory):
    return tmp_path_factory.mktemp("jupyter-home")


@pytest.fixture(scope="session")
def jupyterlab_server(notebooks_copy, jupyter_home):
    server = start_jupyterlab(notebooks_copy, jupyter_home, token=secrets.token_hex(16))
    yield server
    stop_process(server.process)


@pytest.fixture(scope="session")
def voila_server(notebooks_copy, jupyter_home):
    """Voila in tree mode: any notebook renders at /voila/render/<name>.ipynb; idle kernels are culled fast."""
    server = start_voila(notebooks_copy, jupyter_home)
    yield server
    stop_process(server.process)


# ---------------------------------------------------------------------------------------------------- browser

def shorten(text, limit=300):
    """A URL can hold a whole base64 image: keep messages readable."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


@dataclass
class PageProblems:
    """What went wrong in a page, as a person with the developer tools open would see it."""
    page_errors: list = field(default_factory=list)       # uncaught JavaScript exceptions
    console_errors: list = field(default_factory=list)    # console messages of type error
    ignored_console_errors: list = field(default_factory=list)  # failed loads from other hosts (no internet here)

    def record_console(self, message):
        if message.type != "error":
            return
        url = message.location.get("url", "") if message.location else ""
        text = f"{shorten(message.text)} [{shorten(url)}]"
        offline = message.text.startswith("Failed to load resource") and urlsplit(url).hostname not in (
            None, "127.0.0.1", "localhost")
        (self.ignored_console_errors if offline else self.console_errors).append(text)

    def assert_none(self):
        assert not self.page_errors, f"JavaScript errors in the page: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A fresh page (own context: no shared storage) that records its errors in `page.problems`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.problems = PageProblems()
    page.on("console", page.problems.record_console)
    page.on("pageerror", lambda error: page.problems.page_errors.append(str(error)))
    yield page
    if page.problems.ignored_console_errors:
        request.node.add_report_section("teardown", "ignored console errors",
                                        "\n".join(page.problems.ignored_console_errors))
    context.close()
