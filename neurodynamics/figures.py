"""Make the static figures in ``figures/`` (used by the README and the lessons); never edit them by hand.

    python -m neurodynamics.figures [OUTPUT_FOLDER]     (default: figures/ in the current folder)
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from . import plots  # noqa: E402
from .posture import Posture  # noqa: E402

_SLR = Posture(hip_flexion=70)


def strain_along_tract() -> Figure:
    """Standing, a straight-leg raise, and the raise with the foot up and the chin tucked."""
    return plots.strain_along_tract(
        [Posture(), _SLR, _SLR.replace(ankle_dorsiflexion=20, neck_flexion=50)],
        ["standing", "straight-leg raise 70°", "SLR 70° + foot up + chin tucked"],
        title="Each added movement pulls the whole tract tighter")


#: file name -> function that draws it
FIGURES: dict[str, Callable[[], Figure]] = {"strain_along_tract.png": strain_along_tract}


def write_all(folder: Path) -> list[Path]:
    """Draw every figure into ``folder`` (created if missing); return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in FIGURES.items():
        figure = draw()
        figure.savefig(folder / name, dpi=100, metadata={"Software": None})
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "figures")):
        print(path)
