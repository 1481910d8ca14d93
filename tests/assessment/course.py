"""The nbgrader course of assessment/ for the tests: a copy in a temporary folder, the nbgrader commands a lecturer
runs there, and student submissions built from a released notebook (reference, blank, typical misconception).

Imported by tests/assessment/ and tests/browser/test_hub_assessment.py; it never writes into the working tree.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent.parent
COURSE = ROOT / "assessment"
COURSE_ID = "neurodynamics"
ASSIGNMENTS = ("a1_tract_excursion_strain", "a2_hamstring_or_nerve", "a3_holds_flosses_dose")
SOLUTION = re.compile(r"^\s*### BEGIN SOLUTION\s*$.*?^\s*### END SOLUTION\s*$", re.M | re.S)
HIDDEN = re.compile(r"^\s*### BEGIN HIDDEN TESTS\s*$.*?^\s*### END HIDDEN TESTS\s*$", re.M | re.S)


@dataclass(frozen=True)
class Misconception:
    """A typical wrong answer to one autograded question: the code a student writes, and words the feedback
    must contain."""
    question: str       # "q1": the answer cell q1_answer, graded by the test cell q1_tests
    code: str           # the student's answer cell
    feedback: str       # words of the hidden test's message naming the misconception


# One submission per assignment with two typical wrong answers (every other answer right, written answers blank).
MISCONCEPTIONS = {
    "a1_tract_excursion_strain": (
        Misconception("q1", "q1_thigh_excursion_mm = -nd.solve(nd.Posture(hip_flexion=70)).excursion('thigh')",
                      "Right size, wrong sign"),
        Misconception("q2", "q2_hip_strain_pct = nd.solve(nd.Posture(hip_flexion=70)).strain('hip') / 100",
                      "strain as a fraction"),
    ),
    "a2_hamstring_or_nerve": (
        Misconception("q1", "before, after = nd.Posture(hip_flexion=65), nd.Posture(hip_flexion=65, ankle_dorsiflexion=20)\n"
                            "q1_hamstring_change_pct = nd.solve(after).strain('thigh') - nd.solve(before).strain('thigh')",
                      "hamstrings do not cross the ankle"),
        Misconception("q4", "q4_tethered_knee_strain_pct = nd.solve(nd.Posture(hip_flexion=70)).strain('knee')",
                      "the free nerve"),
    ),
    "a3_holds_flosses_dose": (
        Misconception("q2", "q2_thigh_stroke_mm = nd.simulate(nd.exercises.supine_floss())"
                            ".summary()['sites']['thigh']['sliding_distance_mm']",
                      "total sliding over the whole program"),
        Misconception("q5", "q5_equal_peak_hip_deg = nd.exercises.supine_floss().keyframes[0][1].hip_flexion",
                      "own hip angle"),
    ),
}


def source_notebook(assignment: str) -> Path:
    (path,) = sorted((COURSE / "source" / assignment).glob("*.ipynb"))
    return path


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def cells_by_id(nb) -> dict:
    return {nbgrader_meta(cell)["grade_id"]: cell for cell in nb.cells if nbgrader_meta(cell).get("grade_id")}


def points(nb, kind: str = "all") -> float:
    """Points of the notebook's graded cells: "code" (autograded tests), "written" (marked by hand) or "all"."""
    total = 0.0
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade") and (kind == "all" or (kind == "code") == (cell.cell_type == "code")):
            total += meta["points"]
    return total


def solution_code(source_cell) -> str:
    """The reference answer of an autograded answer cell: its source with the solution markers taken out."""
    return "\n".join(line for line in source_cell.source.splitlines()
                     if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))


def env() -> dict[str, str]:
    """nbgrader's environment: the venv's scripts first (nbgrader runs `alembic`), its kernel, headless."""
    result = dict(os.environ, JUPYTER_PREFER_ENV_PATH="1", PYTHONDONTWRITEBYTECODE="1")
    result["PATH"] = os.pathsep.join([sysconfig.get_path("scripts"), result.get("PATH", os.defpath)])
    result.pop("MPLBACKEND", None)
    return result


def nbgrader(cwd: Path, *args: str) -> str:
    """Run `nbgrader ARGS` in `cwd` and return its output; fail with the output if it fails."""
    cmd = [sys.executable, "-m", "nbgrader", *args]
    result = subprocess.run(cmd, cwd=cwd, env=env(), capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} exited with {result.returncode}:\n"
                             f"{result.stdout[-4000:]}\n{result.stderr[-6000:]}")
    return result.stdout + result.stderr


@dataclass
class Course:
    """A copy of assessment/ in `root`, where nbgrader runs as a lecturer would run it."""
    root: Path
    log: list[str] = field(default_factory=list)

    @classmethod
    def copy(cls, destination: Path) -> "Course":
        shutil.copytree(COURSE, destination, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        return cls(destination)

    def nbgrader(self, *args: str) -> str:
        """Run `nbgrader ARGS` in the course folder, as the lecturer; fail with its output if it fails."""
        output = nbgrader(self.root, *args)
        self.log.append(f"$ nbgrader {' '.join(args)}\n{output[-4000:]}")
        return output

    def release_notebook(self, assignment: str) -> Path:
        (path,) = sorted((self.root / "release" / assignment).glob("*.ipynb"))
        return path

    def submit(self, student: str, assignment: str, answers: dict[str, str]) -> Path:
        """Put a submission in submitted/<student>/<assignment>/: the released notebook with `answers` (grade id
        of an answer cell -> its new source) filled in, as a student's saved notebook."""
        released = self.release_notebook(assignment)
        destination = self.root / "submitted" / student / assignment / released.name
        destination.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(fill(nbformat.read(released, as_version=4), answers), destination)
        return destination

    def scores(self, assignment: str) -> dict[str, dict]:
        """Each student's submission of `assignment` in the gradebook: scores, and the failed autograded cells."""
        from nbgrader.api import Gradebook
        result = {}
        with Gradebook(f"sqlite:///{self.root / 'gradebook.db'}") as gradebook:
            for submission in gradebook.assignment_submissions(assignment):
                (notebook,) = submission.notebooks
                failed = sorted(grade.name for grade in notebook.grades
                                if grade.cell_type == "code" and grade.auto_score != grade.max_score)
                result[submission.student_id] = {
                    "code_score": submission.code_score, "max_code_score": submission.max_code_score,
                    "score": submission.score, "max_score": submission.max_score, "failed": failed}
        return result

    def autograded_outputs(self, student: str, assignment: str) -> dict[str, str]:
        """Error text of each test cell in the student's autograded notebook (what the feedback shows)."""
        (path,) = sorted((self.root / "autograded" / student / assignment).glob("*.ipynb"))
        out = {}
        for grade_id, cell in cells_by_id(nbformat.read(path, as_version=4)).items():
            if cell.cell_type == "code":
                out[grade_id] = "\n".join(f"{o.get('ename', '')}: {o.get('evalue', '')}"
                                          for o in cell.get("outputs", []) if o.get("output_type") == "error")
        return out


def fill(released, answers: dict[str, str]):
    """The released notebook with answer cells replaced (by grade id)."""
    for grade_id, cell in cells_by_id(released).items():
        if grade_id in answers:
            cell.source = answers[grade_id]
    return released


def reference_answers(assignment: str, written: bool = True) -> dict[str, str]:
    """Answer cells of a student who answers as the source version does (the model answers for written ones)."""
    answers = {}
    for grade_id, cell in cells_by_id(nbformat.read(source_notebook(assignment), as_version=4)).items():
        if nbgrader_meta(cell).get("solution"):
            if cell.cell_type == "code":
                answers[grade_id] = solution_code(cell)
            elif written:
                answers[grade_id] = cell.source
    return answers


def misconception_answers(assignment: str) -> dict[str, str]:
    """Reference answers to every autograded question except the typical wrong ones; written answers blank."""
    answers = reference_answers(assignment, written=False)
    for wrong in MISCONCEPTIONS[assignment]:
        answers[f"{wrong.question}_answer"] = "import neurodynamics as nd\n" + wrong.code
    return answers


def hidden_and_solution_text(assignment: str) -> list[str]:
    """Lines of the source's solution regions, hidden tests and written model answers that a release must not
    contain (blank lines, bare markers, very short lines and lines that students see elsewhere, such as an import,
    left out)."""
    lines, visible = [], set()
    for cell in nbformat.read(source_notebook(assignment), as_version=4).cells:
        meta = nbgrader_meta(cell)
        if meta.get("solution") and cell.cell_type == "markdown":
            regions = [cell.source]
        else:
            regions = SOLUTION.findall(cell.source) + HIDDEN.findall(cell.source)
            visible |= {line.strip() for line in HIDDEN.sub("", SOLUTION.sub("", cell.source)).splitlines()}
        for region in regions:
            lines += [line.strip() for line in region.splitlines()
                      if len(line.strip()) > 12 and not line.strip().startswith("###")]
    return [line for line in lines if line not in visible]


def stated_total(nb) -> int:
    """The total the introduction states ("Total: 20 points")."""
    match = re.search(r"Total:\s*(\d+)\s*points", nb.cells[0].source)
    assert match, "the first cell must state the total points"
    return int(match.group(1))


def stated_minutes(nb) -> int:
    match = re.search(r"about\s+(\d+)\s+minutes", nb.cells[0].source)
    assert match, "the first cell must state the time a student needs"
    return int(match.group(1))


def as_json_text(path: Path) -> str:
    return json.dumps(json.loads(path.read_text(encoding="utf-8")))
