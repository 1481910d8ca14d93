"""Lesson 07 (the model and its evidence): one call per code cell, printing studies and words, not row codes."""
from __future__ import annotations

import textwrap

from IPython.display import Markdown

from ...evidence import citations, tables, uncertainty, validation
from ...model import parameters, physiology


def _compare(row_id: str) -> validation.Comparison:
    (comparison,) = validation.compare(row_ids={row_id})
    return comparison


def hip_flexed_dorsiflexion_ratio() -> None:
    """Print the sliding behind the knee in dorsiflexion with the hip flexed over that with the hip straight: living
    people (Boyd et al. 2012) and the model."""
    boyd = _compare("T2-07d")
    print(f"sliding behind the knee, hip flexed / hip straight: living people {boyd.published:.2f}, "
          f"model {boyd.model:.2f}")


def misses() -> None:
    """Print every calibration or in-vivo measurement the model lands outside of (its acceptance band), with both
    numbers and the reason on file."""
    for c in [c for c in validation.compare() if c.passed is False]:
        print(f"{citations.study_label(c.row_id)}: {tables.for_students(c.quantity)} at the {c.site}: "
              f"published {c.published:g}, model {c.model:.2f} {c.model_unit}")
        print(textwrap.fill(tables.for_students(validation.DISCUSSED_MISSES[c.row_id]), 100, initial_indent="    ",
                            subsequent_indent="    ") + "\n")


def relaxation_and_flow_in_a_hold() -> None:
    """Print the model's tension lost in an hour at 6 % (Kwan et al. 1991, rabbit nerve) and blood flow in a nerve
    held at 8 %, minute by minute."""
    kwan = _compare("R09")
    print(f"tension lost in 1 h at 6 %: model {kwan.model:.0f} %, Kwan et al. {kwan.published:g} % "
          f"(band {kwan.band_low:g} to {kwan.band_high:g} %)")
    course = validation.held_flow_course(8.0)
    print("blood flow held at 8 %, % of resting:", ", ".join(f"{m:g} min {100 * f:.0f}" for m, f in course.items()))


def sequence_effect() -> None:
    """Print the published and the model's difference in ankle strain between reaching the straight-leg raise's end
    position hip first and ankle first (Boyd et al. 2013, cadavers)."""
    row = _compare("R18")
    print(f"published difference: {row.published} %;  model difference: {row.model:.1f} %")
    print(textwrap.fill(tables.for_students(row.note), 100))



def blood_flow_on_each_curve() -> None:
    """Print blood flow (% of resting) at a few strains on the low, central and high flow curves."""
    for strain in (3.0, 5.0, 7.0, 8.0, 12.0):
        flows = [100 * float(physiology.blood_flow_fraction(strain, curve=c)) for c in physiology.CURVES]
        print(f"{strain:4.0f} % strain: blood flow {' / '.join(f'{f:3.0f}' for f in flows)} % of resting "
              f"({' / '.join(physiology.CURVES)} curve)")


def plausible_band_table() -> Markdown:
    """How many parameter sets make the plausible band, what the band is, and each parameter's fitted value, the
    range the kept sets span and its source's range."""
    sets = uncertainty.plausible_sets()
    records = parameters.all_parameters()
    rows = [f"| {tables.readable(name)} | {tables.format_value(records[name].value)} | "
            f"{tables.format_value(min(s[name] for s in sets))} to {tables.format_value(max(s[name] for s in sets))} | "
            f"{tables.format_value(records[name].plausible[0])} to {tables.format_value(records[name].plausible[1])} | "
            f"{records[name].unit} |" for name in sets[0]]
    return Markdown("\n".join([f"{len(sets)} kept combinations; the band is {uncertainty.MEANING}.", "",
                               "| parameter | fitted | kept combinations | source's range | unit |",
                               "|---|---|---|---|---|", *rows]))
