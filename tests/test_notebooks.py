"""Every notebook runs from top to bottom and reproduces its committed outputs (strict nbval).

nbval runs once, in a subprocess, over a copy of notebooks/ in a temporary folder, so executing the notebooks
writes nothing into the working tree; its JUnit report gives each notebook's result. Strict --nbval compares
nothing for a cell that was never executed, hence the check that every committed code cell has been executed
and none shows an error.
"""
import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("*.ipynb"))
ALL_NOTEBOOKS_SECONDS = 120  # every notebook together, one nbval run

# Reprs that change from run to run; nbval already ignores widget model ids and PNG bytes.
SANITIZE = r"""
[memory addresses]
regex: \b0x[0-9a-fA-F]+\b
replace: 0xADDRESS
"""


def test_there_are_notebooks():
    assert NOTEBOOK_FILES, "notebooks/ holds no .ipynb file"


@pytest.fixture(scope="module")
def nbval_run(tmp_path_factory):
    """One strict nbval run over a copy of notebooks/: per-notebook failures, the output, and the seconds taken."""
    base = tmp_path_factory.mktemp("nbval")
    copy = base / "notebooks"
    shutil.copytree(NOTEBOOKS, copy, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (base / "sanitize.cfg").write_text(SANITIZE, encoding="utf-8")
    report = base / "report.xml"
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)  # let the kernel use its inline default, as when the outputs were made
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    cmd = [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "--nbval-sanitize-with",
           str(base / "sanitize.cfg"), "--nbval-cell-timeout=300", "-p", "no:cacheprovider", "-q", "--color=no",
           f"--junitxml={report}", *[path.name for path in NOTEBOOK_FILES]]
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=copy, env=env, capture_output=True, text=True, timeout=1700)
    seconds = time.perf_counter() - start
    failures: dict[str, list[str]] = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        problem = case.find("failure") if case.find("failure") is not None else case.find("error")
        if problem is not None:  # nbval names each item "<notebook>.ipynb" / "Cell N"
            failures.setdefault(case.get("classname", ""), []).append(
                f"{case.get('name')}: {(problem.get('message') or '')[:2000]}")
    return failures, result.returncode, result.stdout + result.stderr, seconds


@pytest.mark.timeout(1800)
@pytest.mark.parametrize("notebook", NOTEBOOK_FILES, ids=[path.name for path in NOTEBOOK_FILES])
def test_notebook_reproduces_its_outputs(notebook, nbval_run):
    failures, code, output, _ = nbval_run
    if notebook.name in failures:
        pytest.fail(f"nbval failed for {notebook.name}:\n" + "\n".join(failures[notebook.name]), pytrace=False)
    if code != 0 and not failures:
        pytest.fail(f"nbval did not run (exit {code}):\n{output[-3000:]}", pytrace=False)


@pytest.mark.timeout(1800)
def test_all_notebooks_together_run_in_under_two_minutes(nbval_run):
    _, _, output, seconds = nbval_run
    assert "passed" in output, output[-3000:]
    assert seconds < ALL_NOTEBOOKS_SECONDS, f"all notebooks took {seconds:.0f} s"


@pytest.mark.parametrize("notebook", NOTEBOOK_FILES, ids=[path.name for path in NOTEBOOK_FILES])
def test_notebook_is_committed_executed_without_errors(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "code" or not "".join(cell["source"]).strip():
            continue
        source = "".join(cell["source"]).strip().splitlines()[0]
        if cell.get("execution_count") is None:
            pytest.fail(f"{notebook.name}, cell {index} ({source!r}) was never executed: "
                        "run `python3 tasks.py execute` and commit the outputs")
        errors = [out for out in cell.get("outputs", []) if out.get("output_type") == "error"]
        if errors:
            pytest.fail(f"{notebook.name}, cell {index} ({source!r}) shows an error: "
                        f"{errors[0].get('ename')}: {errors[0].get('evalue')}")
