"""The dose of exercise programs in words and tables: an HTML table for the widgets, plain text for the lessons.

Dose figures are those of ``TimeSeries.summary()`` (see ``neurodynamics.model.dose.DOSE_KEYS``): strain in %
beyond the nerve's length in neutral standing, time in s, sliding in mm, tension in N, blood flow as a fraction of
resting flow (shown in %, the central estimate with its range from the low to the high flow curve).
"""
from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from ..model import anatomy
from ..model.dose import tract_extremes
from ..model.dynamics import TimeSeries
from .flow_lines import HALF_PCT, NONE_PCT
from .style import SITE_LABELS

#: The rows of a dose table: (summary key, label, format of a value).
DOSE_ROWS = (("peak_strain_pct", "peak strain (%)", "{:.1f}"),
             ("time_above_8pct_s", f"time above {HALF_PCT:g} % strain (s)", "{:.1f}"),
             ("time_above_15pct_s", f"time above {NONE_PCT:g} % strain (s)", "{:.1f}"),
             ("sliding_distance_mm", "total sliding (mm)", "{:.0f}"),
             ("sliding_per_stroke_mm", "largest slide in one stroke (mm)", "{:.1f}"),
             ("peak_tension_n", "peak tension (N)", "{:.1f}"),
             ("hold_relaxation_pct", "tension relaxation over the hold (%)", "{:.0f}"),
             ("min_blood_flow", "lowest blood flow (% of resting)", "{:.0%}"),
             ("mean_blood_flow", "mean blood flow (% of resting)", "{:.0%}"))
FORMATS = {key: fmt for key, _, fmt in DOSE_ROWS}
#: Blood-flow figures and the key of their values on the low and the high flow curve.
FLOW_RANGES = {"min_blood_flow": "min_blood_flow_range", "mean_blood_flow": "mean_blood_flow_range"}
FLOW_NOTE = ("Blood flow: the central estimate, then in brackets its range from the low to the high flow curve "
             "(where the fall begins is an estimate, not measured).")


def dose_cell(figures: Mapping[str, object], key: str) -> str:
    """One dose figure of a site (``figures``: a summary's per-site dict) as the tables show it: "–" when there is
    none; a blood-flow figure (fraction of resting flow, shown in %) with its low-high range in brackets."""
    value = figures[key]
    if value is None:
        return "–"
    text = FORMATS[key].format(value)
    if key in FLOW_RANGES:
        low, high = sorted(figures[FLOW_RANGES[key]])
        text += f" ({low:.0%}–{high:.0%})"
    return text


def dose_table_html(hold: TimeSeries, floss: TimeSeries, site: str) -> str:
    """The dose summary of both programs at ``site``, side by side, as an HTML table."""
    columns = [series.summary() for series in (hold, floss)]
    rows = "".join(f"<tr><td>{label}</td>" + "".join(f"<td>{dose_cell(c['sites'][site], key)}</td>"
                                                      for c in columns) + "</tr>"
                   for key, label, _ in DOSE_ROWS)
    head = "".join(f"<th>{html.escape(c['program'])}, {c['duration_s']:.0f} s</th>" for c in columns)
    return (f'<table class="nd-dose" style="font-size:1.05em;border-spacing:12px 2px">'
            f"<caption>Dose at the {SITE_LABELS[site]}</caption><tr><th></th>{head}</tr>{rows}</table>"
            f'<p class="nd-dose-note" style="max-width:36em;margin:2px 0">{html.escape(FLOW_NOTE)}</p>')


def dose_panel_html(taught: TimeSeries, yours: TimeSeries, site: str) -> str:
    """The player's dose panel: the exercise as taught beside the student's design at ``site``, then where along
    the whole tract the design strains and tenses the nerve most."""
    return (f'{dose_table_html(taught, yours, site)}<div style="max-width:560px;margin-top:6px">'
            f"<b>Anywhere along the tract (your design):</b> {html.escape(extremes_text(yours))}</div>")


def compare_doses(series: Mapping[str, TimeSeries], sites: Sequence[str] = anatomy.SITES,
                  keys: Sequence[str] = ("sliding_distance_mm", "sliding_per_stroke_mm", "peak_strain_pct")) -> str:
    """A plain-text table of dose figures (see ``neurodynamics.model.dose.DOSE_KEYS``), a column per program
    (labelled by the mapping's keys): one block per key with a row per site, or, for a single site, a row per
    key; blood flow with its range and a note on it."""
    labels = {key: label for key, label, _ in DOSE_ROWS}
    summaries = {label: ts.summary()["sites"] for label, ts in series.items()}
    width = max(16 if any(key in FLOW_RANGES for key in keys) else 12, *(len(label) + 2 for label in series))
    sites = [anatomy.check_site(site) for site in sites]
    note = f"\n{FLOW_NOTE}" if any(key in FLOW_RANGES for key in keys) else ""

    def cells(site: str, key: str) -> str:
        return "".join(f"{dose_cell(summaries[name][site], key):>{width}}" for name in series)

    header = "".join(f"{name:>{width}}" for name in series)
    if len(sites) == 1:
        lines = [f"{'at the ' + SITE_LABELS[sites[0]]:<38}{header}"]
        lines += [f"{labels[key]:<38}{cells(sites[0], key)}" for key in keys]
        return "\n".join(lines) + note
    lines = []
    for key in keys:
        lines.append(f"{labels[key]:<34}{header}")
        lines += [f"  {SITE_LABELS[site]:<32}{cells(site, key)}" for site in sites]
        lines.append("")
    return "\n".join(lines).rstrip() + note


def extremes_text(series: TimeSeries) -> str:
    """One line: the highest strain, time above 8 % and lowest blood flow (with its low-high range) anywhere along
    the tract, with their sites."""
    sites = series.summary()["sites"]
    worst = tract_extremes(sites)
    strain, flow, above = worst["peak_strain_pct"], worst["min_blood_flow"], worst["time_above_8pct_s"]
    time_text = "0 s" if above[0] == 0 else f"{above[0]:.1f} s ({SITE_LABELS[above[1]]})"
    return (f"highest strain {strain[0]:.1f} % ({SITE_LABELS[strain[1]]}); time above {HALF_PCT:g} %: {time_text}; "
            f"lowest blood flow at the {SITE_LABELS[flow[1]]}: {dose_cell(sites[flow[1]], 'min_blood_flow')}")


def gentler_check(before: TimeSeries, after: TimeSeries) -> str:
    """Is ``after`` gentler than ``before`` anywhere along the tract? Three checks, one line each: a lower
    highest strain (%), no time above 8 % strain (s), a higher lowest blood flow."""
    old, new = (tract_extremes(series.summary()["sites"]) for series in (before, after))

    def where(pair: tuple[float, str], fmt: str) -> str:
        value = fmt.format(pair[0])
        return value if fmt.endswith(" s") and pair[0] == 0 else f"{value} ({SITE_LABELS[pair[1]]})"

    # compared as shown (0.1 % of strain, 1 % of blood flow), so the verdict matches the numbers on the line
    checks = (("highest strain, any site", "peak_strain_pct", "{:.1f} %",
               round(new["peak_strain_pct"][0], 1) < round(old["peak_strain_pct"][0], 1), "lower"),
              (f"time above {HALF_PCT:g} % strain", "time_above_8pct_s", "{:.1f} s",
               new["time_above_8pct_s"][0] == 0, "none"),
              ("lowest blood flow, any site", "min_blood_flow", "{:.0%}",
               round(100 * new["min_blood_flow"][0]) > round(100 * old["min_blood_flow"][0]), "higher"))
    lines = [f"{'':<30}{'before':>20}{'after':>20}   gentler?"]
    for label, key, fmt, passed, word in checks:
        lines.append(f"{label:<30}{where(old[key], fmt):>20}{where(new[key], fmt):>20}   "
                     f"{word}: {'yes' if passed else 'no'}")
    return "\n".join(lines)
