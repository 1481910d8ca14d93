"""Run the browser tests again and again in a fresh clone, to catch flaky ones; prints one line per run and a summary.

    .venv/bin/python tools/repeat_browser_tests.py [--runs 5] [--venv .venv] [--only alone|suite] [--ref HEAD]

Clones the repository at --ref (default HEAD: commit your changes first) into a temporary folder, then runs, with the
Python of an existing venv (--venv, default this clone's .venv: nothing is installed):
  1. the browser tests alone (`pytest -m browser`), --runs times;
  2. the whole suite (browser tests among the others, as `python3 tasks.py test` runs them), --runs times.
The clone's own package is imported (PYTHONPATH), not the editable install of the caller's working tree. Screenshots
of failed tests are copied to test-artifacts/repeat/<mode>-<run>/. Exit code 0 only if every run passed.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.chromium import ensure_chromium  # noqa: E402
from tools.common import ROOT, VENV, venv_python  # noqa: E402

MODES = {"alone": ["-m", "browser"], "suite": []}


def clone(ref: str, into: Path) -> str:
    """A clone of this repository at `ref`; returns the commit."""
    commit = subprocess.run(["git", "rev-parse", "--verify", f"{ref}^{{commit}}"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip()
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(into)], check=True)
    subprocess.run(["git", "checkout", "--quiet", "--detach", commit], cwd=into, check=True)
    return commit


def summarise(report: Path) -> dict:
    """Counts and failed test ids from a JUnit XML report."""
    result = {"tests": 0, "failed": [], "skipped": 0}
    if not report.exists():
        return result
    for case in ET.parse(report).getroot().iter("testcase"):
        result["tests"] += 1
        name = f"{case.get('classname', '')}::{case.get('name', '')}"
        if case.find("failure") is not None or case.find("error") is not None:
            result["failed"].append(name)
        elif case.find("skipped") is not None:
            result["skipped"] += 1
    return result


def run_once(python: Path, repo: Path, mode: str, index: int, env: dict, timeout_s: float, logs: Path) -> dict:
    report = logs / f"{mode}-{index}.xml"
    log = logs / f"{mode}-{index}.log"
    cmd = [str(python), "-m", "pytest", *MODES[mode], "-q", "-p", "no:cacheprovider", f"--junitxml={report}"]
    start = time.monotonic()
    with open(log, "wb") as out:
        try:
            code = subprocess.run(cmd, cwd=repo, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  timeout=timeout_s).returncode
        except subprocess.TimeoutExpired:
            code = "timeout"
    seconds = time.monotonic() - start
    result = {**summarise(report), "code": code, "seconds": seconds, "log": log}
    failures = repo / "test-artifacts" / "failures"
    if result["failed"] and failures.is_dir():
        keep = ROOT / "test-artifacts" / "repeat" / f"{mode}-{index}"
        shutil.rmtree(keep, ignore_errors=True)
        shutil.copytree(failures, keep)
        shutil.copy(log, keep / "pytest.log")
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per mode (default 5)")
    parser.add_argument("--venv", type=Path, default=VENV, help="an existing venv with the test requirements")
    parser.add_argument("--only", choices=sorted(MODES), help="run one mode only")
    parser.add_argument("--ref", default="HEAD", help="the commit to test (default HEAD)")
    parser.add_argument("--run-timeout-min", type=float, default=40.0, help="limit for one run")
    args = parser.parse_args(argv)

    python = venv_python(args.venv.resolve())
    if not python.exists():
        raise SystemExit(f"{python} not found: give --venv an existing venv (run `python3 tasks.py test` once).")
    modes = [args.only] if args.only else list(MODES)
    outcomes: dict[str, list[dict]] = {mode: [] for mode in modes}
    with tempfile.TemporaryDirectory(prefix="nd-repeat-") as tmp:
        repo, logs = Path(tmp) / "repo", Path(tmp) / "logs"
        logs.mkdir()
        commit = clone(args.ref, repo)
        env = dict(os.environ, ND_CHROMIUM=ensure_chromium(), PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1",
                   JUPYTER_PREFER_ENV_PATH="1", PYTHONDONTWRITEBYTECODE="1",
                   PYTHONPATH=os.pathsep.join(filter(None, [str(repo), os.environ.get("PYTHONPATH", "")])))
        print(f"commit {commit[:12]} cloned to {repo}; Python {python}; Chromium {env['ND_CHROMIUM']}", flush=True)
        for mode in modes:
            for index in range(1, args.runs + 1):
                result = run_once(python, repo, mode, index, env, 60 * args.run_timeout_min, logs)
                outcomes[mode].append(result)
                passed = result["tests"] - len(result["failed"]) - result["skipped"]
                status = "PASS" if result["code"] == 0 and not result["failed"] else "FAIL"
                line = (f"{mode:5} run {index}/{args.runs}: {status}  {passed} passed, {len(result['failed'])} failed, "
                        f"{result['skipped']} skipped in {result['seconds']:.0f} s (pytest exit {result['code']})")
                if result["failed"]:
                    line += "\n    failed: " + ", ".join(result["failed"])
                if status == "FAIL":
                    tail = result["log"].read_text(errors="replace").strip().splitlines()[-3:]
                    line += "\n    " + "\n    ".join(tail)
                print(line, flush=True)
    print("summary:", flush=True)
    ok = True
    for mode, results in outcomes.items():
        good = sum(1 for r in results if r["code"] == 0 and not r["failed"])
        ok = ok and good == len(results)
        flaky = sorted({name for r in results for name in r["failed"]})
        seconds = [r["seconds"] for r in results]
        print(f"  {mode:5}: {good}/{len(results)} runs passed; "
              f"{min(seconds):.0f}-{max(seconds):.0f} s a run" + (f"; failed at least once: {flaky}" if flaky else ""),
              flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
