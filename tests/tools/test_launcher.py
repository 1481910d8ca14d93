"""The launcher's decisions (tasks.py and the tools/ modules it runs), tested without installing anything:
which Chromium to use or install, when .venv is rebuilt, how `execute` normalises and when it refuses, and which
images a handout embeds."""
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # tools/ is a folder of the repository, not an installed package

from tools import bootstrap, chromium, common, execute, handouts  # noqa: E402

STDLIB_MODULES = ["tools.common", "tools.chromium", "tools.bootstrap", "tools.handouts", "tools.execute"]


# ------------------------------------------------------------------------------------------------ standard library

def test_tasks_py_imports_only_the_standard_library():
    """tasks.py runs with the system Python before .venv exists: it and the tools it imports need nothing installed.
    -S: no site-packages at all (a third-party import would fail), -I: ignore the environment and the user's site."""
    result = subprocess.run([sys.executable, "-S", "-I", "tasks.py", "help"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0 and "python3 tasks.py lab" in result.stdout, result.stderr
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); import " + ", ".join(STDLIB_MODULES)
    result = subprocess.run([sys.executable, "-S", "-I", "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_free_port_from_a_first_port(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        assert common.free_port(taken) != taken
    assert common.free_port() > 0


# ------------------------------------------------------------------------------------------------------- Chromium

def make_executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def no_browser(monkeypatch, tmp_path):
    """A machine with no browser anywhere: empty PATH search, no known locations, Debian, not root."""
    monkeypatch.setattr(chromium.shutil, "which", lambda name: "/usr/bin/apt-get" if name == "apt-get" else None)
    monkeypatch.setattr(chromium, "CANDIDATES", [str(tmp_path / "nowhere" / "chromium")])
    monkeypatch.setattr(chromium, "SNAP_CHROMIUM", str(tmp_path / "snap" / "bin" / "chromium"))
    debian = tmp_path / "debian_version"
    debian.write_text("12.0\n")
    monkeypatch.setattr(chromium, "DEBIAN_VERSION", debian)
    release = tmp_path / "os-release"
    release.write_text('PRETTY_NAME="Debian GNU/Linux 12"\nID=debian\n')
    monkeypatch.setattr(chromium, "OS_RELEASE", release)
    monkeypatch.setattr(chromium, "is_root", lambda: False)
    monkeypatch.setattr(chromium, "passwordless_sudo", lambda: False)
    monkeypatch.setattr(chromium, "run", lambda *a, **k: pytest.fail(f"ran a command: {a}"))
    return tmp_path


def test_nd_chromium_that_does_not_exist_is_a_clear_error(no_browser):
    missing = str(no_browser / "no" / "such" / "chromium")
    with pytest.raises(SystemExit) as error:
        chromium.plan({"ND_CHROMIUM": missing})
    assert "ND_CHROMIUM" in str(error.value) and missing in str(error.value)


def test_nd_chromium_that_is_not_executable_is_a_clear_error(no_browser, monkeypatch):
    monkeypatch.setattr(chromium, "is_root", lambda: True)  # even where apt-get would be allowed
    plain = no_browser / "chromium.txt"
    plain.write_text("not a program")
    plain.chmod(0o644)
    for value in (plain, no_browser):  # a file without the x bit, a folder
        with pytest.raises(SystemExit) as error:
            chromium.ensure_chromium({"ND_CHROMIUM": str(value)})
        assert "ND_CHROMIUM" in str(error.value) and str(value) in str(error.value)


def test_nd_chromium_that_works_is_used(no_browser):
    browser = make_executable(no_browser / "opt" / "chrome")
    assert chromium.plan({"ND_CHROMIUM": str(browser)}).path == str(browser)


def test_a_usable_chromium_means_no_apt_get(no_browser, monkeypatch):
    monkeypatch.setattr(chromium, "is_root", lambda: True)
    browser = make_executable(no_browser / "usr" / "bin" / "chromium")
    monkeypatch.setattr(chromium, "CANDIDATES", [str(browser)])
    decided = chromium.plan({})
    assert decided.path == str(browser) and decided.install is None
    assert chromium.ensure_chromium({}) == str(browser)


def test_a_browser_on_path_is_found(no_browser, monkeypatch):
    browser = make_executable(no_browser / "bin" / "google-chrome")
    monkeypatch.setattr(chromium.shutil, "which", lambda name: str(browser) if name == "google-chrome" else None)
    assert chromium.plan({}).path == str(browser)


def test_root_on_debian_without_a_browser_installs_chromium_with_apt_get(no_browser, monkeypatch):
    monkeypatch.setattr(chromium, "is_root", lambda: True)
    assert chromium.plan({}).install == ["apt-get", "install", "-y", "chromium"]
    ran = []
    installed = no_browser / "nowhere" / "chromium"
    monkeypatch.setattr(chromium, "run", lambda cmd, **kwargs: ran.append(cmd) or make_executable(installed))
    assert chromium.ensure_chromium({}) == str(installed)
    assert ran == [["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]]


def test_not_root_on_debian_explains(no_browser):
    decided = chromium.plan({})
    assert decided.install is None and "sudo apt-get install chromium" in decided.message
    with pytest.raises(SystemExit):
        chromium.ensure_chromium({})


@pytest.mark.parametrize("release", ["ID=ubuntu\nID_LIKE=debian\n", 'ID=linuxmint\nID_LIKE="ubuntu debian"\n'])
def test_ubuntu_never_apt_gets_the_snap_placeholder(no_browser, monkeypatch, release):
    monkeypatch.setattr(chromium, "is_root", lambda: True)
    (no_browser / "os-release").write_text(release)
    decided = chromium.plan({})
    assert decided.install is None
    assert "sudo snap install chromium" in decided.message and "ND_CHROMIUM=" in decided.message
    with pytest.raises(SystemExit) as error:
        chromium.ensure_chromium({})
    assert "snap" in str(error.value)


def test_ubuntu_finds_the_snap_chromium(no_browser, monkeypatch):
    (no_browser / "os-release").write_text("ID=ubuntu\n")
    snap = make_executable(no_browser / "snap" / "bin" / "chromium")
    monkeypatch.setattr(chromium, "CANDIDATES", [str(no_browser / "nowhere"), str(snap)])
    assert chromium.plan({}).path == str(snap)
    assert "/snap/bin/chromium" in chromium.CANDIDATES or str(snap) in chromium.CANDIDATES


def test_the_real_candidates_include_the_snap():
    import importlib

    fresh = importlib.reload(chromium)
    assert "/snap/bin/chromium" in fresh.CANDIDATES


# ------------------------------------------------------------------------------------------------------------ venv

def fake_venv(tmp_path, stamp=None, installing=False, python=True):
    venv = tmp_path / ".venv"
    if python:
        make_executable(common.venv_python(venv))
    else:
        (venv / "bin").mkdir(parents=True)
    if stamp is not None:
        (venv / ".stamp-requirements-test.txt").write_text(stamp if isinstance(stamp, str) else json.dumps(stamp))
    if installing:
        (venv / bootstrap.INSTALLING).write_text("requirements-test.txt\n")
    return venv


RECORD = {"digest": "ab" * 32, "python": {"version": "3.11.7", "executable": "/usr/bin/python3"}}


def healthy_probe(python):
    return {"version": "3.11.7", "executable": str(python), "base": "/usr/bin/python3"}


def reason(venv, probe=healthy_probe, pip=True):
    return bootstrap.rebuild_reason(venv, probe=probe, has_pip=lambda python: pip)


def test_a_healthy_venv_is_kept(tmp_path):
    assert reason(fake_venv(tmp_path, stamp=RECORD)) is None


def test_no_venv_needs_no_rebuild(tmp_path):
    assert reason(tmp_path / ".venv") is None


def test_an_older_plain_digest_stamp_is_accepted(tmp_path):
    assert reason(fake_venv(tmp_path, stamp="ab" * 32)) is None


def test_venv_without_pip_is_rebuilt(tmp_path):
    assert "pip" in reason(fake_venv(tmp_path, stamp=RECORD), pip=False)


def test_venv_whose_python_does_not_start_is_rebuilt(tmp_path):
    assert "does not start" in reason(fake_venv(tmp_path, stamp=RECORD), probe=lambda python: None)


def test_venv_whose_python_is_gone_is_rebuilt(tmp_path):
    venv = fake_venv(tmp_path, stamp=RECORD, python=False)
    assert "no Python" in reason(venv)
    # a dangling link, as when the Python it was made from was removed (real probe)
    common.venv_python(venv).symlink_to(tmp_path / "removed" / "python3.11")
    assert "does not start" in bootstrap.rebuild_reason(venv, has_pip=lambda python: True)


def test_venv_made_with_another_python_is_rebuilt(tmp_path):
    upgraded = lambda python: {**healthy_probe(python), "version": "3.12.1"}  # noqa: E731
    message = reason(fake_venv(tmp_path, stamp=RECORD), probe=upgraded)
    assert "3.11.7" in message and "3.12.1" in message
    # a patch release of the same Python keeps the venv
    patched = lambda python: {**healthy_probe(python), "version": "3.11.9"}  # noqa: E731
    assert reason(fake_venv(tmp_path / "b", stamp=RECORD), probe=patched) is None


def test_half_installed_venv_is_rebuilt(tmp_path):
    assert "did not finish" in reason(fake_venv(tmp_path, stamp=RECORD, installing=True))
    assert "half-installed" in reason(fake_venv(tmp_path / "b", stamp=None))
    assert "half-installed" in reason(fake_venv(tmp_path / "c", stamp="not a stamp"))


def test_stamp_records_the_interpreter_and_changed_requirements_reinstall(tmp_path):
    venv = fake_venv(tmp_path)
    bootstrap.write_stamp(venv, "requirements-test.txt", "cd" * 32, healthy_probe(venv / "bin" / "python"))
    record = json.loads((venv / ".stamp-requirements-test.txt").read_text())
    assert record["python"]["version"] == "3.11.7" and record["python"]["executable"] == sys.executable
    assert not bootstrap.needs_install(venv, "requirements-test.txt", "cd" * 32)
    assert bootstrap.needs_install(venv, "requirements-test.txt", "ef" * 32)
    assert bootstrap.needs_install(venv, "requirements.txt", "cd" * 32)


def test_a_real_venv_without_pip_is_detected(tmp_path):
    venv = tmp_path / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = common.venv_python(venv)
    info = bootstrap.probe_interpreter(python)
    assert info and info["version"] == "%d.%d.%d" % sys.version_info[:3]
    assert not bootstrap.pip_works(python)
    bootstrap.write_stamp(venv, "requirements-test.txt", "ab" * 32, info)
    assert "pip" in bootstrap.rebuild_reason(venv)


def test_ensure_venv_rebuilds_with_one_line_saying_why(tmp_path, monkeypatch, capsys):
    venv = fake_venv(tmp_path, stamp=RECORD, installing=True)
    made = []
    monkeypatch.setattr(bootstrap, "create_venv", lambda path: made.append(path) or make_executable(
        common.venv_python(path)))
    monkeypatch.setattr(bootstrap, "needs_install", lambda *args: False)
    bootstrap.ensure_venv("requirements-test.txt", venv=venv, root=tmp_path)
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Rebuilding")]
    assert lines == ["Rebuilding .venv: a previous install into it did not finish."]
    assert made == [venv] and not (venv / bootstrap.INSTALLING).exists()


NEWS = "@jupyterlab/apputils-extension:notification"


def test_lab_overrides_turn_the_news_prompt_off_and_are_written_only_when_needed(tmp_path):
    venv = fake_venv(tmp_path, stamp=RECORD)
    path = bootstrap.lab_overrides_path(venv)
    assert path == venv / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert bootstrap.write_lab_overrides(venv) is True
    assert json.loads(path.read_text())[NEWS] == {"fetchNews": "false", "checkForUpdates": False}
    assert bootstrap.write_lab_overrides(venv) is False, "nothing to change: not written again"
    # a setting of someone else's is kept; a changed or broken file is made right on the next run
    path.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
                                NEWS: {"fetchNews": "true", "doNotDisturbMode": True}}))
    assert bootstrap.write_lab_overrides(venv) is True
    assert json.loads(path.read_text()) == {
        "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
        NEWS: {"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True}}
    path.write_text("{not json")
    assert bootstrap.write_lab_overrides(venv) is True and json.loads(path.read_text()) == bootstrap.LAB_OVERRIDES


def test_ensure_venv_writes_the_lab_overrides_without_installing(tmp_path, monkeypatch):
    """An existing venv whose requirements are installed gets the overrides too (on the next run of tasks.py)."""
    venv = fake_venv(tmp_path, stamp=RECORD)
    monkeypatch.setattr(bootstrap, "rebuild_reason", lambda venv: None)
    monkeypatch.setattr(bootstrap, "needs_install", lambda *args: False)
    monkeypatch.setattr(bootstrap, "run", lambda *a, **k: pytest.fail(f"ran a command: {a}"))
    assert not bootstrap.lab_overrides_path(venv).exists()
    bootstrap.ensure_venv("requirements-test.txt", venv=venv, root=tmp_path)
    assert json.loads(bootstrap.lab_overrides_path(venv).read_text()) == bootstrap.LAB_OVERRIDES


# --------------------------------------------------------------------------------------------------------- execute

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


# -------------------------------------------------------------------------------------------------------- handouts

def html_with(*srcs):
    return "".join(f'<p><img alt="x" src="{src}"></p>\n' for src in srcs)


def test_handouts_embed_only_images_inside_the_repository(tmp_path, capsys):
    repo = tmp_path / "copy"
    notebooks = repo / "notebooks"
    (repo / "figures").mkdir(parents=True)
    notebooks.mkdir()
    (repo / "figures" / "inside.png").write_bytes(b"\x89PNG inside")
    (notebooks / "local.png").write_bytes(b"\x89PNG local")
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG secret")
    (notebooks / "link.png").symlink_to(secret)
    page = notebooks / "lesson.html"
    srcs = ["../figures/inside.png", "local.png", "../../secret.png", str(secret), "link.png",
            "https://example.org/x.png", "data:image/png;base64,AAAA", "missing.png"]
    page.write_text(html_with(*srcs))

    outside = handouts.embed_local_images(page, notebooks, root=repo)

    html = page.read_text()
    assert outside == ["../../secret.png", str(secret), "link.png"]
    for src in outside + ["https://example.org/x.png", "data:image/png;base64,AAAA", "missing.png"]:
        assert f'src="{src}"' in html
    assert 'src="../figures/inside.png"' not in html and 'src="local.png"' not in html
    assert html.count("data:image/png;base64,") == 3  # two embedded, one that was a data: URL already
    import base64
    assert base64.b64encode(b"\x89PNG secret").decode() not in html
    warnings = capsys.readouterr().err
    for src in outside:
        assert f'<img src="{src}">' in warnings


def test_copy_notebooks_keeps_links_as_links(tmp_path):
    source = tmp_path / "src"
    (source / "notebooks").mkdir(parents=True)
    (source / "notebooks" / "a.ipynb").write_text("{}")
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"x")
    (source / "notebooks" / "b.png").symlink_to(outside)
    copy = common.copy_notebooks(tmp_path / "dest", notebooks=source / "notebooks", figures=source / "figures")
    assert (copy / "b.png").is_symlink() and not handouts.inside(copy / "b.png", tmp_path / "dest")
    assert stat.S_ISREG((copy / "a.ipynb").stat().st_mode)
