"""Find the system Chromium (or Chrome) the browser tests drive, and install it only where that is safe.

The one place that decides: tasks.py `test` calls `ensure_chromium()`, unless `selects_browser_tests` says that its
pytest arguments rule out every test marked `browser` (`-m "not browser"`). Standard library only.

- ND_CHROMIUM set: it must name an executable file, else a clear error (never a silent fall-through).
- A usable browser on PATH or at a known place (/snap/bin/chromium included): use it, never apt-get.
- None: as root on Debian (or in CI with password-less sudo), `apt-get install chromium`. On Ubuntu the apt package
  `chromium` is only a transitional package for the snap, so there we print what to run instead.
- Anything else: explain what to install, and stop.
"""
from __future__ import annotations

import ast
import itertools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tools.common import is_root, run

VARIABLE = "ND_CHROMIUM"
NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge"]
SNAP_CHROMIUM = "/snap/bin/chromium"
CANDIDATES = [
    "/usr/bin/chromium",
    SNAP_CHROMIUM,
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    os.path.expandvars(r"%ProgramFiles%\Google\Chrome\Application\chrome.exe"),
    os.path.expandvars(r"%ProgramFiles(x86)%\Google\Chrome\Application\chrome.exe"),
    os.path.expandvars(r"%LocalAppData%\Google\Chrome\Application\chrome.exe"),
    os.path.expandvars(r"%ProgramFiles(x86)%\Microsoft\Edge\Application\msedge.exe"),
]
MARKER = "browser"  # the pytest marker of the tests that drive Chromium (tests/browser/conftest.py)
OS_RELEASE = Path("/etc/os-release")
DEBIAN_VERSION = Path("/etc/debian_version")
APT_INSTALL = ["apt-get", "install", "-y", "chromium"]

UBUNTU_HELP = (f"The browser tests need Chromium, and none was found. On Ubuntu the apt package `chromium` is only a "
               f"placeholder for the snap, so tasks.py does not apt-get it. Run:\n"
               f"  sudo snap install chromium\n"
               f"then run the tests again (tasks.py looks for {SNAP_CHROMIUM}), or set "
               f"{VARIABLE}={SNAP_CHROMIUM} (or the path of Google Chrome).")
GENERAL_HELP = ("The browser tests need Chromium or Google Chrome, and none was found.\n"
                "  Debian:   sudo apt-get install chromium\n"
                f"  Ubuntu:   sudo snap install chromium, then {VARIABLE}={SNAP_CHROMIUM}\n"
                "  macOS:    install Google Chrome, or: brew install --cask chromium\n"
                "  Windows:  install Google Chrome or use Microsoft Edge\n"
                f"Or set {VARIABLE} to the browser's executable.")


class ChromiumError(SystemExit):
    """No usable browser, with the message to print (a SystemExit: tasks.py stops with it)."""


@dataclass
class Plan:
    path: str | None = None            # use this browser
    install: list[str] | None = None   # or run this command, then look again
    message: str | None = None         # or stop with this explanation


def usable(path: str | os.PathLike) -> bool:
    path = Path(path)
    return path.is_file() and os.access(path, os.X_OK)


def checked_variable(environ) -> str | None:
    """The browser ND_CHROMIUM names, or None when unset; a clear error when it names no executable file."""
    value = environ.get(VARIABLE, "")
    if not value:
        return None
    path = Path(value)
    if not path.exists():
        raise ChromiumError(f"{VARIABLE}={value}: no such file. Set {VARIABLE} to the path of a Chromium or Chrome "
                            f"executable, or unset it to let tasks.py look for one.")
    if not usable(path):
        what = "a folder" if path.is_dir() else "not executable"
        raise ChromiumError(f"{VARIABLE}={value}: {what}. Set {VARIABLE} to the path of a Chromium or Chrome "
                            f"executable, or unset it to let tasks.py look for one.")
    return value


def find_chromium(environ=None) -> str | None:
    """Path of a Chromium or Chrome the browser tests can drive, or None (ND_CHROMIUM first, checked)."""
    environ = os.environ if environ is None else environ
    named = checked_variable(environ)
    if named:
        return named
    for name in NAMES:
        found = shutil.which(name)
        if found and usable(found):
            return found
    return next((path for path in CANDIDATES if usable(path)), None)


def os_release_ids(path: Path | None = None) -> set[str]:
    """ID and ID_LIKE of /etc/os-release, lower case (empty when there is none)."""
    path = OS_RELEASE if path is None else path
    ids: set[str] = set()
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ids
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key.strip() in ("ID", "ID_LIKE"):
            ids.update(value.strip().strip("\"'").lower().split())
    return ids


def is_ubuntu() -> bool:
    return "ubuntu" in os_release_ids()


def passwordless_sudo() -> bool:
    if not shutil.which("sudo"):
        return False
    return subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0


def plan(environ=None) -> Plan:
    """Decide what to do (no side effects besides probing): use a browser, install one, or explain."""
    environ = os.environ if environ is None else environ
    path = find_chromium(environ)
    if path:
        return Plan(path=path)
    if is_ubuntu():
        return Plan(message=UBUNTU_HELP)
    if shutil.which("apt-get") and DEBIAN_VERSION.exists():
        if is_root():
            return Plan(install=list(APT_INSTALL))
        if environ.get("CI") and passwordless_sudo():  # CI runners: non-root with password-less sudo
            return Plan(install=["sudo", "-n", *APT_INSTALL])
    return Plan(message=GENERAL_HELP)


def ensure_chromium(environ=None) -> str:
    """The browser for the tests; installs it with apt-get where `plan` says so; else stops with an explanation."""
    environ = os.environ if environ is None else environ
    decided = plan(environ)
    if decided.install:
        print("Chromium not found: installing it with apt-get ...", flush=True)
        env = dict(environ, DEBIAN_FRONTEND="noninteractive")
        sudo = decided.install[:2] if decided.install[0] == "sudo" else []
        run([*sudo, "apt-get", "update"], env=env)
        run(decided.install, env=env)
        decided = Plan(path=find_chromium(environ), message=GENERAL_HELP)
    if decided.path:
        return decided.path
    raise ChromiumError(decided.message)


def mark_expression(pytest_args: list[str]) -> str | None:
    """The `-m` expression of pytest arguments (the last one, as pytest keeps it), or None when there is none."""
    expression = None
    args = iter(pytest_args)
    for arg in args:
        if arg == "--":
            break
        if arg == "-m":
            expression = next(args, "")
        elif arg.startswith("-m"):
            expression = arg[2:].removeprefix("=")
    return expression


def _holds(node: ast.AST, marks: dict[str, bool]) -> bool:
    """Truth of a parsed mark expression for a test carrying the marks that are True in `marks`."""
    if isinstance(node, ast.Expression):
        return _holds(node.body, marks)
    if isinstance(node, ast.BoolOp):
        values = [_holds(value, marks) for value in node.values]
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return not _holds(node.operand, marks)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):  # mark(key=value): that mark, at least
        return marks[node.func.id]
    if isinstance(node, ast.Name):
        return marks[node.id]
    raise ValueError(f"not a mark expression: {ast.dump(node)}")


def selects_browser_tests(pytest_args: list[str], most_other_marks: int = 10) -> bool:
    """Whether pytest run with these arguments may select a test marked `browser` (so Chromium is needed).

    False only when a `-m` expression is False for every test that carries the `browser` mark, whatever other marks
    it carries (e.g. `-m "not browser"`, `-m "not browser and not slow"`). Anything this cannot read (an expression
    with more than `most_other_marks` other names, or not in the grammar of and / or / not / names) counts as
    selecting browser tests: looking for Chromium then costs a lookup, skipping it wrongly would fail the tests.
    """
    expression = mark_expression(pytest_args)
    if not expression or not expression.strip():
        return True
    try:
        tree = ast.parse(expression.strip(), mode="eval")
        others = sorted({node.id for node in ast.walk(tree) if isinstance(node, ast.Name)} - {MARKER})
        if len(others) > most_other_marks:
            return True
        return any(_holds(tree, {MARKER: True, **dict(zip(others, carried))})
                   for carried in itertools.product((False, True), repeat=len(others)))
    except (SyntaxError, ValueError):
        return True
