"""Lessons a lecturer can teach in 50 minutes: a timed plan that covers the reading and the activities, at most
1,800 core words, decisions the notebook checks, a closing quiz, a clean student build (no internal data-row codes,
test strings, file names or capitalised parameter names in any cell or stored output), and a lecturer's guide
covering every lesson.

Conventions the lessons follow (and these tests detect):
- near the top, a markdown cell "## Plan for a 50-minute class" with a table whose columns are `part` and `minutes`;
  a part that does not fit the 50 minutes has `optional` in its minutes column;
- an activity is a markdown cell with a heading "### Your decision ..." followed by a code cell that sets a
  `my_...` variable and passes it to a `check_...` function defined earlier in the notebook, or imported earlier
  from the lesson's module in `neurodynamics.interface.lessons` (that function prints the model's answer and why);
- core words: the words of markdown cells and of printed text outputs (stream, text/plain, text/markdown), without
  HTML tags, table rules and figure or widget placeholders, leaving out the References section and any section
  whose heading says "optional" (with its subsections).
- the quiz is a markdown cell "## Quiz: check yourself" with 3-5 questions "**Q1.**", each with its answer in a
  `<details>` block, placed before the summary.
"""
import importlib
import inspect
import json
import math
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
CLASS_LESSONS = ["00_start_here", "01_the_nerve_tract", "02_excursion_and_strain", "03_hamstring_or_nerve",
                 "04_hold_vs_floss", "05_the_two_exercises", "06_class_exercises"]
ALL_LESSONS = CLASS_LESSONS + ["07_model_and_evidence"]
STUDENT_NOTEBOOKS = sorted(path.stem for path in NOTEBOOKS.glob("*.ipynb"))  # the lessons, the guide, the dashboard
CLASS_MINUTES = 50
MAX_CORE_WORDS = 1800
WORDS_PER_MINUTE = 150
# Least time an activity takes in class, on top of reading its words (minutes).
DECISION_MINUTES, PREDICT_MINUTES, QUIZ_QUESTION_MINUTES = 3, 2, 1

# A clean student build: what no cell (markdown, code or stored output) of a lesson or of the guide may show.
ROW_CODE = re.compile(r"\b(R\d{2,3}[a-z]?|T\d-\d+[a-z]?|[A-Z]{1,3}\d{1,3}-\d{1,3}[a-z]?)\b")
TEST_STRING = re.compile(r"\bpass(?:es|ed)? if\b|\bpassed\s*[=:]|[=:]\s*(?:True|False)\b|\bpytest\b|\bnbval\b|"
                         r"\bxfail\b|\btest_\w+|\bassert\b")
FILE_NAME = re.compile(r"[\w./-]*\w\.(?:csv|py|md|json|ipynb|txt|toml|ya?ml|cfg|html)\b")
ALLOWED_FILE_NAMES = ("tasks.py",)  # the launcher, in a command aside; each notebook may also name itself
INTERNAL_WORDS = re.compile(r"data files?|this project|\.\./shared|/work/", re.I)
# HIP_BED_RADIUS, style.SITE_LABELS, explorers.PRESETS; not a symbol of an equation such as T_0
CAPITAL_NAME = re.compile(r"\b[A-Z][A-Z0-9]+_[A-Z][A-Z0-9_]*\b|\.[A-Z][A-Z0-9_]{3,}\b")
OUTSIDE_FILES = ("DESIGN.md", "STYLE.md", "../shared", "/work/", "shared/reference")

LESSON_MODULES = re.compile(r"^from neurodynamics\.interface\.lessons(?:\.(lesson_\d\d))? import ([^\n]+)$", re.M)


def cells(name):
    return json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]


def text(cell):
    return "".join(cell["source"])


def output_texts(cell):
    """The text a code cell's stored outputs show: streams, and of each rich output the form a notebook displays
    (text/markdown, else text/html, else text/plain). Figure and widget placeholders (the text/plain of an output
    that carries a picture or a widget) are left out."""
    found = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            found.append("".join(output["text"]))
            continue
        if output.get("output_type") == "error":
            found.append("\n".join(output.get("traceback", [])))
            continue
        data = output.get("data", {})
        if "text/markdown" in data:
            found.append("".join(data["text/markdown"]))
        elif "text/html" in data:
            found.append("".join(data["text/html"]))
        elif "text/plain" in data and not any(kind.startswith("image/") or "widget" in kind for kind in data):
            found.append("".join(data["text/plain"]))
    return found


HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def core_text(name, notebook_cells=None):
    """The markdown and printed text of the core of a lesson, in order: the References section and every section
    whose heading says optional (with its subsections) left out. `notebook_cells` (default: the lesson's) is for
    checking this rule on made-up cells."""
    kept, skip_level = [], None
    for cell in cells(name) if notebook_cells is None else notebook_cells:
        if cell["cell_type"] == "markdown":
            for line in text(cell).splitlines():
                heading = HEADING.match(line)
                if heading:
                    level, title = len(heading.group(1)), heading.group(2)
                    if skip_level is not None and level <= skip_level:
                        skip_level = None
                    if skip_level is None and ("optional" in title.lower() or title.strip().startswith("References")):
                        skip_level = level
                if skip_level is None:
                    kept.append(line)
        elif skip_level is None:
            kept.extend(output_texts(cell))
    return "\n".join(kept)


def count_words(markdown):
    """Words a student reads: HTML tags, table rules and markup-only tokens (|, **, #, -) are not words."""
    plain = re.sub(r"<[^>]*>", " ", markdown)
    plain = re.sub(r"^\s*\|?\s*:?-{3,}.*$", " ", plain, flags=re.M)
    return sum(1 for token in plain.split() if re.search(r"[A-Za-z0-9]", token))


def core_words(name):
    return count_words(core_text(name))


def core_activities(name):
    """(decisions, predict-then-check questions, quiz questions) in the core of a lesson."""
    core = core_text(name)
    quiz = core.split("## Quiz", 1)[1] if "## Quiz" in core else ""
    return (len(re.findall(r"^### Your decision\b", core, re.M)), core.lower().count("predict, then check"),
            len(re.findall(r"\*\*Q\d+\.\*\*", quiz)))


def test_core_words_leave_out_references_optional_sections_markup_and_placeholders():
    """The word count itself: a made-up lesson whose every part is known."""
    made_up = [
        {"cell_type": "markdown", "source": ["# Title words\n", "| part | minutes |\n", "|---|---|\n", "| a | 5 |"]},
        {"cell_type": "code", "source": ["x()"], "outputs": [
            {"output_type": "stream", "name": "stdout", "text": ["printed three words\n"]},
            {"output_type": "display_data", "data": {"image/png": "AAAA", "text/plain": ["<figure: not counted>"]}},
            {"output_type": "display_data", "data": {"text/html": ["<b>two words</b>"], "text/plain": ["<HTML>"]}}]},
        {"cell_type": "markdown", "source": ["## Extra (optional)\n", "skipped words here\n", "### Sub\n", "also skipped"]},
        {"cell_type": "code", "source": ["y()"], "outputs": [
            {"output_type": "stream", "name": "stdout", "text": ["skipped output"]}]},
        {"cell_type": "markdown", "source": ["## Back in the core\n", "<details><summary>Answer</summary>\n", "yes"]},
        {"cell_type": "markdown", "source": ["## References\n", "- Author A (2000) A title."]},
    ]
    text = core_text("made up", made_up)
    assert "skipped" not in text and "Author" not in text and "not counted" not in text
    # Title words (2) + part/minutes/a/5 (4) + printed three words (3) + two words (2) + Back in the core (4)
    # + Answer yes (2)
    assert count_words(text) == 17, text


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
    assert not any(part.lower().startswith("total") for part, _ in rows), f"{name}: the plan has a total row"
    assert sum(timed) <= CLASS_MINUTES, f"{name}: the plan takes {sum(timed)} minutes, more than {CLASS_MINUTES}"
    assert any("quiz" in part.lower() for part, minutes in rows if minutes), f"{name}: the quiz is not in the timed plan"


@pytest.mark.parametrize("name", CLASS_LESSONS)
def test_core_of_lesson_is_at_most_1800_words(name):
    words = core_words(name)
    assert words <= MAX_CORE_WORDS, f"{name}: {words} core words, more than {MAX_CORE_WORDS}"


@pytest.mark.parametrize("name", CLASS_LESSONS)
def test_plan_covers_reading_at_150_words_a_minute_and_every_activity(name):
    words = core_words(name)
    decisions_, predictions, quiz_questions = core_activities(name)
    reading = math.ceil(words / WORDS_PER_MINUTE)
    needed = (reading + DECISION_MINUTES * decisions_ + PREDICT_MINUTES * predictions
              + QUIZ_QUESTION_MINUTES * quiz_questions)
    planned = sum(minutes for _, minutes in plan_rows(name) if minutes is not None)
    assert planned >= needed, (
        f"{name}: the plan gives {planned} minutes; reading {words} words at {WORDS_PER_MINUTE} a minute takes "
        f"{reading}, plus {decisions_} decisions x {DECISION_MINUTES}, {predictions} predict-then-check questions x "
        f"{PREDICT_MINUTES} and {quiz_questions} quiz questions x {QUIZ_QUESTION_MINUTES}: {needed} minutes")


def lesson_check_functions(source):
    """check_... functions that a code cell imports from a lesson module of neurodynamics.interface.lessons."""
    found = {}
    for module_name, names in LESSON_MODULES.findall(source):
        names = [n.strip() for n in names.strip("()").split(",")]
        if module_name:  # from neurodynamics.interface.lessons.lesson_NN import check_a, check_b
            module = importlib.import_module(f"neurodynamics.interface.lessons.{module_name}")
            found.update({n: getattr(module, n) for n in names if n.startswith("check_")})
        else:  # from neurodynamics.interface.lessons import lesson_NN [as alias]
            for item in names:
                module_name, _, alias = item.partition(" as ")
                module = importlib.import_module(f"neurodynamics.interface.lessons.{module_name.strip()}")
                found.update({n: f for n, f in vars(module).items() if n.startswith("check_") and callable(f)})
    return found


def decisions(name):
    """(heading, code cell after it, check functions available by then) of every 'Your decision' activity."""
    all_cells = cells(name)
    defined = set()
    found = []
    for index, cell in enumerate(all_cells):
        source = text(cell)
        if cell["cell_type"] == "code":
            defined.update(re.findall(r"^def (check_\w+)\(", source, re.M))
            defined.update(lesson_check_functions(source))
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
        for check_name, function in lesson_check_functions(source).items():
            body = inspect.getsource(function)
            assert "print" in body or "explain_choice(" in body or "explain(" in body, \
                f"{name}: {check_name} prints nothing"


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


def student_texts(name):
    """(cell index, what, text) of everything a student can see in a notebook: markdown, code, stored outputs."""
    for index, cell in enumerate(cells(name)):
        yield index, cell["cell_type"], text(cell)
        for output in output_texts(cell):
            yield index, "output", output


def build_problems(name, index, kind, source):
    problems = []
    codes = ROW_CODE.findall(source)
    if codes:
        problems.append(f"row codes {sorted(set(codes))}")
    tests = TEST_STRING.findall(source)
    if tests and kind != "code":
        problems.append(f"test strings {sorted(set(tests))}")
    elif kind == "code" and re.search(r"\bpass(?:es|ed)? if\b|\bpytest\b|\bassert\b|\bnbval\b", source):
        problems.append("test strings in code")
    files = [f for f in FILE_NAME.findall(source) if f not in ALLOWED_FILE_NAMES and f != f"{name}.ipynb"]
    if files:
        problems.append(f"file names {sorted(set(files))}")
    internal = INTERNAL_WORDS.findall(source)
    if internal:
        problems.append(f"internal words {sorted(set(internal))}")
    capitals = CAPITAL_NAME.findall(source)
    if capitals:
        problems.append(f"parameter names in capitals {sorted(set(capitals))}")
    return [f"{name}, cell {index} ({kind}): {problem}" for problem in problems]


@pytest.mark.parametrize("source, kind, found", [
    ("for row in compare(row_ids={'R05'})", "code", "row codes"),
    ("see T2-03a and RH14-30", "markdown", "row codes"),
    ("R17 Coppieters: passed = True", "output", "test strings"),
    ("the model passes if it rises", "markdown", "test strings"),
    ("read_rows('literature_mechanics.csv')", "code", "file names"),
    ("as our data files show", "markdown", "internal words"),
    ("this project had to assume", "markdown", "internal words"),
    ("HIP_BED_RADIUS.value", "code", "parameter names in capitals"),
    ("explorers.PRESETS['slump sitting']", "code", "parameter names in capitals"),
])
def test_clean_build_check_finds_each_kind_of_developer_material(source, kind, found):
    assert any(found in problem for problem in build_problems("00_start_here", 1, kind, source)), source


@pytest.mark.parametrize("source", [
    "Run `python3 tasks.py workshop` in a terminal.", "This notebook, 00_start_here.ipynb, opens first.",
    "Lundborg & Rydevik 1973; SLR 70°; C4-C5; L5/S1; the time constant $T_0$", "my_choice = 'neck flexion'",
])
def test_clean_build_check_lets_student_text_through(source):
    assert build_problems("00_start_here", 1, "markdown", source) == []


@pytest.mark.parametrize("name", STUDENT_NOTEBOOKS)
def test_student_build_is_clean(name):
    """Every cell's markdown, code and stored output shows no data-row codes, test strings, file names (a notebook
    may name itself, and `tasks.py` in a command aside), "data files", "this project" or parameter names in
    capitals: the student reads studies and words, not the developers' material."""
    problems = [problem for index, kind, source in student_texts(name)
                for problem in build_problems(name, index, kind, source)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", STUDENT_NOTEBOOKS)
def test_no_cell_or_stored_output_names_files_outside_the_repository(name):
    """Markdown, code and what the stored outputs show: a student's copy of the repository has no such file."""
    named = [f"{name}, cell {index} ({kind}): {word}" for index, kind, source in student_texts(name)
             for word in OUTSIDE_FILES if word in source]
    assert not named, "names files outside the repository:\n" + "\n".join(named)


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
