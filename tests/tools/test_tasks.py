"""tasks.py, the launcher: it runs with the system Python (standard library only), and `test` looks for
Chromium only when the pytest arguments may select a browser test."""
import subprocess
import sys
from pathlib import Path

import pytest

import tasks

ROOT = Path(__file__).resolve().parents[2]
STDLIB_MODULES = ["tools.common", "tools.chromium", "tools.bootstrap", "tools.handouts", "tools.execute"]


def test_tasks_py_imports_only_the_standard_library():
    """tasks.py runs with the system Python before .venv exists: it and the tools it imports need nothing installed.
    -S: no site-packages at all (a third-party import would fail), -I: ignore the environment and the user's site."""
    result = subprocess.run([sys.executable, "-S", "-I", "tasks.py", "help"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0 and "python3 tasks.py lab" in result.stdout, result.stderr
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); import " + ", ".join(STDLIB_MODULES)
    result = subprocess.run([sys.executable, "-S", "-I", "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def launched(monkeypatch):
    """tasks.py `test` with the venv, Chromium and pytest faked: what it looked for and what it ran with."""
    seen = {"chromium": 0}
    monkeypatch.setattr(tasks.bootstrap, "ensure_venv", lambda requirements: "/venv/bin/python")

    def ensure_chromium():
        seen["chromium"] += 1
        return "/usr/bin/chromium"

    def run(cmd, check, cwd, env):
        seen.update(cmd=cmd, env=env)
        return 0

    monkeypatch.setattr(tasks.chromium, "ensure_chromium", ensure_chromium)
    monkeypatch.setattr(tasks, "run", run)
    monkeypatch.delenv("ND_CHROMIUM", raising=False)

    def launch(*args):
        with pytest.raises(SystemExit) as exit_code:
            tasks.main(["test", *args])
        assert exit_code.value.code == 0
        return seen

    return launch


def test_the_fast_tests_run_without_looking_for_chromium(launched):
    seen = launched("-m", "not browser", "-q")
    assert seen["chromium"] == 0 and "ND_CHROMIUM" not in seen["env"]
    assert seen["cmd"] == ["/venv/bin/python", "-m", "pytest", "-m", "not browser", "-q"]


@pytest.mark.parametrize("args", [(), ("tests/model",), ("-m", "browser"), ("-m", "not slow")])
def test_a_run_that_may_select_browser_tests_gets_chromium(launched, args):
    seen = launched(*args)
    assert seen["chromium"] == 1 and seen["env"]["ND_CHROMIUM"] == "/usr/bin/chromium"
    assert seen["cmd"][3:] == list(args)


def test_not_browser_leaves_out_every_test_of_tests_browser():
    """The marker is registered (--strict-markers), every test under tests/browser carries it, and a test elsewhere
    (tests/tools) does not."""
    def collected(*args):
        result = subprocess.run([sys.executable, "-m", "pytest", "--co", "-q", "--strict-markers", "-p",
                                 "no:cacheprovider", *args], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode in (0, 5), result.stdout[-2000:] + result.stderr[-2000:]  # 5: none collected
        return {line.split("::")[0] for line in result.stdout.splitlines() if "::" in line}

    browser_files = {f"tests/browser/{path.name}" for path in (ROOT / "tests" / "browser").glob("test_*.py")}
    assert collected("-m", "browser", "tests/browser") == browser_files
    assert collected("-m", "not browser", "tests/browser") == set()
    assert collected("-m", "browser", "tests/tools") == set()
