"""The explorers: sliders drive the figure in place, presets, hamstring-or-nerve, errors shown, one figure."""
import base64
import subprocess
import sys
import textwrap

import matplotlib.figure
import numpy as np
import pytest

import neurodynamics as nd
from neurodynamics.interface import body, explorers
from neurodynamics.interface.style import SITE_LABELS
from neurodynamics.model.anatomy import SITE_POSITIONS_MM
from widget_errors import TROUBLE, break_solver, shows_error

SLIDER_NAMES = ("hip", "knee", "ankle", "neck", "trunk")


@pytest.fixture(scope="module")
def explorer():
    return explorers.PostureExplorer()


def move(explorer, **angles):
    for joint, value in angles.items():
        explorer.sliders[joint].value = value


def test_one_slider_per_joint_labelled_with_joint_unit_and_sign(explorer):
    for name, slider in zip(SLIDER_NAMES, explorer.sliders.values()):
        assert slider.description.startswith(name) and "deg" in slider.description and "+" in slider.description
        assert slider.step >= 1
    labelled = [s for s in explorer.sliders.values()] + [explorer.tether_strength]
    starts = [w.description.split()[0] for w in labelled]
    assert sorted(starts.count(name) for name in SLIDER_NAMES) == [1] * 5


def test_plotted_data_equal_the_model_after_slider_moves(explorer):
    move(explorer, hip_flexion=65, knee_flexion=10, ankle_dorsiflexion=15, neck_flexion=30, trunk_flexion=20)
    posture = nd.Posture(hip_flexion=65, knee_flexion=10, ankle_dorsiflexion=15, neck_flexion=30, trunk_flexion=20)
    solution = nd.solve(posture)
    assert explorer.posture == posture
    assert np.allclose(explorer.plot.tract_line.get_ydata(), solution.profile().strain_pct)
    joints = body.joints(posture)
    x, y = explorer.plot.body_line.get_data()
    assert np.allclose([x[2], y[2]], joints["hip"]) and np.allclose([x[3], y[3]], joints["knee"])
    hamstring_bar, nerve_bar = explorer.plot.bars  # nothing pinned: change since standing (strain 0 there)
    assert hamstring_bar.get_width() == pytest.approx(nd.hamstring_stretch(posture))
    site = max(nd.SITES, key=lambda name: abs(solution.strain(name)))
    assert nerve_bar.get_width() == pytest.approx(solution.strain(site))
    assert explorer.plot.bar_labels[1].get_text().endswith(f" at the {SITE_LABELS[site]}")
    assert f"{solution.strain('hip'):.1f}" in explorer.readout.value
    assert f"{solution.excursion('thigh'):+.1f}" in explorer.readout.value


def test_tension_view_plots_the_model_tension(explorer):
    explorer.quantity.value = "tension"
    try:
        assert np.allclose(explorer.plot.tract_line.get_ydata(), nd.solve(explorer.posture).profile().tension_n)
        assert explorer.plot.tract_ax.get_ylabel() == "tension (N)"
    finally:
        explorer.quantity.value = "strain"


@pytest.mark.parametrize("name", list(explorers.PRESETS))
def test_presets_set_their_documented_angles(explorer, name):
    explorer.apply_preset(name)
    assert explorer.posture == explorers.PRESETS[name][0]
    assert np.allclose(explorer.plot.tract_line.get_ydata(), nd.solve(explorer.posture).profile().strain_pct)


def test_preset_buttons_click(explorer):
    button = next(b for b in explorer.preset_buttons if b.description == "slump sitting")
    button.click()
    assert explorer.posture == explorers.PRESETS["slump sitting"][0]


def test_moving_only_the_ankle_changes_the_nerve_bar_not_the_hamstring_bar(explorer):
    explorer.apply_preset("straight-leg raise")
    before = [bar.get_width() for bar in explorer.plot.bars]
    move(explorer, ankle_dorsiflexion=25)
    after = [bar.get_width() for bar in explorer.plot.bars]
    assert after[0] == before[0], "hamstring length does not cross the ankle"
    assert after[1] != pytest.approx(before[1], abs=0.05), "the nerve is pulled by the ankle"


def test_no_figure_is_created_by_fifty_slider_moves(explorer, monkeypatch):
    created = []
    original = matplotlib.figure.Figure.__init__
    monkeypatch.setattr(matplotlib.figure.Figure, "__init__",
                        lambda self, *a, **k: (created.append(1), original(self, *a, **k))[1])
    figure = explorer.figure
    rng = np.random.default_rng(3)
    for _ in range(50):
        move(explorer, hip_flexion=int(rng.integers(-30, 131)))
    assert created == [] and explorer.figure is figure


def test_a_failing_update_shows_a_message_and_keeps_the_last_picture(monkeypatch):
    explorer = explorers.PostureExplorer()
    move(explorer, hip_flexion=40)
    picture = explorer.plot.tract_line.get_ydata().copy()
    break_solver(monkeypatch, explorer.model)
    move(explorer, hip_flexion=80)
    assert shows_error(explorer)
    assert np.array_equal(explorer.plot.tract_line.get_ydata(), picture)
    monkeypatch.undo()
    move(explorer, hip_flexion=81)
    assert TROUBLE not in explorer.status.value


def test_an_unknown_preset_shows_a_message(explorer):
    explorer.apply_preset("handstand")
    assert "handstand" in explorer.status.value and "slump sitting" in explorer.status.value


def test_tether_raises_strain_beside_it(explorer):
    explorer.apply_preset("straight-leg raise")
    free = explorer.plot.tract_line.get_ydata().copy()
    explorer.tether_site.value = "thigh"
    try:
        tied = explorer.plot.tract_line.get_ydata()
        assert explorer.model.entrapment == {"thigh": explorer.tether_strength.value}
        near = np.abs(explorer.plot.tract_line.get_xdata() - SITE_POSITIONS_MM["thigh"]) <= 100
        assert tied[near].max() > free[near].max() + 0.05
    finally:
        explorer.tether_site.value = "none"


def test_display_bundle_has_live_widget_and_static_picture(explorer):
    bundle, metadata = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    alt = metadata["image/png"]["alt"]
    assert alt.startswith("Posture explorer") and alt.endswith(explorer.sentence_text) and explorer.sentence_text


HALF, NONE = nd.model.parameters.HALF_FLOW_STRAIN.value, nd.model.parameters.NO_FLOW_STRAIN.value


def against_lines(strain):
    """Where a strain (%) lies against the blood-flow lines, as the sentence should say it."""
    shown = round(strain, 1)
    if shown >= NONE:
        return f"at or above the {NONE:g} % line where blood flow nearly stops"
    return (f"at or above the {HALF:g} % line where blood flow halves" if shown >= HALF
            else f"below the {HALF:g} % line where blood flow halves")


def sentence_of(widget):
    """The sentence under an explorer: its text, after checking it sits in a polite live region."""
    html = widget.sentence.value
    assert 'aria-live="polite"' in html and html.count("<p ") == 1
    return widget.sentence_text


def test_the_sentence_under_the_explorer_says_the_models_numbers_for_each_posture():
    widget = explorers.PostureExplorer()
    children = list(widget.widget.children)
    assert children.index(widget.sentence) == children.index(widget.figure.canvas.picture) + 1, \
        "the sentence sits right under the figure"
    assert sentence_of(widget).startswith("Hip 0°, knee 0°: the nerve is nowhere stretched")
    posture = nd.Posture(hip_flexion=70)
    widget.set_posture(posture)
    solution = nd.solve(posture)
    site = max(nd.SITES, key=solution.strain)
    assert sentence_of(widget) == (f"Hip 70°, knee 0°: strain at the {SITE_LABELS[site]} "
                                   f"{solution.strain(site):.1f} %, {against_lines(solution.strain(site))}.")
    assert f"{solution.strain(site):.1f}" in widget.readout.value, "the same strain as the readout"
    move(widget, knee_flexion=30, ankle_dorsiflexion=10)
    bent = nd.solve(nd.Posture(hip_flexion=70, knee_flexion=30, ankle_dorsiflexion=10))
    site = max(nd.SITES, key=bent.strain)
    text = sentence_of(widget)
    assert text.startswith("Hip 70°, knee 30°, ankle +10°: ")
    assert f"strain at the {SITE_LABELS[site]} {bent.strain(site):.1f} %" in text
    widget.apply_preset("slump sitting")
    slump = nd.solve(explorers.PRESETS["slump sitting"][0])
    site = max(nd.SITES, key=slump.strain)
    assert f"{slump.strain(site):.1f} %, {against_lines(slump.strain(site))}." in sentence_of(widget)


def test_the_sentence_follows_the_tethered_model():
    widget = explorers.PostureExplorer(nd.Posture(hip_flexion=60))
    free = sentence_of(widget)
    widget.tether_site.value = "hip"
    tied = nd.Model(entrapment={"hip": widget.tether_strength.value}).solve(nd.Posture(hip_flexion=60))
    site = max(nd.SITES, key=tied.strain)
    assert sentence_of(widget) != free
    assert f"strain at the {SITE_LABELS[site]} {tied.strain(site):.1f} %" in sentence_of(widget)


def test_hold_vs_floss_says_its_dose_in_one_sentence():
    widget = explorers.HoldVsFloss()
    widget.hold_kind.value = "straight-leg raise"
    hold, floss = (nd.simulate(program, dt=0.05).summary()["sites"]["hip"] for program in widget.programs())
    text = sentence_of(widget)
    assert text.startswith("At the hip, the sustained stretch (40 s) strains the nerve up to "
                           f"{hold['peak_strain_pct']:.1f} %")
    assert f"up to {floss['peak_strain_pct']:.1f} %" in text and f"{hold['min_blood_flow']:.0%}" in text
    widget.hold_angle.value = 110
    assert sentence_of(widget) != text
    _, metadata = widget._repr_mimebundle_()
    assert metadata["image/png"]["alt"].startswith("Hold against floss") and sentence_of(widget) in \
        metadata["image/png"]["alt"]


def test_pictures_have_their_size_before_any_front_end_message():
    """The live picture (its element in the browser) has the figure's size when made: no 0 x 0 first frame."""
    for widget in (explorers.PostureExplorer(), explorers.HoldVsFloss()):
        canvas = widget.figure.canvas
        assert not canvas.viewed, "no front end has asked for a picture"
        assert (canvas.picture.width, canvas.picture.height) == pytest.approx(tuple(widget.figure.bbox.size), abs=1)
        assert canvas.picture.width > 0 and canvas.picture.height > 0


def test_presenter_size_is_bigger_with_bigger_fonts():
    normal, presenter = explorers.PostureExplorer(), explorers.PostureExplorer(presenter=True)
    assert presenter.figure.get_figwidth() > normal.figure.get_figwidth()
    assert presenter.plot.tract_ax.title.get_fontsize() > normal.plot.tract_ax.title.get_fontsize() >= 11


def test_live_canvas_blits_a_diff_image_per_move_in_plain_python():
    """In plain Python (no IPython, no kernel), each move sends one small diff picture, no full redraw."""
    script = textwrap.dedent("""
        from neurodynamics.interface import explorers
        e = explorers.PostureExplorer()
        canvas = e.figure.canvas
        sent, draws = [], []
        canvas.picture.send = lambda content, buffers=None: sent.append((content["full"], len(buffers[0])))
        canvas.receive({"type": "refresh"})  # a view opens: one whole picture
        canvas.mpl_connect("draw_event", lambda event: draws.append(1))
        for value in range(10, 60, 5):
            e.sliders["hip_flexion"].value = value
        print(len(sent), len(draws), sum(full for full, _ in sent[1:]), max(size for _, size in sent[1:]),
              sent[0][1])
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env={"PATH": ""})
    images, full_draws, whole_after_first, biggest, first = map(int, out.stdout.split())
    assert images == 11 and whole_after_first == 0, "one whole picture when the view opened, then diffs"
    assert biggest < first / 2, "a diff (what moved: body and tract) is under half the whole picture's bytes"
    assert full_draws <= 1, "at most one full draw: the body's panel widens once, to hold every posture"


def test_hold_vs_floss_compares_at_equal_peak_strain_by_default():
    """The default pair is the fair one: a hold at the floss's peak position, as long as the floss, reaching the
    same peak strain at the site (``equal_peak_hold``); moving the site keeps it so."""
    from neurodynamics.model.comparisons import equal_peak_hold

    widget = explorers.HoldVsFloss()
    hold, floss = widget.programs()
    assert hold == equal_peak_hold(floss, "hip") and hold.duration_s == floss.duration_s
    assert widget.hold_seconds.layout.display == "none", "the straight-leg raise's controls are hidden"
    peaks = [nd.simulate(program, dt=0.05).summary()["sites"]["hip"]["peak_strain_pct"] for program in (hold, floss)]
    assert peaks[0] == pytest.approx(peaks[1], abs=0.05)
    widget.site.value = "knee"
    assert widget.programs()[0] == equal_peak_hold(widget.programs()[1], "knee")


def test_hold_vs_floss_plots_both_programs_and_their_dose():
    widget = explorers.HoldVsFloss()
    widget.hold_kind.value = "straight-leg raise"
    assert widget.hold_seconds.layout.display is None
    hold, floss = widget.programs()
    assert hold.duration_s == 40 and floss.duration_s == 40
    hold_series = nd.simulate(hold, dt=0.05)
    assert np.allclose(widget.plot.lines["tension", 0].get_ydata(), hold_series.tension("hip"))
    assert widget.plot.axes[0, 0].get_ylim() == widget.plot.axes[0, 1].get_ylim(), "same limits for both"
    assert "sustained stretch" in widget.summary.value and "supine floss" in widget.summary.value
    widget.floss.value = "seated slider"
    widget.site.value = "conus"
    series = nd.simulate(widget.programs()[1], dt=0.05)
    assert np.allclose(widget.plot.lines["strain", 1].get_ydata(), series.strain("conus"))


def test_hold_vs_floss_shows_errors(monkeypatch):
    widget = explorers.HoldVsFloss()
    monkeypatch.setattr(explorers, "simulate", lambda *a, **k: (_ for _ in ()).throw(ValueError("bad program (test)")))
    widget.reps.value = 12
    assert "bad program (test)" in widget.status.value


def test_making_an_explorer_leaves_pyplots_backend_alone():
    """Static figures drawn after an explorer stay inline: making one changes nothing in pyplot."""
    script = textwrap.dedent("""
        import matplotlib
        matplotlib.use("module://matplotlib_inline.backend_inline")
        import matplotlib.pyplot as plt
        from neurodynamics.interface import explorers
        explorer = explorers.PostureExplorer()
        print(matplotlib.get_backend(), type(plt.figure().canvas).__name__, type(explorer.figure.canvas).__name__)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["module://matplotlib_inline.backend_inline", "FigureCanvasAgg", "LiveCanvas"]


def test_lying_presets_turn_the_body_a_quarter_turn(explorer):
    explorer.apply_preset("straight-leg raise")
    assert explorer.view.value == "lying on the back" and explorer.plot.lying
    x, y = explorer.plot.body_line.get_data()
    assert x[0] < x[2] and abs(y[0] - y[2]) < 0.05, "head to the left of the hip, level with it"
    explorer.apply_preset("slump sitting")
    assert explorer.view.value == "upright" and not explorer.plot.lying
    x, y = explorer.plot.body_line.get_data()
    assert y[0] > y[2], "head above the hip"


def test_the_plausible_range_is_off_at_first_and_computed_only_when_asked_for(monkeypatch):
    from neurodynamics.evidence import uncertainty

    calls = []
    monkeypatch.setattr(explorers, "band", lambda posture, model, start=None: calls.append(posture) or
                        uncertainty.band(posture, model, start))
    widget = explorers.PostureExplorer(nd.Posture(hip_flexion=60))
    widget.sliders["ankle_dorsiflexion"].value = 10
    assert not widget.band_box.value and not calls and not widget.plot.band.get_visible()
    assert widget.band_box.description == "plausible range of the model"
    widget.band_box.value = True
    posture = nd.Posture(hip_flexion=60, ankle_dorsiflexion=10)
    assert calls == [posture] and widget.plot.band.get_visible()
    assert "plausible range of the model" in widget.plot.band_label.get_text() and widget.plot.band_label.get_visible()
    expected = uncertainty.band(posture)
    lower, upper = (np.interp(expected.arc_length_mm, *path) for path in band_edges(widget.plot.band))
    assert np.allclose(lower, expected.strain_low_pct, atol=1e-6)
    assert np.allclose(upper, expected.strain_high_pct, atol=1e-6)
    assert np.all(expected.strain_low_pct <= nd.solve(posture).profile().strain_pct + 1e-9)
    widget.quantity.value = "tension"
    assert not widget.plot.band.get_visible(), "a band of strain only"
    widget.quantity.value = "strain"
    widget.band_box.value = False
    assert not widget.plot.band.get_visible() and not widget.plot.band_label.get_visible()


def band_edges(collection):
    """The lower and upper edge (x, y) of a fill_between band drawn left to right."""
    vertices = collection.get_paths()[0].vertices
    lower = vertices[1:len(vertices) // 2]
    upper = vertices[len(vertices) // 2 + 1:-1][::-1]
    return (lower[:, 0], lower[:, 1]), (upper[:, 0], upper[:, 1])


def test_hold_vs_floss_shades_blood_flow_from_the_low_to_the_high_curve():
    widget = explorers.HoldVsFloss()
    hold = nd.simulate(widget.programs()[0], dt=0.05)
    (x, low), (_, high) = band_edges(widget.plot.flow_ranges[0])
    assert np.allclose(low, 100 * hold.blood_flow("hip", curve="low")[:len(low)])
    assert np.allclose(high, 100 * hold.blood_flow("hip", curve="high")[:len(high)])
    assert np.any(high - low > 1.0), "the curves differ where flow falls"
    assert "estimate" in widget.plot.FLOW_NOTE
    assert "largest slide in one stroke" in widget.summary.value


@pytest.mark.parametrize("make, name", [
    (lambda: explorers.PostureExplorer("slr"), "posture"), (lambda: explorers.PostureExplorer(model="x"), "model"),
    (lambda: explorers.PostureExplorer(presenter=1), "presenter"), (lambda: explorers.HoldVsFloss(model=3), "model"),
    (lambda: explorers.HoldVsFloss(site="elbow"), "site"), (lambda: explorers.HoldVsFloss(presenter="no"), "presenter"),
])
def test_explorers_refuse_bad_arguments_with_a_message_naming_them(make, name):
    with pytest.raises((TypeError, ValueError), match=name):
        make()


def test_set_posture_refuses_what_the_sliders_cannot_show(explorer):
    with pytest.raises(TypeError, match="posture"):
        explorer.set_posture("slump")
    with pytest.raises(ValueError, match=r"hip_flexion = 30.4 deg.*whole degrees"):
        explorer.set_posture(nd.Posture(hip_flexion=30.4))
