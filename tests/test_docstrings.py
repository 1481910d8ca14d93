"""The public API is documented like scikit-image: numpydoc sections and a short example that runs (the examples run
as doctests with the tests: ``--doctest-modules`` in pyproject.toml)."""
import doctest
import functools
import importlib
import inspect
import pkgutil
import sys
from pathlib import Path

import pytest

import neurodynamics as nd
import neurodynamics.model

ROOT = Path(__file__).resolve().parent.parent
MODEL_MODULES = [importlib.import_module(f"neurodynamics.model.{info.name}")
                 for info in pkgutil.iter_modules(neurodynamics.model.__path__)]
#: The least number of examples the package shows.
MIN_EXAMPLES = 10


def _documented(owner, module_name: str, prefix: str = ""):
    """(qualified name, object, whether it is read as an attribute) of the public functions, classes, methods and
    properties defined in ``owner`` (a module, or a class of it)."""
    for name, value in vars(owner).items():
        attribute = isinstance(value, (property, functools.cached_property))
        target = inspect.unwrap(value.fget if isinstance(value, property) else getattr(value, "func", value))
        if name.startswith("_") or not (inspect.isfunction(target) or inspect.isclass(target)):
            continue
        if target.__module__ == module_name:
            yield f"{prefix}{name}", target, attribute
            if inspect.isclass(target):
                yield from _documented(target, module_name, f"{prefix}{name}.")


def public_api():
    """Every public function, class, method and property of the model layer (where ``nd.__all__``'s names live),
    by full name."""
    return {f"{module.__name__}.{name}": (target, attribute)
            for module in MODEL_MODULES for name, target, attribute in _documented(module, module.__name__)}


API = public_api()


def test_the_public_api_is_found_where_nd_exports_it():
    for name in nd.__all__:
        value = getattr(nd, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert f"{value.__module__}.{value.__qualname__}" in API, name
    expected = {"mechanics.Model.movement", "mechanics.Solution.profile", "dynamics.TimeSeries.summary",
                "exercises.seated_floss", "comparisons.equal_peak_hold", "tethers.share_held_back"}
    assert {f"neurodynamics.model.{name}" for name in expected} <= set(API)


@pytest.mark.parametrize("name", sorted(API))
def test_each_public_name_has_numpydoc_sections_and_an_example(name):
    target, attribute = API[name]
    text = inspect.getdoc(target) or ""
    summary = text.split("\n\n", 1)[0]
    assert summary and summary.rstrip().endswith((".", ")")), f"{name}: a short summary sentence first"
    assert "Examples\n--------\n>>> " in text, f"{name}: no Examples section with a runnable example"
    if inspect.isfunction(target) and not attribute:
        takes = [p for p in inspect.signature(target).parameters if p not in ("self", "cls")]
        if takes:
            assert "Parameters\n----------\n" in text, f"{name}: no Parameters section"
            for parameter in takes:
                assert parameter in text.split("Parameters\n----------\n", 1)[1], f"{name}: {parameter} undocumented"
        if inspect.signature(target).return_annotation not in (None, "None", inspect.Signature.empty):
            assert "Returns\n-------\n" in text, f"{name}: no Returns section"


def test_the_package_shows_at_least_ten_examples():
    finder = doctest.DocTestFinder()
    modules = [importlib.import_module(info.name) for info in pkgutil.walk_packages(nd.__path__, "neurodynamics.")]
    examples = [test for module in modules + [nd] for test in finder.find(module) if test.examples]
    assert len(examples) >= MIN_EXAMPLES, f"{len(examples)} docstrings with examples, fewer than {MIN_EXAMPLES}"


def test_the_check_catches_a_docstring_without_an_example(monkeypatch):
    def bare(posture: nd.Posture) -> float:
        """Strain somewhere, %.

        Parameters
        ----------
        posture : Posture
            Where to read it.

        Returns
        -------
        float
        """
    monkeypatch.setitem(API, "bare", (bare, False))
    with pytest.raises(AssertionError, match="bare: no Examples section"):
        test_each_public_name_has_numpydoc_sections_and_an_example("bare")


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib is in the standard library from Python 3.11")
def test_the_test_command_runs_the_package_doctests():
    import tomllib

    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "neurodynamics" in options["testpaths"] and "--doctest-modules" in options["addopts"].split()
