"""tools/bootstrap.py: when .venv is rebuilt or reinstalled, and JupyterLab's settings written into it."""
import json
import subprocess
import sys

import pytest

from executables import make_executable
from tools import bootstrap, common


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
