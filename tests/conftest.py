"""Shared pytest setup: headless matplotlib, deterministic Hypothesis runs, and tools/ importable."""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tools/ is a folder of the repository, not installed

# Before anything imports matplotlib: draw off-screen. (Subprocesses inherit this; a test that starts a Jupyter
# kernel, nbval or a server whose notebooks rely on the default inline backend should remove it from their env.)
os.environ.setdefault("MPLBACKEND", "Agg")

from hypothesis import settings  # noqa: E402

# Deterministic: the same examples on every run and machine; no example database written to the tree.
settings.register_profile("neurodynamics", deadline=None, derandomize=True, max_examples=60, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "neurodynamics"))
