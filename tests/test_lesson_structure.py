"""Lessons a lecturer can teach in 50 minutes: a timed plan, decisions the notebook checks, a closing quiz, no
internal data-row codes or outside files in the text students read, and a lecturer's guide covering every lesson.

Conventions the lessons follow (and these tests detect):
- near the top, a markdown cell "## Plan for a 50-minute class" with a table whose columns are `part` and `minutes`;
  a part that does not fit the 50 minutes has `optional` in its minutes column;
- an activity is a markdown cell with a heading "### Your decision ..." followed by a code cell that sets a
  `my_...` variable and passes it to a `check_...` function defined earlier in the notebook (that function prints
  the model's answer and why);
- the quiz is a markdown cell "## Quiz: check yourself" with 3-5 questions "**Q1.**", each with its answer in a
  `<details>` block, placed before the summary.
"""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
CLASS_LESSONS = ["00_start_here", "01_the_nerve_tract", "02_excursion_and_strain", "03_hamstring_or_nerve",
                 "04_hold_vs_floss", "05_the_two_exercises", "06_class_exercises"]
ALL_LESSONS = CLASS_LESSONS + ["07_model_and_evidence"]
CLASS_MINUTES = 50
ROW_CODE = re.compile(r"\b(R\d{2,3}[a-z]?|T\d-\d+[a-z]?)\b")
OUTSIDE_FILES = ("DESIGN.md", "STYLE.md", "../shared", "/work/", "shared/reference")


def cells(name):
    return json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]


def text(cell):
    return "".join(cell["source"])


def plan_rows(name):
    """(part, minutes) rows of the plan table; minutes is an int, or None for an optional part."""
    found = [(index, text(c)) for index, c in enumerate(cells(name))
             if c["cell_type"] == "markdown" and "## Plan for a 50-minute class" in text(c)]
    assert len(found) == 1, f"{name}: {len(found)} plan cells (want one '## Plan for a 50-minute class')"
    index, plan = found[0]
    assert index <= 4, f"{name}: the plan is cell {index}; it belongs near the top"
    lines = [line.strip() for line in plan.splitlines() if line.strip().startswith("|")]
    header = [cell.strip().lower() for cell in lines[0].strip("|").split("|")]
    assert header == ["part", "minutes"], f"{name}: plan columns {header}"
    rows = []
    for line in lines[2:]:
        part, minutes = (cell.strip() for cell in line.strip("|").split("|"))
        if minutes.lower().startswith("optional"):
            rows.append((part, None))
        else:
            assert minutes.isdigit(), f"{name}: plan row {part!r} has minutes {minutes!r} (a number or 'optional')"
            rows.append((part, int(minutes)))
    return rows


@pytest.mark.parametrize("name", CLASS_LESSONS)
def test_lesson_opens_with_a_plan_that_fits_a_50_minute_class(name):
    rows = plan_rows(name)
    timed = [minutes for _, minutes in rows if minutes is not None]
    assert len(timed) >= 3, f"{name}: only {len(timed)} timed parts"
    assert sum(timed) <= CLASS_MINUTES, f"{name}: the plan takes {sum(timed)} minutes, more than {CLASS_MINUTES}"
    assert any("quiz" in part.lower() for part, minutes in rows if minutes), f"{name}: the quiz is not in the timed plan"


def decisions(name):
    """(heading, code) of every 'Your decision' activity, and the check functions defined in the notebook."""
    all_cells = cells(name)
    defined = set()
    found = []
    for index, cell in enumerate(all_cells):
        source = text(cell)
        if cell["cell_type"] == "code":
            defined.update(re.findall(r"^def (check_\w+)\(", source, re.M))
        if cell["cell_type"] == "markdown" and re.search(r"^### Your decision\b", source, re.M):
            following = all_cells[index + 1] if index + 1 < len(all_cells) else None
            found.append((source.splitlines()[0], following, set(defined)))
    return found


@pytest.mark.parametrize("name", CLASS_LESSONS)
def test_students_make_at_least_two_decisions_that_the_model_checks(name):
    found = decisions(name)
    assert len(found) >= 2, f"{name}: {len(found)} 'Your decision' activities"
    for heading, following, defined in found:
        assert following is not None and following["cell_type"] == "code", f"{name}: {heading} has no code cell"
        source = text(following)
        choice = re.search(r"^(my_\w+)\s*=", source, re.M)
        assert choice, f"{name}: {heading}: the cell sets no my_... variable for the student"
        call = re.search(rf"\b(check_\w+)\({choice.group(1)}\b", source)
        assert call, f"{name}: {heading}: {choice.group(1)} is not passed to a check_... function"
        assert call.group(1) in defined, f"{name}: {heading}: {call.group(1)} is not defined before it is used"


@pytest.mark.parametrize("name", CLASS_LESSONS)
def test_check_functions_explain_their_verdict(name):
    for cell in cells(name):
        source = text(cell)
        for body in re.split(r"^def ", source, flags=re.M)[1:]:
            if body.startswith("check_"):
                assert "print" in body or "explain_choice(" in body, f"{name}: {body.split('(')[0]} prints nothing"


@pytest.mark.parametrize("name", CLASS_LESSONS)
def test_lesson_ends_with_a_short_quiz_with_explained_answers(name):
    all_cells = cells(name)
    quiz = [(index, text(c)) for index, c in enumerate(all_cells)
            if c["cell_type"] == "markdown" and text(c).startswith("## Quiz")]
    assert len(quiz) == 1, f"{name}: {len(quiz)} quiz cells"
    index, body = quiz[0]
    questions = re.findall(r"\*\*Q(\d+)\.\*\*", body)
    assert 3 <= len(questions) <= 5, f"{name}: {len(questions)} quiz questions"
    assert questions == [str(n) for n in range(1, len(questions) + 1)], f"{name}: questions numbered {questions}"
    assert body.count("<details>") == len(questions) == body.count("</details>"), f"{name}: an answer is not hidden"
    summary = next(i for i, c in enumerate(all_cells) if text(c).startswith("## Summary: what we've learned"))
    assert index == summary - 1, f"{name}: the quiz (cell {index}) should come just before the summary ({summary})"


@pytest.mark.parametrize("name", ALL_LESSONS + ["lecturer_guide"])
def test_text_names_no_data_row_codes_and_no_files_outside_the_repository(name):
    """The prose students read (every markdown cell, lesson 07 included) names studies, not data-row codes;
    tables generated by code cells may show the codes."""
    for index, cell in enumerate(cells(name)):
        if cell["cell_type"] != "markdown":
            continue
        source = text(cell)
        codes = ROW_CODE.findall(source)
        assert not codes, f"{name}, cell {index}: internal row codes {codes} in the text"
        outside = [word for word in OUTSIDE_FILES if word in source]
        assert not outside, f"{name}, cell {index}: names files outside the repository: {outside}"


@pytest.mark.parametrize("name", ["05_the_two_exercises", "06_class_exercises"])
def test_hold_versus_floss_is_taught_once_in_lesson_04(name):
    markdown = "\n".join(text(c) for c in cells(name) if c["cell_type"] == "markdown")
    source = "\n".join(text(c) for c in cells(name) if c["cell_type"] == "code")
    assert "lesson 04" in markdown.lower(), f"{name} does not point to lesson 04 for hold versus floss"
    assert "HoldVsFloss(" not in source, f"{name} re-runs the hold-versus-floss explorer that lesson 04 teaches"


def test_lecturer_guide_covers_every_lesson():
    guide = cells("lecturer_guide")
    markdown = "\n".join(text(c) for c in guide if c["cell_type"] == "markdown")
    assert markdown.startswith("# "), "the guide opens with a title"
    sections = re.split(r"^## ", markdown, flags=re.M)
    for name in ALL_LESSONS:
        section = next((s for s in sections if s.startswith(f"Lesson {name[:2]}")), None)
        assert section is not None, f"the guide has no '## Lesson {name[:2]}' section"
        for part in ("Goals", "Plan", "Live on the dashboard", "Expected answers", "Misconceptions"):
            assert f"**{part}" in section, f"guide, lesson {name[:2]}: no '{part}'"
    code = "\n".join(text(c) for c in guide if c["cell_type"] == "code")
    assert "Plan for a 50-minute class" in code, "the guide reads the timed plans from the lessons, not a copy"
