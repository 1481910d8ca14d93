"""The words beside an exercise's frame: where in the program it is, the posture and the strain at one site.

Times in s, angles in degrees (flexion and dorsiflexion +), strain in %.
"""
from __future__ import annotations

from ..model.exercises import Program
from ..model.mechanics import Solution
from ..model.posture import Posture
from .sentences import angles_words, site_words
from .style import SITE_LABELS


def where_in_program(program: Program, t_s: float) -> str:
    """'repetition 3 of 10' at time ``t_s`` (s) of an oscillation, or 'hold, 40 s in all' for a hold."""
    if program.cycles:
        period = program.duration_s / program.cycles
        return f"repetition {min(int(t_s // period) + 1, program.cycles)} of {program.cycles}"
    return f"hold, {program.duration_s:.0f} s in all"


def frame_sentence(program: Program, t_s: float, posture: Posture, solution: Solution, site: str) -> str:
    """One sentence on the frame shown: time, posture, and strain at ``site``."""
    return (f"At {t_s:.1f} s ({where_in_program(program, t_s)}), {angles_words(posture)}: "
            f"{site_words(solution, site)}.")


def frame_html(program: Program, t_s: float, posture: Posture, solution: Solution, site: str) -> str:
    """The frame line by the time slider, for the eye only: the sentence under the figures (the one live region)
    says the same to a screen reader, so each frame is announced once."""
    return (f'<div aria-hidden="true" style="font-size:1.05em">t = {t_s:.1f} s · {where_in_program(program, t_s)} · '
            f"hip {posture.hip_flexion:.0f}°, knee {posture.knee_flexion:.0f}°, "
            f"ankle {posture.ankle_dorsiflexion:+.0f}°, neck {posture.neck_flexion:+.0f}° · "
            f"strain at the {SITE_LABELS[site]} {solution.strain(site):.1f} %</div>")
