"""In-vivo ultrasound measurements re-run in the model: the set-up chosen for each, and the model's answer.

The papers give the movement and the site but rarely every joint angle, so each row carries the set-up this
project chose and why. Excursion in mm (toward the head +); a ratio row compares two movements. Rows fitted by
``tools/fit_parameters.py`` are marked ``fitted``; the others are validation rows, never tuned to.
"""
from __future__ import annotations

import dataclasses

from ..model.mechanics import Model
from ..model.posture import Posture
from .reference import number, published_row


@dataclasses.dataclass(frozen=True)
class InVivoSetup:
    """How one published in-vivo row is re-run: a movement start -> end, the site, and why this set-up."""

    row_id: str
    start: Posture
    end: Posture
    site: str
    why: str
    fitted: bool = False
    size_only: bool = False  # an oscillation with no reported direction: compare the size of the slide
    reference: tuple[Posture, Posture] | None = None  # ratio rows: the movement the ratio divides by


#: Slump sitting as the Ellis group's studies set it up: hip 90, trunk 30 deg.
SLUMP_SITTING = dict(hip_flexion=90.0, trunk_flexion=30.0)
_DORSIFLEX_LYING = (Posture(ankle_dorsiflexion=-10.0), Posture(ankle_dorsiflexion=15.0))

SETUPS: tuple[InVivoSetup, ...] = (
    InVivoSetup("RH14-30", Posture(hip_flexion=30.0, knee_flexion=90.0), Posture(hip_flexion=30.0),
                "thigh", "as published: side-lying, hip 30 deg, knee extended 90 -> 0 deg; ankle and neck neutral",
                fitted=True),
    InVivoSetup("RH14-60", Posture(hip_flexion=60.0, knee_flexion=90.0), Posture(hip_flexion=60.0),
                "thigh", "as published: side-lying, hip 60 deg, knee extended 90 -> 0 deg; ankle and neck neutral",
                fitted=True),
    InVivoSetup("RA15-60", Posture(), Posture(hip_flexion=60.0), "conus",
                "as published: lying on the back, passive straight-leg raise of one leg to 60 deg hip flexion, knee "
                "straight; ankle and neck neutral"),
    InVivoSetup("T2-03a",
                Posture(knee_flexion=20.0, ankle_dorsiflexion=-20.0, neck_flexion=40.0, **SLUMP_SITTING),
                Posture(knee_flexion=20.0, ankle_dorsiflexion=10.0, neck_flexion=-20.0, **SLUMP_SITTING),
                "thigh", "angles not in the abstract: slump sitting as in the group's later studies (hip 90, trunk 30 "
                "deg), knee nearly straight (20 deg) so that the ankle loads the nerve, ankle 20 deg plantarflexion -> 10 "
                "deg dorsiflexion while the neck goes 40 deg flexion -> 20 deg extension (a slider); size of the slide",
                size_only=True),
    InVivoSetup("T2-06", Posture(), Posture(hip_flexion=80.0, trunk_flexion=60.0),
                "knee", "angles not in the abstract: standing forward bend with straight knees to about hands at the "
                "shins (hip 80, trunk 60 deg); the paper reports the hypotenuse of longitudinal and axial movement, "
                "the model only the longitudinal part"),
    InVivoSetup("T2-07a", *_DORSIFLEX_LYING, "knee",
                "angles not in the abstract: lying, hip and knee straight, active dorsiflexion from 10 deg "
                "plantarflexion to 15 deg dorsiflexion; tibial nerve at the popliteal fossa"),
    InVivoSetup("T2-07d",
                Posture(hip_flexion=90.0, ankle_dorsiflexion=-10.0), Posture(hip_flexion=90.0, ankle_dorsiflexion=15.0),
                "knee", "the same dorsiflexion with the hip flexed (90 deg assumed, knee straight) divided by the "
                "dorsiflexion with the hip straight (the set-up above)", reference=_DORSIFLEX_LYING),
)


@dataclasses.dataclass(frozen=True)
class InVivoResult:
    """A published in-vivo value, its acceptance band and the model's answer in the chosen set-up."""

    setup: InVivoSetup
    row: dict[str, str]  # the data-file row: study, measure, unit...
    published: float
    band_low: float
    band_high: float
    model: float
    passed: bool


def published_value(row: dict[str, str]) -> float:
    """The row's mean in the model's sign convention (distal or caudal excursion negative)."""
    value = number(row, "mean")
    return -value if row["direction"].strip().startswith(("distal", "caudal")) and row["unit"] == "mm" else value


def acceptance_band(row: dict[str, str]) -> tuple[float, float]:
    """Mean +- 2 SD where the paper gives an SD, otherwise half to twice the mean: wide on purpose, since the
    set-ups are partly assumed and people differ."""
    value, sd = published_value(row), number(row, "sd")
    if sd is not None:
        return value - 2.0 * sd, value + 2.0 * sd
    return tuple(sorted((0.5 * value, 2.0 * value)))


def model_value(setup: InVivoSetup, model: Model) -> float:
    """The model's excursion (mm) for the set-up's movement, or the ratio to its reference movement."""
    slide = model.change_during(setup.start, setup.end, setup.site)
    if setup.reference is not None:
        return slide / model.change_during(*setup.reference, setup.site)
    return abs(slide) if setup.size_only else slide


def compare_in_vivo(model: Model, fitted: bool | None = None) -> list[InVivoResult]:
    """Every in-vivo row (or only the fitted / only the validation ones) beside the model's answer."""
    results = []
    for setup in SETUPS:
        if fitted is not None and setup.fitted != fitted:
            continue
        row = published_row(setup.row_id)
        published = abs(published_value(row)) if setup.size_only else published_value(row)
        low, high = acceptance_band(row)
        value = model_value(setup, model)
        results.append(InVivoResult(setup, row, published, low, high, value, low <= value <= high))
    return results
