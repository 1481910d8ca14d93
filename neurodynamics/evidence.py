"""The evidence behind the model, for lesson 07: the parameter table, model versus every calibration row,
a one-at-a-time sensitivity study (% change of the main outputs for +/-20 % per parameter) and the references.
Tables come back as Markdown strings, figures as matplotlib Figures; strain in %, excursion in mm, tension in N.
"""
from __future__ import annotations

import dataclasses
import inspect
import math
import re
from collections.abc import Callable, Sequence

import numpy as np
from matplotlib import colors
from matplotlib import pyplot as plt
from matplotlib.figure import Figure

from . import anatomy, physiology, validation
from . import parameters as P
from .mechanics import Model, default_model, resting_tension_n
from .plots import OKABE_ITO
from .posture import Posture
from .reference import read_rows
from .tension_law import TensionLaw

LABEL_PT = 12  # axis labels and row labels, points (projector-readable)
TICK_PT = 11
TITLE_PT = 14


# --- Parameters: one table, read from parameters.py ---------------------------------------------------

def parameter_kind(source: str) -> str:
    """Where a value comes from, read from its source text: calibrated, literature, estimate or model choice."""
    text = source.lower()
    if "calibrated" in text or "fitted to" in text:
        return "calibrated"
    if text.startswith("estimate"):
        return "estimate"
    cites = re.search(r"\b(19|20)\d\d\b|\bR\d{2,3}\b|\bT\d-\d\d\b", source)
    if cites and "estimate" in text:
        return "literature + estimate"
    return "literature" if cites else "model choice"


def parameter_topics() -> dict[str, str]:
    """Topic of each parameter: the ``# --- Topic`` section of parameters.py it is defined under.

    Hamstring parameters are grouped under "Hamstrings" wherever they sit, since they describe the muscle.
    """
    topics, topic = {}, ""
    for line in inspect.getsource(P).splitlines():
        header = re.match(r"# --- (.+?)\s*-*$", line)
        if header:
            topic = re.split(r"[:(]", header.group(1))[0].strip()
        assigned = re.match(r"([A-Z][A-Z0-9_]*)\s*=\s*Parameter\(", line)
        if assigned:
            topics[assigned.group(1)] = "Hamstrings" if assigned.group(1).startswith("HAMSTRING_") else topic
    return topics


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
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("*", "\\*").replace("\n", " ")


def parameter_table() -> str:
    """Markdown: every parameter grouped by topic, with value, unit, kind of evidence and source."""
    topics, everything = parameter_topics(), P.all_parameters()
    by_topic: dict[str, list[str]] = {}
    for name in everything:
        by_topic.setdefault(topics.get(name, "Other"), []).append(name)
    lines = []
    for topic, names in by_topic.items():
        lines += [f"**{topic}**", "", "| parameter | value | unit | kind | source |", "|---|---|---|---|---|"]
        for name in names:
            parameter = everything[name]
            lines.append(f"| `{name}` | {format_value(parameter.value, parameter.unit)} | {_cell(parameter.unit)} | "
                         f"{parameter_kind(parameter.source)} | {_cell(parameter.source)} |")
        lines.append("")
    return "\n".join(lines)


def kind_counts() -> dict[str, int]:
    """How many parameters are calibrated, from the literature, estimates or model choices."""
    counts: dict[str, int] = {}
    for parameter in P.all_parameters().values():
        kind = parameter_kind(parameter.source)
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: -item[1]))


# --- The model's laws at a glance ------------------------------------------------------------------------

def laws_figure() -> Figure:
    """Three panels: tension-strain law per region (N vs %), blood flow vs stretch (%), relaxation vs time (%)."""
    fig, axes = plt.subplots(1, 3, figsize=(10, 4.2), dpi=80)
    strain = np.linspace(-0.02, 0.16, 361)
    shown = {"cervical cord": "spinal cord", "lumbosacral roots": "roots", "sciatic nerve (thigh)": "sciatic",
             "tibial nerve (leg)": "tibial"}
    regions = [region for region in anatomy.REGIONS if region.name in shown]
    for index, region in enumerate(regions):
        law = TensionLaw(np.array([P.lookup(region.axial_stiffness)]), np.array([P.lookup(region.toe_end_strain)]),
                         P.TOE_SHAPE.value)
        axes[0].plot(100 * strain, law.tension(strain[:, None])[0][:, 0], color=OKABE_ITO[index], linewidth=2.5,
                     label=shown[region.name])
    axes[0].axhline(resting_tension_n(), color="0.4", linestyle=":", linewidth=1.5)
    axes[0].text(-1.5, resting_tension_n() + 0.4, "resting tension", fontsize=TICK_PT, color="0.3")
    axes[0].set(xlim=(-2, 16), ylim=(0, 16))
    axes[0].legend(fontsize=TICK_PT, frameon=False, loc="upper left")
    _label(axes[0], "strain ε (%)", "tension T (N)", "Slack, toe, then linear")

    stretch = np.linspace(0, 20, 401)
    axes[1].plot(stretch, 100 * physiology.blood_flow_fraction(stretch), color=OKABE_ITO[5], linewidth=2.5)
    points = np.array(P.BLOOD_FLOW_POINTS.value)
    axes[1].plot(points[:, 0], 100 * points[:, 1], "o", color="black", markersize=6)
    _label(axes[1], "stretch beyond resting length λ (%)", "blood flow (% of resting)", "Stretch starves the nerve")

    seconds = np.array([1, 3, 10, 30, 60, 300, 600, 1800, 3600])
    lost = [validation.held_relaxation_pct(0.06, seconds=float(s)) for s in seconds]
    axes[2].semilogx(seconds, lost, "o-", color=OKABE_ITO[0], linewidth=2.2)
    axes[2].set_xticks([1, 10, 60, 600, 3600], ["1 s", "10 s", "1 min", "10 min", "1 h"])
    axes[2].minorticks_off()
    _label(axes[2], "time held at 6 % strain", "tension lost (%)", "Holds relax with log(time)")
    fig.tight_layout()
    return fig


def _label(ax, xlabel: str, ylabel: str, title: str) -> None:
    ax.set_xlabel(xlabel, fontsize=LABEL_PT)
    ax.set_ylabel(ylabel, fontsize=LABEL_PT)
    ax.set_title(title, fontsize=LABEL_PT + 1)
    ax.tick_params(labelsize=TICK_PT)
    ax.grid(alpha=0.3)


# --- Calibration: model versus every published row --------------------------------------------------------

def evidence_tags(comparison: validation.Comparison) -> tuple[str, ...]:
    """What kind of evidence a row is: 'living people', 'cadaver', 'rat', 'rabbit', 'upper limb'."""
    subjects, manoeuvre = comparison.subjects.lower(), comparison.manoeuvre.lower()
    tags = []
    if re.search(r"healthy|volunteer|mri", subjects):
        tags.append("living people")
    if re.search(r"cadaver|necrops", subjects):
        tags.append("cadaver")
    tags += [animal for animal in ("rat", "rabbit") if re.search(rf"\b{animal}\b", subjects)]
    if "upper limb" in manoeuvre or "median nerve" in subjects:
        tags.append("upper limb")
    return tuple(tags)


def is_plotted(comparison: validation.Comparison) -> bool:
    """True for rows with a numeric published value, a band and a model value on the same scale."""
    return (comparison.published is not None and comparison.model is not None
            and (comparison.band_low is not None or comparison.band_high is not None))


def row_label(comparison: validation.Comparison, with_manoeuvre: bool = False) -> str:
    """'R09 stress relaxation after 1 h (held at 6% strain for 1 h) · rabbit tibial nerve in vitro [rabbit]'."""
    what = comparison.quantity + (f" ({comparison.manoeuvre})" if with_manoeuvre else "")
    return f"{comparison.row_id} {what} · {comparison.subjects} [{', '.join(evidence_tags(comparison))}]"


def calibration_figure(comparisons: Sequence[validation.Comparison] | None = None) -> Figure:
    """Forest plot: each numeric row's published band and the model's value, as % of the published value."""
    rows = [c for c in (comparisons or validation.compare()) if is_plotted(c)]
    quantities = [c.quantity for c in rows]
    fig, ax = plt.subplots(figsize=(10, 7), dpi=80)
    right = 320.0
    for y, c in enumerate(rows):
        scale = 100.0 / c.published
        ends = [right if v is None else v * scale for v in (c.band_low, c.band_high)]
        low, high = sorted(ends) if None not in (c.band_low, c.band_high) else (min(ends), right)
        if y % 2 == 0:
            ax.axhspan(y - 0.72, y + 0.28, color="0.94", zorder=0)
        ax.plot([low, high], [y, y], color=OKABE_ITO[4], linewidth=8, alpha=0.6, solid_capstyle="butt",
                label="published range (band)" if y == 0 else None)
        if high >= right:
            ax.annotate("", xy=(right + 8, y), xytext=(right - 14, y),
                        arrowprops={"arrowstyle": "-|>", "color": OKABE_ITO[4], "lw": 2})
        ax.plot(100.0, y, "|", color="black", markersize=16, markeredgewidth=2.2,
                label="published value" if y == 0 else None)
        style = {"marker": "D", "color": OKABE_ITO[5]} if c.passed else {"marker": "X", "color": OKABE_ITO[1]}
        ax.plot(c.model * scale, y, linestyle="none", markersize=9, markeredgecolor="black", **style,
                label=("model (inside band)" if c.passed else "model (outside band)")
                if y == 0 or not c.passed else None)
        ax.text(2, y - 0.2, row_label(c, quantities.count(c.quantity) > 1), fontsize=TICK_PT, va="bottom")
    passed = sum(bool(c.passed) for c in rows)
    verdict = "all" if passed == len(rows) else f"{passed} of"
    ax.set_title(f"The model lands inside the published range for {verdict} {len(rows)} measured rows",
                 fontsize=TITLE_PT)
    ax.set(xlim=(0, right + 12), ylim=(len(rows) - 0.5, -0.85), yticks=[])
    ax.set_xlabel("value as % of the published value (published = 100 %)", fontsize=LABEL_PT)
    ax.tick_params(labelsize=TICK_PT)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="lower right", fontsize=TICK_PT, framealpha=0.95)
    fig.tight_layout()
    return fig


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
    """Markdown: every calibration row with its evidence, published value, model value, verdict and check."""
    lines = ["| row | evidence | what was measured | published | model | result | how the model was checked |",
             "|---|---|---|---|---|---|---|"]
    for c in comparisons or validation.compare():
        model = f"{_number(c.model)} {c.model_unit}"
        lines.append(f"| {c.row_id} | {_cell(c.subjects)} **[{', '.join(evidence_tags(c))}]** | "
                     f"{_cell(c.manoeuvre)}: {_cell(c.quantity)} | {_cell(_published(c))} | {_cell(model)} | "
                     f"{_verdict(c)} | {_cell(c.note)} |")
    return "\n".join(lines)


def row_uses() -> dict[str, list[str]]:
    """For each calibration row, the parameters whose source cites it ('R02-R06' counts for R02 to R06)."""
    uses: dict[str, list[str]] = {row["id"]: [] for row in read_rows("calibration.csv")}
    for name, parameter in P.all_parameters().items():
        cited = set()
        for first, last in re.findall(r"\bR(\d{2})\b(?:\s*-\s*R(\d{2})\b)?", parameter.source):
            cited.update(f"R{i:02d}" for i in range(int(first), int(last or first) + 1))
        for row_id in sorted(cited & set(uses)):
            uses[row_id].append(name)
    return uses


def row_use_summary() -> str:
    """One line per calibration row: which parameters were set from it, or that it is an independent check."""
    lines = []
    for row_id, names in row_uses().items():
        if not names:
            lines.append(f"{row_id}  not used to set any parameter: an independent check")
        elif len(names) <= 3:
            lines.append(f"{row_id}  used to set {', '.join(names)}")
        else:
            lines.append(f"{row_id}  used to set {len(names)} parameters (least-squares fit)")
    return "\n".join(lines)


# --- Sensitivity: one parameter at a time, +/-20 % ---------------------------------------------------------

SLR_70 = Posture(hip_flexion=70.0)
SEATED_KNEE_BENT = Posture(hip_flexion=90.0, knee_flexion=90.0)

#: The main outputs (label with unit -> the model's answer). Strain in %, excursion in mm, tension in N.
MAIN_OUTPUTS: dict[str, Callable[[Model], float]] = {
    "hip\nstrain\nSLR 70°\n(%)": lambda m: m.solve(SLR_70).strain("hip"),
    "hip\ntension\nSLR 70°\n(N)": lambda m: m.solve(SLR_70).tension("hip"),
    "thigh\nexcursion\nSLR 70°\n(mm)": lambda m: m.solve(SLR_70).excursion("thigh"),
    "conus\nexcursion\nSLR 50°\n(mm)": lambda m: m.solve(Posture(hip_flexion=50.0)).excursion("conus"),
    "ankle\nstrain rise\nfoot up 20°\n(% points)": lambda m: (
        m.solve(Posture(ankle_dorsiflexion=20.0)).strain("ankle") - m.solve(Posture()).strain("ankle")),
    "thigh\nexcursion\nseated knee\n90→0° (mm)": lambda m: (
        m.solve(SEATED_KNEE_BENT.replace(knee_flexion=0.0)).excursion("thigh")
        - m.solve(SEATED_KNEE_BENT).excursion("thigh")),
    "cord\nstrain\nneck 60°\n(%)": lambda m: m.solve(Posture(neck_flexion=60.0)).strain("cervical_cord"),
}


@dataclasses.dataclass(frozen=True)
class Sensitivity:
    """Baseline outputs and their % change in size when each parameter is raised / lowered by ``step``."""

    parameters: tuple[str, ...]
    outputs: tuple[str, ...]
    baseline: np.ndarray  # per output, in the output's unit
    raised_pct: np.ndarray  # (parameter, output): % change in size of the output, parameter x (1 + step)
    lowered_pct: np.ndarray  # the same for parameter x (1 - step)
    step: float

    def ranking(self, output: str) -> list[tuple[str, float, float]]:
        """(parameter, % change raised, % change lowered), largest effect on ``output`` first."""
        j = self.outputs.index(output)
        order = np.argsort(-np.maximum(abs(self.raised_pct[:, j]), abs(self.lowered_pct[:, j])), kind="stable")
        return [(self.parameters[i], float(self.raised_pct[i, j]), float(self.lowered_pct[i, j])) for i in order]


def main_outputs(model: Model) -> np.ndarray:
    """The model's value of every output in MAIN_OUTPUTS (their units)."""
    return np.array([compute(model) for compute in MAIN_OUTPUTS.values()])


def sensitivity(step: float = 0.2, names: Sequence[str] = P.TUNABLE) -> Sensitivity:
    """Change each parameter alone by +/- ``step`` (fraction) and record the % change in size of each output."""
    baseline = main_outputs(default_model())
    size = np.abs(baseline)

    def change(factor: float) -> np.ndarray:
        runs = [main_outputs(Model(parameters={name: P.all_parameters()[name].value * factor})) for name in names]
        return 100.0 * (np.abs(np.array(runs)) - size) / size

    return Sensitivity(tuple(names), tuple(MAIN_OUTPUTS), baseline, change(1.0 + step), change(1.0 - step), step)


def readable(name: str) -> str:
    """'HIP_BED_RADIUS' -> 'hip bed radius'."""
    return name.lower().replace("_", " ")


def sensitivity_figure(result: Sensitivity) -> Figure:
    """Heat map: % change of each output (columns) when each parameter (rows) is raised by the step."""
    order = np.argsort(-np.abs(result.raised_pct).max(axis=1), kind="stable")
    values = result.raised_pct[order]
    limit = max(5.0, 5.0 * math.ceil(np.abs(values).max() / 5.0))
    fig, ax = plt.subplots(figsize=(10, 7), dpi=80)
    image = ax.imshow(values, cmap="PuOr_r", norm=colors.Normalize(-limit, limit), aspect="auto")
    for (i, j), value in np.ndenumerate(values):
        if abs(value) >= 0.5:
            ax.text(j, i, f"{value:+.0f}", ha="center", va="center", fontsize=TICK_PT - 1,
                    color="white" if abs(value) > 0.55 * limit else "black")
    ax.set_yticks(range(len(order)), [readable(result.parameters[i]) for i in order], fontsize=TICK_PT)
    ax.set_xticks(range(len(result.outputs)), result.outputs, fontsize=TICK_PT)
    ax.xaxis.tick_top()
    bar = fig.colorbar(image, ax=ax, fraction=0.035, pad=0.015)
    bar.set_label(f"% change of the output when the parameter is raised by {100 * result.step:.0f} %",
                  fontsize=LABEL_PT - 1)
    bar.ax.tick_params(labelsize=TICK_PT)
    leaders = ", ".join(readable(result.parameters[i]) for i in order[:3])
    ax.set_title(f"A few parameters drive the answers: {leaders}\n"
                 f"(blank cells: less than 0.5 % change)", fontsize=TITLE_PT - 1)
    fig.tight_layout()
    return fig


def tornado_figure(result: Sensitivity, output: str, top: int = 8) -> Figure:
    """Tornado chart for one output: % change for parameter +step and -step, the largest ``top`` effects."""
    ranking = result.ranking(output)[:top][::-1]
    fig, ax = plt.subplots(figsize=(9, 5), dpi=80)
    y = np.arange(len(ranking))
    pct = round(100 * result.step)
    ax.barh(y, [r[1] for r in ranking], color=OKABE_ITO[0], label=f"parameter +{pct} %")
    ax.barh(y, [r[2] for r in ranking], color=OKABE_ITO[1], label=f"parameter −{pct} %")
    ax.axvline(0, color="black", linewidth=1)
    ax.set_yticks(y, [readable(r[0]) for r in ranking], fontsize=LABEL_PT)
    name = " ".join(output.split("\n")[:-1])  # without the unit line
    ax.set_xlabel(f"% change of the {name}", fontsize=LABEL_PT)
    ax.tick_params(axis="x", labelsize=TICK_PT)
    ax.set_title(f"{readable(ranking[-1][0]).capitalize()} changes the {' '.join(output.split()[:2])} most",
                 fontsize=TITLE_PT)
    ax.legend(fontsize=TICK_PT, loc="lower right")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


# --- References: the papers behind the calibration rows ---------------------------------------------------

def _doi_from_literature(source: str) -> str:
    """A DOI for a source like 'Coppieters & Butler 2008 Man Ther' from the literature scan, if it has one."""
    year = re.search(r"\b(19|20)\d\d\b", source)
    if not year:
        return ""
    authors = re.sub(r"\bet al\.?", "", source[: year.start()])
    surnames = [name.strip() for name in re.split(r"[&,]", authors) if name.strip()]
    found = {row["doi"] for name in ("literature_excursion.csv", "literature_mechanics.csv")
             for row in read_rows(name)
             if row["doi"] and row["year"] == year.group(0)
             and all(surname.lower() in row["study"].lower() for surname in surnames)}
    return found.pop() if len(found) == 1 else ""


def references() -> str:
    """Markdown list: each source of calibration.csv once, with its DOI and the rows it backs."""
    rows_by_source: dict[str, list[str]] = {}
    doi_by_source: dict[str, str] = {}
    for row in read_rows("calibration.csv"):
        rows_by_source.setdefault(row["source"], []).append(row["id"])
        doi_by_source[row["source"]] = doi_by_source.get(row["source"]) or row["doi"]
    lines = []
    for source, ids in rows_by_source.items():
        doi = doi_by_source[source] or _doi_from_literature(source)
        link = f"doi:[{doi}](https://doi.org/{doi})" if doi else "(no DOI in the data files)"
        lines.append(f"- {source}. {link}. Calibration row{'s' if len(ids) > 1 else ''} {', '.join(ids)}.")
    return "\n".join(lines)


__all__ = ["parameter_table", "parameter_kind", "parameter_topics", "format_value", "kind_counts", "laws_figure",
           "calibration_figure", "calibration_table", "evidence_tags", "row_label", "is_plotted", "row_uses",
           "row_use_summary", "MAIN_OUTPUTS", "Sensitivity", "sensitivity", "main_outputs", "readable",
           "sensitivity_figure", "tornado_figure", "references"]
