"""Make the static figures in ``figures/`` (used by the README and the lessons); never edit them by hand.

    python -m neurodynamics.interface.figure_files [OUTPUT_FOLDER]     (default: figures/ in the current folder)

``figures/workshop_dashboard.png`` is a browser screenshot of the dashboard, not made here.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from matplotlib.figure import Figure

from ..model.posture import Posture
from . import explorers, static_figures
from .live import png_bytes

SLR = Posture(hip_flexion=70)


def strain_along_tract() -> Figure:
    """Standing, a straight-leg raise, and the raise with the foot up and the chin tucked."""
    return static_figures.strain_along_tract(
        [Posture(), SLR, SLR.replace(ankle_dorsiflexion=20, neck_flexion=50)],
        ["standing", "straight-leg raise 70°", "SLR 70° + foot up + chin tucked"],
        title="Each added movement pulls the whole tract tighter").figure


def posture_explorer() -> Figure:
    """The posture explorer's figure in the slump-sitting preset (the widget's picture, rendered headless)."""
    explorer = explorers.PostureExplorer()
    explorer.apply_preset("slump sitting")
    return explorer.figure


def hold_vs_floss() -> Figure:
    """The hold-versus-floss explorer's figure with its defaults (sustained stretch against supine floss)."""
    return explorers.HoldVsFloss().figure


#: file name -> function that draws it
FIGURES: dict[str, Callable[[], Figure]] = {
    "strain_along_tract.png": strain_along_tract,
    "posture_explorer.png": posture_explorer,
    "hold_vs_floss.png": hold_vs_floss,
}


def write_all(folder: Path) -> list[Path]:
    """Draw every figure into ``folder`` (created if missing); return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in FIGURES.items():
        (folder / name).write_bytes(png_bytes(draw()))
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "figures")):
        print(path)
