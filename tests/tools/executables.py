"""Fake programs for the launcher's tests: a file that runs and exits 0."""
from pathlib import Path


def make_executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return path
