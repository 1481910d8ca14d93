#!/usr/bin/env python3
"""Project launcher: one command per job, on Windows, macOS and Linux (standard library only).

Usage (from the repository root):
    python3 tasks.py lab                  open the lessons in JupyterLab (http://127.0.0.1:8888 or next free port)
    python3 tasks.py test [PYTEST ARGS]   run the test suite (extra arguments go to pytest)
    python3 tasks.py workshop             serve notebooks/workshop_dashboard.ipynb with Voila (port 8866 or next free)
    python3 tasks.py execute              re-execute every notebook in notebooks/ in place (refresh stored outputs)
    python3 tasks.py handouts             export the lessons notebooks/0*.ipynb to self-contained HTML in handouts/

Every command first creates .venv (with the Python running this script) if it is missing and installs the pinned
requirements and this package into it; the install is skipped while requirements*.txt and pyproject.toml are
unchanged, so later runs start at once. On Windows use `py tasks.py ...` if `python3` is not found.
"""
import sys

if sys.version_info < (3, 10):
    sys.exit("tasks.py needs Python 3.10 or newer; this is Python %d.%d (%s)."
             % (sys.version_info[0], sys.version_info[1], sys.executable))

import base64
import hashlib
import mimetypes
import os
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
NOTEBOOKS = ROOT / "notebooks"
HANDOUTS = ROOT / "handouts"
IS_WINDOWS = os.name == "nt"
VENV_PYTHON = VENV / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")
STAMPED_FILES = ["requirements.txt", "requirements-test.txt", "pyproject.toml"]


def run(cmd, check=True, **kwargs):
    """Run a command in the foreground and return its exit code (with check, stop on failure).

    Ctrl-C reaches the command too; we wait for it to finish its own shutdown instead of killing it.
    """
    print("+ " + " ".join(str(c) for c in cmd), flush=True)
    proc = subprocess.Popen([str(c) for c in cmd], **kwargs)
    while True:
        try:
            code = proc.wait()
            break
        except KeyboardInterrupt:
            continue
    if check and code != 0:
        sys.exit(code)
    return code


def ensure_venv(requirements):
    """Create .venv if missing; install `requirements` and the package when the stamp changed."""
    if not VENV_PYTHON.exists():
        print(f"Creating {VENV} with Python {sys.version.split()[0]} ...", flush=True)
        try:
            subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
        except subprocess.CalledProcessError:
            sys.exit("Could not create .venv. On Debian/Ubuntu install the venv module first: "
                     "sudo apt-get install python3-venv")
    digest = hashlib.sha256()
    for name in STAMPED_FILES:
        path = ROOT / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    stamp = VENV / f".stamp-{requirements}"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    print(f"Installing {requirements} into .venv (the first time takes a few minutes) ...", flush=True)
    pip = [VENV_PYTHON, "-m", "pip", "--disable-pip-version-check"]
    run(pip + ["install", "-r", ROOT / requirements])
    run(pip + ["install", "--no-deps", "-e", ROOT])
    stamp.write_text(digest.hexdigest())


def tool_env():
    """Environment for tools run from the venv: its own kernels and config before the user's."""
    return dict(os.environ, JUPYTER_PREFER_ENV_PATH="1")


def free_port(first):
    """The first port from `first` on that nothing listens on at 127.0.0.1."""
    for port in range(first, first + 50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    sys.exit(f"No free port between {first} and {first + 49} on 127.0.0.1.")


def is_root():
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab(args):
    """Serve notebooks/ with JupyterLab on 127.0.0.1 (port 8888 or the next free one)."""
    ensure_venv("requirements.txt")
    cmd = [VENV_PYTHON, "-m", "jupyterlab", "--ip=127.0.0.1", f"--port={free_port(8888)}",
           f"--ServerApp.root_dir={NOTEBOOKS}"]
    if is_root():
        cmd.append("--allow-root")
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        cmd.append("--no-browser")  # no screen: print the address instead of starting a text-mode browser
    run(cmd + list(args), cwd=NOTEBOOKS, env=tool_env())


def find_chromium():
    """Path of a Chromium or Chrome the browser tests can drive, or None."""
    if os.environ.get("ND_CHROMIUM"):
        return os.environ["ND_CHROMIUM"] if Path(os.environ["ND_CHROMIUM"]).exists() else None
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge"]:
        if shutil.which(name):
            return shutil.which(name)
    candidates = [
        "/usr/bin/chromium",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        os.path.expandvars(r"%ProgramFiles%\Google\Chrome\Application\chrome.exe"),
        os.path.expandvars(r"%ProgramFiles(x86)%\Google\Chrome\Application\chrome.exe"),
        os.path.expandvars(r"%LocalAppData%\Google\Chrome\Application\chrome.exe"),
        os.path.expandvars(r"%ProgramFiles(x86)%\Microsoft\Edge\Application\msedge.exe"),
    ]
    return next((path for path in candidates if Path(path).is_file()), None)


def ensure_chromium():
    """Find the system Chromium; as root on Debian/Ubuntu install it with apt-get; else explain and stop."""
    path = find_chromium()
    if path is None and is_root() and shutil.which("apt-get") and Path("/etc/debian_version").exists():
        print("Chromium not found: installing it with apt-get ...", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update"], env=env)
        run(["apt-get", "install", "-y", "chromium"], env=env)
        path = find_chromium()
    if path is None:
        sys.exit("The browser tests need Chromium or Google Chrome, and none was found.\n"
                 "  Debian/Ubuntu:  sudo apt-get install chromium   (Ubuntu: chromium-browser)\n"
                 "  macOS:          install Google Chrome, or: brew install --cask chromium\n"
                 "  Windows:        install Google Chrome or use Microsoft Edge\n"
                 "Or set ND_CHROMIUM to the browser's executable.")
    return path


def test(args):
    """Run pytest in the venv with the test requirements; exit with pytest's exit code."""
    ensure_venv("requirements-test.txt")
    env = tool_env()
    env["ND_CHROMIUM"] = ensure_chromium()
    env["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"
    print(f"Browser for the tests: {env['ND_CHROMIUM']}", flush=True)
    sys.exit(run([VENV_PYTHON, "-m", "pytest"] + list(args), check=False, cwd=ROOT, env=env))


def workshop(args):
    """Serve the workshop dashboard with Voila on 127.0.0.1 (port 8866 or the next free one)."""
    ensure_venv("requirements.txt")
    cmd = [VENV_PYTHON, "-m", "voila", "workshop_dashboard.ipynb", "--Voila.ip=127.0.0.1",
           f"--port={free_port(8866)}", "--no-browser",
           # close kernels of pages that were closed, or each visit leaves one running
           "--MappingKernelManager.cull_idle_timeout=120", "--MappingKernelManager.cull_interval=30"]
    run(cmd + list(args), cwd=NOTEBOOKS, env=tool_env())


def nbconvert_cmd():
    return [VENV_PYTHON, "-m", "jupyter", "nbconvert", "--ExecutePreprocessor.kernel_name=python3",
            "--ExecutePreprocessor.record_timing=False", "--ExecutePreprocessor.store_widget_state=False"]


def execute(args):
    """Re-execute every notebook in notebooks/ in place, refreshing the stored outputs."""
    ensure_venv("requirements.txt")
    notebooks = sorted(NOTEBOOKS.glob("*.ipynb"))
    if not notebooks:
        sys.exit("No notebooks in notebooks/.")
    run(nbconvert_cmd() + ["--to", "notebook", "--execute", "--inplace"] + list(args) + notebooks,
        cwd=NOTEBOOKS, env=tool_env())


# The lab template with every script that would come from a CDN left out (require.js, MathJax, Mermaid, the
# widget manager): a handout opens offline and never reaches the internet. Markdown math then shows as TeX source.
HANDOUT_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{% block html_head_js %}{% endblock %}
{% block html_head_js_mathjax %}{% endblock %}
{% block html_head_js_mermaidjs %}{% endblock %}
{% block jupyter_widgets %}{% endblock %}
"""
IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]+)(")')  # nbconvert writes every attribute in double quotes


def embed_local_images(html_file, folder):
    """Inline the local files that <img> tags of `html_file` show (paths relative to `folder`) as data: URLs.

    nbconvert's own --embed-images does this too, but it re-parses every HTML fragment of a markdown cell on its own
    and so closes a <details> right after its <summary>: the hidden answers would show (jupyter/nbconvert#2020).
    """
    def inline(match):
        src = match.group(2)
        path = Path(folder, unquote(src))
        if urlsplit(src).scheme or not path.is_file():
            return match.group(0)  # data:, http: and missing files stay as they are
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"{match.group(1)}data:{mime};base64,{data}{match.group(3)}"

    html_file.write_text(IMG_SRC.sub(inline, html_file.read_text(encoding="utf-8")), encoding="utf-8")


def export_handouts(lessons, output_dir, python=VENV_PYTHON, extra_args=()):
    """Execute `lessons` (notebooks in notebooks/) in a temporary copy and write one self-contained HTML file each
    (figures embedded, no external script or style) into `output_dir`. Return nbconvert's exit code."""
    output_dir = Path(output_dir).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "notebooks"
        shutil.copytree(NOTEBOOKS, copy, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        if (ROOT / "figures").is_dir():  # markdown may show ../figures/*.png
            shutil.copytree(ROOT / "figures", Path(tmp) / "figures")
        template = Path(tmp) / "handout.html.j2"
        template.write_text(HANDOUT_TEMPLATE, encoding="utf-8")
        env = tool_env()
        env.pop("MPLBACKEND", None)  # a non-inline backend would leave the figures out of the handouts
        cmd = [python] + nbconvert_cmd()[1:] + [
            "--to", "html", "--execute", "--no-prompt", f"--template-file={template}", f"--output-dir={output_dir}"]
        code = run(cmd + list(extra_args) + [copy / Path(lesson).name for lesson in lessons],
                   check=False, cwd=copy, env=env)
        if code == 0:
            for lesson in lessons:
                embed_local_images(output_dir / (Path(lesson).stem + ".html"), copy)
        return code


def handouts(args):
    """Export the lessons notebooks/0*.ipynb to self-contained HTML in handouts/ (executed in a copy)."""
    ensure_venv("requirements.txt")
    lessons = sorted(NOTEBOOKS.glob("0*.ipynb"))
    if not lessons:
        sys.exit("No lessons notebooks/0*.ipynb.")
    HANDOUTS.mkdir(exist_ok=True)
    code = export_handouts(lessons, HANDOUTS, extra_args=args)
    if code != 0:
        sys.exit(code)
    print(f"Handouts written to {HANDOUTS} (they open offline in any browser)")


COMMANDS = {"lab": lab, "test": test, "workshop": workshop, "execute": execute, "handouts": handouts}


def main(argv):
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 0 if argv and argv[0] in ("-h", "--help", "help") else 2
    COMMANDS[argv[0]](argv[1:])
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
