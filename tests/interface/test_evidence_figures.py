"""The evidence figures of lessons 02 and 07: the model's nerve sliding beside living people and cadavers (misses
visible, never hidden), relaxation and blood flow through time, the low/central/high flow curves, the uncertainty
band along the tract, the model against every calibration row, the sensitivity map and the model's laws.
Each is a PNG with alt text, readable fonts and the colour-blind-safe palette."""
import base64
import dataclasses

import numpy as np
import pytest
from matplotlib.colors import to_hex

import neurodynamics as nd
from neurodynamics.evidence import citations, tables, uncertainty, validation
from neurodynamics.evidence.reference import number, published_row
from neurodynamics.interface import evidence_figures
from neurodynamics.interface.style import OKABE_ITO
from neurodynamics.model import parameters as P

COMPARISONS = validation.compare()
SLIDING = evidence_figures.in_vivo_rows(COMPARISONS)
NUMERIC = [c for c in COMPARISONS if tables.is_plotted(c)]  # the rows of the calibration figure
IN_VIVO_STUDIES = {"Ridehalgh": "RH14-30", "Ellis": "T2-03a", "Shum": "T2-06", "Boyd": "T2-07a"}


@pytest.fixture(scope="module")
def in_vivo():
    return evidence_figures.in_vivo_figure(COMPARISONS)


def model_markers(figure):
    return [line for ax in figure.axes for line in ax.get_lines() if line.get_marker() in ("D", "o")]


def all_texts(figure):
    texts = [t for ax in figure.axes for t in ax.texts + [ax.title, ax.xaxis.label, ax.yaxis.label]]
    texts += [t for ax in figure.axes for t in ax.get_xticklabels() + ax.get_yticklabels()]
    texts += [t for ax in figure.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    return [t for t in texts if t.get_text().strip()]


def test_every_in_vivo_ultrasound_row_of_compare_sits_beside_the_model(in_vivo):
    in_vivo_ids = {c.row_id for c in COMPARISONS if c.note.startswith("set-up: ")}
    assert in_vivo_ids <= {c.row_id for c in SLIDING}
    labels = "\n".join(t.get_text() for ax in in_vivo.axes for t in ax.texts)
    for study in IN_VIVO_STUDIES:
        assert study in labels, f"{study} is not labelled in the figure"
    assert "cadavers" in labels and "living people, ultrasound" in labels and "living people, MRI" in labels


def test_each_row_has_one_model_marker_at_the_models_value(in_vivo):
    markers = model_markers(in_vivo)
    assert len(markers) == len(SLIDING) >= 7
    for marker, c in zip(markers, SLIDING):
        assert marker.get_xdata()[0] == pytest.approx(c.model), c.row_id


def test_misses_are_drawn_hollow_and_labelled_and_hits_are_filled(in_vivo):
    misses = [c for c in SLIDING if not c.passed]
    assert {c.row_id for c in misses} >= set(validation.DISCUSSED_MISSES) - {"R05"}
    for marker, c in zip(model_markers(in_vivo), SLIDING):
        hollow = marker.get_markerfacecolor() in ("white", "w", "#ffffff")
        assert hollow == (not c.passed), f"{c.row_id}: passed={c.passed} but hollow={hollow}"
    words = [t.get_text() for ax in in_vivo.axes for t in ax.texts]
    assert words.count("miss") == len(misses)


def test_a_row_that_passes_is_drawn_filled_and_the_same_row_failing_is_drawn_hollow():
    ridehalgh = next(c for c in SLIDING if c.row_id == "RH14-30")
    for passed in (True, False):
        row = dataclasses.replace(ridehalgh, passed=passed)
        (marker,) = model_markers(evidence_figures.in_vivo_figure([row]))
        assert (marker.get_markerfacecolor() == "white") == (not passed)


def test_fitted_rows_and_never_fitted_rows_are_told_apart(in_vivo):
    """One label per row, in the rows' order, naming its study and saying whether the fit saw it (both kinds shown)."""
    labels = [t.get_text() for ax in in_vivo.axes for t in ax.texts if "[" in t.get_text()]
    assert len(labels) == len(SLIDING) and {c.fitted for c in SLIDING} == {True, False}
    for label, c in zip(labels, SLIDING, strict=True):
        assert label.startswith(citations.study_label(c.row_id)), (label, c.row_id)
        assert ("fitted to it" in label, "never fitted" in label) == (c.fitted, not c.fitted), label


def test_the_published_spread_is_shown_with_the_sd_where_the_paper_gives_one(in_vivo):
    bands = [line for ax in in_vivo.axes for line in ax.get_lines() if line.get_linewidth() >= 8]
    assert [tuple(b.get_xdata()) for b in bands] == [(c.band_low, c.band_high) for c in SLIDING]
    with_sd = [c for c in SLIDING if number(published_row(c.row_id), "sd") is not None]
    assert {"RH14-30", "RH14-60", "T2-06", "R05", "R04"} <= {c.row_id for c in with_sd}
    assert sum(len(ax.containers) for ax in in_vivo.axes) == len(with_sd)


def test_alt_text_names_every_miss_with_both_numbers(in_vivo):
    data, metadata = in_vivo._repr_mimebundle_()
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    alt = metadata["image/png"]["alt"]
    for c in SLIDING:
        if not c.passed:
            assert f"published {c.published:.3g}" in alt and f"model {c.model:.2g}" in alt, c.row_id


@pytest.mark.parametrize("make", [lambda: evidence_figures.in_vivo_figure(COMPARISONS),
                                  evidence_figures.time_course_figure, evidence_figures.flow_curves_figure,
                                  lambda: evidence_figures.uncertainty_figure(nd.Posture(hip_flexion=70))],
                         ids=["in_vivo", "time_course", "flow_curves", "uncertainty"])
def test_figures_are_readable_on_a_projector_with_alt_text_and_safe_colours(make):
    figure = make()
    small = [(t.get_text(), t.get_fontsize()) for t in all_texts(figure) if t.get_fontsize() < 12]
    assert not small, f"text below 12 pt: {small[:3]}"
    assert len(figure.alt) > 60, figure.alt
    palette = {c.lower() for c in OKABE_ITO} | {"#000000", "#ffffff"}
    colours = {to_hex(line.get_color()) for ax in figure.axes for line in ax.get_lines()}
    grey = {c for c in colours if c[1:3] == c[3:5] == c[5:7]}
    assert colours - grey <= palette, colours - grey - palette


def test_time_course_shows_the_models_relaxation_beside_the_log_time_target_and_kwans_hour():
    figure = evidence_figures.time_course_figure()
    left, right = figure.axes
    (r09,) = validation.compare(row_ids={"R09"})
    model = next(line for line in left.get_lines() if line.get_label() == "model")
    hour = np.interp(3600.0, model.get_xdata(), model.get_ydata())
    assert r09.band_low <= hour <= r09.band_high
    target = validation.relaxation_target_pct(np.array([P.RELAXATION_ONSET.value, 3600.0]))
    assert target == pytest.approx([0.0, r09.published])
    flow = next(line for line in right.get_lines() if line.get_label().startswith("model"))
    minutes, values = flow.get_xdata(), flow.get_ydata()
    assert values[0] == pytest.approx(50.0, abs=2.0), "held at 8 %, flow starts at about half (Clark et al. 1992)"
    assert values[list(minutes).index(30.0)] > values[0] + 10.0, "substantial recovery within 30 min"


def test_flow_curves_figure_draws_three_curves_and_shades_the_estimated_onset():
    figure = evidence_figures.flow_curves_figure()
    (ax,) = figure.axes
    curves = [line for line in ax.get_lines() if "curve" in line.get_label()]
    assert [line.get_label().split()[0] for line in curves] == ["low", "central", "high"]
    (span,) = ax.patches
    assert (span.get_x(), span.get_x() + span.get_width()) == pytest.approx(P.FLOW_ONSET_RANGE.value)
    at_5 = [np.interp(5.0, line.get_xdata(), line.get_ydata()) for line in curves]
    assert at_5[0] < at_5[1] < at_5[2], "low curve falls first, high curve last"
    assert "estimate" in figure.alt and "estimate" in " ".join(t.get_text() for t in ax.texts)


def test_uncertainty_figure_draws_the_model_inside_its_band():
    posture = nd.Posture(hip_flexion=70)
    figure = evidence_figures.uncertainty_figure(posture)
    band = uncertainty.band(posture)
    for ax, low, high in zip(figure.axes, (band.strain_low_pct, band.excursion_low_mm),
                             (band.strain_high_pct, band.excursion_high_mm)):
        (line,) = [line for line in ax.get_lines() if line.get_label() == "the model"]
        y = line.get_ydata()
        assert np.all(y >= low - 1e-9) and np.all(y <= high + 1e-9)
        assert np.max(high - low) > 0.5, "the band has a visible width"


def test_calibration_figure_has_one_model_marker_and_one_label_per_numeric_row():
    fig = evidence_figures.calibration_figure(COMPARISONS)
    ax = fig.axes[0]
    markers = [line for line in ax.get_lines() if line.get_marker() in ("D", "X")]
    assert len(markers) == len(NUMERIC) >= 13
    labels = [text.get_text() for text in ax.texts]
    for c in NUMERIC:
        label = next(text for text in labels if text.startswith(c.row_id + " "))
        assert c.quantity in label and c.subjects in label
        position = markers[NUMERIC.index(c)].get_xdata()[0]
        assert position == pytest.approx(100.0 * c.model / c.published), c.row_id
    assert all(size >= 11 for size in [t.get_fontsize() for t in ax.texts if t.get_text()] + [ax.title.get_fontsize()])


@pytest.mark.parametrize("row_id, tag", [("R02", "cadaver"), ("R07", "upper limb"), ("R08", "cadaver"),
                                         ("R09", "rabbit"), ("R11", "rat"), ("R05", "living people")])
def test_calibration_figure_tags_cadaver_animal_and_upper_limb_rows(row_id, tag):
    labels = [text.get_text() for text in evidence_figures.calibration_figure(COMPARISONS).axes[0].texts]
    label = next(text for text in labels if text.startswith(row_id + " "))
    assert tag in label.split("[")[-1], label


def test_sensitivity_figure_names_every_parameter_and_labels_the_colour_bar(sensitivity_result):
    fig = evidence_figures.sensitivity_figure(sensitivity_result)
    heat, bar = fig.axes
    names = {label.get_text() for label in heat.get_yticklabels()}
    assert names == {tables.readable(name) for name in P.TUNABLE}
    assert "%" in bar.get_ylabel()
    assert min(label.get_fontsize() for label in heat.get_yticklabels() + heat.get_xticklabels()) >= 11


def test_laws_figure_has_three_titled_panels_with_units():
    fig = evidence_figures.laws_figure()
    assert len(fig.axes) == 3
    for ax in fig.axes:
        assert ax.get_title() and "(" in ax.get_ylabel()
