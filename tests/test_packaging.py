"""The package installs on its own: `pip install .` into a clean environment gives a working `neurodynamics`."""
import re
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

import neurodynamics as nd

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8")) if sys.version_info >= (3, 11) \
    else None


def pins() -> dict[str, str]:
    """name -> pinned version for this Python, from requirements.txt (markers evaluated by pip's own rules)."""
    from packaging.requirements import Requirement

    found = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split(" #")[0].strip()
        if line and not line.startswith("#"):
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate():
                found[requirement.name.lower()] = str(requirement.specifier).removeprefix("==")
    return found


@pytest.mark.skipif(PYPROJECT is None, reason="tomllib is in the standard library from Python 3.11")
def test_declared_dependencies_are_ranges_that_admit_the_pins():
    from packaging.requirements import Requirement

    declared = [Requirement(text) for text in PYPROJECT["project"]["dependencies"]]
    assert {r.name for r in declared} >= {"numpy", "scipy", "matplotlib", "ipywidgets", "ipympl"}
    pinned = pins()
    for requirement in declared:
        assert not any(spec.operator == "==" for spec in requirement.specifier), f"{requirement}: a range, not a pin"
        assert requirement.specifier.contains(pinned[requirement.name.lower()]), \
            f"{requirement} does not admit the pinned {requirement.name}=={pinned[requirement.name.lower()]}"


def test_licence_names_both_parts():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in text and "CC BY 4.0" in text


@pytest.mark.timeout(600)
def test_pip_install_then_import_works_in_a_clean_environment(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "notebooks", "figures", "tests", "benchmarks", "test-artifacts", "handouts", "build",
        "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis"))
    venv.create(tmp_path / "env", with_pip=True)
    python = tmp_path / "env" / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    install = subprocess.run([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", str(source)],
                             capture_output=True, text=True, timeout=540)
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    code = ("import neurodynamics as nd; from neurodynamics.interface import explorers; "
            "print(round(nd.solve(nd.Posture(hip_flexion=70)).strain('hip'), 3))")
    run = subprocess.run([python, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    assert re.fullmatch(r"-?\d+\.\d+\s*", run.stdout), run.stdout
    assert float(run.stdout) == pytest.approx(round(nd.solve(nd.Posture(hip_flexion=70)).strain("hip"), 3))
