"""The committed figures are what the figure script makes today (regenerated into a temporary folder), and every
static figure is made one way: the Figure API (no pyplot: tests/test_architecture.py), a PNG with alt text."""
import base64
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from matplotlib.testing.compare import compare_images

import neurodynamics as nd
from neurodynamics.interface import figure_files, static_figures

COMMITTED = Path(__file__).resolve().parents[2] / "figures"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    return figure_files.write_all(tmp_path_factory.mktemp("figures"))


@pytest.mark.parametrize("name", list(figure_files.FIGURES))
def test_committed_figure_matches_a_fresh_one(name, fresh):
    new = next(path for path in fresh if path.name == name)
    assert (COMMITTED / name).exists(), f"figures/{name} is missing: run python -m neurodynamics.interface.figure_files"
    difference = compare_images(str(COMMITTED / name), str(new), tol=5)
    assert difference is None, difference


def test_readme_shows_each_figure_with_alt_text():
    readme = (COMMITTED.parent / "README.md").read_text(encoding="utf-8")
    for name in figure_files.FIGURES:
        line = next((line for line in readme.splitlines() if f"(figures/{name})" in line), None)
        assert line is not None, f"README does not show figures/{name}"
        assert line.startswith("![") and len(line.split("](")[0]) > 20, "alt text describes the figure"


def test_a_static_figures_png_bundle_carries_alt_text():
    picture = static_figures.strain_along_tract([nd.Posture(), nd.Posture(hip_flexion=70)], ["standing", "SLR"],
                                                title="Raising the leg pulls the tract tighter")
    data, metadata = picture._repr_mimebundle_()
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    assert metadata["image/png"]["alt"] == "Raising the leg pulls the tract tighter" == picture.alt
    assert "Raising the leg" in data["text/plain"]
    given = static_figures.StaticFigure(picture.figure, alt="strain against distance for two postures")
    assert given._repr_mimebundle_()[1]["image/png"]["alt"] == "strain against distance for two postures"


def test_alt_text_of_a_figure_without_a_title_names_its_panels():
    figure = static_figures.new_figure((4, 3))
    left, right = figure.subplots(1, 2)
    left.set_title("tension")
    right.set_title("blood\nflow")
    assert static_figures.StaticFigure(figure).alt == "tension; blood flow"


def test_importing_static_figures_leaves_the_backend_alone_and_pyplot_unloaded():
    script = textwrap.dedent("""
        import sys
        import matplotlib
        matplotlib.use("svg")
        import neurodynamics.interface.static_figures
        import neurodynamics.interface.evidence_figures
        print(matplotlib.get_backend(), "matplotlib.pyplot" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["svg", "False"]


def test_lesson_figures_are_pictures_outside_pyplot_with_readable_fonts():
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    before = plt.get_fignums()
    series = {"exercise 1": nd.simulate(nd.exercises.supine_floss(), dt=0.05),
              "exercise 2": nd.simulate(nd.exercises.seated_floss(), dt=0.05)}
    for picture in (static_figures.dose_bars(series, title="bars"),
                    static_figures.strain_over_time(series, ["conus", "thigh"], title="t")):
        assert picture._repr_png_().startswith(b"\x89PNG") and repr(picture).startswith("<figure: ")  # drawn
        sizes = [t.get_fontsize() for t in picture.figure.findobj(Text) if t.get_text() and t.get_visible()]
        assert min(sizes) >= 11, f"a text smaller than 11 pt: {min(sizes)}"
    assert plt.get_fignums() == before, "lesson figures stay out of pyplot (they display as pictures)"
