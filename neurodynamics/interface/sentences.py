"""What the explorers' figures show, in one sentence each (read out by screen readers in an aria-live region).

Strain is % beyond the nerve's length in neutral standing (0 standing), as the readouts show it (0.1 %); a site
where the nerve is slack is called slack. Changes since a pinned posture are in percentage points.
"""
from __future__ import annotations

import html

from ..model import anatomy
from ..model.mechanics import Solution
from ..model.posture import Posture
from .compare import Change
from .flow_lines import HALF_PCT, NONE_PCT
from .style import SITE_LABELS


def sentence_html(sentence: str) -> str:
    """The sentence under an explorer, in a polite live region: screen readers read it after each change."""
    return f'<p class="nd-sentence" aria-live="polite" style="margin:4px 0">{html.escape(sentence)}</p>'


def flow_words(strain_pct: float) -> str:
    """Where a strain (%) lies against the blood-flow lines, compared as shown (0.1 %)."""
    shown = round(strain_pct, 1)
    if shown >= NONE_PCT:
        return f"at or above the {NONE_PCT:g} % line where blood flow nearly stops"
    if shown >= HALF_PCT:
        return f"at or above the {HALF_PCT:g} % line where blood flow halves"
    return f"below the {HALF_PCT:g} % line where blood flow halves"


def angles_words(posture: Posture) -> str:
    """"hip 70°, knee 0°", with the ankle, neck and trunk when they are not at 0 (signed as the sliders)."""
    words = [f"hip {posture.hip_flexion:.0f}°", f"knee {posture.knee_flexion:.0f}°"]
    for name, value in (("ankle", posture.ankle_dorsiflexion), ("neck", posture.neck_flexion),
                        ("trunk", posture.trunk_flexion)):
        if round(value) != 0:
            words.append(f"{name} {value:+.0f}°")
    return ", ".join(words)


def site_words(solution: Solution, site: str) -> str:
    """Strain at ``site`` as the readout shows it (%), then "slack" or where it lies against the flow lines."""
    strain = solution.strain(site)
    where = "slack" if solution.slack(site) else flow_words(strain)
    return f"strain at the {SITE_LABELS[site]} {strain:.1f} %, {where}"


def most_strained_site(solution: Solution) -> str:
    """The site with the highest strain (the first such site on a tie)."""
    return max(anatomy.SITES, key=solution.strain)


def change_words(change: Change, since: str) -> str:
    """"Since the pin: nerve +2.9 points at the ankle, hamstring +0.0 points." (``since``: "the pin" ...)."""
    return (f"Since {since}: nerve {change.nerve_pp:+.1f} points at the {SITE_LABELS[change.nerve_site]}, "
            f"hamstring {change.hamstring_pp:+.1f} points.")


def posture_sentence(solution: Solution, change: Change | None = None) -> str:
    """One sentence on a posture: its angles and the most strained site, e.g. "Hip 70°, knee 0°: strain at the
    hip 5.1 %, below the 8 % line where blood flow halves."; with ``change``, what changed since the pin."""
    angles = angles_words(solution.posture)
    site = most_strained_site(solution)
    if round(solution.strain(site), 1) <= 0:
        text = (f"{angles[0].upper()}{angles[1:]}: the nerve is nowhere stretched beyond its standing length, "
                f"{flow_words(0.0)}.")
    else:
        text = f"{angles[0].upper()}{angles[1:]}: {site_words(solution, site)}."
    return text if change is None else f"{text} {change_words(change, 'the pin')}"


def hold_floss_sentence(hold, floss, site: str) -> str:
    """One sentence on a hold and a floss at ``site``: peak strain (%), lowest blood flow (% of resting) and time
    above the line where blood flow halves (s), from their dose summaries."""
    summaries = [series.summary() for series in (hold, floss)]
    values = [summary["sites"][site] for summary in summaries]
    names = [f"the {summary['program']} ({summary['duration_s']:.0f} s)" for summary in summaries]

    def number(value, fmt: str) -> str:
        return "–" if value is None else fmt.format(value)

    peaks = [number(v["peak_strain_pct"], "{:.1f} %") for v in values]
    flows = [number(v["min_blood_flow"], "{:.0%}") for v in values]
    above = [v["time_above_8pct_s"] or 0.0 for v in values]
    time_words = (f"neither goes above the {HALF_PCT:g} % line where blood flow halves" if max(above) == 0 else
                  f"time above the {HALF_PCT:g} % line where blood flow halves {above[0]:.1f} s and "
                  f"{above[1]:.1f} s")
    return (f"At the {SITE_LABELS[site]}, {names[0]} strains the nerve up to {peaks[0]} and {names[1]} up to "
            f"{peaks[1]}, lowest blood flow {flows[0]} and {flows[1]} of resting; {time_words}.")
