"""Every published measurement the mechanics can compute, grouped by study: what the one fit uses and what the
leave-one-study-out validation predicts.

Each :class:`Measurement` names its data-file row, the movement re-run in the model (``Model.change_during``) and
the interval a model value must fall in to count as "inside the spread": mean +- 1 SD where the paper gives an SD,
mean +- 2 SEM where it gives only an SEM, and otherwise the stated band (the data file's band, or half to twice the
mean). Rows that state a direction or a limit (roots move late, the slider slides the most) are measurements with a
one-sided interval. Rows the mechanics cannot compute are listed in ``NOT_REPRESENTED`` with the reason.
"""
from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Callable

from ..model.hamstring import hamstring_stretch
from ..model.mechanics import Model
from ..model.posture import Posture
from . import in_vivo, validation
from .citations import study_label
from .reference import number, published_row

SD, SEM, BAND, LIMIT = "mean +- 1 SD", "mean +- 2 SEM", "stated band", "limit"
#: A spread worked out from the paper's mean and P value (no SD given).
INTERVAL_FROM_P = "95 % interval from the mean and P"


@dataclasses.dataclass(frozen=True)
class Measurement:
    """One published number (or limit) and how the model computes it."""

    key: str  # the data-file row id (with a suffix where one row gives several checks)
    study: str  # short citation: first author(s) and year
    subjects: str  # who was measured, from the data file
    what: str  # the quantity and the movement, in words
    unit: str
    measured: float | None  # the published mean in the model's sign convention; None for a limit
    low: float  # inside the spread from low to high (-inf / inf for a one-sided limit)
    high: float
    spread: str  # SD, SEM, BAND, INTERVAL_FROM_P or LIMIT
    compute: Callable[[Model], float]
    taught: bool = False  # a lesson teaches from it: the fit weighs its miss double (``TAUGHT_WEIGHT``)

    def inside(self, value: float) -> bool:
        """True if ``value`` lies inside the spread."""
        return self.low <= value <= self.high

    def miss(self, value: float) -> float:
        """Signed distance of ``value`` from the measurement in units of the spread: at most 1 in size inside.
        For a limit, 0 well inside and the distance past the limit less a small margin (``LIMIT_MARGIN``), in units of
        ``LIMIT_SCALE``."""
        if self.measured is None:
            scale = LIMIT_SCALE.get(self.unit, 1.0)
            margin = LIMIT_MARGIN * scale  # kept a little inside, so that a fitted model keeps the limit
            return max(self.low + margin - value, value - (self.high - margin), 0.0) / scale
        if value >= self.measured:
            return (value - self.measured) / (self.high - self.measured)
        return (value - self.measured) / (self.measured - self.low)


#: Share of a limit's unit miss by which the fit keeps a model inside the limit.
LIMIT_MARGIN = 0.2
#: How much more a miss of a measurement the lessons teach from weighs in the fit: a miss there misleads students most.
TAUGHT_WEIGHT = 2.0
#: Measurements the lessons teach from (the conus and roots in the straight-leg raise, the slump exercises, the
#: hip-flexed dorsiflexion, the seated slider, knee extension at the thigh) and every calibration row with a number.
TAUGHT = frozenset({"R02", "R03", "R04", "R05", "R06", "R18", "R15", "R16", "R17", "RH14-30", "RH14-60", "RA15-60",
                    "T2-03a", "T2-07d", "EL12-slider", "EL12-neck"})

#: Size of a unit miss past a limit, by unit: about a tenth to a quarter of what the limits bound.
LIMIT_SCALE = {"mm": 0.25, "share": 0.02, "% points": 0.05, "mm (difference)": 0.25}

_SITTING = in_vivo.SLUMP_SITTING


def _calibration_value(row_id: str) -> Measurement:
    """An angle row of the calibration file: +- 1 SD where it gives one, else its band."""
    row = published_row(row_id)
    value, sd = number(row, "value"), number(row, "sd")
    low, high = (value - sd, value + sd) if sd is not None else (number(row, "band_low"), number(row, "band_high"))
    return Measurement(row_id, study_label(row_id), row["subjects"], f"{row['quantity']}, {row['manoeuvre']}",
                       row["unit"], value, low, high, SD if sd is not None else BAND,
                       functools.partial(validation.model_change, row))


def _in_vivo_value(row_id: str) -> Measurement:
    """An in-vivo row re-run in its set-up (``in_vivo.SETUPS``): +- 1 SD, +- 2 SEM (from the row's note), or the
    stated band (half to twice the mean)."""
    setup = next(s for s in in_vivo.SETUPS if s.row_id == row_id)
    row = published_row(row_id)
    value = in_vivo.published_value(row)
    value = abs(value) if setup.size_only else value
    sd = number(row, "sd")
    sem = re.search(r"SEM = ([0-9.]+)", row["note"])
    if sd is not None:
        low, high, spread = value - sd, value + sd, SD
    elif sem:
        low, high, spread = value - 2.0 * float(sem.group(1)), value + 2.0 * float(sem.group(1)), SEM
    else:
        (low, high), spread = in_vivo.acceptance_band(row), BAND
    return Measurement(row_id, study_label(row_id), row["subjects"], f"{row['measure']}: {setup.why}", row["unit"],
                       value, low, high, spread, functools.partial(in_vivo.model_value, setup))


def _limit(key: str, row_id: str, what: str, unit: str, compute: Callable[[Model], float],
           low: float = -math.inf, high: float = math.inf) -> Measurement:
    """A measurement that states a limit or a direction: inside when the model is between ``low`` and ``high``."""
    return Measurement(key, study_label(row_id), published_row(row_id)["subjects"], what, unit, None, low, high,
                       LIMIT, compute)


# --- Set-ups of the rows that state a direction or a limit --------------------------------------------------

def root_share_by_hip_30(model: Model) -> float:
    """Share of the root sliding of a straight-leg raise to 90 deg that is done by 30 deg."""
    early = model.change_during(Posture(), Posture(hip_flexion=30.0), "root")
    return early / model.change_during(Posture(), Posture(hip_flexion=90.0), "root")


def root_slide_at_hip_90(model: Model) -> float:
    """Distal sliding of the roots (mm) in a straight-leg raise to 90 deg."""
    return -model.change_during(Posture(), Posture(hip_flexion=90.0), "root")


def conus_in_trunk_flexion(model: Model) -> float:
    """Conus excursion (mm, toward the head +) in trunk flexion 0 -> 60 deg (angle assumed)."""
    return model.change_during(Posture(), Posture(trunk_flexion=60.0), "conus")


def dorsiflexion_slide_at_every_hip_angle(model: Model) -> float:
    """Smallest distal slide (mm) of the nerve at mid-thigh during dorsiflexion 0 -> 20 deg at hip 0/30/60/90 deg,
    negative if the thigh strain falls at any of them or the hamstring length changes (Bueno-Gracia et al.)."""
    slides = []
    for hip in (0.0, 30.0, 60.0, 90.0):
        before, after = Posture(hip_flexion=hip), Posture(hip_flexion=hip, ankle_dorsiflexion=20.0)
        if model.change_during(before, after, "thigh", "strain") <= 0.0 or \
                hamstring_stretch(after) != hamstring_stretch(before):
            return -1.0
        slides.append(-model.change_during(before, after, "thigh"))
    return min(slides)


#: The four exercises of Ellis et al. 2012, in slump sitting (hip 90, trunk 30 deg): (start, end) postures.
SLUMP_EXERCISES: dict[str, tuple[Posture, Posture]] = {
    "slider": (Posture(knee_flexion=90.0, neck_flexion=40.0, **_SITTING),
               Posture(knee_flexion=20.0, neck_flexion=-20.0, **_SITTING)),
    "knee alone": (Posture(knee_flexion=90.0, **_SITTING), Posture(knee_flexion=20.0, **_SITTING)),
    "tensioner": (Posture(knee_flexion=90.0, neck_flexion=-20.0, **_SITTING),
                  Posture(knee_flexion=20.0, neck_flexion=40.0, **_SITTING)),
    "neck alone": (Posture(knee_flexion=45.0, **_SITTING), Posture(knee_flexion=45.0, neck_flexion=40.0, **_SITTING)),
}


def slump_slide_mm(model: Model, exercise: str) -> float:
    """Size of the slide (mm) of the nerve at mid-thigh during one of ``SLUMP_EXERCISES``."""
    return abs(model.change_during(*SLUMP_EXERCISES[exercise], "thigh"))


def slider_lead_mm(model: Model) -> float:
    """How much further the slider slides the mid-thigh nerve than the knee alone or the tensioner, whichever is
    closer (mm)."""
    slider = slump_slide_mm(model, "slider")
    return min(slider - slump_slide_mm(model, "knee alone"), slider - slump_slide_mm(model, "tensioner"))


#: The slider's lead (mm) and the neck's own slide (mm) that count as "the most" and "moves the nerve".
SLIDER_LEAD_MM, NECK_SLIDE_MM = 0.5, 0.1
#: The smallest distal slide (mm) at mid-thigh that counts as dorsiflexion "sliding the nerve" (Bueno-Gracia et al.
#: found it at every hip angle in cadavers, the abstract gives the direction only).
DORSIFLEXION_SLIDE_MM = 0.02
#: Share of the root sliding at hip 90 deg that may be done by hip 30 deg (roots "move little" early).
ROOT_EARLY_SHARE = validation.ROOT_EARLY_SHARE


@functools.lru_cache(maxsize=None)
def measurements() -> tuple[Measurement, ...]:
    """Every measurement the mechanics can compute, calibration file first."""
    calibration = [_calibration_value(i) for i in ("R02", "R03", "R04", "R05", "R06")]
    r18 = published_row("R18")
    _, r18_low, r18_high = validation.sequence_interval_pct(number(r18, "value"))
    calibration.append(Measurement("R18", study_label("R18"), r18["subjects"],
                                   "ankle strain at the end of a straight-leg raise, hip first minus ankle first",
                                   "% points", number(r18, "value"), r18_low, r18_high, INTERVAL_FROM_P,
                                   validation.sequence_effect_pct))
    calibration += [
        _limit("R15", "R15", "dorsiflexion strains the thigh nerve and slides it distally at hip 0, 30, 60 "
               "and 90 deg (smallest slide)", "mm", dorsiflexion_slide_at_every_hip_angle, low=DORSIFLEXION_SLIDE_MM),
        _limit("R16", "R16", "share of the roots' sliding at hip 90 deg done by hip 30 deg", "share",
               root_share_by_hip_30, high=ROOT_EARLY_SHARE),
        _limit("R17", "R17", "strain rises most at the moving joint; hip flexion strains the ankle",
               "% points", lambda m: validation.strain_peaks_near_moving_joint(m)[0], low=0.0),
    ]
    t1_13a, t1_10b, t3_07 = (published_row(i) for i in ("T1-13a", "T1-10b", "T3-07"))
    literature = [
        _limit("T1-13a", "T1-13a", "root sliding in a straight-leg raise to 90 deg, inside the cadaver range",
               "mm", root_slide_at_hip_90, low=number(t1_13a, "min"), high=number(t1_10b, "max")),
        _limit("T3-07", "T3-07", "conus excursion in trunk flexion to 60 deg, inside the 95 % interval",
               "mm", conus_in_trunk_flexion, low=number(t3_07, "min"), high=number(t3_07, "max")),
    ]
    in_living = [_in_vivo_value(i) for i in ("RH14-30", "RH14-60", "RA15-60", "T2-03a", "T2-06", "T2-07a", "T2-07d")]
    in_living += [
        _limit("EL12-slider", "EL12", "slump sitting: the slider slides the mid-thigh nerve further than the "
               "knee alone and than the tensioner (lead, mm)", "mm (difference)", slider_lead_mm, low=SLIDER_LEAD_MM),
        _limit("EL12-neck", "EL12", "slump sitting: neck flexion alone slides the mid-thigh nerve", "mm",
               lambda m: slump_slide_mm(m, "neck alone"), low=NECK_SLIDE_MM),
    ]
    return tuple(dataclasses.replace(m, taught=m.key in TAUGHT) for m in calibration + literature + in_living)


def studies() -> dict[str, tuple[Measurement, ...]]:
    """The measurements grouped by study, in order."""
    grouped: dict[str, list[Measurement]] = {}
    for measurement in measurements():
        grouped.setdefault(measurement.study, []).append(measurement)
    return {study: tuple(group) for study, group in grouped.items()}


#: Rows of the calibration file the mechanics does not compute, and why (left out of the fit and the validation).
NOT_REPRESENTED: dict[str, str] = {
    "R01": "the hip's bed lengthening is an input of the model (its radius), not something it predicts",
    "R07": "upper-limb median nerve (a principle about sliders and tensioners, not a sciatic measurement)",
    "R08": "upper-limb median nerve (a principle about sliders and tensioners, not a sciatic measurement)",
    "R09": "relaxation of excised nerve over an hour: sets the time course, fitted on its own",
    "R10": "relaxation of excised nerve at higher strain: sets the time course, fitted on its own",
    "R11": "blood flow against strain in rats: sets the blood-flow curve directly",
    "R12": "blood flow against strain in rats: sets the blood-flow curve directly",
    "R13": "blood-flow arrest in rabbits: sets the blood-flow curve directly",
    "R14": "hamstring muscle relaxation: sets the hamstring's time course, not the nerve's mechanics",
}


def not_represented() -> list[tuple[str, str]]:
    """(study, why) for each calibration row the mechanics does not compute."""
    return [(study_label(row_id), why) for row_id, why in NOT_REPRESENTED.items()]
