"""The exercise player: the picture follows the program through time, the designer builds the program, the dose
table follows the design, and errors are shown in the widget, never raised."""
import base64
import re

import ipywidgets as W
import numpy as np
import pytest

import neurodynamics as nd
from neurodynamics.interface import sentences
from neurodynamics.interface import player as pl
from neurodynamics.interface.explorer_base import ERROR_STYLE
from neurodynamics.model import design
from neurodynamics.model.dose import tract_extremes
from neurodynamics.model.posture import JOINTS
from widget_errors import break_solver, shows_error


@pytest.fixture(scope="module")
def player():
    return pl.ExercisePlayer()


def program_posture(program, t_s):
    return nd.Posture(**dict(zip(JOINTS, program.angles_at(np.array([t_s]))[0])))


def program_solution(program, t_s, model=None):
    """The model at ``t_s`` of ``program`` as a simulation has it: the movement from its first position."""
    return (model or nd.Model()).movement(program.keyframes[0][1], program_posture(program, t_s))


@pytest.mark.parametrize("t_s", [0.0, 1.3, 2.0, 5.5, 40.0])
def test_moving_the_time_slider_draws_the_model_at_the_programs_posture(player, t_s):
    player.set_design(design.SUPINE)
    player.playback.time.value = t_s
    posture = program_posture(player.program, t_s)
    expected = program_solution(player.program, t_s)
    assert player.solution.posture == posture
    assert np.allclose(player.plot.tract_line.get_ydata(), expected.profile().strain_pct)
    assert player.plot.bars[0].get_width() == pytest.approx(nd.hamstring_stretch(posture))
    marker_t, marker_strain = (values[0] for values in player.trace.marker.get_data())
    assert marker_t == pytest.approx(t_s) and marker_strain == pytest.approx(expected.strain("hip"))
    assert f"t = {t_s:.1f} s" in player.frame.value


def test_the_play_widget_drives_the_time_slider_and_back(player):
    player.set_design(design.SUPINE)
    assert isinstance(player.playback.play, W.Play) and player.playback.time.description.startswith("time (s)")
    assert player.playback.play.max * pl.FRAME_S == pytest.approx(player.program.duration_s)
    player.playback.play.value = 25
    assert player.playback.time.value == pytest.approx(2.5)
    assert np.allclose(player.plot.tract_line.get_ydata(),
                       program_solution(player.program, 2.5).profile().strain_pct)
    player.playback.time.value = 7.0
    assert player.playback.play.value == 70


def test_at_the_end_of_a_half_repetition_exercise_1_shows_its_taught_end_position(player):
    player.set_design(design.SUPINE)
    player.show_time(2.0)  # 4 s per repetition: the leg is straight, the foot up, after 2 s
    assert player.solution.posture == nd.exercises.supine_floss().keyframes[1][1]


def test_changing_the_design_changes_the_programs_keyframes(player):
    player.set_design(design.SUPINE)
    player.design_controls.knee_range.value = (0, 90)
    player.design_controls.ankle_range.value = (-30, 25)
    bent, straight = player.program.keyframes[0][1], player.program.keyframes[1][1]
    assert (bent.knee_flexion, straight.knee_flexion) == (90, 0)
    assert (bent.ankle_dorsiflexion, straight.ankle_dorsiflexion) == (-30, 25)
    player.design_controls.tempo.value = 6.0
    player.design_controls.reps.value = 3
    assert player.program.cycles == 3 and player.program.duration_s == 18
    assert player.playback.time.max == pytest.approx(18) and player.playback.play.max == 180


def test_choosing_exercise_2_gives_the_taught_seated_floss_and_its_controls():
    widget = pl.ExercisePlayer()
    widget.design_controls.setup.value = design.SEATED
    assert widget.program.keyframes == nd.exercises.seated_floss().keyframes
    assert widget.design_controls.neck_range.layout.display is None and widget.design_controls.ankle_range.layout.display == "none"
    widget.design_controls.neck_range.value = (-20, 10)
    assert (widget.program.keyframes[0][1].neck_flexion, widget.program.keyframes[1][1].neck_flexion) == (10, -20)


def test_a_sustained_stretch_is_a_hold_of_the_chosen_angle_and_duration():
    widget = pl.ExercisePlayer(setup=design.HOLD)
    widget.design_controls.hold_hip.value = 60
    widget.design_controls.hold_seconds.value = 120
    assert widget.program.duration_s == 120 and widget.program.keyframes[-1][1] == nd.Posture(hip_flexion=60)
    assert widget.design_controls.tempo.layout.display == "none"
    assert "relaxation" in widget.dose.value and "120 s" in widget.dose.value


def test_the_dose_table_follows_the_design(player):
    player.set_design(design.SUPINE, knee_deg=(20, 70), ankle_deg=(-20, 15), tempo_s=4.0, reps=10)
    taught = nd.simulate(nd.exercises.supine_floss(), dt=pl.SIMULATION_DT_S).summary()["sites"]["hip"]
    assert "as taught: supine floss, 40 s" in player.dose.value and "your supine floss, 40 s" in player.dose.value
    assert f"<td>{taught['sliding_distance_mm']:.0f}</td>" in player.dose.value
    player.design_controls.reps.value = 20
    assert "your supine floss, 80 s" in player.dose.value
    doubled = nd.simulate(nd.exercises.supine_floss(reps=20), dt=pl.SIMULATION_DT_S).summary()["sites"]["hip"]
    assert f"<td>{doubled['sliding_distance_mm']:.0f}</td>" in player.dose.value
    player.site.value = "conus"
    assert "Dose at the conus" in player.dose.value
    player.site.value = "hip"


def test_a_smaller_slower_design_has_a_smaller_peak_strain_in_the_table():
    widget = pl.ExercisePlayer()
    before = tract_extremes(widget.series.summary()["sites"])["peak_strain_pct"][0]
    widget.set_design(knee_deg=(50, 80), ankle_deg=(-20, 0), tempo_s=8.0)
    after = tract_extremes(widget.series.summary()["sites"])["peak_strain_pct"][0]
    assert after < before - 0.5
    assert f"highest strain {after:.1f} %" in widget.dose.value


def test_errors_are_shown_not_raised(monkeypatch):
    widget = pl.ExercisePlayer()
    widget.playback.time.value = 1.0
    picture = widget.plot.tract_line.get_ydata().copy()
    break_solver(monkeypatch, widget.model)
    widget.playback.time.value = 3.0  # no exception escapes the callback
    assert shows_error(widget)
    assert np.array_equal(widget.plot.tract_line.get_ydata(), picture), "the last picture stays"
    monkeypatch.undo()
    monkeypatch.setattr(pl, "simulate", lambda *a, **k: (_ for _ in ()).throw(ValueError("bad program (test)")))
    dose = widget.dose.value
    widget.design_controls.reps.value = 12
    assert "bad program (test)" in widget.status.value and widget.dose.value == dose
    monkeypatch.undo()
    widget.design_controls.reps.value = 11
    assert ERROR_STYLE not in widget.status.value and widget.program.cycles == 11


def test_a_tethered_model_is_used_for_every_frame():
    tethered = nd.Model(entrapment={"knee": 10})
    widget = pl.ExercisePlayer(model=tethered)
    widget.show_time(2.0)
    expected = program_solution(widget.program, 2.0, tethered).profile().strain_pct
    assert np.allclose(widget.plot.tract_line.get_ydata(), expected)
    assert not np.allclose(expected, nd.solve(nd.exercises.supine_floss().keyframes[1][1]).profile().strain_pct)


def test_display_bundle_has_the_live_widget_and_one_picture_of_both_figures(player):
    bundle, metadata = player._repr_mimebundle_()
    assert metadata["image/png"]["alt"].startswith("Exercise player") and player.sentence_text in \
        metadata["image/png"]["alt"]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(b"\x89PNG")
    height = int.from_bytes(png[20:24], "big")
    assert height == pytest.approx(player.figure.bbox.height + player.trace.figure.bbox.height, abs=2)


def test_the_strain_trace_is_readable(player):
    from matplotlib.text import Text

    player.trace.figure.canvas.draw()  # ticks are made at draw time
    sizes = [t.get_fontsize() for t in player.trace.figure.findobj(Text) if t.get_text() and t.get_visible()]
    assert min(sizes) >= 11
    assert player.trace.ax.get_xlabel() == "time (s)" and player.trace.ax.get_ylabel() == "strain (%)"


def test_the_sentence_under_the_player_says_the_frame_shown():
    widget = pl.ExercisePlayer()
    assert widget.widget.children[-1] is widget.sentence and 'aria-live="polite"' in widget.sentence.value
    widget.show_time(2.0)
    posture = program_posture(widget.program, 2.0)
    solution = program_solution(widget.program, 2.0)
    text = widget.sentence_text
    assert text.startswith(f"At 2.0 s (repetition 1 of {widget.program.cycles}), hip {posture.hip_flexion:.0f}°")
    where = "slack" if solution.slack("hip") else sentences.flow_words(solution.strain("hip"))
    assert text.endswith(f"strain at the hip {solution.strain('hip'):.1f} %, {where}.")
    widget.show_time(4.0)
    assert widget.sentence_text != text


def live_regions(widget):
    """The HTML widgets under ``widget`` that a screen reader reads out when they change (aria-live or status)."""
    found = [widget] if isinstance(widget, W.HTML) and re.search(r'aria-live=|role="(status|alert)"',
                                                                 widget.value) else []
    for child in getattr(widget, "children", ()):
        found += live_regions(child)
    return found


def test_each_frame_is_announced_once():
    widget = pl.ExercisePlayer()
    widget.show_time(1.0)
    before = {id(region): region.value for region in live_regions(widget.widget)}
    widget.show_time(2.0)
    changed = [region for region in live_regions(widget.widget) if before.get(id(region)) != region.value]
    assert changed == [widget.sentence], "one live region says each new frame"
    assert 'aria-hidden="true"' in widget.frame.value and "t = 2.0 s" in widget.frame.value


@pytest.mark.parametrize("setup", design.SETUPS)
def test_a_frame_shows_what_the_simulation_gives_at_that_moment(setup):
    """One physics: the frame at time t is the sample of ``nd.simulate`` at t (a program's instant is the movement
    from its first position), for each exercise."""
    widget = pl.ExercisePlayer(setup)
    series = nd.simulate(widget.program, dt=pl.SIMULATION_DT_S)
    for index in np.linspace(0, len(series.t) - 1, 7).astype(int):
        t = round(float(series.t[index]), 1)
        index = int(np.argmin(abs(series.t - t)))
        widget.show_time(t)
        for site in ("hip", "knee", "ankle"):
            assert widget.solution.strain(site) == pytest.approx(series.strain(site)[index], abs=0.02), (t, site)
        assert widget.solution.excursion("thigh") == pytest.approx(series.excursion("thigh")[index], abs=0.05)


@pytest.mark.parametrize("design_change, control, shown", [
    ({"reps": 0}, "repetitions", "0"), ({"tempo_s": -1}, "seconds per repetition", "-1"),
    ({"knee_deg": (200, 300)}, "knee range", "(200, 300)"), ({"knee_deg": (80, 20)}, "knee range", "(80, 20)"),
    ({"hold_s": -5}, "hold duration", "-5"), ({"reps": 2.5}, "repetitions", "2.5"),
    ({"tempo_s": float("nan")}, "seconds per repetition", "nan"), ({"reps": True}, "repetitions", "True"),
])
def test_a_design_value_a_control_cannot_take_is_refused_by_name_never_clamped(design_change, control, shown):
    widget = pl.ExercisePlayer()
    before = widget.design
    with pytest.raises((ValueError, TypeError)) as error:
        widget.set_design(**design_change)
    message = str(error.value)
    assert control in message and shown in message and " to " in message, message
    assert widget.design == before, "nothing changed"


@pytest.mark.parametrize("t_s", [float("nan"), float("inf"), -1.0, 1e9, "2"])
def test_show_time_refuses_a_moment_outside_the_program_by_name(t_s):
    widget = pl.ExercisePlayer()
    with pytest.raises((ValueError, TypeError), match=r"time \(s\).* to "):
        widget.show_time(t_s)


@pytest.mark.parametrize("arguments, name", [({"setup": "slr"}, "setup"), ({"model": "x"}, "model"),
                                             ({"site": "elbow"}, "site"), ({"presenter": "yes"}, "presenter")])
def test_the_player_refuses_bad_arguments_by_name(arguments, name):
    with pytest.raises((ValueError, TypeError), match=name):
        pl.ExercisePlayer(**arguments)
