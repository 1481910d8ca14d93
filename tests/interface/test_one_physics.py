"""One physics in what a student sees (Model v3, point 1): the explorer's readout and picture are the movement from
standing or from the pin, and a player frame is what simulate() gives at that time."""
import numpy as np
import pytest

import neurodynamics as nd
from neurodynamics.interface import explorers, player

PIN = nd.Posture(hip_flexion=90)


def test_pinned_readout_and_picture_are_the_movement_from_the_pin():
    explorer = explorers.PostureExplorer(PIN)
    explorer.pin()
    explorer.sliders["ankle_dorsiflexion"].value = 20
    now = PIN.replace(ankle_dorsiflexion=20.0)
    moved = nd.Model().movement(PIN, now)
    # the picture's tract line is the moved solution's strain profile
    x, y = explorer.plot.tract_line.get_data()
    assert np.allclose(np.interp(moved.profile().arc_length_mm, x, y), moved.profile().strain_pct, atol=1e-9)
    # the "change since pin" column is change_during(pin, now) at every site
    rows = explorer.readout.value.split("<tr>")[2:]  # one row per site, head to foot, after the header
    assert len(rows) == len(nd.SITES)
    for site, row in zip(nd.SITES, rows):
        expected = nd.Model().change_during(PIN, now, site, "strain")
        assert f"<td>{expected:+.1f}</td>" in row, (site, row)
    # and with the grip at work it differs from the frictionless answer where the pin is taut
    assert moved.excursion("knee") != nd.solve(now).excursion("knee")


def test_the_picture_is_a_function_of_the_pin_and_the_posture_not_of_the_path():
    one, two = explorers.PostureExplorer(PIN), explorers.PostureExplorer(PIN)
    for widget in (one, two):
        widget.pin()
    one.sliders["ankle_dorsiflexion"].value = 20
    for angle in (5, 25, -10, 20):
        two.sliders["ankle_dorsiflexion"].value = angle
    assert np.array_equal(one.plot.tract_line.get_ydata(), two.plot.tract_line.get_ydata())
    assert one.readout.value == two.readout.value


@pytest.mark.parametrize("seconds", [0.0, 3.0, 6.5])
def test_a_player_frame_is_the_simulated_sample_at_that_time(seconds):
    widget = player.ExercisePlayer()
    widget.show_time(seconds)
    series = nd.simulate(widget.program, dt=player.SIMULATION_DT_S, model=widget.model)
    index = int(round(seconds / series.dt))
    for site in ("conus", "hip", "thigh", "knee"):
        assert widget.solution.strain(site) == pytest.approx(series.strain(site)[index], abs=0.02), site
        assert widget.solution.excursion(site) == pytest.approx(series.excursion(site)[index], abs=0.05), site
