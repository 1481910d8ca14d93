"""Every notebook runs from top to bottom and reproduces its committed outputs (strict nbval).

nbval runs in a subprocess on a copy of notebooks/ in a temporary folder, so executing the notebooks writes nothing
into the working tree. Strict --nbval compares nothing for a cell that was never executed, hence the second test:
every committed code cell has been executed and none shows an error.
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("*.ipynb"))

# Reprs that change from run to run; nbval already ignores widget model ids and PNG bytes.
SANITIZE = r"""
[memory addresses]
regex: \b0x[0-9a-fA-F]+\b
replace: 0xADDRESS
"""


def test_there_are_notebooks():
    assert NOTEBOOK_FILES, "notebooks/ holds no .ipynb file"


@pytest.fixture(scope="module")
def notebooks_copy(tmp_path_factory):
    """A copy of notebooks/ (with its data files) outside the working tree, plus the nbval sanitize file."""
    base = tmp_path_factory.mktemp("nbval")
    copy = base / "notebooks"
    shutil.copytree(NOTEBOOKS, copy, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (base / "sanitize.cfg").write_text(SANITIZE, encoding="utf-8")
    return copy


@pytest.mark.timeout(1800)
@pytest.mark.parametrize("notebook", NOTEBOOK_FILES, ids=[path.name for path in NOTEBOOK_FILES])
def test_notebook_reproduces_its_outputs(notebook, notebooks_copy):
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)  # let the kernel use its inline default, as when the outputs were made
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    cmd = [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env",
           "--nbval-sanitize-with", str(notebooks_copy.parent / "sanitize.cfg"),
           "--nbval-cell-timeout=600", "-p", "no:cacheprovider", "-q", "--color=no", notebook.name]
    result = subprocess.run(cmd, cwd=notebooks_copy, env=env, capture_output=True, text=True, timeout=1700)
    if result.returncode != 0:
        pytest.fail(f"nbval failed for {notebook.name} (exit {result.returncode}):\n{result.stdout}\n{result.stderr}",
                    pytrace=False)


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
