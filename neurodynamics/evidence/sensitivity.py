"""One parameter at a time: how much the model's main answers change when a parameter is raised or lowered.

Outputs in their own units (strain %, excursion mm, tension N); changes in % of the baseline's size.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np

from ..model import parameters as P
from ..model.mechanics import Model, default_model
from ..model.posture import Posture

SLR_70 = Posture(hip_flexion=70.0)
SEATED_KNEE_BENT = Posture(hip_flexion=90.0, knee_flexion=90.0)

#: The main outputs (label with unit -> the model's answer). Strain in %, excursion in mm, tension in N.
MAIN_OUTPUTS: dict[str, Callable[[Model], float]] = {
    "hip\nstrain\nSLR 70°\n(%)": lambda m: m.solve(SLR_70).strain("hip"),
    "hip\ntension\nSLR 70°\n(N)": lambda m: m.solve(SLR_70).tension("hip"),
    "thigh\nexcursion\nSLR 70°\n(mm)": lambda m: m.solve(SLR_70).excursion("thigh"),
    "conus\nexcursion\nSLR 50°\n(mm)": lambda m: m.solve(Posture(hip_flexion=50.0)).excursion("conus"),
    "ankle\nstrain rise\nfoot up 20°\n(% points)": lambda m: (
        m.solve(Posture(ankle_dorsiflexion=20.0)).strain("ankle") - m.solve(Posture()).strain("ankle")),
    "thigh\nexcursion\nseated knee\n90→0° (mm)": lambda m: (
        m.change_during(SEATED_KNEE_BENT, SEATED_KNEE_BENT.replace(knee_flexion=0.0), "thigh")),
    "cord\nstrain\nneck 60°\n(%)": lambda m: m.solve(Posture(neck_flexion=60.0)).strain("cervical_cord"),
}


@dataclasses.dataclass(frozen=True)
class Sensitivity:
    """Baseline outputs and their % change in size when each parameter is raised / lowered by ``step``."""

    parameters: tuple[str, ...]
    outputs: tuple[str, ...]
    baseline: np.ndarray  # per output, in the output's unit
    raised_pct: np.ndarray  # (parameter, output): % change in size of the output, parameter x (1 + step)
    lowered_pct: np.ndarray  # the same for parameter x (1 - step)
    step: float

    def ranking(self, output: str) -> list[tuple[str, float, float]]:
        """(parameter, % change raised, % change lowered), largest effect on ``output`` first."""
        j = self.outputs.index(output)
        order = np.argsort(-np.maximum(abs(self.raised_pct[:, j]), abs(self.lowered_pct[:, j])), kind="stable")
        return [(self.parameters[i], float(self.raised_pct[i, j]), float(self.lowered_pct[i, j])) for i in order]


def main_outputs(model: Model) -> np.ndarray:
    """The model's value of every output in MAIN_OUTPUTS (their units)."""
    return np.array([compute(model) for compute in MAIN_OUTPUTS.values()])


def sensitivity(step: float = 0.2, names: Sequence[str] = P.TUNABLE) -> Sensitivity:
    """Change each parameter alone by +/- ``step`` (fraction) and record the % change in size of each output."""
    baseline = main_outputs(default_model())
    size = np.abs(baseline)

    def change(factor: float) -> np.ndarray:
        runs = [main_outputs(Model(parameters={name: P.all_parameters()[name].value * factor})) for name in names]
        return 100.0 * (np.abs(np.array(runs)) - size) / size

    return Sensitivity(tuple(names), tuple(MAIN_OUTPUTS), baseline, change(1.0 + step), change(1.0 - step), step)


