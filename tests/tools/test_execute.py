"""tools/execute.py: `tasks.py execute` normalises executed notebooks so that two machines agree, and refuses to
overwrite uncommitted work."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tools import common, execute


def executed_notebook(version="3.11.7", display_name="Python 3", model_id="0a1b2c"):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": display_name, "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python", "version": version, "mimetype": "text/x-python",
                                    "file_extension": ".py", "pygments_lexer": "ipython3",
                                    "codemirror_mode": {"name": "ipython", "version": 3},
                                    "nbconvert_exporter": "python"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    cell = nbformat.v4.new_code_cell("x = 1\nx", execution_count=3)
    cell.metadata["execution"] = {"iopub.execute_input": "2026-11-30T05:00:00.000Z"}
    cell.metadata["tags"] = ["nbval-ignore-output"]
    cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "1"}, execution_count=3),
                    nbformat.v4.new_output("display_data", data={
                        "text/plain": "Canvas(...)",
                        execute.WIDGET_VIEW: {"model_id": model_id, "version_major": 2, "version_minor": 0}})]
    cell.id = "cell-one"
    title = nbformat.v4.new_markdown_cell("# Title")
    title.id = "title"
    nb.cells = [title, cell]
    return nb


KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def test_normalise_makes_two_machines_agree_and_keeps_outputs():
    a = execute.normalise(executed_notebook(), "00.ipynb", KERNELSPEC)
    b = execute.normalise(executed_notebook(version="3.12.1", display_name="Python 3", model_id="ffee"),
                          "00.ipynb", KERNELSPEC)
    assert nbformat.writes(a) == nbformat.writes(b)
    nbformat.validate(a)
    assert a.metadata.kernelspec == KERNELSPEC
    assert "version" not in a.metadata.language_info and a.metadata.language_info["name"] == "python"
    assert "widgets" not in a.metadata
    cell = a.cells[1]
    assert cell.execution_count == 3 and cell.metadata == {"tags": ["nbval-ignore-output"]}
    assert cell.outputs[0]["data"]["text/plain"] == "1" and cell.outputs[0]["execution_count"] == 3
    assert len(cell.outputs) == 2 and cell.outputs[1]["data"]["text/plain"] == "Canvas(...)"
    # model ids: stable, distinct per position, and still ids
    other = execute.normalise(executed_notebook(), "01.ipynb", KERNELSPEC)
    ids = [nb.cells[1].outputs[1]["data"][execute.WIDGET_VIEW]["model_id"] for nb in (a, b, other)]
    assert ids[0] == ids[1] != ids[2] and len(ids[0]) == 32


def test_normalise_stores_the_installed_kernels_language_info_whatever_the_run_reported():
    """What JupyterLab compares when it opens a lesson: the kernel's own language_info, version included."""
    installed = execute.installed_language_info()
    assert installed["name"] == "python" and installed["version"].count(".") == 2
    runs = [execute.normalise(executed_notebook(version=v), "00.ipynb", KERNELSPEC, installed) for v in ("3.0.0", "9.9")]
    assert runs[0].metadata.language_info == runs[1].metadata.language_info == installed
    assert nbformat.writes(runs[0]) == nbformat.writes(runs[1])


def test_the_kernelspec_is_the_installed_one():
    spec = execute.installed_kernelspec()
    listed = json.loads(subprocess.run([sys.executable, "-m", "jupyter", "kernelspec", "list", "--json"],
                                       capture_output=True, text=True, check=True,
                                       env=common.jupyter_env()).stdout)
    assert spec["display_name"] == listed["kernelspecs"]["python3"]["spec"]["display_name"]
    assert spec["name"] == "python3" and spec["language"] == "python"


@pytest.fixture
def repo(tmp_path):
    """A git repository with one committed notebook."""
    git = shutil.which("git")
    assert git, "git is needed for `tasks.py execute` and its test"
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@e", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@e")

    def run(*args):
        subprocess.run([git, *args], cwd=tmp_path, env=env, check=True, capture_output=True)

    (tmp_path / "notebooks").mkdir()
    notebook = tmp_path / "notebooks" / "a.ipynb"
    notebook.write_text(nbformat.writes(executed_notebook()))
    run("init", "-q")
    run("add", "notebooks/a.ipynb")
    run("commit", "-q", "-m", "a notebook")
    return tmp_path, notebook


def test_execute_refuses_a_notebook_with_uncommitted_changes(repo):
    root, notebook = repo
    execute.refuse_uncommitted([Path("notebooks/a.ipynb")], force=False, root=root)  # clean: no refusal
    notebook.write_text(notebook.read_text().replace("x = 1", "x = 2"))
    with pytest.raises(SystemExit) as error:
        execute.refuse_uncommitted([Path("notebooks/a.ipynb")], force=False, root=root)
    assert "notebooks/a.ipynb" in str(error.value) and "--force" in str(error.value)
    execute.refuse_uncommitted([Path("notebooks/a.ipynb")], force=True, root=root)  # --force overwrites


def test_execute_refuses_when_git_cannot_tell(tmp_path):
    with pytest.raises(SystemExit) as error:
        execute.refuse_uncommitted([Path("a.ipynb")], force=False, root=tmp_path)  # not a repository
    assert "--force" in str(error.value)


TINY_NOTEBOOK_CELLS = [
    "%matplotlib inline\nimport ipywidgets as W\nimport matplotlib.pyplot as plt",
    "W.IntSlider(value=3, description='hip')",
    "fig, ax = plt.subplots(figsize=(2, 1.5))\nax.plot([0, 1, 4])\nplt.show()",
    "print('done'); 6 * 7",
]


def test_execute_twice_gives_identical_bytes(tmp_path):
    """A small notebook with a widget, an inline figure and printed output, executed twice (two copies, one
    nbconvert run, each in a kernel of its own) and normalised: the bytes to store are the same."""
    source = tmp_path / "repo" / "notebooks"
    source.mkdir(parents=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in TINY_NOTEBOOK_CELLS])
    for index, cell in enumerate(nb.cells):
        cell.id = f"cell-{index}"
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    for name in ("first.ipynb", "second.ipynb"):
        nbformat.write(nb, source / name)
    executed = execute.execute_all([source / "first.ipynb", source / "second.ipynb"], 60, tmp_path / "run",
                                   source=source)
    spec = execute.installed_kernelspec()
    runs = [nbformat.writes(execute.normalise(nbformat.read(executed[name], as_version=4), "tiny.ipynb", spec))
            for name in ("first.ipynb", "second.ipynb")]
    assert runs[0] == runs[1]
    stored = nbformat.reads(runs[0], as_version=4)
    assert [cell.execution_count for cell in stored.cells] == [1, 2, 3, 4]
    assert stored.metadata.kernelspec == spec
    assert any("image/png" in out.get("data", {}) for out in stored.cells[2].outputs)
    assert any(execute.WIDGET_VIEW in out.get("data", {}) for out in stored.cells[1].outputs)
    assert "language_info" in stored.metadata and "version" not in stored.metadata.language_info


def test_execute_writes_nothing_when_a_notebook_fails(tmp_path, monkeypatch):
    monkeypatch.setattr(execute, "refuse_uncommitted", lambda *args: None)
    before = {path: path.read_bytes() for path in sorted(common.NOTEBOOKS.glob("*.ipynb"))}

    def failing(notebooks, timeout_s, workdir, python=sys.executable, source=None):
        raise SystemExit("Execution failed (see above); no notebook was changed.")

    monkeypatch.setattr(execute, "execute_all", failing)
    with pytest.raises(SystemExit):
        execute.main([])
    assert {path: path.read_bytes() for path in before} == before
