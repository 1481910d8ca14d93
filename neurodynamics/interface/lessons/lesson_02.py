"""Lesson 02, excursion and strain: the code cells' helpers. One joint moves at a time: sliding (mm, + toward the
head), strain (%) along the tract, the model beside published measurements, and the order of two movements."""
from __future__ import annotations

import matplotlib

import neurodynamics as nd
from neurodynamics.model.mechanics import default_model
from neurodynamics.evidence import citations, validation
from neurodynamics.interface import evidence_figures, static_figures, style
from neurodynamics.interface.lessons.lesson_00 import LESSON_FONTS, explain_choice
from neurodynamics.model import anatomy

#: The five single-joint movements of the lesson: (start, end, site nearest the moving joint).
MOVES: dict[str, tuple[nd.Posture, nd.Posture, str]] = {
    "hip flexion": (nd.Posture(), nd.Posture(hip_flexion=70), "hip"),
    "knee extension": (nd.Posture(knee_flexion=60), nd.Posture(), "knee"),
    "dorsiflexion": (nd.Posture(), nd.Posture(ankle_dorsiflexion=20), "ankle"),
    "neck flexion": (nd.Posture(), nd.Posture(neck_flexion=60), "cervical_cord"),
    "trunk flexion": (nd.Posture(), nd.Posture(trunk_flexion=40), "conus"),
}
MOVE_TITLES = {"hip flexion": "hip flexion\n0→70°", "knee extension": "knee extension\n60→0°",
               "dorsiflexion": "dorsiflexion\n0→20°", "neck flexion": "neck flexion\n0→60°",
               "trunk flexion": "trunk flexion\n0→40°"}
KNEE_OPTIONS = ("hip flexion", "knee extension", "dorsiflexion")
MEASURED_ROWS = ("R02", "R03", "R04", "R05", "R06")  # single movements measured at one site, calibration rows
ORDER_END = nd.Posture(hip_flexion=70, ankle_dorsiflexion=20)
HALFWAY_S = 3.0


def change(move: str, site: str, quantity: str = "excursion") -> float:
    """Change of `quantity` ("excursion" in mm or "strain" in % points) at `site` during one of the five moves."""
    start, end, _ = MOVES[move]
    return default_model().change_during(start, end, site, quantity)


def sliding_with_knee_extension() -> None:
    """Print how far, and which way, the nerve slides at five sites when the knee straightens from 60 degrees."""
    for site in ("hip", "thigh", "knee", "ankle", "foot"):
        slide = change("knee extension", site)
        way = "toward the head" if slide > 0.05 else "toward the feet" if slide < -0.05 else "hardly at all"
        print(f"{site:>6}: slides {slide:+5.1f} mm  ({way})")


def conus_values() -> dict[str, float]:
    """Sliding of the end of the spinal cord (mm, + toward the head) in each of the five moves."""
    return {move: change(move, "conus") for move in MOVES}


def check_conus_mover(choice: str) -> None:
    """Decision 1: which single movement pulls the end of the spinal cord farthest toward the head?"""
    values = conus_values()
    headward = [move for move, value in values.items() if value > 0]
    why = ("Each movement draws the nerve toward itself. Neck flexion lengthens the canal above the cord, so the "
           "whole cord, its end included, is drawn up toward the head. The leg movements pull on the roots from "
           "below and draw the end of the cord toward the feet. ")
    why += ("Bending the trunk lengthens the canal around the end of the cord itself, pulling it from both sides, "
            "so it moves little." if "trunk flexion" not in headward else
            "Bending the trunk lengthens the canal around the end of the cord and here moves it toward the head too.")
    explain_choice(choice, values, "mm (+ toward the head)", why)


def hip_flexion_strain_rise() -> None:
    """Print the strain rise (% points) at five sites when the hip flexes from 0 to 70 degrees, knee straight."""
    for site in ("hip", "thigh", "knee", "ankle", "foot"):
        print(f"{site:>6}: strain {change('hip flexion', site, 'strain'):+4.1f} % points")


@matplotlib.rc_context(LESSON_FONTS)
def five_movements_figure() -> static_figures.StaticFigure:
    """Strain change (% points, top) and sliding (mm, bottom) along the tract for the five single moves."""
    fig = static_figures.new_figure((10, 6.2))
    fig.set_layout_engine("constrained")
    axes = fig.subplots(2, 5, sharex=True)
    for move, (top, bottom) in zip(MOVES, axes.T):
        start, end, joint = MOVES[move]
        a, b = nd.solve(start).profile(), default_model().movement(start, end).profile()
        top.fill_between(a.arc_length_mm, b.strain_pct - a.strain_pct, color=style.OKABE_ITO[0])
        bottom.fill_between(a.arc_length_mm, b.excursion_mm - a.excursion_mm, color=style.OKABE_ITO[5])
        for ax in (top, bottom):
            ax.axvline(anatomy.SITE_POSITIONS_MM[joint], color="0.2", linestyle=":", linewidth=1.5)
        top.set_title(MOVE_TITLES[move], fontsize=13)
    axes[0, 0].set_ylabel("strain change (% points)")
    axes[1, 0].set_ylabel("excursion (mm)\n+ = toward head")
    axes[1, 0].set_xticks([0, 800, 1600])
    fig.supxlabel("distance along the tract from the skull (mm)", fontsize=13)
    fig.suptitle("Strain rises most next to the moving joint, and the nerve slides toward it")
    return static_figures.StaticFigure(fig)


def knee_values() -> dict[str, float]:
    """Strain (%) at the knee at the end of each of three moves (what is left beyond the standing length)."""
    return {move: nd.solve(MOVES[move][1]).strain("knee") for move in KNEE_OPTIONS}


def check_knee_loader(choice: str) -> None:
    """Decision 2: which move leaves the nerve behind the knee most stretched beyond its standing length?"""
    explain_choice(choice, knee_values(), "% strain at the knee at the end",
                   "A bent knee shortens the bed behind it, and the nerve there lies slack. Straightening the knee "
                   "first takes up that slack and only brings the nerve back to its standing length; it stretches "
                   "the nerve beyond that only when other joints have already taken up length. Hip flexion pulls "
                   "on a nerve that is already taut, from the hip down past the knee.")


def slack_behind_a_bent_knee() -> None:
    """Print whether the nerve at the knee is slack with the knee bent 60 degrees, and its strain when straight."""
    for words, posture in (("knee bent 60°", nd.Posture(knee_flexion=60)), ("knee straight", nd.Posture())):
        solution = nd.solve(posture)
        state = "slack (wavy)" if solution.slack("knee") else f"taut, strain {solution.strain('knee'):.1f} %"
        print(f"{words}: the nerve behind the knee is {state}")


def measured_single_movements() -> None:
    """Print five published single-movement measurements (who, what, value and range) beside the model."""
    for row in validation.compare(row_ids=set(MEASURED_ROWS)):
        verdict = "inside" if row.passed else "outside"
        print(f"{citations.study_label(row.row_id)} [{row.subjects}]\n    {row.manoeuvre}; {row.site}: "
              f"{row.quantity}\n    published {row.published:g} {row.unit} (range {row.band_low:g} to "
              f"{row.band_high:g}), model {row.model:.1f} {row.unit}: {verdict} the range\n")


def in_vivo_figure():
    """Nerve sliding in living people and cadavers, each published spread beside the model's value."""
    return evidence_figures.in_vivo_figure()


def in_vivo_directions() -> None:
    """Print, for each sliding measurement, the published and the model's value, whether they go the same way and
    whether the model lands inside the published range."""
    for row in evidence_figures.in_vivo_rows(validation.compare()):
        if row.model_unit == "mm":
            same = (row.model > 0) == (row.published > 0)
            print(f"{citations.study_label(row.row_id):>22}: published {row.published:+6.2f} mm, model "
                  f"{row.model:+6.2f} mm, {'same direction' if same else 'opposite direction'}, "
                  f"{'inside' if row.passed else 'outside'} the range")


def order_programs() -> list[nd.TimeSeries]:
    """Two orders to the same end (hip 70, foot up 20): hip first, then ankle; and ankle first, then hip. Each
    movement takes 3 s; the end is held 2 s."""
    standing = nd.Posture()
    hip_first = nd.exercises.Program(((0, standing), (3, nd.Posture(hip_flexion=70)), (6, ORDER_END),
                                      (8, ORDER_END)), name="hip first, then ankle")
    ankle_first = nd.exercises.Program(((0, standing), (3, nd.Posture(ankle_dorsiflexion=20)), (6, ORDER_END),
                                        (8, ORDER_END)), name="ankle first, then hip")
    return [nd.simulate(program, dt=0.01) for program in (hip_first, ankle_first)]


def order_of_movements() -> None:
    """Print the ankle strain (%) halfway (3 s) and at the end for both orders."""
    for run in order_programs():
        halfway = int(round(HALFWAY_S / (run.t[1] - run.t[0])))
        ankle = run.strain("ankle")
        print(f"{run.program.name:>21}: ankle strain at 3 s {ankle[halfway]:5.2f} %, at the end {ankle[-1]:5.2f} %")
