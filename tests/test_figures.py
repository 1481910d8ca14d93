"""The committed figures are what the figure script makes today (regenerated into a temporary folder)."""
from pathlib import Path

import pytest
from matplotlib.testing.compare import compare_images

from neurodynamics import figures

COMMITTED = Path(__file__).resolve().parent.parent / "figures"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    return figures.write_all(tmp_path_factory.mktemp("figures"))


@pytest.mark.parametrize("name", list(figures.FIGURES))
def test_committed_figure_matches_a_fresh_one(name, fresh):
    new = next(path for path in fresh if path.name == name)
    assert (COMMITTED / name).exists(), f"figures/{name} is missing: run python -m neurodynamics.figures"
    difference = compare_images(str(COMMITTED / name), str(new), tol=5)
    assert difference is None, difference


def test_readme_shows_each_figure_with_alt_text():
    readme = (COMMITTED.parent / "README.md").read_text(encoding="utf-8")
    for name in figures.FIGURES:
        line = next((line for line in readme.splitlines() if f"(figures/{name})" in line), None)
        assert line is not None, f"README does not show figures/{name}"
        assert line.startswith("![") and len(line.split("](")[0]) > 20, "alt text describes the figure"
