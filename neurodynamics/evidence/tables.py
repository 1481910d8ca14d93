"""The evidence lesson's tables, as Markdown strings: every parameter with its unit, kind and source; the model
against every calibration row; which rows set which parameters; the references with their DOIs.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import parameters as P
from . import citations, validation
from .reference import read_rows


# --- Parameters: one table, from the records in parameters.py ----------------------------------------

def format_value(value: object, unit: str = "") -> str:
    """A parameter value with sensible rounding (3 significant digits); tuples element by element."""
    if isinstance(value, (tuple, list)):
        return ", ".join(f"({format_value(item)})" if isinstance(item, (tuple, list)) else format_value(item)
                         for item in value)
    x = float(value)
    text = str(int(x)) if x == round(x) and abs(x) < 1e6 else f"{x:.3g}"
    if unit == "fraction" and x < 1.0:
        text += f" (= {100.0 * x:.3g} %)"
    return text


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell, in a student's words (``for_students``)."""
    return for_students(text).replace("|", "\\|").replace("*", "\\*").replace("\n", " ")


def parameter_table() -> str:
    """Markdown: every parameter grouped by topic, with value, unit, kind of evidence and source."""
    everything = P.all_parameters()
    by_topic: dict[str, list[str]] = {}
    for name, parameter in everything.items():
        by_topic.setdefault(parameter.topic, []).append(name)
    lines = []
    for topic, names in by_topic.items():
        lines += [f"**{topic}**", "", "| parameter | value | unit | kind | source |", "|---|---|---|---|---|"]
        for name in names:
            parameter = everything[name]
            lines.append(f"| {readable(name)} | {format_value(parameter.value, parameter.unit)} | "
                         f"{_cell(parameter.unit)} | {parameter.kind} | {_cell(for_students(parameter.source))} |")
        lines.append("")
    return "\n".join(lines)


def kind_counts() -> dict[str, int]:
    """How many parameters are calibrated, from the literature, estimates or model choices."""
    counts: dict[str, int] = {}
    for parameter in P.all_parameters().values():
        counts[parameter.kind] = counts.get(parameter.kind, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: -item[1]))


# --- Calibration: model versus every published row --------------------------------------------------------

def is_plotted(comparison: validation.Comparison) -> bool:
    """True for rows with a numeric published value, a band and a model value on the same scale."""
    return (comparison.published is not None and comparison.model is not None
            and (comparison.band_low is not None or comparison.band_high is not None))


def _tags(comparison: validation.Comparison) -> str:
    """'cadavers', 'rats', 'living people, upper limb': who a row measured (``citations.evidence_tags``)."""
    return ", ".join(citations.evidence_tags(comparison.subjects, comparison.manoeuvre))


def row_label(comparison: validation.Comparison, with_manoeuvre: bool = False) -> str:
    """'R09 stress relaxation after 1 h (held at 6% strain for 1 h) · rabbit tibial nerve in vitro [rabbit]'."""
    what = comparison.quantity + (f" ({comparison.manoeuvre})" if with_manoeuvre else "")
    return f"{comparison.row_id} {what} · {comparison.subjects} [{_tags(comparison)}]"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.3g}"


def _published(c: validation.Comparison) -> str:
    if c.unit == "direction":
        return "direction only"
    text = f"{_number(c.published)} {c.unit}".strip()
    if c.band_low is not None and c.band_high is not None:
        text += f" ({_number(c.band_low)} to {_number(c.band_high)})"
    elif c.band_low is not None:
        text += f" (at least {_number(c.band_low)})"
    return text


def _verdict(c: validation.Comparison) -> str:
    if c.passed is None:
        return "cannot say (beyond the model)"
    word = ("inside band" if c.passed else "outside band") if is_plotted(c) else ("holds" if c.passed else "fails")
    return ("✓ " if c.passed else "✗ ") + word


def calibration_table(comparisons: Sequence[validation.Comparison] | None = None) -> str:
    """Markdown: every row of the calibration file with its evidence, published value, model value, verdict and
    check."""
    lines = ["| study | evidence | what was measured | published | model | result | how the model was checked |",
             "|---|---|---|---|---|---|---|"]
    calibration_ids = {row["id"] for row in read_rows("calibration.csv")}
    for c in [c for c in comparisons or validation.compare() if c.row_id in calibration_ids]:
        model = f"{_number(c.model)} {c.model_unit}"
        lines.append(f"| {_cell(c.source)} | {_cell(c.subjects)} **[{_tags(c)}]** | "
                     f"{_cell(c.manoeuvre)}: {_cell(c.quantity)} | {_cell(_published(c))} | {_cell(model)} | "
                     f"{_verdict(c)} | {_cell(c.note)} |")
    return "\n".join(lines)


def in_vivo_table(comparisons: Sequence[validation.Comparison] | None = None) -> str:
    """Markdown: the in-vivo ultrasound rows, each with its role (fitted, or validation: never used in a fit), the
    set-up chosen for the model, published value with its acceptance band, model value and verdict."""
    lines = ["| study | role | what was measured | set-up in the model | published (band) | model | result |",
             "|---|---|---|---|---|---|---|"]
    calibration_ids = {row["id"] for row in read_rows("calibration.csv")}
    for c in [c for c in comparisons or validation.compare() if c.row_id not in calibration_ids]:
        role = "fitted" if c.fitted else "validation (never fitted)"
        lines.append(f"| {_cell(c.source)} | {role} | {_cell(c.manoeuvre)}: {_cell(c.quantity)} at the {c.site} | "
                     f"{_cell(c.note.removeprefix('set-up: '))} | {_cell(_published(c))} | "
                     f"{_number(c.model)} {c.model_unit} | {_verdict(c)} |")
    return "\n".join(lines)


def row_uses() -> dict[str, list[str]]:
    """For each calibration row, the parameters set from it (their ``rows`` field)."""
    uses: dict[str, list[str]] = {row["id"]: [] for row in read_rows("calibration.csv")}
    for name, parameter in P.all_parameters().items():
        for row_id in parameter.rows:
            uses[row_id].append(name)
    return uses


def row_use_summary() -> str:
    """One line per calibration row: which parameters were set from it, or that it is an independent check."""
    lines = []
    sources = {row["id"]: row["source"] for row in read_rows("calibration.csv")}
    for row_id, names in row_uses().items():
        label = f"{sources.get(row_id, row_id)}:"
        if not names:
            lines.append(f"{label} not used to set any parameter: an independent check")
        elif len(names) <= 3:
            lines.append(f"{label} used to set the {', '.join(readable(name) for name in names)}")
        else:
            lines.append(f"{label} used to set {len(names)} parameters (least-squares fit)")
    return "\n".join(lines)


def readable(name: str) -> str:
    """'HIP_BED_RADIUS' -> 'hip bed radius'."""
    return name.lower().replace("_", " ")


def scaled_parameter(readable_name: str, factor: float) -> dict[str, float]:
    """Model parameters with one parameter, named in words ('hip bed radius'), multiplied by ``factor``: the
    ``parameters`` argument of a what-if :class:`~neurodynamics.Model`."""
    names = {readable(name): name for name in P.TUNABLE}
    if readable_name not in names:
        raise ValueError(f"unknown parameter {readable_name!r}; parameters that can change: {', '.join(names)}")
    name = names[readable_name]
    return {name: P.lookup(name) * factor}


# --- References: the papers behind the calibration rows ---------------------------------------------------

def references() -> str:
    """Markdown list: each source of calibration.csv once, with its DOI and the rows it backs."""
    rows_by_source: dict[str, list[str]] = {}
    doi_by_source: dict[str, str] = {}
    for row in read_rows("calibration.csv"):
        rows_by_source.setdefault(row["source"], []).append(row["id"])
        doi_by_source[row["source"]] = doi_by_source.get(row["source"]) or row["doi"]
    lines = []
    for source, ids in rows_by_source.items():
        doi = doi_by_source[source] or citations.doi(source)
        link = f"doi:[{doi}](https://doi.org/{doi})" if doi else "(no DOI found)"
        lines.append(f"- {source}. {link}.")
    return "\n".join(lines)


# --- Validation by leaving each study out (tools/leave_one_study_out.py) -----------------------------------

def _short(value: str) -> str:
    return "" if value == "" else f"{float(value):.3g}"


def leave_one_study_out_rows() -> tuple[dict[str, str], ...]:
    """The stored validation table: one row per measurement (study, measured, low, high, spread, with_all,
    left_out, inside_left_out)."""
    return read_rows("leave_one_study_out.csv")


def leave_one_study_out_count() -> tuple[int, int]:
    """How many measurements the model refitted without their study predicts inside their spread, and of how many."""
    rows = leave_one_study_out_rows()
    return sum(row["inside_left_out"] == "True" for row in rows), len(rows)


def leave_one_study_out_table() -> str:
    """Markdown: each measurement, who was measured, the published value with its spread, the fitted model, and the
    model refitted without that study, with the verdict."""
    lines = ["| study | who | what was measured | published (inside the spread) | fitted with all studies | "
             "predicted with the study left out | inside? |", "|---|---|---|---|---|---|---|"]
    for row in leave_one_study_out_rows():
        low, high = _short(row["low"]), _short(row["high"])
        if row["measured"]:
            published = f"{_short(row['measured'])} {row['unit']} ({low} to {high}; {row['spread']})"
        else:
            published = "at least " + low if high in ("inf", "") else ("at most " + high if low in ("-inf", "")
                                                                        else f"{low} to {high}")
            published += f" {row['unit']} (a limit)"
        verdict = "yes" if row["inside_left_out"] == "True" else "**no**"
        lines.append(f"| {row['study']} | {citations.who_was_measured(row['subjects'])} | {_cell(row['what'])} | {published} | "
                     f"{_short(row['with_all'])} | {_short(row['left_out'])} | {verdict} |")
    return "\n".join(lines)


# --- Text for students: studies and words, not the developers' row codes, files and names --------------------

def _study_named(code: str) -> str:
    """The study a row code stands for, or 'a published measurement' for a code no published row has."""
    try:
        return citations.study_label(code)
    except ValueError:
        return "a published measurement"


_ROW_CODE = re.compile(r"\b(R\d{2,3}[a-z]?|T\d-\d+[a-z]?|[A-Z]{2}\d{2}-\d{2}[a-z]?|[A-Z]{2}\d{2}(?:-[a-z]+)?)\b")
_FILE = re.compile(r"\(?[\w./-]*\w\.(?:csv|py|md|ipynb)\b\)?")
_CAPITALS = re.compile(r"\b[A-Z][A-Z0-9]+_[A-Z][A-Z0-9_]*\b")


def for_students(text: str) -> str:
    """``text`` with data-row codes replaced by their studies, file names dropped and parameter names in words."""
    text = _ROW_CODE.sub(lambda m: _study_named(m.group(1)), text)
    text = _FILE.sub("", text)
    text = _CAPITALS.sub(lambda m: readable(m.group(0)), text)
    return re.sub(r"data files?", "published measurements", re.sub(r"\s{2,}", " ", text))
