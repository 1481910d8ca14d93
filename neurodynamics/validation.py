"""Model versus published measurements: every row of ``calibration.csv`` the model can speak to.

Rows with joint angles are re-run as "from posture -> to posture" and the change is compared with the
published value and band. Direction-only rows are checked by a named test of the model's behaviour.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable

from . import anatomy
from .hamstring import hamstring_stretch
from .mechanics import Model, default_model
from .posture import Posture
from .reference import number, read_rows

#: Joint whose nerve-bed lengthening a bed row at this site measures.
_BED_JOINT_AT_SITE = {"hip": "hip_flexion", "knee": "knee_flexion", "ankle": "ankle_dorsiflexion",
                      "cervical_cord": "neck_flexion", "conus": "trunk_flexion"}
_ANGLE_COLUMNS = {"hip": "hip_flexion", "knee": "knee_flexion", "ankle": "ankle_dorsiflexion", "neck": "neck_flexion"}


@dataclasses.dataclass(frozen=True)
class Comparison:
    """One calibration row beside the model's answer."""

    row_id: str
    source: str
    subjects: str
    manoeuvre: str
    site: str
    quantity: str
    unit: str
    published: float | None
    band_low: float | None
    band_high: float | None
    model: float | None
    passed: bool | None  # None: the model cannot speak to this row (see ``note``)
    note: str


def postures_of(row: dict[str, str]) -> tuple[Posture, Posture]:
    """The start and end postures of a row (blank angles are 0 deg)."""
    def posture(end: str) -> Posture:
        return Posture(**{field: number(row, f"{joint}_{end}") or 0.0 for joint, field in _ANGLE_COLUMNS.items()})
    return posture("from"), posture("to")


def has_angles(row: dict[str, str]) -> bool:
    """True if the row gives joint angles to re-run."""
    return any(number(row, f"{joint}_{end}") is not None for joint in _ANGLE_COLUMNS for end in ("from", "to"))


def model_change(row: dict[str, str], model: Model) -> float:
    """The model's value for an angle row: the change of the row's quantity from start to end posture."""
    start, end = postures_of(row)
    site, quantity = row["site"], row["quantity"]
    if "bed lengthening" in quantity:
        joint = _BED_JOINT_AT_SITE[site]
        return anatomy.bed_lengthening_mm(end)[joint] - anatomy.bed_lengthening_mm(start)[joint]
    if quantity.startswith("strain"):
        return model.solve(end).strain(site) - model.solve(start).strain(site)
    if quantity.startswith("excursion"):
        return model.solve(end).excursion(site) - model.solve(start).excursion(site)
    raise ValueError(f"row {row['id']}: no model quantity for {quantity!r}")


def _within(value: float, low: float | None, high: float | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


# --- Direction-only rows: each returns (a model number to show, passed, what was checked) ------------

def _dorsiflexion_loads_nerve_not_hamstring(model: Model) -> tuple[float, bool, str]:
    rises = []
    for hip in (0.0, 30.0, 60.0, 90.0):
        before, after = Posture(hip_flexion=hip), Posture(hip_flexion=hip, ankle_dorsiflexion=20.0)
        rises.append(model.solve(after).strain("thigh") - model.solve(before).strain("thigh"))
        if hamstring_stretch(after) != hamstring_stretch(before):
            return min(rises), False, "hamstring length changed with dorsiflexion"
    return (min(rises), min(rises) > 0.0,
            "smallest rise of thigh strain (% points) with dorsiflexion 0->20 deg at hip 0/30/60/90 deg; "
            "hamstring length unchanged")


def _roots_take_up_slack_late(model: Model) -> tuple[float, bool, str]:
    root = [model.solve(Posture(hip_flexion=hip)).excursion("root") for hip in (0.0, 30.0, 60.0, 90.0)]
    early, late, total = abs(root[1] - root[0]), abs(root[3] - root[2]), abs(root[3])
    return (early / total, early < late and early < total / 3,
            "share of the root sliding at 90 deg hip flexion (straight-leg raise) done in the first 30 deg; "
            "passes if below one third and smaller than the sliding between 60 and 90 deg")


_PERIPHERAL_SITES = ("hip", "thigh", "knee", "ankle", "foot")
#: Sites that count as "at" each moving joint (the plantar nerves cross the ankle too).
_AT_JOINT = {"hip": {"hip"}, "knee": {"knee"}, "ankle": {"ankle", "foot"}}


def _strain_peaks_near_moving_joint(model: Model) -> tuple[float, bool, str]:
    moves = {"hip": (Posture(), Posture(hip_flexion=60.0)),
             "knee": (Posture(knee_flexion=60.0), Posture()),
             "ankle": (Posture(), Posture(ankle_dorsiflexion=20.0))}
    ok = True
    for site, (before, after) in moves.items():
        rise = {s: model.solve(after).strain(s) - model.solve(before).strain(s) for s in _PERIPHERAL_SITES}
        ok &= max(rise, key=rise.get) in _AT_JOINT[site]
    dorsiflexed = Posture(ankle_dorsiflexion=20.0)
    reach = model.solve(dorsiflexed.replace(hip_flexion=55.0)).strain("ankle") - model.solve(dorsiflexed).strain("ankle")
    return (reach, ok and reach > 0.0,
            "along the sciatic-tibial nerve the largest strain rise is at the moving joint (hip flexion, knee "
            "extension, dorsiflexion each alone), and hip flexion 0->55 deg still raises ankle strain "
            "(model value, % points)")


def _sequence_has_no_memory(model: Model) -> tuple[float, None, str]:
    end = Posture(hip_flexion=70.0, ankle_dorsiflexion=20.0)
    return (0.0, None,
            f"the model is elastic, so the end position has one strain whatever the order "
            f"({model.solve(end).strain('ankle'):.1f} % at the ankle): it cannot show a sequence effect")


DIRECTION_CHECKS: dict[str, Callable[[Model], tuple[float, bool | None, str]]] = {
    "R15": _dorsiflexion_loads_nerve_not_hamstring,
    "R16": _roots_take_up_slack_late,
    "R17": _strain_peaks_near_moving_joint,
    "R18": _sequence_has_no_memory,
}


def compare(model: Model | None = None) -> list[Comparison]:
    """Run the model on every calibration row it can speak to; one :class:`Comparison` per row."""
    model = model or default_model()
    results = []
    for row in read_rows("calibration.csv"):
        low, high = number(row, "band_low"), number(row, "band_high")
        if has_angles(row):
            value = model_change(row, model)
            passed, note = _within(value, low, high), "change from start to end posture"
        elif row["id"] in DIRECTION_CHECKS:
            value, passed, note = DIRECTION_CHECKS[row["id"]](model)
        else:
            continue
        results.append(Comparison(row["id"], row["source"], row["subjects"], row["manoeuvre"], row["site"],
                                  row["quantity"], row["unit"], number(row, "value"), low, high, value, passed, note))
    return results
