"""Real-browser tests: JupyterLab, Voila and the HTML handouts, driven by the system Chromium through Playwright.

Servers run on a free port of 127.0.0.1 and serve a temporary copy of notebooks/ (JupyterLab saves checkpoints and
may save notebooks), with Jupyter's config, data and runtime folders in a temporary folder too; tools/servers.py
starts and stops them and launches Chromium (the browser benchmarks use it too). Every test in this
folder is marked `browser` (deselect them with `-m "not browser"`) and may take up to 300 s. Test files get the
shared helpers as fixtures (`lesson`, `screenshot`, `assert_images_loaded`, ...), since conftest.py is not for
importing; what a student does in a page (a slider, the live picture, Run All, logging in to a hub) is in
tools/jupyterlab_page.py, which every browser test imports. The JupyterHub tests start their hubs with the `start_local_hub` fixture.

The browser and pages are pytest-playwright's (`browser`, `context`, `page`), launched here as the system Chromium
(ND_CHROMIUM, tools.servers.CHROMIUM_ARGS); a failed test leaves a full-page screenshot of each of its pages in
test-artifacts/failures/ (git-ignored). Pages are offline: a request to any host other than 127.0.0.1 or localhost
is aborted and fails the test.
"""
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tools.hub import ToolMissing, install_proxy, start_hub
from tools.jupyterlab_page import CANVAS, HIP_SLIDER
from tools.servers import CHROMIUM_ARGS, NOTEBOOKS, chromium_path, copy_notebooks, start_jupyterlab, start_voila, \
    stop_process

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parent.parent / "test-artifacts"  # git-ignored: screenshots to look at after a run
VIEWPORT = {"width": 1280, "height": 900}
LOCAL_HOSTS = ("127.0.0.1", "localhost")
# A request to any other host, as Chromium's network service sees it (a JavaScript regular expression too).
FOREIGN = re.compile(r"^(https?|wss?)://(?!(127\.0\.0\.1|localhost)(:\d+)?([/?#]|$))")


def pytest_configure(config):
    # pytest-playwright: a full-page screenshot of every page of a failed test, in a git-ignored folder (unless the
    # command line chose otherwise).
    if config.getoption("--screenshot", default=None) == "off":
        config.option.screenshot = "only-on-failure"
        config.option.full_page_screenshot = True
    if config.getoption("--output", default=None) == "test-results":
        config.option.output = str(ARTIFACTS / "failures")


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


STILL_MS = 1000  # a set of figures counts as drawn once it has not changed for this long


def assert_images_loaded(page, selector, timeout_ms=60_000):
    """Wait until there are images matching `selector`, all loaded with a picture, and no more arrive (STILL_MS);
    fail unless there is at least one and all show."""
    try:
        page.wait_for_function(
            """([sel, stillMs]) => {
                 const imgs = [...document.querySelectorAll(sel)];
                 const ok = imgs.length > 0 && imgs.every(img => img.complete && img.naturalWidth > 0);
                 return ndStill('images:' + sel, ok ? imgs.length : -1, stillMs) && ok; }""",
            arg=[selector, STILL_MS], timeout=timeout_ms, polling=100)
    except PlaywrightTimeoutError:
        pass  # the assertion below says what is missing
    widths = page.eval_on_selector_all(selector, "imgs => imgs.map(img => img.naturalWidth)")
    assert widths and all(width > 0 for width in widths), \
        f"expected figures ({selector}) that load; their natural widths: {widths}"


def assert_live_pictures_drawn(page, timeout_ms=90_000):
    """The page's explorer is there, and every live picture on the page got its picture.

    Waits for the thing itself: first the explorer's hip slider, then a non-empty set of live pictures (canvases), each wider
    and taller than 0 (a canvas still 0 x 0 shows nothing), that stays so for STILL_MS (no figure still arriving).
    """
    page.locator(HIP_SLIDER).first.wait_for(state="visible", timeout=timeout_ms)
    try:
        page.wait_for_function(
            """([sel, stillMs]) => {
                 const cs = [...document.querySelectorAll(sel)];
                 const ok = cs.length > 0 && cs.every(c => c.width > 0 && c.height > 0);
                 return ndStill('canvases', ok ? cs.length : -1, stillMs) && ok; }""",
            arg=[CANVAS, STILL_MS], timeout=timeout_ms, polling=100)
    except PlaywrightTimeoutError:
        pass  # the assertion below says which
    sizes = page.eval_on_selector_all(CANVAS, "cs => cs.map(c => [c.width, c.height])")
    assert sizes, f"no live picture ({CANVAS}) on the page"
    assert all(width > 0 and height > 0 for width, height in sizes), f"live pictures left blank: sizes {sizes}"


# In every page: ndStill(name, value, ms) is true once `value` has been the same for `ms` (per name).
STILL_JS = """
window.ndStill = (name, value, ms) => {
  const state = (window.ndStillState = window.ndStillState || {});
  const now = performance.now(), seen = state[name];
  if (!seen || seen.value !== value) { state[name] = {value, since: now}; return false; }
  return now - seen.since >= ms;
};
"""


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


@pytest.fixture(name="assert_live_pictures_drawn", scope="session")
def assert_live_pictures_drawn_fixture():
    return assert_live_pictures_drawn


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
    foreign_requests: list = field(default_factory=list)  # requests to hosts other than 127.0.0.1 (aborted)
    requests: list = field(default_factory=list)          # every URL the page requested
    ignored_console_errors: list = field(default_factory=list)  # the failed loads of those aborted requests

    def record_request(self, url):
        self.requests.append(shorten(url))
        if FOREIGN.match(url):
            self.foreign_requests.append(shorten(url))

    def record_console(self, message):
        if message.type != "error":
            return
        url = message.location.get("url", "") if message.location else ""
        text = f"{shorten(message.text)} [{shorten(url)}]"
        aborted = message.text.startswith("Failed to load resource") and bool(FOREIGN.match(url))
        (self.ignored_console_errors if aborted else self.console_errors).append(text)

    def assert_offline(self):
        assert not self.foreign_requests, \
            f"the page requested hosts other than {' or '.join(LOCAL_HOSTS)}: {self.foreign_requests}"

    def assert_none(self):
        assert not self.page_errors, f"JavaScript errors in the page: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        self.assert_offline()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches the system Chromium (never a downloaded browser), headless unless --headed."""
    return {**browser_type_launch_args, "executable_path": chromium_path(), "args": list(CHROMIUM_ARGS)}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": VIEWPORT}


def offline(context):
    """A context whose pages are offline: a request to another host is aborted (and fails the test through
    `page.problems`); ndStill in every page; 60 s for anything to happen."""
    context.set_default_timeout(60_000)
    context.add_init_script(STILL_JS)
    context.route(FOREIGN, lambda route: route.abort())
    return context


def watched_page(context):
    """A new page of `context` that records its errors and every request to another host in `page.problems`."""
    page = context.new_page()
    page.problems = PageProblems()
    page.on("console", page.problems.record_console)
    page.on("pageerror", lambda error: page.problems.page_errors.append(str(error)))
    page.on("request", lambda req: page.problems.record_request(req.url))
    page.on("websocket", lambda socket: page.problems.record_request(socket.url))
    return page


def check_offline_at_teardown(page, request):
    """Fail the test if the page requested another host, even when the test itself did not check."""
    if page.problems.ignored_console_errors:
        request.node.add_report_section("teardown", "console errors of aborted requests",
                                        "\n".join(page.problems.ignored_console_errors))
    page.problems.assert_offline()


@pytest.fixture
def context(context):
    """pytest-playwright's context (own storage; screenshots if the test fails), offline."""
    return offline(context)


@pytest.fixture
def page(context, request):
    """A fresh page, watched (`page.problems`) and offline."""
    page = watched_page(context)
    yield page
    check_offline_at_teardown(page, request)


@pytest.fixture
def user_page(browser, browser_context_args, request):
    """Opens a page for one more person (`user_page()`): a context of its own (own cookies, so another user of a
    hub), watched and offline as `page` is; closed after the test."""
    opened = []

    def open_page():
        page = watched_page(offline(browser.new_context(**browser_context_args)))
        opened.append(page)
        return page

    yield open_page
    for page in opened:
        page.context.close()
    for page in opened:
        check_offline_at_teardown(page, request)


# ---------------------------------------------------------------------------------------------------- JupyterHub

@pytest.fixture(scope="session")
def hub_proxy():
    """configurable-http-proxy, installed once into .venv/hub-proxy/. Without Node.js: skipped, but never in CI."""
    try:
        return install_proxy()
    except ToolMissing as missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the JupyterHub tests: {missing}")
        pytest.skip(str(missing))


@pytest.fixture(scope="module")
def start_local_hub(hub_proxy, tmp_path_factory):
    """Starts a local JupyterHub on 127.0.0.1 (tools/hub.py): `start_local_hub(users, set_up_home=None)`. Every hub
    it started stops after the test module, with its proxy, single-user servers and kernels."""
    hubs = []

    def start(users, set_up_home=None):
        hub = start_hub(tmp_path_factory.mktemp("hub"), tmp_path_factory.mktemp("hub-users"), users, hub_proxy,
                        set_up_home)
        hubs.append(hub)
        return hub

    yield start
    for hub in hubs:
        stop_process(hub.process)
