"""Shared pytest setup: headless matplotlib, deterministic Hypothesis runs, tools/ importable, and the one
sensitivity run that the evidence tests and the figure tests share."""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tools/ is a folder of the repository, not installed

# Before anything imports matplotlib: draw off-screen. (Subprocesses inherit this; a test that starts a Jupyter
# kernel, nbval or a server whose notebooks rely on the default inline backend should remove it from their env.)
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Deterministic: the same examples on every run and machine; no example database written to the tree.
settings.register_profile("neurodynamics", deadline=None, derandomize=True, max_examples=60, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "neurodynamics"))


@pytest.fixture(scope="session")
def sensitivity_result():
    """neurodynamics.evidence.sensitivity.sensitivity(), run once (each parameter raised and lowered: seconds)."""
    from neurodynamics.evidence import sensitivity

    return sensitivity.sensitivity()
