"""Pin and compare, the hamstring-or-nerve bars, the tether drawn where it is, lying bodies that fill their panel,
and one strain on every chart (flat blood-flow lines, slack kept on the chart and called slack)."""
import ipywidgets as W
import numpy as np
import pytest

import neurodynamics as nd
from neurodynamics.interface import body, explorers, live, sentences
from neurodynamics.interface import player as pl
from neurodynamics.interface.style import SITE_LABELS
from neurodynamics.model import physiology
from neurodynamics.model.mechanics import FIXED
from widget_errors import break_solver, shows_error

HALF, NONE = nd.model.parameters.HALF_FLOW_STRAIN.value, nd.model.parameters.NO_FLOW_STRAIN.value


@pytest.fixture()
def explorer():
    return explorers.PostureExplorer()


def most_changed(before, after):
    return max(nd.SITES, key=lambda site: abs(after.strain(site) - before.strain(site)))


def test_the_pin_is_a_keyboard_button_named_pin(explorer):
    assert isinstance(explorer.pin_button, (W.ToggleButton, W.Button)) and not explorer.pin_button.disabled
    assert explorer.pin_button.description.startswith("pin")
    assert explorer.pin_button in shown_widgets(explorer.widget), "the pin is on show"


def shown_widgets(widget):
    """Every widget inside ``widget`` (boxes opened), itself included."""
    return [widget] + [inner for child in getattr(widget, "children", ()) for inner in shown_widgets(child)]


def test_differentiation_in_one_click_pin_slr_then_dorsiflex(explorer):
    """Pin SLR 60, add 20 degrees of dorsiflexion: the nerve bar moves and names its site, the hamstring stays 0."""
    slr = nd.Posture(hip_flexion=60)
    explorer.set_posture(slr)
    explorer.pin_button.value = True
    assert [bar.get_width() for bar in explorer.plot.bars] == pytest.approx([0.0, 0.0], abs=1e-9)
    explorer.sliders["ankle_dorsiflexion"].value = 20
    model = nd.Model()  # one physics: the movement from the pin, measured against the pin
    before, after = model.solve(slr), model.movement(slr, slr.replace(ankle_dorsiflexion=20))
    site = most_changed(before, after)
    change = model.change_during(slr, slr.replace(ankle_dorsiflexion=20), site, "strain")
    hamstring_bar, nerve_bar = explorer.plot.bars
    assert hamstring_bar.get_width() == pytest.approx(0.0, abs=1e-9), "the ankle does not move the hamstring"
    assert abs(nerve_bar.get_width()) > 0.5 and nerve_bar.get_width() == pytest.approx(change)
    assert explorer.plot.bar_labels[1].get_text() == f"{change:+.1f} at the {SITE_LABELS[site]}"
    assert explorer.plot.bar_labels[0].get_text() == "+0.0"
    assert explorer.sentence_text.endswith(f"Since the pin: nerve {change:+.1f} points at the {SITE_LABELS[site]}, "
                                           "hamstring +0.0 points.")
    assert "change since<br>pin (% points)" in explorer.readout.value and f"<td>{change:+.1f}</td>" in explorer.readout.value
    assert explorer.plot.bars_ax.get_xlabel().startswith("change since the pin")


def test_the_pinned_posture_stays_faint_on_the_body_and_the_tract(explorer):
    slr = nd.Posture(hip_flexion=60)
    explorer.set_posture(slr)
    explorer.pin()
    explorer.sliders["hip_flexion"].value = 20
    assert np.allclose(explorer.plot.reference_tract.get_ydata(), nd.solve(slr).profile().strain_pct)
    assert not np.allclose(explorer.plot.tract_line.get_ydata(), explorer.plot.reference_tract.get_ydata())
    x, y = explorer.plot.reference_body.get_data()
    assert np.allclose([x[3], y[3]], body.joints(slr)["knee"]), "the faint body keeps the pinned knee"
    assert explorer.plot.reference_body.get_alpha() < 1 and explorer.plot.reference_tract.get_alpha() < 1
    explorer.pin(False)
    assert len(explorer.plot.reference_tract.get_xdata()) == 0 and len(explorer.plot.reference_body.get_xdata()) == 0
    assert "since pin" not in explorer.readout.value and "Since the pin" not in explorer.sentence_text
    assert explorer.plot.bars_ax.get_xlabel().startswith("change since standing")


def test_a_failing_pin_shows_a_message_and_raises_nothing(explorer, monkeypatch):
    break_solver(monkeypatch, explorer.model)
    explorer.pin_button.value = True
    assert shows_error(explorer)


def test_one_point_of_change_is_at_least_ten_pixels_on_the_bars(explorer):
    transform = explorer.plot.bars_ax.transData
    assert transform.transform((1.0, 0.0))[0] - transform.transform((0.0, 0.0))[0] >= 10.0


def test_the_tether_is_drawn_on_the_body_and_the_tract_and_said_in_words(explorer):
    assert FIXED in [value for _, value in explorer.tether_strength.options]
    assert any(label == "fixed to the bed" for label, value in explorer.tether_strength.options if value == FIXED)
    assert explorer.tether_text.value and "slides freely" in explorer.tether_text.value
    explorer.apply_preset("straight-leg raise")
    explorer.tether_site.value = "thigh"
    explorer.tether_strength.value = FIXED
    assert explorer.model.entrapment == {"thigh": FIXED}
    (start, end), = explorer.model.grid.clamps
    spans = [patch for patch in explorer.plot.tract_ax.patches
             if patch.get_x() == pytest.approx(start) and patch.get_width() == pytest.approx(end - start)]
    assert len(spans) == 1, "a clamp on the tract plot over the tethered stretch"
    x, y = explorer.plot.body_clamp.get_data()
    drawn = np.column_stack([x, y])[~np.isnan(x)]
    expected = explorer.plot._placed(body.nerve_path(explorer.posture, np.array([start, end])))
    assert np.allclose(drawn[[0, -1]], expected), "a clamp on the body's nerve, where the tether is"
    assert "thigh" in explorer.tether_text.value and "fixed to the bed" in explorer.tether_text.value
    explorer.tether_site.value = "none"
    assert len(explorer.plot.body_clamp.get_xdata()) == 0
    assert not [patch for patch in explorer.plot.tract_ax.patches if patch.get_width() == pytest.approx(end - start)]


@pytest.mark.parametrize("name", list(explorers.PRESETS))
def test_each_preset_body_fills_its_panel(explorer, name):
    explorer.apply_preset(name)
    x, y = explorer.plot.body_line.get_data()
    centre, radius = explorer.plot.head.center, explorer.plot.head.radius
    xs, ys = np.r_[x, centre[0] - radius, centre[0] + radius], np.r_[y, centre[1] - radius, centre[1] + radius]
    (x0, x1), (y0, y1) = explorer.plot.body_ax.get_xlim(), explorer.plot.body_ax.get_ylim()
    assert x0 < xs.min() and xs.max() < x1 and y0 < ys.min() and ys.max() < y1, "all of the body is in view"
    assert max((xs.max() - xs.min()) / (x1 - x0), (ys.max() - ys.min()) / (y1 - y0)) >= 0.75


def test_lying_exercises_are_drawn_lying():
    widget = pl.ExercisePlayer()
    widget.show_time(2.0)
    x, y = widget.plot.body_line.get_data()
    assert widget.plot.lying and x[0] < x[2] and abs(y[0] - y[2]) < 0.05, "head to the left of the hip, level"


def test_flow_lines_are_flat_with_the_estimate_shaded(explorer):
    ax = explorer.plot.tract_ax
    flat = {float(line.get_ydata()[0]) for line in ax.lines
            if len(set(np.atleast_1d(line.get_ydata()))) == 1 and line.get_linestyle() in ("--", ":")}
    assert flat == {HALF, NONE}
    low = physiology.full_flow_strain_pct("low")  # the earliest plausible start of the fall
    shaded = [patch for patch in ax.patches if patch.get_height() == pytest.approx(HALF - low)]
    assert len(shaded) == 1 and shaded[0].get_y() == pytest.approx(low)
    assert any("estimate" in text.get_text() for text in ax.texts)
    trace = pl.ExercisePlayer().trace.ax
    assert any(list(line.get_ydata()) == [HALF, HALF] for line in trace.lines), "the player's line is flat at 8 %"


def test_a_bent_knee_stays_on_the_chart_and_reads_slack(explorer):
    explorer.set_posture(nd.Posture(knee_flexion=90))
    solution = nd.solve(nd.Posture(knee_flexion=90))
    low, high = explorer.plot.tract_ax.get_ylim()
    assert low < solution.profile().strain_pct.min() and low <= np.min(explorer.model.slack_point_pct())
    assert high > NONE
    slack = [site for site in nd.SITES if solution.slack(site)]
    assert slack, "some site is slack with the knee bent"
    for site in slack:
        assert f"<td>{SITE_LABELS[site]}</td><td>{solution.strain(site):.1f} slack</td>" in explorer.readout.value
        assert sentences.site_words(solution, site).endswith(", slack")


def test_tying_the_nerve_down_after_a_pin_measures_movements_of_the_tied_nerve_from_the_pin(explorer):
    """Pin a straight-leg raise, then tie the nerve down: the pinned posture is now the tied nerve's (no change at
    the pin itself), and dorsiflexing shows the tied nerve's movement from the pin (``change_during``)."""
    slr, end = nd.Posture(hip_flexion=60), nd.Posture(hip_flexion=60, ankle_dorsiflexion=20)
    explorer.set_posture(slr)
    explorer.pin()
    explorer.tether_site.value = "thigh"
    assert [bar.get_width() for bar in explorer.plot.bars] == pytest.approx([0.0, 0.0], abs=1e-9)
    explorer.sliders["ankle_dorsiflexion"].value = 20
    tied = nd.Model(entrapment={"thigh": explorer.tether_strength.value})
    site = most_changed(tied.solve(slr), tied.movement(slr, end))
    hamstring_bar, nerve_bar = explorer.plot.bars
    assert hamstring_bar.get_width() == 0.0
    assert nerve_bar.get_width() == pytest.approx(tied.change_during(slr, end, site, "strain"))
    assert abs(nerve_bar.get_width()) > 0.5


@pytest.mark.parametrize("start", [nd.Posture(hip_flexion=70), nd.Posture(hip_flexion=40, knee_flexion=30)])
def test_pinned_readouts_are_the_movement_from_the_pin(explorer, start):
    """One physics: while pinned, the readout and the bars are the movement from the pinned posture
    (``Model.change_during``), the same numbers the validation uses; the note beside the pin says so."""
    end = start.replace(ankle_dorsiflexion=25, neck_flexion=40)
    explorer.set_posture(start)
    explorer.pin()
    assert "movement from the pinned posture" in explorer.pin_note.value
    explorer.set_posture(end)
    model = nd.Model()
    moved = model.movement(start, end)
    site = most_changed(model.solve(start), moved)
    assert explorer.plot.bars[1].get_width() == pytest.approx(model.change_during(start, end, site, "strain"))
    assert f"{moved.excursion('thigh'):+.1f}" in explorer.readout.value
    assert f"{model.change_during(start, end, 'ankle', 'strain'):+.1f}" in explorer.readout.value
    explorer.pin(False)
    assert explorer.pin_note.value == ""
    assert np.allclose(explorer.plot.tract_line.get_ydata(), model.solve(end).profile().strain_pct)


def test_a_pin_draws_in_full_once_then_moves_blit(explorer):
    canvas = explorer.figure.canvas
    sent, draws = live.open_view(canvas), []
    canvas.mpl_connect("draw_event", lambda event: draws.append(1))
    explorer.pin()
    assert len(draws) == 1, "the faint picture joins the background: one full draw"
    for value in (2, 4, 6):
        explorer.sliders["hip_flexion"].value = value
    assert len(draws) == 1 and len(sent) == 5 and not any(message["full"] for message, _ in sent[2:])


@pytest.mark.parametrize("presenter", [False, True])
def test_a_pin_and_a_tether_keep_the_figures_font_sizes(presenter):
    widget = explorers.PostureExplorer(presenter=presenter)
    sizes = (widget.plot.tract_ax.title.get_fontsize(), widget.plot.bars_ax.xaxis.label.get_fontsize())
    widget.pin()
    widget.tether_site.value = "knee"
    assert (widget.plot.tract_ax.title.get_fontsize(), widget.plot.bars_ax.xaxis.label.get_fontsize()) == sizes
    assert min(text.get_fontsize() for text in widget.plot.tract_ax.texts) >= 0.8 * sizes[0]
