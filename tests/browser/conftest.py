"""Real-browser tests: JupyterLab, Voila and the HTML handouts, driven by the system Chromium through Playwright.

Servers run on a free port of 127.0.0.1 and serve a temporary copy of notebooks/ (JupyterLab saves checkpoints and
may save notebooks), with Jupyter's config, data and runtime folders in a temporary folder too. Every test in this
folder is marked `browser` (deselect them with `-m "not browser"`) and may take up to 300 s. Test files get the
shared helpers as fixtures (`lesson`, `screenshot`, `assert_images_loaded`, ...), since conftest.py is not for importing.
"""
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts"  # git-ignored: screenshots to look at after a run
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STARTUP_TIMEOUT_S = 90


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


def assert_ipympl_figures_drawn(page, timeout_ms=30_000):
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


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_status(url):
    """HTTP status of a GET (None when nothing answers)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def port_open(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def wait_until(condition, timeout_s, what, interval_s=0.2):
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
        time.sleep(interval_s)


@dataclass
class Server:
    url: str            # http://127.0.0.1:<port>
    port: int
    token: str
    process: subprocess.Popen
    log: Path           # the server's stdout and stderr

    def log_tail(self, chars=4000):
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]

    def kernel_running(self, kernel_id):
        """Ask GET /api/kernels/<id> (Voila serves no list of kernels, but this): 404 once the kernel is gone."""
        status = http_status(f"{self.url}/api/kernels/{kernel_id}?token={self.token}")
        assert status in (200, 404), f"GET /api/kernels/{kernel_id}: HTTP {status}\n{self.log_tail()}"
        return status == 200


def start_server(cmd, port, token, cwd, env, log, ready):
    """Start a server process and wait (at most STARTUP_TIMEOUT_S) until ready(server) is true."""
    with open(log, "wb") as out:
        process = subprocess.Popen([str(c) for c in cmd], cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", port, token, process, Path(log))

    def up():
        if process.poll() is not None:
            raise RuntimeError(f"{cmd[2]} exited with {process.returncode}:\n{server.log_tail()}")
        return ready(server)

    try:
        wait_until(up, STARTUP_TIMEOUT_S, f"{cmd[2]} on port {port}")
    except BaseException:
        stop_process(process)
        raise
    return server


def stop_process(process):
    """Stop a server and everything it started (kernels run in their own sessions, so find them first)."""
    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    process.terminate()  # Jupyter servers shut their kernels down on SIGTERM
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    _, alive = psutil.wait_procs(children, timeout=10)
    for child in alive:
        child.kill()


def server_env(home):
    """Environment for a Jupyter server: the venv's kernel, the inline backend, Jupyter's own files in `home`."""
    env = dict(os.environ, JUPYTER_PREFER_ENV_PATH="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("MPLBACKEND", None)  # tests/conftest.py sets Agg; kernels must keep their inline default
    for name in ["JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"]:
        env[name] = str(home / name.lower())
    return env


def allow_root():
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


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
    base = tmp_path_factory.mktemp("served")
    shutil.copytree(NOTEBOOKS, base / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if (ROOT / "figures").is_dir():
        shutil.copytree(ROOT / "figures", base / "figures")
    return base / "notebooks"


@pytest.fixture(scope="session")
def jupyter_home(tmp_path_factory):
    return tmp_path_factory.mktemp("jupyter-home")


@pytest.fixture(scope="session")
def jupyterlab_server(notebooks_copy, jupyter_home):
    port, token = free_port(), secrets.token_hex(16)
    settings = jupyter_home / "lab-settings"
    # No "get notified about Jupyter news?" toast over the notebook (the tests' settings live in a temporary folder).
    news = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text(json.dumps({"fetchNews": "false"}), encoding="utf-8")
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", f"--ServerApp.token={token}", f"--ServerApp.root_dir={notebooks_copy}",
           "--ServerApp.open_browser=False", f"--LabApp.user_settings_dir={settings}",
           f"--LabApp.workspaces_dir={jupyter_home / 'lab-workspaces'}"] + allow_root()
    server = start_server(cmd, port, token, notebooks_copy, server_env(jupyter_home), jupyter_home / "lab.log",
                          ready=lambda s: http_status(f"{s.url}/api/status?token={token}") == 200)
    yield server
    stop_process(server.process)


@pytest.fixture(scope="session")
def voila_server(notebooks_copy, jupyter_home):
    """Voila in tree mode: any notebook renders at /voila/render/<name>.ipynb; idle kernels are culled fast."""
    port = free_port()
    cmd = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
           "--MappingKernelManager.cull_idle_timeout=20", "--MappingKernelManager.cull_interval=5"]
    # Ready when the port accepts connections: a GET of a page would start a kernel.
    server = start_server(cmd, port, "", notebooks_copy, server_env(jupyter_home), jupyter_home / "voila.log",
                          ready=lambda s: port_open(port))
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
        # launch() gives every run a fresh temporary profile (user-data-dir) of its own
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("ND_CHROMIUM", "/usr/bin/chromium"), args=CHROMIUM_ARGS)
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
