"""The evidence lesson's tables (neurodynamics.evidence.tables) say what the code and the data say: every parameter
with its unit and source, every calibration row with its verdict, which rows set which parameters, the references."""
import re

from neurodynamics.evidence import tables, validation
from neurodynamics.evidence.reference import read_rows
from neurodynamics.model import parameters as P

COMPARISONS = validation.compare()


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


def test_values_are_rounded_for_reading():
    assert tables.format_value(0.0434, "fraction") == "0.0434 (= 4.34 %)"
    assert tables.format_value(34.0 / 48.0) == "0.708"
    assert tables.format_value(100.0, "mm") == "100"
    assert tables.format_value(((0.0, 1.0), (15.7, 0.0)), "(%, fraction)") == "(0, 1), (15.7, 0)"


def test_calibration_table_has_every_row_with_its_verdict():
    table = tables.calibration_table(COMPARISONS)
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith(("| study", "|---"))]
    calibration = read_rows("calibration.csv")
    assert [row.split(" | ")[0].strip("| ") for row in rows] == [tables.for_students(r["source"]) for r in calibration]
    r18 = rows[[r["id"] for r in calibration].index("R18")]
    assert "✓" in r18 and "hip first minus ankle first" in r18
    for row, c in zip(rows, [c for c in COMPARISONS if c.row_id in {r["id"] for r in calibration}], strict=True):
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


def test_references_cite_every_calibration_source_with_dois_from_the_data():
    text = tables.references()
    for row in read_rows("calibration.csv"):
        assert row["source"] in text and not re.search(rf"\b{row['id']}\b", text)
        if row["doi"]:
            assert f"https://doi.org/{row['doi']}" in text
    assert "10.1016/j.math.2006.12.008" in text  # Coppieters & Butler 2008, from the literature scan
