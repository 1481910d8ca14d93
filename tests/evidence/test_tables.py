"""The evidence lesson's tables and figures say what the code and the data say (neurodynamics.evidence)."""
import math

import re

import numpy as np
import pytest
from matplotlib import pyplot as plt

from neurodynamics.evidence import sensitivity, tables, validation
from neurodynamics.interface import evidence_figures
from neurodynamics.evidence.reference import read_rows
from neurodynamics.model import parameters as P

COMPARISONS = validation.compare()
NUMERIC = [c for c in COMPARISONS if tables.is_plotted(c)]


@pytest.fixture(scope="module")
def result():
    return sensitivity.sensitivity()


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _table_rows(markdown):
    """Cells of the Markdown table rows (header and separator lines skipped)."""
    rows = []
    for line in markdown.splitlines():
        if line.startswith("| ") and not line.startswith(("| parameter |", "|---")):
            rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


def test_parameter_table_lists_every_parameter_once_with_its_unit_and_source():
    rows = {row[0]: row for row in _table_rows(tables.parameter_table())}
    assert set(rows) == {tables.readable(name) for name in P.all_parameters()}
    for name, parameter in P.all_parameters().items():
        _, value, unit, kind, source = rows[tables.readable(name)]
        assert unit == tables.for_students(parameter.unit).replace("|", "\\|").strip(), name
        assert source == tables.for_students(parameter.source).replace("|", "\\|").replace("*", "\\*").strip(), name
        assert not re.search(r"\bR\d\d\b|\.py\b|[A-Z]+_[A-Z]+", source), f"{name}: developer material in {source!r}"
        assert kind in {"calibrated", "literature", "estimate", "literature + estimate", "model choice"}, name
        assert value, name


def test_parameter_table_is_grouped_by_the_topics_of_the_records():
    table = tables.parameter_table()
    topics = list(dict.fromkeys(parameter.topic for parameter in P.all_parameters().values()))
    assert topics[:3] == ["Tract geometry", "Sites along the tract", "Nerve bed"] and "Hamstrings" in topics
    headings = [line.strip("*") for line in table.splitlines() if line.startswith("**")]
    assert headings == topics, "one heading per topic, in the order of parameters.py"
    below_hamstrings = table.split("**Hamstrings**")[1].split("\n**")[0]
    assert "| hamstring relaxation weight |" in below_hamstrings and "| hip bed radius |" not in below_hamstrings


def test_every_calibrated_value_names_the_rows_it_was_fitted_to():
    for name, parameter in P.all_parameters().items():
        if parameter.kind == P.CALIBRATED:
            assert parameter.rows, f"{name} is calibrated but names no calibration row"


def test_a_parameter_of_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind must be one of"):
        P.Parameter(1.0, "mm", "a guess", "hunch")


def test_values_are_rounded_for_reading():
    assert tables.format_value(0.0434, "fraction") == "0.0434 (= 4.34 %)"
    assert tables.format_value(34.0 / 48.0) == "0.708"
    assert tables.format_value(100.0, "mm") == "100"
    assert tables.format_value(((0.0, 1.0), (15.7, 0.0)), "(%, fraction)") == "(0, 1), (15.7, 0)"


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


def test_calibration_table_has_every_row_with_its_verdict():
    table = tables.calibration_table(COMPARISONS)
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith(("| study", "|---"))]
    calibration = read_rows("calibration.csv")
    assert [row.split(" | ")[0].strip("| ") for row in rows] == [tables.for_students(r["source"]) for r in calibration]
    r18 = rows[[r["id"] for r in calibration].index("R18")]
    assert "✓" in r18 and "hip first minus ankle first" in r18
    for row, c in zip(rows, [c for c in COMPARISONS if c.row_id in {r["id"] for r in calibration}]):
        assert ("✓" in row) == bool(c.passed), c.row_id


def test_rows_used_to_set_parameters_are_told_apart_from_independent_checks():
    uses = tables.row_uses()
    assert uses["R01"] == ["HIP_BED_RADIUS"]
    assert "ANKLE_BED_RADIUS" in uses["R02"] and "NECK_BED_RADIUS" in uses["R06"]
    assert "BLOOD_FLOW_POINTS" in uses["R13"]
    assert "FRICTION_GRIP" in uses["R18"] and "DURAL_PULL" in uses["R05"]
    assert [row for row, names in uses.items() if not names] == ["R07", "R08"]
    summary = tables.row_use_summary()
    assert "Coppieters & Butler 2008 Man Ther: not used to set any parameter" in summary and "R07" not in summary


def test_sensitivity_returns_finite_changes_for_every_tunable_parameter(result):
    assert result.parameters == P.TUNABLE
    assert result.raised_pct.shape == result.lowered_pct.shape == (len(P.TUNABLE), len(sensitivity.MAIN_OUTPUTS))
    assert np.all(np.isfinite(result.raised_pct)) and np.all(np.isfinite(result.lowered_pct))
    assert np.all(np.abs(result.baseline) > 0)


def test_a_larger_hip_bed_radius_raises_slr_hip_strain(result):
    i, j = result.parameters.index("HIP_BED_RADIUS"), result.outputs.index(next(iter(sensitivity.MAIN_OUTPUTS)))
    assert "hip" in result.outputs[j] and "SLR 70" in result.outputs[j]
    assert result.raised_pct[i, j] > 2.0 and result.lowered_pct[i, j] < -2.0
    assert result.ranking(result.outputs[j])[0][0] == "HIP_BED_RADIUS"


def test_each_joint_radius_acts_on_its_own_joint(result):
    column = {name.split("\n")[0] + name.split("\n")[2]: j for j, name in enumerate(result.outputs)}
    ankle = result.raised_pct[result.parameters.index("ANKLE_BED_RADIUS")]
    neck = result.raised_pct[result.parameters.index("NECK_BED_RADIUS")]
    assert ankle[column["anklefoot up 20°"]] > 5.0 and neck[column["cordneck 60°"]] > 5.0
    assert math.isclose(ankle[column["hipSLR 70°"]], 0.0, abs_tol=1e-9)


def test_sensitivity_figure_names_every_parameter_and_labels_the_colour_bar(result):
    fig = evidence_figures.sensitivity_figure(result)
    heat, bar = fig.axes
    names = {label.get_text() for label in heat.get_yticklabels()}
    assert names == {tables.readable(name) for name in P.TUNABLE}
    assert "%" in bar.get_ylabel()
    assert min(label.get_fontsize() for label in heat.get_yticklabels() + heat.get_xticklabels()) >= 11


def test_references_cite_every_calibration_source_with_dois_from_the_data():
    text = tables.references()
    for row in read_rows("calibration.csv"):
        assert row["source"] in text and not re.search(rf"\b{row['id']}\b", text)
        if row["doi"]:
            assert f"https://doi.org/{row['doi']}" in text
    assert "10.1016/j.math.2006.12.008" in text  # Coppieters & Butler 2008, from the literature scan


def test_laws_figure_has_three_titled_panels_with_units():
    fig = evidence_figures.laws_figure()
    assert len(fig.axes) == 3
    for ax in fig.axes:
        assert ax.get_title() and "(" in ax.get_ylabel()
