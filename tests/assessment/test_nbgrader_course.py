"""The nbgrader course works end to end, as a lecturer runs it, in a temporary copy of assessment/:
`nbgrader generate_assignment` builds release versions with no solution, hidden test, model answer or rubric left;
`nbgrader autograde` gives a reference submission every autograded point, a blank one none, and a submission with
two typical misconceptions exactly the points of the other questions, with feedback (`nbgrader generate_feedback`)
naming each misconception."""
import re

import nbformat
import pytest

from course import (ASSIGNMENTS, COURSE_ID, MISCONCEPTIONS, Course, as_json_text, cells_by_id, fill,
                    hidden_and_solution_text, misconception_answers, nbgrader, nbgrader_meta, points, reference_answers,
                    source_notebook)

pytestmark = pytest.mark.timeout(1800)
STUDENTS = ("reference", "blank", "misconception")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The course after a lecturer's release and autograde: three students' submissions of each assignment."""
    course = Course.copy(tmp_path_factory.mktemp("nbgrader") / "course")
    for assignment in ASSIGNMENTS:
        course.nbgrader("generate_assignment", assignment, "--force")
        course.submit("reference", assignment, reference_answers(assignment))
        course.submit("blank", assignment, {})
        course.submit("misconception", assignment, misconception_answers(assignment))
        course.nbgrader("autograde", assignment, "--force")
        course.nbgrader("generate_feedback", assignment, "--student=misconception", "--force")
    return course


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_has_no_solution_hidden_test_model_answer_or_rubric(course, assignment):
    released_path = course.release_notebook(assignment)
    released = as_json_text(released_path)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "Rubric",
                   "Model answer", "source version only"):
        assert marker not in released, f"{released_path.name} still contains {marker!r}"
    leaked = [line for line in hidden_and_solution_text(assignment) if line in released]
    assert not leaked, f"{released_path.name} still contains text of solutions or hidden tests: {leaked[:5]}"
    # Every answer cell is a stub the student fills in, every autograded test cell is still there (visible part).
    nb = nbformat.read(released_path, as_version=4)
    for grade_id, cell in cells_by_id(nb).items():
        if nbgrader_meta(cell).get("solution"):
            assert ("NotImplementedError" if cell.cell_type == "code" else "YOUR ANSWER HERE") in cell.source, \
                f"{grade_id} is not a stub in the release"
    assert points(nb) == points(nbformat.read(source_notebook(assignment), as_version=4))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_reference_submission_gets_every_autograded_point(course, assignment):
    score = course.scores(assignment)["reference"]
    source = nbformat.read(source_notebook(assignment), as_version=4)
    assert score["max_code_score"] == points(source, "code") > 0
    assert score["max_score"] == points(source)
    assert score["code_score"] == score["max_code_score"], f"failed: {score['failed']}\n" + "\n".join(course.log[-2:])


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_blank_submission_gets_zero(course, assignment):
    score = course.scores(assignment)["blank"]
    assert score["score"] == 0 and score["code_score"] == 0, score
    autograded = sorted(g for g, c in cells_by_id(nbformat.read(source_notebook(assignment), as_version=4)).items()
                        if c.cell_type == "code" and nbgrader_meta(c).get("grade"))
    assert score["failed"] == autograded


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_misconception_submission_loses_those_points_and_feedback_names_the_misconception(course, assignment):
    source_cells = cells_by_id(nbformat.read(source_notebook(assignment), as_version=4))
    wrong = MISCONCEPTIONS[assignment]
    lost = sum(nbgrader_meta(source_cells[f"{m.question}_tests"])["points"] for m in wrong)
    score = course.scores(assignment)["misconception"]
    assert score["failed"] == sorted(f"{m.question}_tests" for m in wrong), score
    assert score["code_score"] == score["max_code_score"] - lost, score

    outputs = course.autograded_outputs("misconception", assignment)
    (feedback,) = (course.root / "feedback" / "misconception" / assignment).glob("*.html")
    feedback_text = re.sub(r"\s+", " ", feedback.read_text(encoding="utf-8"))
    for m in wrong:
        assert m.feedback in outputs[f"{m.question}_tests"], \
            f"{m.question}: expected feedback {m.feedback!r}, got {outputs[f'{m.question}_tests']!r}"
        assert m.feedback in feedback_text, f"{feedback.name} does not name the misconception {m.feedback!r}"


def test_the_whole_cycle_through_an_exchange_with_the_commands_of_the_readme(tmp_path):
    """Lecturer and student on one machine, as on a hub, with the README's commands: generate, release; the student
    fetches, answers (two misconceptions) and submits; collect, autograde, generate and release feedback; the student
    fetches the feedback, which names the misconceptions."""
    assignment, student = ASSIGNMENTS[0], "bob"
    exchange = tmp_path / "exchange"
    exchange.mkdir(mode=0o1777)
    shared = [f"--Exchange.root={exchange}"]
    as_student = [f"--course={COURSE_ID}", f"--CourseDirectory.student_id={student}", *shared]
    course, home = Course.copy(tmp_path / "course"), tmp_path / "student-home"
    home.mkdir()

    course.nbgrader("generate_assignment", assignment)
    course.nbgrader("release_assignment", assignment, *shared)
    nbgrader(home, "fetch_assignment", assignment, *as_student)
    (fetched,) = (home / assignment).glob("*.ipynb")
    nbformat.write(fill(nbformat.read(fetched, as_version=4), misconception_answers(assignment)), fetched)
    nbgrader(home, "submit", assignment, *as_student)
    course.nbgrader("collect", assignment, *shared)
    course.nbgrader("autograde", assignment)
    course.nbgrader("generate_feedback", assignment)
    course.nbgrader("release_feedback", assignment, *shared)
    nbgrader(home, "fetch_feedback", assignment, *as_student)

    score = course.scores(assignment)[student]
    wrong = MISCONCEPTIONS[assignment]
    assert score["failed"] == sorted(f"{m.question}_tests" for m in wrong), score
    (feedback,) = (home / assignment / "feedback").glob("*/*.html")
    text = re.sub(r"\s+", " ", feedback.read_text(encoding="utf-8"))
    assert all(m.feedback in text for m in wrong), f"{feedback} does not name the misconceptions"
