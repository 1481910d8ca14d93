"""Lesson 05 (the two exercises): the computations behind its code cells and the checks of its decisions.

Strain in % beyond the length in neutral standing, sliding (excursion) in mm, time in s, angles in degrees. Words
that compare model numbers are chosen here from the numbers (pinned by tests/lessons/test_05_claims.py); the
clinical rules come from ``clinical`` with their sources.
"""
from __future__ import annotations

from IPython.display import Markdown

from ... import exercises
from ...model.design import posture_at
from ...model.dynamics import TimeSeries
from ...model.exercises import Program, hold
from ...model.mechanics import default_model
from ...model.posture import Posture
from .. import dose_text, static_figures
from ..style import SITE_LABELS
from . import clinical
from .lesson_04 import run, show_model_version, wrap  # noqa: F401 (show_model_version: for the lesson)

EXERCISES = {"exercise 1": exercises.supine_floss, "exercise 2": exercises.seated_floss}
TOP_SITES = ("conus", "root")
CHIN_TUCK_S = 4.0  # exercise 2 at 4 s: chin tucked, knee bent (the end of the first repetition)


def degrees(value: float) -> str:
    """An angle in whole degrees with its sign; zero (also -0.4) reads 0, never -0."""
    rounded = round(value)
    return "0" if rounded == 0 else f"{rounded:+d}"


def show_keyframes(exercise: str) -> None:
    """Print the first three key positions of exercise 1 or 2 (time in s, angles in degrees)."""
    program = EXERCISES[exercise]()
    for t, p in program.keyframes[:3]:
        other = (f"ankle {degrees(p.ankle_dorsiflexion)}° (+ = foot up)" if exercise == "exercise 1"
                 else f"ankle {degrees(p.ankle_dorsiflexion)}°, neck {degrees(p.neck_flexion)}° (+ = chin down)")
        print(f"t = {t:.0f} s: hip {p.hip_flexion:.0f}°, knee bent {p.knee_flexion:.0f}°, {other}")


def strain_ranking(exercise: str = "exercise 2", t_s: float = CHIN_TUCK_S,
                   sites: tuple[str, ...] = ("cervical_cord", "root", "thigh")) -> list[tuple[str, float]]:
    """(site, strain %) at time ``t_s`` of the exercise, most stretched first."""
    program = EXERCISES[exercise]()
    solution = default_model().movement(program.keyframes[0][1], posture_at(program, t_s))  # as simulate() does
    return sorted(((site, solution.strain(site)) for site in sites), key=lambda pair: -pair[1])


def show_strain_ranking() -> None:
    """Question 1: strain at three sites in exercise 2 with the chin tucked and the knee bent, most first."""
    ranking = strain_ranking()
    for site, strain in ranking:
        print(f"{SITE_LABELS[site]:>10}: {strain:4.1f} % longer than when standing")
    print(f"Most stretched at this moment: the {SITE_LABELS[ranking[0][0]]}.")


def both() -> dict[str, TimeSeries]:
    """Exercise 1 and exercise 2 as taught, simulated (10 repetitions of 4 s)."""
    return {name: run(make()) for name, make in EXERCISES.items()}


def sliding(site: str) -> tuple[float, float]:
    """Total sliding (mm) at ``site`` in exercise 1 and in exercise 2."""
    series = both()
    return tuple(series[name].summary()["sites"][site]["sliding_distance_mm"] for name in EXERCISES)


def peak(site: str) -> tuple[float, float]:
    """Peak strain (%) at ``site`` in exercise 1 and in exercise 2."""
    series = both()
    return tuple(series[name].summary()["sites"][site]["peak_strain_pct"] for name in EXERCISES)


def times(a: float, b: float) -> str:
    """How far exercise 2 (``b`` mm) slides the nerve compared with exercise 1 (``a`` mm), in words."""
    if a < 1.0:
        return "far further than exercise 1, which hardly moves it"
    ratio = b / a
    return "about as far as in exercise 1" if 0.9 <= ratio <= 1.1 else f"{ratio:.1f} times as far as in exercise 1"


def dose_sentences() -> list[str]:
    """Sentences comparing the two exercises' sliding and strain, worded from the numbers."""
    lines = []
    for site in ("cervical_cord", *TOP_SITES):
        one, two = sliding(site)
        lines.append(f"{SITE_LABELS[site]}: exercise 2 slides the nerve {times(one, two)}.")
    one, two = sliding("foot")
    lines.append(f"foot: exercise {'1' if one > two else '2'} slides the nerve further "
                 f"({max(one, two):.0f} against {min(one, two):.0f} mm).")
    for site in TOP_SITES:
        one, two = peak(site)
        word = "higher" if two > one else "lower"
        lines.append(f"{SITE_LABELS[site]}: peak strain {word} in exercise 2 by {abs(two - one):.1f} % points "
                     f"({two:.1f} against {one:.1f} %).")
    return lines


def show_dose_comparison() -> None:
    """Print total sliding and peak strain of both exercises along the tract, then what the numbers say."""
    print(dose_text.compare_doses(both(), sites=["cervical_cord", "conus", "root", "foot"],
                                  keys=("sliding_distance_mm", "peak_strain_pct")))
    print()
    print("\n".join(dose_sentences()))


def dose_bars_title() -> str:
    """The dose figure's title, worded from the numbers: where exercise 2 slides further, and the foot."""
    top = all(sliding(site)[1] > sliding(site)[0] for site in TOP_SITES)
    foot_one, foot_two = sliding("foot")
    first = ("Exercise 2 slides the top of the tract further" if top else
             "Exercise 2 does not slide the top of the tract further")
    return f"{first}; exercise {'1' if foot_one > foot_two else '2'} slides the foot further"


def plot_dose_bars() -> static_figures.StaticFigure:
    """Total sliding and peak strain at each site, exercise 1 against exercise 2."""
    series = both()
    return static_figures.dose_bars({"exercise 1 (lying on the back)": series["exercise 1"],
                                     "exercise 2 (sitting)": series["exercise 2"]}, title=dose_bars_title())


def peak_times(exercise: str, sites: tuple[str, ...], seconds: float = 4.0) -> dict[str, float]:
    """The time (s) of the highest strain at each site within the first repetition (``seconds``)."""
    series = both()[exercise]
    shown = series.t <= seconds + 1e-9
    return {site: float(series.t[shown][series.strain(site)[shown].argmax()]) for site in sites}


def plot_strain_over_time() -> static_figures.StaticFigure:
    """Strain at four sites through the first two repetitions of each exercise."""
    series = both()
    return static_figures.strain_over_time(
        {"exercise 1: lying on the back": series["exercise 1"], "exercise 2: sitting": series["exercise 2"]},
        ["cervical_cord", "conus", "thigh", "ankle"], seconds=8,
        title="Exercise 2 loads the two ends in turn; exercise 1 loads the whole leg at once")


FIRST_OPTIONS = ("exercise 1 in a smaller range", "a slider in a small range", "exercise 1 as taught, but slower",
                 "a gentle hold short of symptoms")


def first_programs() -> dict[str, Program]:
    """The four candidate first exercises of decision 1 (supine, 10 x 4 s unless said)."""
    smaller = exercises.supine_floss(knee_straight=40.0, foot_up=0.0)
    return {FIRST_OPTIONS[0]: smaller,
            FIRST_OPTIONS[1]: exercises.slider("supine", knee_from=80.0, knee_to=40.0),
            FIRST_OPTIONS[2]: exercises.supine_floss(period_s=8.0),
            FIRST_OPTIONS[3]: hold(Posture(hip_flexion=90.0, knee_flexion=40.0), smaller.duration_s)}


def first_numbers(site: str = "thigh") -> dict[str, tuple[float, float]]:
    """Peak strain (%) and total sliding (mm) at ``site`` for each candidate first exercise."""
    out = {}
    for option, program in first_programs().items():
        figures = run(program).summary()["sites"][site]
        out[option] = (figures["peak_strain_pct"], figures["sliding_distance_mm"])
    return out


def first_feedback(choice: str) -> str:
    """Decision 1: the first exercise for an irritable nerve. The model's peak strain and sliding at mid-thigh for
    every option, then the clinical reasoning (progression by irritability, with its sources)."""
    if choice not in FIRST_OPTIONS:
        return "Set my_choice to one of: " + "; ".join(repr(o) for o in FIRST_OPTIONS) + ". Then run the cell again."
    numbers = first_numbers()
    lines = [f"{option:>34}: peak strain at mid-thigh {strain:.1f} %, sliding {slide:.0f} mm"
             for option, (strain, slide) in numbers.items()]
    lowest = min(numbers, key=lambda o: numbers[o][0])
    most = max(numbers, key=lambda o: numbers[o][1])
    right = FIRST_OPTIONS[1]
    verdict = "Right." if choice == right else f"Not quite: start with {right!r}."
    found = (f"both the lowest peak strain at mid-thigh and the most sliding come with {lowest!r}" if lowest == most
             else f"the lowest peak strain at mid-thigh comes with {lowest!r} and the most sliding with {most!r}")
    lines.append(wrap(f"{verdict} In the model {found}. A slider gives nerve at one end while the other end takes it, "
                      "so the nerve moves with little load; a smaller tensioner still pulls both ends at once, a "
                      "slower tempo does not change where the joints go, and a hold loads without moving. "
                      "Clinically: an irritable nerve starts on a small slider (Butler 2000; Coppieters & Butler "
                      "2008), then progresses one step at a time."))
    return "\n".join(lines)


SYMPTOM_OPTIONS = ("carry on: tingling is expected", "switch to the seated slider now and finish the set",
                   "reduce: stop today, and next time a smaller slider with fewer repetitions",
                   "refer urgently: this is a red flag")


def symptom_feedback(choice: str) -> str:
    """Decision 2: tingling that spread to the toes and lingered 20 minutes, with normal strength and no screen
    sign. Feedback from the one symptom rule."""
    if choice not in SYMPTOM_OPTIONS:
        return "Set my_choice to one of: " + "; ".join(repr(o) for o in SYMPTOM_OPTIONS) + ". Then run the cell again."
    why = {SYMPTOM_OPTIONS[0]: "Only a tingle that eases within seconds of stopping is acceptable; this one "
                               "lingered and spread.",
           SYMPTOM_OPTIONS[1]: "Any exercise now adds load to a nerve that is already answering; a slider is "
                               "for next time, in a smaller range.",
           SYMPTOM_OPTIONS[2]: "Symptoms that linger after the set or spread mean the dose was too much today: "
                               "reduce range and repetitions, and check sensation, strength and reflexes.",
           SYMPTOM_OPTIONS[3]: "Urgent referral is for screen signs (saddle numbness, bladder or bowel change, "
                               "legs getting weaker, cord signs); lingering tingling alone calls for a smaller "
                               "dose, though worsening numbness or weakness would change that."}
    rule = clinical.SYMPTOM_RULE[1]
    verdict = "Right." if choice == SYMPTOM_OPTIONS[2] else "Not this one."
    return wrap(f"{verdict} {why[choice]}") + "\n" + wrap(f"The symptom rule: {rule.text.replace('**', '')} "
                                                          f"({rule.source})")


def show_seated_pair() -> None:
    """Print the seated slider against the seated tensioner (same knee movement, neck the other way)."""
    pair = {"slider": run(exercises.slider("seated")), "tensioner": run(exercises.tensioner("seated"))}
    print(dose_text.compare_doses(pair, sites=["conus", "root", "thigh"], keys=("sliding_distance_mm",
                                                                               "peak_strain_pct")))


def show_safety_screen() -> Markdown:
    """Display the safety screen before any neurodynamic exercise (with sources)."""
    return clinical.show_safety_screen()


def show_rule_and_progression() -> Markdown:
    """Display the one symptom rule, then progression from slider to tensioner by irritability (with sources)."""
    return Markdown(clinical.symptom_rule_markdown() + "\n\n**Progression by irritability:**\n"
                    + clinical.progression_markdown())
