"""Which study a measurement comes from, who was measured and how: one answer for every table, figure and lesson.

Every label a student reads about a published row ("Rade et al. 2014", "living people, MRI", "rats") is made here,
from the row's own citation and subjects text, so a table and a figure never name the same study two ways.
"""
from __future__ import annotations

import functools
import re

from .reference import published_row, read_rows

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_LITERATURE = ("literature_excursion.csv", "literature_mechanics.csv")


def author_year(citation: str, year: str = "") -> str:
    """'Rade et al. 2014', 'Robinson & Probyn 2019' from a citation whose authors come first.

    ``year`` is used when the citation has none.
    """
    found = _YEAR.search(citation)
    names = re.split(r"\s+-\s+|\s(?:19|20)\d\d", citation)[0]
    pair = re.fullmatch(r"\s*([\w-]+) & ([\w-]+)\s*", names)
    authors = f"{pair.group(1)} & {pair.group(2)}" if pair else re.split(r",| &| et al", names)[0].strip()
    many = not pair and ("," in names or "et al" in names or "&" in names)
    return f"{authors}{' et al.' if many else ''} {found.group(0) if found else year}".strip()


@functools.lru_cache(maxsize=None)
def study_label(row_id: str) -> str:
    """'Rade et al. 2014' for the id of a row of any published data file; ValueError for an unknown id."""
    row = published_row(row_id)
    return author_year(row.get("source") or row.get("study") or "", row.get("year", ""))


def who_was_measured(subjects: str) -> str:
    """Who a row measured, in a student's words: 'living people', 'embalmed cadavers', 'fresh cadavers',
    'cadavers', 'living people and cadavers', 'rats', 'rabbits', 'guinea pigs', 'a computer model'; the subjects
    text itself when none of these fits."""
    text = subjects.lower()
    cadavers = re.search(r"cadaver|necrops", text)
    living = re.search(r"healthy|volunteer|asymptomatic|control|patients", text)
    if "model" in text:
        return "a computer model"
    if cadavers and living:
        return "living people and cadavers"
    if cadavers:
        if re.search(r"\bembalmed", text):
            return "embalmed cadavers"
        return "fresh cadavers" if re.search(r"unembalmed|fresh", text) else "cadavers"
    for pattern, animals in ((r"\brats?\b", "rats"), (r"\brabbits?\b", "rabbits"), (r"guinea pig", "guinea pigs")):
        if re.search(pattern, text):
            return animals
    return "living people" if living else subjects


def how_measured(subjects: str) -> str:
    """'MRI', 'ultrasound' or '' (not said) from a row's subjects text."""
    text = subjects.lower()
    return "MRI" if "mri" in text else "ultrasound" if "ultrasound" in text else ""


def subjects_label(subjects: str) -> str:
    """Who was measured and how, as a figure labels a row: 'living people, MRI', 'embalmed cadavers', 'rats'."""
    how = how_measured(subjects)
    return f"{who_was_measured(subjects)}, {how}" if how else who_was_measured(subjects)


def evidence_tags(subjects: str, manoeuvre: str = "") -> tuple[str, ...]:
    """Who was measured, and 'upper limb' for the arm's median nerve: the tags beside a row in tables and figures."""
    upper_limb = "upper limb" in manoeuvre.lower() or "median nerve" in subjects.lower()
    return (who_was_measured(subjects),) + (("upper limb",) if upper_limb else ())


def doi(citation: str) -> str:
    """A DOI for a citation like 'Coppieters & Butler 2008 Man Ther' from the literature scan, or '' if the scan
    has none or several."""
    year = _YEAR.search(citation)
    if not year:
        return ""
    surnames = [name.strip() for name in re.split(r"[&,]", re.sub(r"\bet al\.?", "", citation[: year.start()]))
                if name.strip()]
    found = {row["doi"] for name in _LITERATURE for row in read_rows(name)
             if row["doi"] and row["year"] == year.group(0)
             and all(surname.lower() in row["study"].lower() for surname in surnames)}
    return found.pop() if len(found) == 1 else ""
