"""Lesson 06 (class exercises; the seed judged): the computations behind its code cells and its decisions.

Strain in % beyond the length in neutral standing, tension in N, sliding (excursion) in mm, angles in degrees,
hamstring length change in % of its neutral length. Comparisons in words are chosen here from the numbers (pinned
by tests/lessons/test_06_claims.py); published numbers are quoted with their sources.
"""
from __future__ import annotations

from dataclasses import replace

from IPython.display import Markdown

from ... import exercises
from ...model.anatomy import SITES
from ...model.design import Design
from ...model.dose import tract_extremes
from ...model.hamstring import hamstring_stretch
from ...model.mechanics import Model, default_model
from ...model.posture import Posture
from ..explorers import PRESETS
from ..style import SITE_LABELS
from . import clinical, lesson_04
from .lesson_04 import run, show_model_version, wrap  # noqa: F401 (show_model_version: for the lesson)

TETHER = {"knee": 10.0}  # a nerve tied down behind the knee: 10 on the model's scale of 1 to 100 (an illustration)
LEG_SITES = ("root", "hip", "thigh", "knee", "ankle", "foot")
CLEARLY_PCT = 0.5  # a peak strain at least this many % points lower is "clearly lower"; less is "about the same"


def slump() -> Posture:
    """Slump sitting as the explorer's preset sets it."""
    return PRESETS["slump sitting"][0]


def slump_ranking() -> list[tuple[str, float, float]]:
    """(site, strain %, tension N) in slump sitting, most strained first."""
    solution = default_model().solve(slump())
    return sorted(((s, solution.strain(s), solution.tension(s)) for s in SITES), key=lambda row: -row[1])


def show_slump_ranking() -> None:
    """Print strain and tension along the tract in slump sitting, most strained first, then where each peaks."""
    ranking = slump_ranking()
    for site, strain, tension in ranking:
        print(f"{SITE_LABELS[site]:>10}: strain {strain:4.1f} %, tension {tension:4.1f} N")
    top_tension = max(ranking, key=lambda row: row[2])[0]
    print(f"Most strained: the {SITE_LABELS[ranking[0][0]]}. Highest tension: the {SITE_LABELS[top_tension]}.")


def exercise_1_end() -> Posture:
    """The end position of exercise 1: hip 90, knee 20 short of straight, foot up 15 (degrees)."""
    return exercises.supine_floss().keyframes[1][1]


def tether_rows() -> list[tuple[str, float, float, float, float]]:
    """(site, strain free, strain tied, sliding free, sliding tied) at the end of exercise 1, tethered at the knee."""
    end = exercise_1_end()
    free, tied = default_model().solve(end), Model(entrapment=TETHER).solve(end)
    return [(s, free.strain(s), tied.strain(s), free.excursion(s), tied.excursion(s)) for s in LEG_SITES]


def tether_sentence() -> str:
    """Where the tether raises and lowers strain, and what it does to sliding at the knee, worded from the numbers."""
    rows = tether_rows()
    up = [SITE_LABELS[s] for s, a, b, _, _ in rows if b > a]
    down = [SITE_LABELS[s] for s, a, b, _, _ in rows if b < a]
    _, _, _, knee_free, knee_tied = next(r for r in rows if r[0] == "knee")
    knee = "less" if abs(knee_tied) < abs(knee_free) else "more"
    return (f"Strain rises at: {', '.join(up) or 'no site'}; falls at: {', '.join(down) or 'no site'}. "
            f"The nerve slides {knee} at the knee ({abs(knee_free):.0f} mm free, {abs(knee_tied):.0f} mm tied).")


def show_tether_effect() -> None:
    """Print strain and sliding since standing (mm, + = toward the head) along the leg, free against tied at the
    knee, then the summary."""
    for site, a, b, x, y in tether_rows():
        print(f"{SITE_LABELS[site]:>6}: strain {a:4.1f} -> {b:4.1f} %, sliding {x:+5.1f} -> {y:+5.1f} mm")
    print(wrap(tether_sentence()))


def differentiation(hip_deg: float = 60.0, foot_up_deg: float = 20.0) -> dict[str, float]:
    """Structural differentiation in an SLR at ``hip_deg``: pulling the foot up by ``foot_up_deg`` changes the
    nerve's strain at mid-thigh, behind the knee and at the ankle (% points) and the hamstring's length (% points)."""
    before = Posture(hip_flexion=hip_deg)
    after = before.replace(ankle_dorsiflexion=foot_up_deg)
    a, b = default_model().solve(before), default_model().solve(after)
    return {"thigh": b.strain("thigh") - a.strain("thigh"), "knee": b.strain("knee") - a.strain("knee"),
            "ankle": b.strain("ankle") - a.strain("ankle"),
            "hamstring": hamstring_stretch(after) - hamstring_stretch(before)}


def claim_1_model() -> str:
    """What the model says on claim 1: the foot changes the nerve, not the hamstring (structural differentiation)."""
    d = differentiation()
    nerve = f"{d['ankle']:+.1f} % points at the ankle and {d['knee']:+.1f} behind the knee"
    return (f"In an SLR at 60°, pulling the foot up 20° changes nerve strain by {nerve}, and the hamstring's length "
            f"by {d['hamstring']:+.1f}: a change with the foot points to the nerve. What limits a person's range, or "
            "what they feel, is beyond the model.")


def claim_2_model() -> str:
    """What the model says on claim 2: what a tether would change, so that a measurement could detect it."""
    _, _, _, free, tied = next(r for r in tether_rows() if r[0] == "knee")
    return (f"A tether behind the knee would cut sliding there ({abs(free):.0f} to {abs(tied):.0f} mm in problem 2): "
            f"ultrasound could see it. The model shows what a tether would do, not that anyone has one.")


def claim_3_model() -> str:
    """What the model says on claim 3: hold against floss at equal peak strain (from lesson 04)."""
    n = lesson_04.fair_numbers()
    h, f = n["hold"], n["floss"]
    overlap = h["flow_low"] <= f["flow_high"] and f["flow_low"] <= h["flow_high"]
    return (f"At equal peak strain the hold keeps the nerve near its peak {h['near_peak_s']:.0f} s, the floss "
            f"{f['near_peak_s']:.0f} s; the floss slides it {f['total'] / h['total']:.0f} times as far in total, the "
            f"same per stroke; blood-flow ranges {'overlap' if overlap else 'do not overlap'}.")


def exercises_model() -> str:
    """What the model says on the two exercises: the highest strain anywhere and where."""
    lines = []
    for name, make in (("exercise 1", exercises.supine_floss), ("exercise 2", exercises.seated_floss)):
        peak, where = tract_extremes(run(make()).summary()["sites"])["peak_strain_pct"]
        lines.append(f"{name} peaks at {peak:.1f} % (the {SITE_LABELS[where]})")
    return "Highest strain anywhere: " + "; ".join(lines) + "."


def show_model_on_the_seed() -> Markdown:
    """Display what the model computes on each of the seed's claims and on its two exercises."""
    items = (("A tight hamstring is often neural tension", claim_1_model()),
             ("Nerves get tied down", claim_2_model()),
             ("Floss, don't hold", claim_3_model()),
             ("The two exercises", exercises_model()))
    return Markdown("\n".join(f"- **{title}.** {text}" for title, text in items))


TIED_OPTIONS = ("ultrasound shows their nerves slide less", "ultrasound shows their nerves slide as much as in "
                "healthy people", "it has never been measured in living people", "cadaver studies found tethers")
TIED_WHY = (
    "Ridehalgh et al. (2015) filmed the sciatic nerve at the back of the thigh during a modified SLR in 16 "
    "healthy people and 60 with spinally referred leg pain: its sliding along the thigh did not differ "
    "between the groups. No study has looked for tethers in people with tight hamstrings. Reduced movement of"
    " the median nerve has been reported in carpal tunnel syndrome, so 'tied down' is possible in some "
    "conditions, not a general explanation. "
)


def _feedback(choice: str, options: tuple[str, ...], right: str, why: str) -> str:
    """Feedback on a multiple-choice decision: right or not (and the answer), then ``why``; the options for a
    ``choice`` that is not one of them."""
    if choice not in options:
        return "Set my_answer to one of: " + "; ".join(repr(o) for o in options) + ". Then run the cell again."
    return wrap(("Right. " if choice == right else f"Not quite: the answer is {right!r}. ") + why)


def tied_feedback(choice: str) -> str:
    """Decision 1: sciatic sliding in people with spinally referred leg pain (Ridehalgh et al. 2015)."""
    return _feedback(choice, TIED_OPTIONS, TIED_OPTIONS[1], TIED_WHY + tether_sentence())


ADVANTAGE_OPTIONS = ("about 20-30° more range", "a few degrees more, with low certainty", "no difference at all",
                     "static stretching does better")
ADVANTAGE_WHY = (
    "The newest meta-analysis (Bertacchini et al. 2025; 30 trials, 19 pooled, healthy adults with reduced "
    "flexibility) found neurodynamic techniques better than static stretching by 3.5° in the passive SLR (95 "
    "% CI 1.1 to 5.8) and 3.8° in active knee extension (0.4 to 7.1), with high heterogeneity and low "
    "certainty; against no treatment the SLR gain was 9.4°. Núñez de Arenas-Arroyo et al. (2025; 13 trials) "
    "found them better than stretching in the short term but not immediately. So the advantage over "
    "stretching is a few degrees: real in these trials, small, and uncertain."
)


def advantage_feedback(choice: str) -> str:
    """Decision 2: how much more neurodynamic techniques improve hamstring flexibility than static stretching."""
    return _feedback(choice, ADVANTAGE_OPTIONS, ADVANTAGE_OPTIONS[1], ADVANTAGE_WHY)


def gentler_verdict(before: Design, after: Design) -> str:
    """Is ``after`` gentler than ``before``? Graded on the highest strain anywhere only (clearly lower: by at least
    CLEARLY_PCT % points); time above 8 % (a rat line, not a dose limit) and blood flow (an estimate below 8 %) are
    shown, not graded."""
    old, new = (tract_extremes(run(d.program()).summary()["sites"]) for d in (before, after))
    (p0, s0), (p1, s1) = old["peak_strain_pct"], new["peak_strain_pct"]
    drop = p0 - p1
    strain = ("clearly lower" if drop >= CLEARLY_PCT else "about the same" if drop > -CLEARLY_PCT else "higher")
    t1 = new["time_above_8pct_s"][0]
    (f0, _), (f1, _) = old["min_blood_flow"], new["min_blood_flow"]
    return "\n".join([
        f"highest strain anywhere: {p0:.1f} % ({SITE_LABELS[s0]}) -> {p1:.1f} % ({SITE_LABELS[s1]}): {strain}",
        f"time above 8 % (a rat line, shown, not graded): {t1:.1f} s",
        f"lowest blood flow anywhere: {f0:.0%} -> {f1:.0%} (an estimate below 8 %: shown, not graded)",
        "Gentler: yes" if strain == "clearly lower" else "Gentler: not clearly"])


KEEN = Design(knee_deg=(0, 70), ankle_deg=(-20, 30), tempo_s=2.0, reps=20)  # exercise 1, done hard


def gentler_changes() -> dict[str, Design]:
    """Four single changes to the keen patient's exercise 1."""
    return {"smaller range": replace(KEEN, knee_deg=(30, 70), ankle_deg=(-20, 10)),
            "slower tempo": replace(KEEN, tempo_s=6.0),
            "exercise 2 with its taught neck movement": replace(KEEN, setup="seated floss (exercise 2)",
                                                                knee_deg=(0, 90)),
            "away from end range": replace(KEEN, knee_deg=(20, 70), ankle_deg=(-20, 15))}


def show_gentler_changes() -> None:
    """Print the verdict of each single change against the keen patient's version."""
    for name, design in gentler_changes().items():
        print(f"--- {name}\n{gentler_verdict(KEEN, design)}")


def show_test_criteria_and_accuracy() -> Markdown:
    """Display the criteria of a positive neurodynamic test and the accuracy of the SLR and the slump."""
    return clinical.show_test_criteria_and_accuracy()
