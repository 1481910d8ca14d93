"""The repository stays reproducible and clean: pinned requirements, generated folders ignored."""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

IGNORED = [".venv/", "handouts/", "test-artifacts/", ".pytest_cache/", ".hypothesis/", "*.egg-info/",
           "__pycache__/", ".ipynb_checkpoints/"]
# name==version, optionally followed by an environment marker
PINNED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\[\],-]*==[0-9][^\s;]*\s*(;\s*\S.*)?$")


def requirement_lines(name):
    lines = []
    for raw in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = raw.split(" #")[0].strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


@pytest.mark.parametrize("entry", IGNORED)
def test_gitignore_lists_generated_folders(entry):
    lines = {line.strip() for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()}
    assert entry in lines, f".gitignore must list {entry}"


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-test.txt"])
def test_requirements_are_pinned(name):
    lines = requirement_lines(name)
    assert lines, f"{name} is empty"
    for line in lines:
        if name == "requirements-test.txt" and line == "-r requirements.txt":
            continue
        assert PINNED.match(line), f"{name}: not pinned with ==: {line!r}"


def test_test_requirements_include_runtime_requirements():
    assert "-r requirements.txt" in requirement_lines("requirements-test.txt")


def test_each_requirement_has_one_pin_per_python():
    """A package pinned twice must split by python_version markers, never install two versions at once."""
    for name in ["requirements.txt", "requirements-test.txt"]:
        seen = {}
        for line in requirement_lines(name):
            if "==" in line:
                seen.setdefault(line.split("==")[0].lower(), []).append(line)
        for package, pins in seen.items():
            if len(pins) > 1:
                assert all("python_version" in pin for pin in pins), f"{name}: {package} pinned twice: {pins}"
