"""Lesson 03, hamstring or nerve: the code cells' helpers. Structural differentiation in the straight-leg raise
and the slump: how much the hamstrings (% of length) and the nerve (% points of strain) change when one joint
moves, and how many degrees of the raise the foot takes off."""
from __future__ import annotations

import textwrap

import matplotlib
import numpy as np

import neurodynamics as nd
from neurodynamics.model.mechanics import default_model
from neurodynamics.interface import explorers, static_figures, style
from neurodynamics.interface.lessons.lesson_00 import LESSON_FONTS, is_an_option, mark_choice

SLR = nd.Posture(hip_flexion=65)  # the patient's pull comes on here
SLUMP = explorers.PRESETS["slump sitting"][0]
FOOT_UP_DEG = 20
PATIENTS_DEGREES = 9  # Boland & Adams 2000: dorsiflexion took 9 degrees off the SLR at symptom onset, on average
TETHER = 10  # tether strength on the model's scale (1 = free nerve)
NO_CHANGE = 0.01  # % points: smaller reads as no change
# Which leg joints each muscle group crosses (anatomy): the calf muscles cross the ankle, the gastrocnemius the knee.
CROSSES = {"hamstrings": ("hip_flexion", "knee_flexion"), "calf muscles": ("knee_flexion", "ankle_dorsiflexion")}
CALF_OPTIONS = {"foot up": {"ankle_dorsiflexion": 25}, "look up": {"neck_flexion": -30},
                "bend the knee": {"knee_flexion": 30}, "more hip flexion": {"hip_flexion": 100}}


def lengthening(before: nd.Posture, after: nd.Posture, site: str) -> tuple[float, float]:
    """(hamstrings, nerve at `site`): % points of length added going from `before` to `after`."""
    return (nd.hamstring_stretch(after) - nd.hamstring_stretch(before),
            default_model().change_during(before, after, site, "strain"))


def two_tests() -> None:
    """Print hamstring stretch and nerve strain at mid-thigh (% since standing) in standing, the SLR and the slump."""
    for name, posture in (("standing", nd.Posture()), ("SLR 65°", SLR), ("slump", SLUMP)):
        print(f"{name:>9}: hamstrings {nd.hamstring_stretch(posture):5.1f} %   "
              f"nerve at mid-thigh {nd.solve(posture).strain('thigh'):4.1f} %")


def differentiate(before: nd.Posture, after: nd.Posture, sites=("thigh",)) -> None:
    """Print the lengthening (% points) of the hamstrings, then of the nerve at each site, from `before` to
    `after`."""
    print(f"{'hamstrings':>18}: {lengthening(before, after, 'thigh')[0]:+.2f} % points")
    for site in sites:
        print(f"{'nerve at ' + style.SITE_LABELS[site]:>18}: {lengthening(before, after, site)[1]:+.2f} % points")


def foot_up_in_the_slr(sites=("thigh",)) -> None:
    """Question 1 and case 1: the foot pulled up during the SLR at 65 degrees."""
    differentiate(SLR, SLR.replace(ankle_dorsiflexion=FOOT_UP_DEG), sites)


def thigh_slide_with_foot_up() -> float:
    """Sliding of the nerve at mid-thigh (mm, + toward the head) when the foot is pulled up during the SLR."""
    return default_model().change_during(SLR, SLR.replace(ankle_dorsiflexion=FOOT_UP_DEG), "thigh")


def calf_values() -> dict[str, dict[str, float | bool]]:
    """For each movement added to the slump: the nerve's change at the knee and the ankle (% points), and whether
    the hamstrings and the calf muscles change length (the model for the hamstrings, anatomy for the calf)."""
    values = {}
    for option, change in CALF_OPTIONS.items():
        after = SLUMP.replace(**change)
        values[option] = {"knee": lengthening(SLUMP, after, "knee")[1],
                          "ankle": lengthening(SLUMP, after, "ankle")[1],
                          "hamstrings": abs(lengthening(SLUMP, after, "knee")[0]) >= NO_CHANGE,
                          "calf muscles": any(getattr(after, joint) != getattr(SLUMP, joint)
                                              for joint in CROSSES["calf muscles"])}
    return values


def differentiates_calf(value: dict[str, float | bool]) -> bool:
    """True when a movement changes the nerve behind the knee or at the ankle and leaves the calf muscles alone."""
    return not value["calf muscles"] and max(abs(value["knee"]), abs(value["ankle"])) >= NO_CHANGE


def check_calf_differentiator(choice: str) -> None:
    """Decision 1: burning in the calf in the slump. Which added movement can tell the nerve from the calf
    muscles? Prints each option's changes and why."""
    values = calf_values()
    if not is_an_option(choice, values):
        return
    for option, value in values.items():
        print(f"{option:>17}: nerve behind the knee {value['knee']:+.2f}, at the ankle {value['ankle']:+.2f} "
              f"% points; calf muscles {'change' if value['calf muscles'] else 'same length'}"
              f"{mark_choice(option, choice)}")
    good = [option for option, value in values.items() if differentiates_calf(value)]
    if choice in good:
        verdict = "Right: the nerve changes and the calf muscles keep their length."
    else:
        verdict = f"Not a differentiating movement for a calf symptom: the calf muscles change too. Good: {good}."
    print(textwrap.fill(
        f"{verdict} The calf muscles cross the ankle (and the gastrocnemius the knee), so the foot or the knee "
        "cannot separate them from the nerve. Choose a movement at the other end of the tract from the "
        "symptom: the neck, or the hip (used in cadavers to tell the sural nerve from the Achilles tendon, "
        "Coppieters et al. 2015). Read how much each one changes the nerve at the calf in the model.", 100))


def onset_degrees(foot_up_deg: float = FOOT_UP_DEG) -> int:
    """Degrees of hip flexion that the foot held up takes off the SLR before the nerve at mid-thigh reaches its
    strain at SLR 70 degrees with the foot relaxed."""
    target = nd.solve(nd.Posture(hip_flexion=70)).strain("thigh")
    foot_up = nd.Posture(ankle_dorsiflexion=foot_up_deg)
    onset = next(hip for hip in range(71) if nd.solve(foot_up.replace(hip_flexion=hip)).strain("thigh") >= target)
    return 70 - onset


def check_onset(guess_deg: float | None) -> None:
    """Decision 2: how many degrees earlier in the raise does the foot held up reach the same thigh strain?"""
    if guess_deg is None or isinstance(guess_deg, bool) or not isinstance(guess_deg, (int, float)):
        print("Type your estimate in degrees (a number), then run this cell again.")
        return
    model = onset_degrees()
    compare = "fewer than" if model < PATIENTS_DEGREES else "more than" if model > PATIENTS_DEGREES else "as many as"
    print(f"the model: {model}° earlier, {compare} the {PATIENTS_DEGREES}° measured in patients "
          f"(Boland & Adams 2000); your estimate: {guess_deg}°")
    print("Close: within 2° of the model." if abs(guess_deg - model) <= 2 else
          "Compare your estimate with the model's, then open the explanation.")


def chin_tuck_in_the_slump() -> None:
    """Case 2: the chin tucked (neck 0 -> 50 degrees) in the slump; the changes, and a sentence comparing the
    change at mid-thigh with the change at the roots, worded from the numbers."""
    before = SLUMP.replace(neck_flexion=0)
    differentiate(before, SLUMP, sites=("root", "thigh"))
    roots, thigh = (lengthening(before, SLUMP, site)[1] for site in ("root", "thigh"))
    if thigh < NO_CHANGE:
        words = "the chin tuck hardly changes the nerve at mid-thigh"
    elif thigh < roots / 2:
        words = f"at mid-thigh the chin tuck changes the nerve {roots / thigh:.0f} times less than at the roots"
    else:
        words = "the chin tuck changes the nerve at mid-thigh about as much as at the roots, or more"
    print(f"In the model {words}.")


def look_up_in_the_slump() -> None:
    """Case 3: looking up (neck 50 -> -30 degrees) in the slump, legs still."""
    differentiate(SLUMP, SLUMP.replace(neck_flexion=-30), sites=("cervical_cord", "knee", "ankle"))


@matplotlib.rc_context(LESSON_FONTS)
def sweep_figure() -> static_figures.StaticFigure:
    """Lengthening (% points) added to an SLR of 60 or 70 degrees by the ankle (-30..30) or the neck (-40..60),
    for the nerve at mid-thigh and for the hamstrings."""
    sweeps = {"ankle_dorsiflexion": np.arange(-30, 31, 5), "neck_flexion": np.arange(-40, 61, 5)}
    fig = static_figures.new_figure((10, 4.6))
    fig.set_layout_engine("constrained")
    axes = fig.subplots(1, 2, sharey=True)
    for ax, (joint, angles) in zip(axes, sweeps.items()):
        for hip, colour in ((60, style.OKABE_ITO[4]), (70, style.OKABE_ITO[0])):
            base = nd.Posture(hip_flexion=hip)
            added = [lengthening(base, base.replace(**{joint: float(a)}), "thigh") for a in angles]
            ax.plot(angles, [n for _, n in added], color=colour, lw=2.5, label=f"nerve, mid-thigh, SLR {hip}°")
        ax.plot(angles, [m for m, _ in added], color=style.OKABE_ITO[1], lw=3, ls="--", label="hamstrings")
        ax.axvline(0, color="0.75", lw=1)
    axes[0].set(xlabel="ankle (deg, + = foot up)", ylabel="lengthening added to the SLR\n(% points)")
    axes[1].set(xlabel="neck (deg, + = chin down)")
    axes[0].legend(loc="upper left", fontsize=11)
    fig.suptitle("Foot up and chin down lengthen the nerve, never the hamstrings")
    return static_figures.StaticFigure(fig)


def tied_down_at_the_hip() -> None:
    """Print strain (%) and sliding (mm) at four sites in an SLR to 70 degrees, free and tied down at the hip."""
    slr70 = nd.Posture(hip_flexion=70)
    free, tied = nd.solve(slr70), nd.Model(entrapment={"hip": TETHER}).solve(slr70)
    for site in ("root", "hip", "thigh", "knee"):
        print(f"{style.SITE_LABELS[site]:>5}: strain {free.strain(site):5.2f} -> {tied.strain(site):5.2f} %   "
              f"sliding {free.excursion(site):+5.1f} -> {tied.excursion(site):+5.1f} mm   (free -> tied down)")


@matplotlib.rc_context(LESSON_FONTS)
def tether_difference_figure() -> static_figures.StaticFigure:
    """Strain along the tract minus a free nerve's (% points) in an SLR to 70 degrees, tied down at the hip."""
    slr70 = nd.Posture(hip_flexion=70)
    free = nd.solve(slr70).profile()
    fig = static_figures.new_figure((10, 4.8))
    fig.set_layout_engine("constrained")
    ax = fig.subplots()
    for strength, colour in ((TETHER, style.OKABE_ITO[0]), (50, style.OKABE_ITO[5])):
        tied = nd.Model(entrapment={"hip": strength}).solve(slr70).profile()
        ax.plot(free.arc_length_mm, tied.strain_pct - free.strain_pct, color=colour, lw=2.5,
                label=f"tied down at the hip, strength {strength}")
    ax.axhline(0, color="0.5", lw=1)
    static_figures.mark_sites(ax)
    for text in ax.texts:
        text.set_fontsize(11)
    ax.set(xlabel="distance along the tract from the skull (mm)", ylabel="strain minus a free nerve's\n(% points)")
    ax.set_title("Tied down at the hip: strain piles up on the spinal side", pad=40)
    ax.legend(loc="lower left", fontsize=11)
    return static_figures.StaticFigure(fig)
