"""Create, check, heal and fill .venv for tasks.py (standard library only).

A .venv is rebuilt (deleted and created again, with one printed line saying why) when:
  - its Python is missing or does not start (the Python it was made from was removed or upgraded),
  - its Python is another major.minor version than the one recorded when it was made,
  - `python -m pip --version` fails in it (made without pip, or pip broken),
  - a previous install into it did not finish (the `.installing` marker is still there, or no install was ever
    recorded).
Otherwise the pinned requirements are installed only when requirements*.txt or pyproject.toml changed (a stamp per
requirements file holds their digest and the interpreter).

Every run also makes sure of JupyterLab's app settings overrides in the venv (<venv>/share/jupyter/lab/settings/
overrides.json, cheap and idempotent): no "get notified about official Jupyter news?" prompt over the lessons.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tools.common import ROOT, VENV, run, venv_python

STAMPED_FILES = ["requirements.txt", "requirements-test.txt", "pyproject.toml"]
INSTALLING = ".installing"  # present while pip installs: left behind by an install that did not finish
# JupyterLab's defaults for every user of the venv: never fetch news or check for updates, so no prompt asks.
LAB_OVERRIDES = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}
PROBE = "import json, sys; print(json.dumps({'version': '%d.%d.%d' % sys.version_info[:3], " \
        "'executable': sys.executable, 'base': getattr(sys, '_base_executable', sys.executable)}))"


def requirements_digest(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for name in STAMPED_FILES:
        path = Path(root) / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return digest.hexdigest()


def stamp_path(venv: Path, requirements: str) -> Path:
    return Path(venv) / f".stamp-{requirements}"


def read_stamp(path: Path) -> dict | None:
    """A stamp's record: {"digest", "python": {"version", "executable"}}; an older plain-digest stamp gives only
    the digest; None when missing or unreadable."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    try:
        record = json.loads(text)
    except ValueError:
        return {"digest": text} if text and all(c in "0123456789abcdef" for c in text) else None
    return record if isinstance(record, dict) else None


def probe_interpreter(python: Path) -> dict | None:
    """What the venv's Python says about itself, or None when it does not start."""
    try:
        result = subprocess.run([str(python), "-c", PROBE], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    try:
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def pip_works(python: Path) -> bool:
    try:
        return subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True,
                              timeout=120).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def major_minor(version: str) -> str:
    return ".".join(str(version).split(".")[:2])


def rebuild_reason(venv: Path = VENV, probe: Callable[[Path], dict | None] = probe_interpreter,
                   has_pip: Callable[[Path], bool] = pip_works) -> str | None:
    """Why the existing `venv` must be deleted and made again, or None when it is healthy (or absent)."""
    venv = Path(venv)
    if not venv.exists():
        return None
    python = venv_python(venv)
    if (venv / INSTALLING).exists():
        return "a previous install into it did not finish"
    stamps = [read_stamp(path) for path in sorted(venv.glob(".stamp-*"))]
    stamps = [stamp for stamp in stamps if stamp]
    if not stamps:
        return "it holds no record of a finished install (half-installed)"
    if not python.exists() and not python.is_symlink():
        return f"it has no Python ({python} is missing)"
    found = probe(python)
    if found is None:
        return f"its Python ({python}) does not start: the Python it was made from was probably removed or upgraded"
    for stamp in stamps:
        made_with = (stamp.get("python") or {}).get("version")
        if made_with and major_minor(made_with) != major_minor(found["version"]):
            return f"it was made with Python {made_with} and its Python is now {found['version']}"
    if not has_pip(python):
        return "`python -m pip --version` fails in it (no pip)"
    return None


def needs_install(venv: Path, requirements: str, digest: str) -> bool:
    stamp = read_stamp(stamp_path(venv, requirements))
    return stamp is None or stamp.get("digest") != digest


def write_stamp(venv: Path, requirements: str, digest: str, python_info: dict) -> None:
    record = {"digest": digest, "python": {"version": python_info["version"], "executable": sys.executable,
                                           "base": python_info.get("base")}}
    stamp_path(venv, requirements).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def lab_overrides_path(venv: Path) -> Path:
    """JupyterLab's app settings overrides of the venv (JupyterLab's app directory is <prefix>/share/jupyter/lab)."""
    return Path(venv) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def write_lab_overrides(venv: Path) -> bool:
    """Make the venv's JupyterLab overrides hold LAB_OVERRIDES, keeping any other settings in the file; write only
    when something is missing or different. Returns whether the file was written."""
    path = lab_overrides_path(venv)
    try:
        current = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        current = None  # missing, or unreadable (JupyterLab could not read it either): write ours
    wanted = dict(current) if isinstance(current, dict) else {}
    for plugin, values in LAB_OVERRIDES.items():
        settings = wanted.get(plugin)
        wanted[plugin] = {**(settings if isinstance(settings, dict) else {}), **values}
    if wanted == current:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(wanted, indent=2) + "\n", encoding="utf-8")
    partial.replace(path)
    return True


def create_venv(venv: Path) -> None:
    print(f"Creating {venv} with Python {sys.version.split()[0]} ({sys.executable}) ...", flush=True)
    try:
        subprocess.check_call([sys.executable, "-m", "venv", str(venv)])
    except subprocess.CalledProcessError:
        shutil.rmtree(venv, ignore_errors=True)
        sys.exit("Could not create .venv. On Debian/Ubuntu install the venv module first: "
                 "sudo apt-get install python3-venv")


def ensure_venv(requirements: str, venv: Path = VENV, root: Path = ROOT) -> Path:
    """Make `venv` healthy, install `requirements` (and the package) when needed and make sure of JupyterLab's
    settings overrides (no news prompt); return its Python."""
    venv = Path(venv)
    reason = rebuild_reason(venv)
    if reason:
        print(f"Rebuilding {venv.name}: {reason}.", flush=True)
        shutil.rmtree(venv)
    if not venv.exists():
        create_venv(venv)
    python = venv_python(venv)
    digest = requirements_digest(root)
    if not needs_install(venv, requirements, digest):
        write_lab_overrides(venv)
        return python
    info = probe_interpreter(python)
    if info is None:
        sys.exit(f"The Python of {venv} ({python}) does not start.")
    marker = venv / INSTALLING
    marker.write_text(requirements + "\n", encoding="utf-8")
    print(f"Installing {requirements} into {venv.name} (the first time takes a few minutes) ...", flush=True)
    pip = [python, "-m", "pip", "--disable-pip-version-check"]
    run(pip + ["install", "-r", Path(root) / requirements])
    run(pip + ["install", "--no-deps", "-e", root])
    write_stamp(venv, requirements, digest, info)
    marker.unlink()
    write_lab_overrides(venv)
    return python
