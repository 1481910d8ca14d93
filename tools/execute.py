"""Re-execute the notebooks and store their outputs, deterministically and safely (`python3 tasks.py execute`).

    .venv/bin/python -m tools.execute [--force] [--timeout SECONDS] [NOTEBOOK ...]

- Safe: a notebook with uncommitted changes (`git status --porcelain -- <notebook>` not empty) is not overwritten
  unless --force; nothing is written unless every notebook ran cleanly (all run in a temporary copy first, then the
  results are copied over).
- Deterministic: run twice, `git status` stays clean. After execution the machine-dependent metadata is normalised:
  the kernelspec and language_info are exactly what the installed ipykernel reports, Python version included (what
  JupyterLab writes into a notebook when its kernel starts: any difference would mark every lesson modified as it
  opens), cell timings and widget state are dropped, and widget model ids in outputs are replaced by ids made from
  the notebook's name and the cell's position. Execution counts and outputs
  are kept (tests/test_notebooks.py compares them with strict nbval).

Runs in the venv (needs nbformat, nbconvert and jupyter_client); tasks.py stays standard library only.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.common import NOTEBOOKS, ROOT, copy_notebooks, jupyter_env

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
LANGUAGE_INFO_KEYS = ["codemirror_mode", "file_extension", "mimetype", "name", "nbconvert_exporter",
                      "pygments_lexer"]  # without a kernel to ask, "version" (the machine's Python) is left out
CELL_METADATA_DROPPED = ["execution", "collapsed", "scrolled", "ExecuteTime"]
DEFAULT_TIMEOUT_S = 600


class Refused(SystemExit):
    pass


def uncommitted(notebooks, root: Path = ROOT) -> list[str]:
    """The notebooks (as `git status` names them) with changes not committed; an error when git cannot tell."""
    try:
        result = subprocess.run(["git", "status", "--porcelain", "--", *[str(Path(nb)) for nb in notebooks]],
                                cwd=root, capture_output=True, text=True)
    except OSError as error:
        raise Refused(f"Cannot check the notebooks for uncommitted changes (git: {error}); "
                      "use --force to overwrite them anyway.")
    if result.returncode != 0:
        raise Refused(f"Cannot check the notebooks for uncommitted changes ({result.stderr.strip()}); "
                      "use --force to overwrite them anyway.")
    return [line[3:] for line in result.stdout.splitlines() if line.strip()]


def refuse_uncommitted(notebooks, force: bool, root: Path = ROOT) -> None:
    if force:
        return
    dirty = uncommitted(notebooks, root)
    if dirty:
        raise Refused("Not executing: these notebooks have uncommitted changes that executing would overwrite:\n"
                      + "".join(f"  {name}\n" for name in dirty)
                      + "Commit them first (or discard the changes), or run `python3 tasks.py execute --force` "
                        "to overwrite them.")


def installed_kernelspec(name: str = "python3") -> dict:
    """{"display_name", "language", "name"} of the kernel the venv's ipykernel installs (what JupyterLab writes)."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(name)
    return {"display_name": spec.display_name, "language": spec.language, "name": name}


def installed_language_info() -> dict:
    """language_info as the venv's ipykernel reports it when it starts (JupyterLab stores it in the notebook)."""
    from ipykernel.ipkernel import IPythonKernel

    return copy.deepcopy(IPythonKernel.language_info)


def stable_id(*parts) -> str:
    return hashlib.sha256("/".join(str(p) for p in parts).encode()).hexdigest()[:32]


def normalise(nb, name: str, kernelspec: dict, language_info: dict | None = None):
    """Strip or stabilise what differs between machines and runs (in place; returns `nb`). The kernelspec and
    `language_info` are stored as given (the installed kernel's); without `language_info`, the run's is kept
    without its Python version."""
    metadata = nb.metadata
    metadata["kernelspec"] = dict(kernelspec)
    info = metadata.get("language_info", {})
    metadata["language_info"] = (copy.deepcopy(language_info) if language_info is not None else
                                 {key: info[key] for key in LANGUAGE_INFO_KEYS if key in info})
    metadata.pop("widgets", None)
    for key in ("papermill", "execution"):
        metadata.pop(key, None)
    for index, cell in enumerate(nb.cells):
        for key in CELL_METADATA_DROPPED:
            cell.metadata.pop(key, None)
        if cell.metadata.get("tags") == []:
            del cell.metadata["tags"]
        for number, output in enumerate(cell.get("outputs", [])):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if isinstance(view, dict) and "model_id" in view:
                view["model_id"] = stable_id(name, index, number)
    return nb


def execute_all(notebooks, timeout_s: int, workdir: Path, python: str = sys.executable,
                source: Path = NOTEBOOKS) -> dict[str, Path]:
    """Execute `notebooks` (files of `source`) in a copy of `source` (with ../figures) under `workdir`;
    {name: executed file}. Raises SystemExit when one fails."""
    copy = copy_notebooks(workdir, notebooks=source, figures=Path(source).parent / "figures")
    out = workdir / "executed"
    env = jupyter_env()
    env.pop("MPLBACKEND", None)  # the kernel's inline default, as students see it
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    cmd = [python, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
           "--ExecutePreprocessor.kernel_name=python3", "--ExecutePreprocessor.record_timing=False",
           "--ExecutePreprocessor.store_widget_state=False", f"--ExecutePreprocessor.timeout={timeout_s}",
           f"--output-dir={out}", *[Path(nb).name for nb in notebooks]]
    print("+ " + " ".join(str(c) for c in cmd), flush=True)
    if subprocess.run([str(c) for c in cmd], cwd=copy, env=env).returncode != 0:
        raise SystemExit("Execution failed (see above); no notebook was changed.")
    return {Path(nb).name: out / Path(nb).name for nb in notebooks}


def execute_and_normalise(notebooks, timeout_s: int, workdir: Path, source: Path = NOTEBOOKS) -> dict[str, str]:
    """{name: the text to store} for each of `notebooks`, executed in a copy and normalised."""
    import nbformat

    kernelspec, language_info = installed_kernelspec(), installed_language_info()
    executed = execute_all(notebooks, timeout_s, workdir, source=source)
    results = {}
    for name, path in executed.items():
        nb = normalise(nbformat.read(path, as_version=4), name, kernelspec, language_info)
        nbformat.validate(nb)
        results[name] = nbformat.writes(nb) + "\n"
    return results


def preflight(argv=None):
    """Parse the arguments and refuse to go on if a notebook has uncommitted changes (standard library only:
    tasks.py calls this before setting up the venv). Returns (notebooks, args)."""
    parser = argparse.ArgumentParser(prog="python3 tasks.py execute", description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook in notebooks/")
    parser.add_argument("--force", action="store_true", help="overwrite notebooks with uncommitted changes")
    parser.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT_S, help="seconds per cell")
    args = parser.parse_args(argv)
    notebooks = [(ROOT / nb).resolve() for nb in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not notebooks:
        raise SystemExit("No notebooks in notebooks/.")
    for nb in notebooks:
        if nb.parent != NOTEBOOKS.resolve() or not nb.is_file():
            raise SystemExit(f"{nb}: not a notebook in {NOTEBOOKS}")
    refuse_uncommitted([nb.relative_to(ROOT) for nb in notebooks], args.force)
    return notebooks, args


def main(argv=None) -> int:
    notebooks, args = preflight(argv)
    with tempfile.TemporaryDirectory(prefix="nd-execute-") as tmp:
        results = execute_and_normalise(notebooks, args.timeout, Path(tmp))
        for nb in notebooks:  # every notebook ran cleanly: now write them
            text = results[nb.name]
            changed = nb.read_text(encoding="utf-8") != text
            if changed:
                with open(nb, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)
            print(f"{'updated  ' if changed else 'unchanged'} {nb.relative_to(ROOT)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
