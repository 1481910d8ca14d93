"""Lesson 04 (hold or floss?): the computations behind its code cells and the checks of its decisions.

Strain in % beyond the length in neutral standing, tension in N, sliding (excursion) in mm, time in s, blood flow as
a fraction of resting flow. Every number reaches the student from these functions; every comparison in words is
chosen here from the numbers (and pinned by tests/lessons/test_04_claims.py).
"""
from __future__ import annotations

import textwrap
from functools import lru_cache
from importlib import metadata

import numpy as np
from IPython.display import Markdown

from ... import exercises, simulate
from ...evidence import validation
from ...model.comparisons import equal_mean_hold, equal_peak_hold
from ...model.dynamics import TimeSeries
from ...model.exercises import Program
from ..static_figures import StaticFigure, new_figure
from ..style import OKABE_ITO, SITE_LABELS

NEAR_PEAK_PCT = 0.5  # "near its peak": within this many percentage points of the peak strain
SAME_MM = 0.5  # two slides per stroke closer than this (mm) are called the same
SAME_PCT = 0.2  # two peak strains closer than this (% points) are called the same
FAIR_SITE = "thigh"  # the named site of the fair comparison: mid-thigh


def version_line() -> str:
    """Which version of the model the lesson's numbers come from (the installed package's version)."""
    try:
        version = metadata.version("neurodynamics")
    except metadata.PackageNotFoundError:
        version = "unknown (the package is not installed)"
    return f"The model numbers in this notebook come from neurodynamics version {version}."


def show_model_version() -> None:
    """Print the model version the numbers come from."""
    print(version_line())


def wrap(text: str) -> str:
    return textwrap.fill(text, 100)


@lru_cache(maxsize=None)
def run(program: Program) -> TimeSeries:
    """The program simulated at 100 samples a second (cached: programs are immutable, results deterministic)."""
    return simulate(program, dt=0.01)


def hold_and_floss() -> tuple[TimeSeries, TimeSeries]:
    """The sustained stretch (SLR to 80 deg, held; 40 s) and exercise 1, the supine floss (10 x 4 s)."""
    return run(exercises.sustained_stretch()), run(exercises.supine_floss())


def fair_pair(site: str = FAIR_SITE) -> tuple[TimeSeries, TimeSeries]:
    """A hold of the floss's own peak position for as long as the floss lasts (same peak strain at ``site``), and
    the floss."""
    floss = exercises.supine_floss()
    return run(equal_peak_hold(floss, site)), run(floss)


def near_peak_s(series: TimeSeries, site: str) -> float:
    """Seconds with the strain at ``site`` within NEAR_PEAK_PCT points of its peak."""
    strain = series.strain(site)
    return float(series.dt * np.count_nonzero(strain >= strain.max() - NEAR_PEAK_PCT))


def hold_tension(site: str = "hip") -> tuple[float, float, float, float]:
    """Tension (N) and strain (%) at ``site`` when the hold begins (end of its 2 s ramp) and at its end."""
    series, _ = hold_and_floss()
    start = int(round(2.0 / series.dt))
    tension, strain = series.tension(site), series.strain(site)
    return float(tension[start]), float(tension[-1]), float(strain[start]), float(strain[-1])


def show_tension_during_hold() -> None:
    """Print the tension and strain at the hip at the start and the end of the 40 s hold."""
    t0, t1, e0, e1 = hold_tension()
    change = "fell" if t1 < t0 else "rose" if t1 > t0 else "stayed the same"
    print(f"tension at the hip: {t0:.1f} N when the hold begins, {t1:.1f} N after 40 s "
          f"(it {change} by {abs(1 - t1 / t0):.0%})")
    print(f"strain at the hip:  {e0:.1f} % when the hold begins, {e1:.1f} % after 40 s")


def plot_hold_and_floss() -> StaticFigure:
    """Tension, strain and blood flow at the hip and sliding at mid-thigh over 40 s, hold and floss together
    (blood flow: the central curve, shaded from the low to the high flow curve)."""
    hold_series, floss_series = hold_and_floss()
    fig = new_figure((10, 6.4), dpi=100)
    axes = fig.subplots(2, 2, sharex=True)
    panels = ((axes[0, 0], "tension", "hip", "tension at the hip (N)"),
              (axes[0, 1], "strain", "hip", "strain at the hip (%)"),
              (axes[1, 0], "blood_flow", "hip", "blood flow at the hip\n(1 = resting)"),
              (axes[1, 1], "excursion", "thigh", "sliding at mid-thigh\n(mm, + = toward the head)"))
    for ax, quantity, site, label in panels:
        for series, colour in ((hold_series, OKABE_ITO[5]), (floss_series, OKABE_ITO[0])):
            ax.plot(series.t, getattr(series, quantity)(site), color=colour, lw=2, label=series.program.name)
            if quantity == "blood_flow":
                ax.fill_between(series.t, series.blood_flow(site, curve="low"), series.blood_flow(site, curve="high"),
                                color=colour, alpha=0.2, lw=0)
        ax.set_ylabel(label)
    axes[0, 1].axhline(8, color="0.3", ls="--", lw=1.5, label="8 %: flow halved (rat nerve)")
    axes[0, 1].legend(loc="lower right", fontsize=11)
    for ax in axes[1]:
        ax.set_xlabel("time (s)")
    fig.suptitle("Holding lets the tension relax; flossing reloads the nerve and slides it")
    fig.tight_layout()
    return StaticFigure(fig, alt="Four panels over 40 s comparing a held straight-leg raise with the supine floss: "
                                 "tension, strain and blood flow at the hip, and sliding at mid-thigh.")


def fair_numbers(site: str = FAIR_SITE) -> dict[str, dict[str, float]]:
    """Dose figures of the fair pair at ``site``: label -> {peak, near_peak_s, per_stroke, total, relax,
    flow_low, flow_high}."""
    out = {}
    for label, series in zip(("hold", "floss"), fair_pair()):
        figures = series.summary()["sites"][site]
        low, high = sorted(figures["mean_blood_flow_range"])
        out[label] = {"peak": figures["peak_strain_pct"], "near_peak_s": near_peak_s(series, site),
                      "per_stroke": figures["sliding_per_stroke_mm"], "total": figures["sliding_distance_mm"],
                      "relax": figures["hold_relaxation_pct"], "flow_low": low, "flow_high": high}
    return out


FAIR_OPTIONS = ("reaches a higher peak strain", "slides the nerve further per stroke",
                "slides the nerve further in total", "keeps the nerve near its peak longer")


def fair_truths(site: str = FAIR_SITE) -> dict[str, bool]:
    """For each option of decision 1: is it what the hold does more than the floss, at equal peak strain?"""
    n = fair_numbers(site)
    h, f = n["hold"], n["floss"]
    return {FAIR_OPTIONS[0]: h["peak"] > f["peak"] + SAME_PCT,
            FAIR_OPTIONS[1]: h["per_stroke"] > f["per_stroke"] + SAME_MM,
            FAIR_OPTIONS[2]: h["total"] > f["total"],
            FAIR_OPTIONS[3]: h["near_peak_s"] > f["near_peak_s"]}


def fair_feedback(choice: str) -> str:
    """Decision 1: what does a hold do more than a floss at the same peak strain at mid-thigh? The model's figures
    for every option, the verdict, and why."""
    if choice not in FAIR_OPTIONS:
        return "Set my_answer to one of: " + "; ".join(repr(o) for o in FAIR_OPTIONS) + ". Then run the cell again."
    n, truths = fair_numbers(), fair_truths()
    h, f = n["hold"], n["floss"]
    lines = [f"At mid-thigh, hold vs floss: peak strain {h['peak']:.1f} vs {f['peak']:.1f} %; slide per stroke "
             f"{h['per_stroke']:.1f} vs {f['per_stroke']:.1f} mm; total sliding {h['total']:.0f} vs {f['total']:.0f} mm; "
             f"seconds near the peak {h['near_peak_s']:.0f} vs {f['near_peak_s']:.0f} s."]
    verdict = "Right." if truths[choice] else "Not this one."
    why = {FAIR_OPTIONS[0]: "The pair was built to reach the same peak: the hold holds the floss's own end position.",
           FAIR_OPTIONS[1]: "Both reach the same end position from the same start, so each slide into it is the same "
                            "size: the hold slides once on the way in, the floss once per stroke.",
           FAIR_OPTIONS[2]: "The floss repeats its slide with every stroke, there and back; the hold slides once.",
           FAIR_OPTIONS[3]: "The hold parks the nerve at its peak for the whole set; the floss touches the peak once "
                            "per stroke and releases it in between."}
    lines.append(wrap(f"{verdict} {why[choice]}"))
    right = [o for o, t in truths.items() if t]
    if not truths[choice]:
        lines.append(wrap("What the hold does more: " + "; ".join(right) + ". " + why[right[0]] if right else
                          "At equal peak the model finds nothing the hold does more."))
    lines.append(wrap("So a fair comparison is about how long the nerve stays loaded and how often it slides, "
                      "not about how far it slides per stroke."))
    return "\n".join(lines)


def fair_dose_markdown(sites: tuple[str, ...] = (FAIR_SITE, "hip")) -> str:
    """The fair pair's dose at each site as Markdown tables; blood flow as a low-high range, labelled an estimate."""
    hold_series, floss_series = fair_pair()
    blocks = []
    for site in sites:
        cols = [s.summary()["sites"][site] for s in (hold_series, floss_series)]
        rows = [f"| at the {SITE_LABELS[site]} | hold at the floss's peak | floss |", "|---|---|---|",
                "| peak strain (%) | " + " | ".join(f"{c['peak_strain_pct']:.1f}" for c in cols) + " |",
                "| seconds near the peak | " + " | ".join(f"{near_peak_s(s, site):.0f}"
                                                         for s in (hold_series, floss_series)) + " |",
                "| slide per stroke (mm) | " + " | ".join(f"{c['sliding_per_stroke_mm']:.1f}" for c in cols) + " |",
                "| total sliding (mm) | " + " | ".join(f"{c['sliding_distance_mm']:.0f}" for c in cols) + " |",
                "| mean blood flow, an estimate (low-high curve) | "
                + " | ".join("{:.0%}-{:.0%}".format(*sorted(c["mean_blood_flow_range"])) for c in cols) + " |"]
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks)


def show_fair_dose() -> Markdown:
    """Display the fair pair's dose tables at mid-thigh and at the hip."""
    return Markdown(fair_dose_markdown())


def hold_at_mean_strain(site: str = FAIR_SITE) -> Program:
    """A hold, for as long as the floss, at the floss's average strain at ``site`` (``equal_mean_hold``)."""
    return equal_mean_hold(exercises.supine_floss(), site)


def pairing_flow(site: str = FAIR_SITE) -> dict[str, dict[str, tuple[float, float, float]]]:
    """Mean blood flow (central, low, high curve) of hold and floss under two pairings: equal peak strain and equal
    average strain at ``site``."""
    floss = run(exercises.supine_floss())
    pairs = {"equal peak strain": fair_pair(site)[0], "equal average strain": run(hold_at_mean_strain(site))}
    out = {}
    for name, held in pairs.items():
        out[name] = {}
        for label, series in (("hold", held), ("floss", floss)):
            figures = series.summary()["sites"][site]
            low, high = sorted(figures["mean_blood_flow_range"])
            out[name][label] = (figures["mean_blood_flow"], low, high)
    return out


def equal_mean_markdown(site: str = FAIR_SITE) -> str:
    """What the two pairings say about blood flow at ``site``: the kinder exercise on the central curve under each,
    and whether the low-high ranges overlap; the conclusion is worded from those results."""
    flows = pairing_flow(site)
    lines = ["| mean blood flow (low-high curve) | hold | floss | kinder on the central curve | ranges overlap |",
             "|---|---|---|---|---|"]
    kinder, overlaps = [], []
    for name, pair in flows.items():
        (h, hl, hh), (f, fl, fh) = pair["hold"], pair["floss"]
        better = "hold" if h > f else "floss"
        overlap = hl <= fh and fl <= hh
        kinder.append(better)
        overlaps.append(overlap)
        lines.append(f"| {name} | {h:.0%} ({hl:.0%}-{hh:.0%}) | {f:.0%} ({fl:.0%}-{fh:.0%}) | {better} | "
                     f"{'yes' if overlap else 'no'} |")
    if len(set(kinder)) > 1:
        verdict = "The pairing decides which exercise looks kinder to blood flow"
    else:
        verdict = f"Both pairings favour the {kinder[0]} on the central curve"
    verdict += (", and the ranges overlap" if any(overlaps) else ", and the ranges do not overlap")
    verdict += ": blood flow cannot settle hold against floss here."
    return "\n".join(lines) + f"\n\n**What this says:** {verdict}"


def show_equal_mean_pair() -> Markdown:
    """Display the equal-peak and equal-average pairings side by side, with what they say about blood flow."""
    return Markdown(equal_mean_markdown())


GENTLE_OPTIONS = ("slider", "tensioner", "the same: both move the knee through the same range")


def gentle_pair(site: str = FAIR_SITE) -> dict[str, tuple[float, float]]:
    """Peak strain (%) and total sliding (mm) at ``site`` of the supine slider and the supine tensioner."""
    out = {}
    for label, make in (("slider", exercises.slider), ("tensioner", exercises.tensioner)):
        figures = run(make("supine")).summary()["sites"][site]
        out[label] = (figures["peak_strain_pct"], figures["sliding_distance_mm"])
    return out


def gentle_answer(site: str = FAIR_SITE) -> str:
    """Decision 2's answer from the model: the exercise with the lower peak strain at ``site`` (or the same)."""
    pair = gentle_pair(site)
    (s, _), (t, _) = pair["slider"], pair["tensioner"]
    return GENTLE_OPTIONS[2] if abs(s - t) <= SAME_PCT else ("slider" if s < t else "tensioner")


def gentle_feedback(choice: str) -> str:
    """Decision 2: which supine exercise moves the nerve at mid-thigh with the least peak strain?"""
    if choice not in GENTLE_OPTIONS:
        return "Set my_choice to one of: " + "; ".join(repr(o) for o in GENTLE_OPTIONS) + ". Then run the cell again."
    pair, answer = gentle_pair(), gentle_answer()
    lines = [f"{label:>9} at mid-thigh: peak strain {peak:.1f} %, total sliding {slide:.0f} mm"
             for label, (peak, slide) in pair.items()]
    lines.append(wrap(("Right. " if choice == answer else f"Not quite: the model's answer is {answer!r}. ")
                      + "The knee moves the same way in both; what differs is the other end. In the slider the "
                        "thigh is lowered as the knee straightens, so the hip gives nerve while the knee takes it "
                        "and the nerve glides; in the tensioner the foot comes up, so both ends pull at once. "
                        "The same principle was measured in the arm of cadavers (Coppieters & Butler 2008)."))
    return "\n".join(lines)


def long_hold() -> TimeSeries:
    """A 10-minute hold of the straight-leg raise at 80 deg, at 10 samples a second."""
    return simulate(exercises.sustained_stretch(seconds=600), dt=0.1)


def show_long_hold() -> None:
    """Print tension and blood flow (low to high flow curve) at the hip through a 10-minute hold."""
    series = long_hold()
    low, high = (series.blood_flow("hip", curve=c) for c in ("low", "high"))
    for seconds in (2, 40, 120, 600):
        i = int(round(seconds / series.dt))
        print(f"{seconds:>4} s: tension at the hip {series.tension('hip')[i]:.1f} N, "
              f"blood flow {low[i]:.0%} to {high[i]:.0%} of resting (low to high flow curve)")


def show_seated_pair_in_living_people() -> None:
    """Print sliding at mid-thigh in the seated slider: measured in living people (Ellis et al. 2008) beside the
    model, and whether the model is inside the study's band."""
    (row,) = [r for r in validation.compare() if "Ellis" in r.source and "Ultrasound Med Biol" in r.source]
    print(f"Seated slider, sliding at mid-thigh: living people {row.published:.1f} mm "
          f"(band {row.band_low:.1f} to {row.band_high:.1f} mm); model {row.model:.1f} mm")
    print("inside the band" if row.passed else "outside the band: a miss (lesson 07)")
