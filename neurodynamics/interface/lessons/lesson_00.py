"""Lesson 00, start here: the code cells' helpers. The model's three answers (excursion in mm, strain in %,
tension in N) at the eight sites, two predict-then-check questions and two decisions the model checks."""
from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Mapping

import neurodynamics as nd
from neurodynamics.model.mechanics import default_model
from neurodynamics.interface import static_figures, style

SLR = nd.Posture(hip_flexion=70)  # the straight-leg raise of the lesson: hip flexed 70 degrees, knee straight
SLR_FOOT_UP = SLR.replace(ankle_dorsiflexion=20)
SLR_FOOT_UP_CHIN_DOWN = SLR_FOOT_UP.replace(neck_flexion=50)
TOP_OF_TRACT_OPTIONS = {"hip flexion": "hip_flexion", "ankle dorsiflexion": "ankle_dorsiflexion",
                        "neck flexion": "neck_flexion", "trunk flexion": "trunk_flexion"}
NO_CHANGE = 0.05  # a change smaller than this (% or % points) reads as none
LESSON_FONTS = {"font.size": 13}  # the lessons' own figures: readable on a projector (STYLE: >= 12 pt)


def is_an_option(choice: str, options: Iterable[str]) -> bool:
    """True if ``choice`` is one of ``options``; else print the options to choose from and return False."""
    options = list(options)
    if choice in options:
        return True
    print(f"Set your choice to one of {', '.join(map(repr, options))}, then run this cell again.")
    return False


def mark_choice(option: str, choice: str) -> str:
    """The marker after the student's own option in a printed list of options."""
    return "   <- your choice" if option == choice else ""


def explain_choice(choice: str, values: Mapping[str, float], unit: str, why: str,
                   best: Callable = max) -> None:
    """Print the model's value for each option, whether `choice` is the model's answer (`best` of the values),
    and why. A `choice` that is not an option gets the list of options instead. Returns None, so that a cell
    ending in a check shows no answer of its own."""
    if not is_an_option(choice, values):
        return
    top = best(values, key=values.get)
    for option, value in values.items():
        print(f"{option:>24}: {value:+7.2f} {unit}{mark_choice(option, choice)}")
    verdict = "Right." if choice == top else f"Not quite: the model's answer is {top!r}."
    print(textwrap.fill(f"{verdict} {why}", 100))


def three_answers(posture: nd.Posture = SLR) -> None:
    """Print strain (%), excursion (mm, + toward the head) and tension (N) at every site for `posture`."""
    solution = nd.solve(posture)
    for site in nd.SITES:
        print(f"{style.SITE_LABELS[site]:>10}: strain {solution.strain(site):5.1f} %   "
              f"excursion {solution.excursion(site):+6.1f} mm   tension {solution.tension(site):4.1f} N")


def strain_rise_with_foot_up() -> None:
    """Print how much strain rises at four sites when the foot is pulled up 20 degrees during the SLR."""
    rise = default_model().change_during  # the movement from the SLR: the nerve is taut there, its bed grips it
    for site in ("hip", "thigh", "ankle", "foot"):
        print(f"{site:>6}: strain rises by {rise(SLR, SLR_FOOT_UP, site, 'strain'):4.2f} % points")


def three_postures_figure():
    """Strain (%) along the whole tract for standing, the SLR, and the SLR with the foot up and the chin tucked."""
    return static_figures.strain_along_tract(
        [nd.Posture(), SLR, SLR_FOOT_UP_CHIN_DOWN],
        ["standing", "straight-leg raise 70°", "SLR 70° + foot up + chin tucked"],
        title="Each added movement loads more of the tract")


def hamstrings_with_foot_up() -> None:
    """Print the hamstring stretch (% of length since standing) in the SLR, without and with the foot pulled up."""
    print(f"hamstring stretch, SLR 70°:           {nd.hamstring_stretch(SLR):.1f} %")
    print(f"hamstring stretch, SLR 70° + foot up: {nd.hamstring_stretch(SLR_FOOT_UP):.1f} %")


def top_of_tract_values() -> dict[str, float]:
    """Strain (%) in the neck cord after a 30-degree movement of each joint from standing."""
    return {option: nd.solve(nd.Posture(**{field: 30})).strain("cervical_cord")
            for option, field in TOP_OF_TRACT_OPTIONS.items()}


def check_top_of_tract(choice: str) -> None:
    """Decision 1: which 30-degree movement from standing strains the neck cord most? The model answers."""
    explain_choice(choice, top_of_tract_values(), "% strain in the neck cord",
                   "Strain rises most next to the joint that moves. Neck flexion lengthens the bed of the cord "
                   "itself; the leg joints pull on the far end of a long tract, and little of that pull arrives. "
                   "Trunk flexion lengthens the spinal canal too, but lower down, around the end of the cord and "
                   "the roots.")


ROOT_OPTIONS = {"foot up": {"ankle_dorsiflexion": 20}, "chin tuck": {"neck_flexion": 40},
                "bend the trunk forward": {"trunk_flexion": 30}, "more hip flexion": {"hip_flexion": 80}}


def roots_not_hamstring_values() -> dict[str, tuple[float, float]]:
    """For each option added to the SLR at 70 degrees: (rise of strain at the roots, change of hamstring
    length), both in % points."""
    values = {}
    for option, change in ROOT_OPTIONS.items():
        after = SLR.replace(**change)
        values[option] = (default_model().change_during(SLR, after, "root", "strain"),
                          nd.hamstring_stretch(after) - nd.hamstring_stretch(SLR))
    return values


def roots_not_hamstring_answer() -> str:
    """The option that raises strain at the roots most while the hamstrings keep their length."""
    values = roots_not_hamstring_values()
    return max((o for o, (_, muscle) in values.items() if abs(muscle) < NO_CHANGE), key=lambda o: values[o][0])


def check_roots_not_hamstring(choice: str) -> None:
    """Decision 2: added to the SLR at 70 degrees, which movement tightens the nerve roots most and leaves the
    hamstrings' length alone? Prints both changes for every option, and why."""
    values = roots_not_hamstring_values()
    if not is_an_option(choice, values):
        return
    for option, (root, muscle) in values.items():
        print(f"{option:>24}: roots {root:+5.2f} % points, hamstrings {muscle:+5.2f} % points"
              f"{mark_choice(option, choice)}")
    answer = roots_not_hamstring_answer()
    verdict = "Right." if choice == answer else f"Not quite: the model's answer is {answer!r}."
    print(textwrap.fill(
        f"{verdict} Strain rises most next to the joint that moves: bending the lower back lengthens the spinal "
        "canal where the roots lie. More hip flexion also pulls on the roots, but it lengthens the hamstrings "
        "too, so it cannot tell nerve from muscle. The foot and the neck leave the hamstrings alone, but they "
        "are far from the roots, and little of their pull arrives there.", 100))

