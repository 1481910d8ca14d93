#!/usr/bin/env python3
"""Project launcher: one command per job, on Windows, macOS and Linux (standard library only).

Usage (from the repository root):
    python3 tasks.py lab                  open the lessons in JupyterLab (http://127.0.0.1:8888 or next free port)
    python3 tasks.py test [PYTEST ARGS]   run the test suite (extra arguments go to pytest); with -m "not browser"
                                          the fast tests only, without Chromium
    python3 tasks.py workshop             serve notebooks/workshop_dashboard.ipynb with Voila (port 8866 or next free)
    python3 tasks.py execute [--force]    re-execute the notebooks and store their outputs (refuses to overwrite a
                                          notebook with uncommitted changes unless --force)
    python3 tasks.py handouts             export the lessons notebooks/0*.ipynb to self-contained HTML in handouts/

Every command first creates .venv (with the Python running this script) if it is missing and installs the pinned
requirements and this package into it; the install is skipped while requirements*.txt and pyproject.toml are
unchanged, so later runs start at once. A broken .venv (no pip, its Python gone, an install that did not finish) is
rebuilt. On Windows use `py tasks.py ...` if `python3` is not found. The work is done by modules in tools/.
"""
import sys

if sys.version_info < (3, 10):
    sys.exit("tasks.py needs Python 3.10 or newer; this is Python %d.%d (%s)."
             % (sys.version_info[0], sys.version_info[1], sys.executable))

import os
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tools/ next to this file (also under -I or PYTHONSAFEPATH)
from tools import bootstrap, chromium, execute as execute_tool, handouts as handout_tools
from tools.common import NOTEBOOKS, ROOT, VOILA_TEMPLATE, allow_root, free_port, jupyter_env, run

HANDOUTS = ROOT / "handouts"
VOILA_CULL_ARGS = ["--MappingKernelManager.cull_idle_timeout=120", "--MappingKernelManager.cull_interval=30"]


def lab(args):
    """Serve notebooks/ with JupyterLab on 127.0.0.1 (port 8888 or the next free one)."""
    python = bootstrap.ensure_venv("requirements.txt")
    cmd = [python, "-m", "jupyterlab", "--ip=127.0.0.1", f"--port={free_port(8888)}",
           f"--ServerApp.root_dir={NOTEBOOKS}", *allow_root()]
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        cmd.append("--no-browser")  # no screen: print the address instead of starting a text-mode browser
    run(cmd + list(args), cwd=NOTEBOOKS, env=jupyter_env())


def test(args):
    """Run pytest in the venv with the test requirements; exit with pytest's exit code. Chromium is looked for (and
    installed where that is safe) only when the arguments may select a browser test."""
    python = bootstrap.ensure_venv("requirements-test.txt")
    env = jupyter_env()
    env["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"  # never a browser download: the system Chromium
    if chromium.selects_browser_tests(args):
        env["ND_CHROMIUM"] = chromium.ensure_chromium()
        print(f"Browser for the tests: {env['ND_CHROMIUM']}", flush=True)
    else:
        print(f"Tests marked {chromium.MARKER} deselected: no browser needed.", flush=True)
    sys.exit(run([python, "-m", "pytest"] + list(args), check=False, cwd=ROOT, env=env))


def workshop(args):
    """Serve the workshop dashboard with Voila on 127.0.0.1 (port 8866 or the next free one), offline template."""
    python = bootstrap.ensure_venv("requirements.txt")
    cmd = [python, "-m", "voila", "workshop_dashboard.ipynb", "--Voila.ip=127.0.0.1",
           f"--port={free_port(8866)}", "--no-browser", f"--template={VOILA_TEMPLATE}",
           # close kernels of pages that were closed, or each visit leaves one running
           *VOILA_CULL_ARGS]
    run(cmd + list(args), cwd=NOTEBOOKS, env=jupyter_env())


def execute(args):
    """Re-execute the notebooks in a temporary copy, normalise their metadata, then store them (tools/execute.py)."""
    execute_tool.preflight(args)  # refuse early (uncommitted changes), before any setup
    python = bootstrap.ensure_venv("requirements.txt")
    sys.exit(run([python, "-m", "tools.execute", *args], check=False, cwd=ROOT, env=jupyter_env()))


def handouts(args):
    """Export the lessons notebooks/0*.ipynb to self-contained HTML in handouts/ (executed in a copy)."""
    python = bootstrap.ensure_venv("requirements.txt")
    lessons = handout_tools.lessons()
    if not lessons:
        sys.exit("No lessons notebooks/0*.ipynb.")
    HANDOUTS.mkdir(exist_ok=True)
    code = handout_tools.export_handouts(lessons, HANDOUTS, python=python, extra_args=args)
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
