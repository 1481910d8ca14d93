"""The package's three layers, read from its imports (every import, inside functions too): model <- evidence <-
interface, no cycles, no drawing or widgets below the interface, no private names used across modules."""
import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "neurodynamics"
LAYERS = ("model", "evidence", "interface")  # each may import only the layers before it
DRAWING = ("matplotlib", "ipywidgets", "ipympl", "IPython")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[tuple[str, list[str], int]]:
    """(imported module, names taken from it, line) for every import statement in the file, resolved to absolute."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            names = [alias.name for alias in node.names]
            found.append((base, names, node.lineno))
            # "from . import x" imports the submodule x
            found += [(f"{base}.{name}", [], node.lineno) for name in names
                      if (PACKAGE.parent / Path(*f"{base}.{name}".split("."))).with_suffix(".py").exists()
                      or (PACKAGE.parent / Path(*f"{base}.{name}".split("."))).is_dir()]
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))
GRAPH = {module_name(path): {target for target, _, _ in imports_of(path) if target.startswith("neurodynamics")}
         for path in SOURCES}


def layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_sits_in_a_layer():
    loose = [m for m in GRAPH if layer(m) is None and m != "neurodynamics"]
    assert not loose, f"modules outside model/, evidence/, interface/: {loose}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down_the_layers(path):
    here = layer(module_name(path))
    if here is None:
        return  # the package's face re-exports the public API
    for target, _, line in imports_of(path):
        there = layer(target)
        assert there is None or there <= here, \
            f"{path.relative_to(ROOT)}:{line} imports {target}: {LAYERS[here]} may not import {LAYERS[there]}"
        if here < LAYERS.index("interface"):
            assert target.split(".")[0] not in DRAWING, \
                f"{path.relative_to(ROOT)}:{line} imports {target}: only the interface draws"


def imports_pyplot(target: str, names: list[str]) -> bool:
    """Whether an import takes pyplot, in any spelling: ``import matplotlib.pyplot``, ``from matplotlib import
    pyplot``, ``from matplotlib.pyplot import subplots``, ``import pylab``."""
    return (target in ("matplotlib.pyplot", "pylab") or target.startswith("matplotlib.pyplot.")
            or (target == "matplotlib" and "pyplot" in names))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_pyplot(path):
    """Figures are made with the Figure API: pyplot's global state never enters the package (inside functions too)."""
    found = [line for target, names, line in imports_of(path) if imports_pyplot(target, names)]
    assert not found, f"{path.relative_to(ROOT)}, lines {found}: pyplot imported (use matplotlib.figure.Figure)"


def test_no_import_cycles():
    def submodules(target):  # "from .x import y" counts as importing x
        return {t for t in (target, target.rpartition(".")[0]) if t in GRAPH}

    edges = {m: set().union(*(submodules(t) for t in targets)) - {m} if targets else set()
             for m, targets in GRAPH.items()}
    for m in list(edges):  # a package imports its parent's face implicitly, which is no cycle
        edges[m] = {t for t in edges[m] if not m.startswith(t + ".")}
    state: dict[str, int] = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(edges[node]):
            assert state.get(nxt) != 1, "import cycle: " + " -> ".join(trail + [node, nxt])
            if nxt not in state:
                visit(nxt, trail + [node])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])


CALLERS = SOURCES + sorted((ROOT / "tests").rglob("*.py")) + sorted((ROOT / "benchmarks").glob("*.py")) + sorted(
    (ROOT / "tools").glob("*.py"))


@pytest.mark.parametrize("path", CALLERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_name_is_imported_from_the_package(path):
    for target, names, line in imports_of(path):
        if target.startswith("neurodynamics"):
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            assert not private, f"{path.relative_to(ROOT)}:{line} imports private {private} from {target}"


def test_nothing_parses_source_code():
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
            assert name not in ("getsource", "getsourcelines"), \
                f"{path.relative_to(ROOT)}:{node.lineno}: read values from the records, not from source text"


def test_the_model_layer_imports_without_drawing_libraries():
    """Run in a fresh interpreter: importing the package and solving pulls in no matplotlib or ipywidgets."""
    import subprocess

    code = ("import sys, neurodynamics as nd; nd.solve(nd.Posture(hip_flexion=60)); "
            "from neurodynamics.evidence import validation; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in %r))" % (DRAWING,))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", f"drawing libraries imported by the model or evidence layers: {out}"


def test_a_tunable_parameter_is_read_only_through_lookup():
    """``P.NAME.value`` would ignore a model's overrides: tunable parameters are read with ``P.lookup(name, ...)``."""
    from neurodynamics.model import parameters

    for path in CALLERS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr == "value" and isinstance(node.value, ast.Attribute)
                    and node.value.attr in parameters.TUNABLE):
                raise AssertionError(f"{path.relative_to(ROOT)}:{node.lineno} reads {node.value.attr}.value; "
                                     f"use parameters.lookup({node.value.attr!r}, overrides)")
