"""The dose of exercise programs in words and tables: an HTML table for the widgets, plain text for the lessons.

Dose figures are those of ``TimeSeries.summary()`` (see ``neurodynamics.model.dose.DOSE_KEYS``): strain in %
beyond the nerve's length in neutral standing, time in s, sliding in mm, tension in N, blood flow as a fraction of resting flow (shown in %).
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
             ("peak_tension_n", "peak tension (N)", "{:.1f}"),
             ("hold_relaxation_pct", "tension relaxation over the hold (%)", "{:.0f}"),
             ("min_blood_flow", "lowest blood flow (% of resting)", "{:.0%}"),
             ("mean_blood_flow", "mean blood flow (% of resting)", "{:.0%}"))


def dose_table_html(hold: TimeSeries, floss: TimeSeries, site: str) -> str:
    """The dose summary of both programs at ``site``, side by side, as an HTML table."""
    columns = [series.summary() for series in (hold, floss)]

    def cell(value, fmt: str) -> str:
        return "–" if value is None else fmt.format(value)

    rows = "".join(f"<tr><td>{label}</td>" + "".join(f"<td>{cell(c['sites'][site][key], fmt)}</td>"
                                                      for c in columns) + "</tr>"
                   for key, label, fmt in DOSE_ROWS)
    head = "".join(f"<th>{html.escape(c['program'])}, {c['duration_s']:.0f} s</th>" for c in columns)
    return (f'<table class="nd-dose" style="font-size:1.05em;border-spacing:12px 2px">'
            f"<caption>Dose at the {site.replace('_', ' ')}</caption><tr><th></th>{head}</tr>{rows}</table>")


def compare_doses(series: Mapping[str, TimeSeries], sites: Sequence[str] = anatomy.SITES,
                  keys: Sequence[str] = ("sliding_distance_mm", "peak_strain_pct")) -> str:
    """A plain-text table of dose figures (see ``neurodynamics.model.dose.DOSE_KEYS``), a column per program
    (labelled by the mapping's keys): one block per key with a row per site, or, for a single site, a row per
    key."""
    rows = {key: (label, fmt) for key, label, fmt in DOSE_ROWS}
    summaries = {label: ts.summary()["sites"] for label, ts in series.items()}
    width = max(12, *(len(label) + 2 for label in series))
    sites = [anatomy.check_site(site) for site in sites]

    def cells(site: str, key: str) -> str:
        fmt = rows[key][1]
        return "".join(f"{'–' if v is None else fmt.format(v):>{width}}"
                       for v in (summaries[name][site][key] for name in series))

    header = "".join(f"{name:>{width}}" for name in series)
    if len(sites) == 1:
        lines = [f"{'at the ' + SITE_LABELS[sites[0]]:<38}{header}"]
        lines += [f"{rows[key][0]:<38}{cells(sites[0], key)}" for key in keys]
        return "\n".join(lines)
    lines = []
    for key in keys:
        lines.append(f"{rows[key][0]:<24}{header}")
        lines += [f"  {SITE_LABELS[site]:<22}{cells(site, key)}" for site in sites]
        lines.append("")
    return "\n".join(lines).rstrip()


def extremes_text(series: TimeSeries) -> str:
    """One line: the highest strain, time above 8 % and blood flow anywhere along the tract, with their sites."""
    worst = tract_extremes(series.summary()["sites"])
    strain, flow, above = worst["peak_strain_pct"], worst["min_blood_flow"], worst["time_above_8pct_s"]
    time_text = "0 s" if above[0] == 0 else f"{above[0]:.1f} s ({SITE_LABELS[above[1]]})"
    return (f"highest strain {strain[0]:.1f} % ({SITE_LABELS[strain[1]]}); time above {HALF_PCT:g} %: {time_text}; "
            f"lowest blood flow {flow[0]:.0%} ({SITE_LABELS[flow[1]]})")


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
