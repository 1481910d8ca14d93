"""A whole class on one server, for real: the README's JupyterHub advice works. A local JupyterHub (PyPI's
jupyterhub with npm's configurable-http-proxy, a shared-password authenticator and the local-process spawner, on
127.0.0.1 only; tools/hub.py) runs one JupyterLab per student from the environment where the lessons were installed
as the README says (this .venv), each on the student's own copy of the notebooks. Two students log in, each runs the
first lesson top to bottom (Run > Run All Cells) in their own JupyterLab and moves its hip slider with the
keyboard: each page's slider value and figure pixels change, and each student has a server and a kernel of their
own. No page loads anything from a host other than 127.0.0.1."""
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))  # tools/ is a folder of the repository, not an installed package

from tools.hub import ToolMissing, install_proxy, start_hub  # noqa: E402
from tools.jupyterlab_page import CANVAS, HIP_SLIDER, kernel_idle, run_all_cells  # noqa: E402
from tools.servers import stop_process  # noqa: E402

USERS = ("alice", "bob")
LESSON = "00_start_here.ipynb"
LOCAL_HOSTS = ("127.0.0.1", "localhost")
ARTIFACTS = ROOT / "test-artifacts"  # git-ignored: screenshots to look at after a run


@pytest.fixture(scope="module")
def proxy():
    """configurable-http-proxy, installed once into .venv/hub-proxy/. Without Node.js: skipped, but never in CI."""
    try:
        return install_proxy()
    except ToolMissing as missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the JupyterHub test: {missing}")
        pytest.skip(str(missing))


@pytest.fixture(scope="module")
def hub(proxy, tmp_path_factory):
    hub = start_hub(tmp_path_factory.mktemp("hub"), tmp_path_factory.mktemp("hub-users"), USERS, proxy)
    yield hub
    stop_process(hub.process)  # the hub, its proxy, every single-user server and their kernels


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


class Student:
    """One student's browser (a context of their own: own cookies) and what went wrong in it."""

    def __init__(self, browser, name):
        self.name = name
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(60_000)
        self.foreign_requests, self.page_errors, self.console_errors = [], [], []
        self.context.on("request", self._record_request)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.console_errors.append(
            f"{message.text[:300]} [{(message.location or {}).get('url', '')[:200]}]"))

    def _record_request(self, request):
        if urlsplit(request.url).scheme in ("http", "https", "ws", "wss") and \
                urlsplit(request.url).hostname not in LOCAL_HOSTS:
            self.foreign_requests.append(request.url[:300])

    def log_in(self, hub):
        page = self.page
        page.goto(f"{hub.url}/hub/login")
        page.locator("#username_input").fill(self.name)
        page.locator("#password_input").fill(hub.password)
        page.locator("#login_submit").click()
        # The hub starts the student's server (a progress page) and sends them on to their JupyterLab.
        page.wait_for_url(re.compile(rf"/user/{self.name}/lab"), timeout=180_000)

    def open_and_run_lesson(self, hub):
        page = self.page
        page.goto(f"{hub.url}/user/{self.name}/lab/tree/{LESSON}")
        expect(kernel_idle(page)).to_be_visible(timeout=120_000)
        run_all_cells(page)
        expect(page.locator(HIP_SLIDER).first).to_be_visible(timeout=90_000)
        self.wait_for_figure()
        screenshot(page, f"hub-{self.name}-ran-all-cells")

    def wait_for_figure(self):
        """The explorer's ipympl figure is on the page and has its picture (a canvas still 0 x 0 shows nothing)."""
        expect(self.page.locator(CANVAS).first).to_be_attached(timeout=90_000)
        try:
            self.page.wait_for_function(
                "sel => { const c = document.querySelector(sel); return c !== null && c.width > 0 && c.height > 0; }",
                arg=CANVAS, timeout=90_000)
        except PlaywrightTimeoutError:
            pass  # the assertion below says what it is
        size = self.page.eval_on_selector(CANVAS, "c => [c.width, c.height]")
        assert size[0] > 0 and size[1] > 0, f"{self.name}'s ipympl figure left blank: size {size}"

    def canvas_pixels(self):
        return self.page.eval_on_selector(CANVAS, "canvas => canvas.toDataURL()")

    def move_hip_slider(self):
        """ArrowRight on the hip slider: its value goes up by one and the figure's pixels change."""
        page = self.page
        slider = page.locator(HIP_SLIDER).first
        readout = slider.locator(".widget-readout")
        before_value, before_pixels = int(readout.text_content()), self.canvas_pixels()
        slider.locator(".noUi-handle").focus()
        page.keyboard.press("ArrowRight")
        expect(readout).to_have_text(str(before_value + 1))
        page.wait_for_function("([sel, old]) => document.querySelector(sel).toDataURL() !== old",
                               arg=[CANVAS, before_pixels], timeout=30_000)
        screenshot(page, f"hub-{self.name}-hip-moved")
        return before_value + 1

    def assert_no_problems(self):
        assert not self.foreign_requests, f"{self.name}'s pages asked hosts other than 127.0.0.1: " \
                                          f"{self.foreign_requests}"
        assert not self.page_errors, f"JavaScript errors in {self.name}'s page: {self.page_errors}"
        assert not self.console_errors, f"console errors in {self.name}'s page: {self.console_errors}"


def test_two_students_run_the_first_lesson_on_one_jupyterhub(hub, browser):
    students = [Student(browser, name) for name in USERS]
    try:
        for student in students:
            student.log_in(hub)
        for student in students:
            student.open_and_run_lesson(hub)
        # Both students' lessons are open and their kernels alive: each page answers its own slider.
        hips = {student.name: student.move_hip_slider() for student in students}
        assert all(value == hips[USERS[0]] for value in hips.values()), hips  # same lesson, same start, one press

        servers = hub.singleuser_servers()
        assert sorted(servers) == sorted(USERS), f"single-user servers running: {sorted(servers)}"
        for name, server in servers.items():
            kernels = [p for p in server.children(recursive=True)
                       if any("ipykernel_launcher" in part for part in p.cmdline())]
            assert len(kernels) == 1, f"{name}'s server runs {len(kernels)} kernels"
            assert server.cwd() == str(hub.users_dir / name), f"{name}'s server runs in {server.cwd()}"
        for student in students:
            student.assert_no_problems()
    except BaseException:
        print(f"JupyterHub log (tail):\n{hub.log_tail()}")
        raise
    finally:
        for student in students:
            student.context.close()
