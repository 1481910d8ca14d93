"""Plumbing shared by the launcher (tasks.py) and the developer tools: paths, running commands, free ports, copies of
notebooks/. Standard library only: tasks.py imports it with the system Python, before .venv exists.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
FIGURES = ROOT / "figures"
VENV = ROOT / ".venv"
IS_WINDOWS = os.name == "nt"
# The project's Jupyter data folder (JUPYTER_PATH): the offline Voila template `nd-offline` lives there.
JUPYTER_DATA = ROOT / "tools" / "jupyter"
# The project's Jupyter config folder (JUPYTER_CONFIG_PATH): voila.json there keeps the JupyterLab extensions of
# nbgrader and Notebook 7 (test tools, requirements-test.txt) out of Voila pages, where they raise console errors.
JUPYTER_CONFIG = ROOT / "tools" / "jupyter_config"
VOILA_TEMPLATE = "nd-offline"


def venv_python(venv: Path = VENV) -> Path:
    return Path(venv) / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")


def run(cmd, check: bool = True, **kwargs) -> int:
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


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def allow_root() -> list[str]:
    """Jupyter servers refuse to run as root without --allow-root (containers, CI)."""
    return ["--allow-root"] if is_root() else []


def jupyter_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for Jupyter tools run from the venv: its own kernels and config before the user's, the
    project's Jupyter data folder (the offline Voila template) on JUPYTER_PATH and its config folder (Voila's
    extension denylist) on JUPYTER_CONFIG_PATH."""
    env = dict(os.environ if base is None else base, JUPYTER_PREFER_ENV_PATH="1")
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(JUPYTER_DATA), env.get("JUPYTER_PATH", "")]))
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(filter(None, [str(JUPYTER_CONFIG),
                                                               env.get("JUPYTER_CONFIG_PATH", "")]))
    return env


def free_port(first: int | None = None, tries: int = 50) -> int:
    """A TCP port of 127.0.0.1 that nothing listens on right now: the first free one from `first` on (a port
    people can remember, e.g. 8888), or any free one when `first` is None."""
    candidates = [0] if first is None else range(first, first + tries)
    for port in candidates:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise SystemExit(f"No free port between {first} and {first + tries - 1} on 127.0.0.1.")


def port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def http_status(url: str) -> int | None:
    """HTTP status of a GET (None when nothing answers)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_until(condition: Callable[[], object], timeout_s: float, what: str, interval_s: float = 0.2) -> None:
    """Poll `condition` until it is true; raise AssertionError naming `what` after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
        time.sleep(interval_s)


def copy_notebooks(base: Path, notebooks: Path = NOTEBOOKS, figures: Path = FIGURES) -> Path:
    """Copy notebooks/ (with ../figures, which markdown may show) into `base`; return the copy of notebooks/.

    Symbolic links stay links (a link that points out of the repository still points out of the copy).
    """
    base = Path(base)
    shutil.copytree(notebooks, base / "notebooks", symlinks=True,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if Path(figures).is_dir():
        shutil.copytree(figures, base / "figures", symlinks=True)
    return base / "notebooks"
