"""The marking guide says what the source versions mark: each written question's rubric as in its notebook, and for
each autograded question the feedback that the hidden tests really give (so the guide cannot drift from them)."""
import re

import nbformat
import pytest

from course import ASSIGNMENTS, COURSE, nbgrader_meta, source_notebook

GUIDE = (COURSE / "marking_guide.md").read_text(encoding="utf-8")


def _squash(text):
    return re.sub(r"\s+", " ", text).strip()


def _section(assignment):
    """The guide's part on one assignment (from its heading to the next assignment's)."""
    start = GUIDE.index(f"`source/{assignment}/`")
    ends = [GUIDE.find(f"`source/{other}/`") for other in ASSIGNMENTS if GUIDE.find(f"`source/{other}/`") > start]
    return GUIDE[start:min(ends + [len(GUIDE)])]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_guide_gives_each_written_questions_rubric_as_in_the_notebook(assignment):
    section = _squash(_section(assignment))
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    written = [c for c in nb.cells if c.cell_type == "markdown" and nbgrader_meta(c).get("grade")]
    for cell in written:
        rubric = cell.source.split("**Rubric", 1)[1].split("\n", 1)[1]
        assert _squash(rubric) in section, f"{nbgrader_meta(cell)['grade_id']}: the guide's rubric differs"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_quoted_in_the_guide_is_what_the_hidden_tests_say(assignment):
    code = " ".join(c.source for c in nbformat.read(source_notebook(assignment), as_version=4).cells
                    if c.cell_type == "code")
    hidden = _squash(re.sub(r'"\s+f?"', "", code))  # adjacent string literals joined, as Python joins them
    rows = [line for line in _section(assignment).splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) >= 5, "one row per autograded question at least"
    for row in rows:
        feedback = row.rstrip(" |").rsplit("|", 1)[1]
        for piece in filter(None, (p.strip(" .()") for p in feedback.split("..."))):
            assert piece in hidden, f"the guide quotes feedback the hidden tests do not give: {piece!r}"
