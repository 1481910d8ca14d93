"""Each autograded answer is the model's value, now: the source version's answers are compared with the public API
(so a model change that moves an answer is met by the hidden tests, which compute it too), the hidden tests accept
those answers and reject answers off by more than the stated tolerance. Plus what a student sees: points adding up
to the stated total, at most 60 minutes, written questions with a rubric, and none of the words students never see.
Runs the notebooks' code in this process (no nbgrader, no kernel)."""
import math
import re

import nbformat
import pytest
from scipy.optimize import brentq

import neurodynamics as nd
from course import (ASSIGNMENTS, HIDDEN, SOLUTION, cells_by_id, nbgrader_meta, points, source_notebook,
                    stated_minutes, stated_total)

P = nd.Posture


def _sites(program):
    return nd.simulate(program).summary()["sites"]


def _equal_peak_hip_deg():
    target = _sites(nd.exercises.supine_floss())["thigh"]["peak_strain_pct"]
    return brentq(lambda hip: nd.solve(P(hip_flexion=hip)).strain("thigh") - target, 0.0, 130.0)


def _largest(values, pick=max):
    return pick(values, key=values.get)


# Each autograded answer: (variable, the model's value from the public API, absolute tolerance or None for a choice;
# numbers also get 2 % relative tolerance except the angle).
ANSWERS = {
    "a1_tract_excursion_strain": [
        ("q1_thigh_excursion_mm", lambda: nd.solve(P(hip_flexion=70)).excursion("thigh"), 0.05),
        ("q2_hip_strain_pct", lambda: nd.solve(P(hip_flexion=70)).strain("hip"), 0.02),
        ("q3_ankle_direction", lambda: "toward the head" if nd.Model().change_during(
            P(hip_flexion=90, knee_flexion=90), P(hip_flexion=90), "ankle") > 0 else "toward the feet", None),
        ("q4_movement", lambda: _largest({name: nd.solve(p).strain("ankle") for name, p in (
            ("hip", P(hip_flexion=40)), ("ankle", P(ankle_dorsiflexion=20)), ("neck", P(neck_flexion=40)),
            ("trunk", P(trunk_flexion=40)))}), None),
        ("q5_site", lambda: _largest({site: abs(nd.solve(P(hip_flexion=70)).excursion(site)) for site in nd.SITES}),
         None),
    ],
    "a2_hamstring_or_nerve": [
        ("q1_hamstring_change_pct",
         lambda: nd.hamstring_stretch(P(hip_flexion=65, ankle_dorsiflexion=20)) - nd.hamstring_stretch(P(hip_flexion=65)),
         0.02),
        ("q2_knee_strain_pct", lambda: nd.solve(P(hip_flexion=65, ankle_dorsiflexion=20)).strain("knee"), 0.02),
        ("q3_movement", lambda: _largest({name: nd.solve(p).strain("thigh") for name, p in (
            ("foot up", P(hip_flexion=50, ankle_dorsiflexion=20)), ("chin tuck", P(hip_flexion=50, neck_flexion=40)))}),
         None),
        ("q4_tethered_knee_strain_pct",
         lambda: nd.Model(entrapment={"knee": 10}).solve(P(hip_flexion=70)).strain("knee"), 0.02),
        ("q5_ankle_compared", lambda: "higher" if nd.Model(entrapment={"knee": 10}).solve(P(hip_flexion=70)).strain(
            "ankle") > nd.solve(P(hip_flexion=70)).strain("ankle") else "lower", None),
    ],
    "a3_holds_flosses_dose": [
        ("q1_hip_relaxation_pct",
         lambda: _sites(nd.exercises.hold(P(hip_flexion=70), seconds=40))["hip"]["hold_relaxation_pct"], 0.05),
        ("q2_thigh_stroke_mm", lambda: _sites(nd.exercises.supine_floss())["thigh"]["sliding_per_stroke_mm"], 0.05),
        ("q3_gentler", lambda: _largest({name: _sites(make("supine"))["thigh"]["peak_strain_pct"] for name, make in (
            ("slider", nd.exercises.slider), ("tensioner", nd.exercises.tensioner))}, min), None),
        ("q4_peak_strain_pct", lambda: max(s["peak_strain_pct"] for s in _sites(nd.exercises.seated_floss()).values()),
         0.02),
        ("q5_equal_peak_hip_deg", _equal_peak_hip_deg, 1.0),
    ],
}
ANGLES = {"q5_equal_peak_hip_deg"}  # an absolute tolerance only (1 degree)
OPTIONS = {"q3_ankle_direction": ("toward the head", "toward the feet"), "q4_movement": ("hip", "ankle", "neck", "trunk"),
           "q5_site": nd.SITES, "q3_movement": ("foot up", "chin tuck"), "q5_ankle_compared": ("higher", "lower"),
           "q3_gentler": ("slider", "tensioner")}
CASES = [(assignment, *answer) for assignment, answers in ANSWERS.items() for answer in answers]


class SourceRun:
    """The source version's code run in one namespace, cell by cell, as a student's kernel runs it."""

    def __init__(self, assignment):
        self.cells = cells_by_id(nbformat.read(source_notebook(assignment), as_version=4))
        self.namespace = {}
        for grade_id, cell in self.cells.items():
            if cell.cell_type == "code":
                exec(compile(cell.source, grade_id, "exec"), self.namespace)  # noqa: S102 - our own notebooks

    def test_cell_for(self, variable):
        (grade_id,) = [g for g, c in self.cells.items() if g.endswith("_tests") and variable in c.source]
        return grade_id, self.cells[grade_id].source

    def passes(self, variable, value) -> tuple[bool, str]:
        """Run the variable's test cell (visible and hidden tests) with `value` as the answer, in a namespace that
        holds nothing else: a test cell imports what it uses, so an answer cell that rebinds `nd` cannot fool it."""
        grade_id, code = self.test_cell_for(variable)
        namespace = {variable: value, "nd": None, "math": None}
        try:
            exec(compile(code, grade_id, "exec"), namespace)  # noqa: S102
        except AssertionError as error:
            return False, str(error)
        return True, ""


@pytest.fixture(scope="module")
def runs():
    return {}


def source_run(runs, assignment):
    if assignment not in runs:
        runs[assignment] = SourceRun(assignment)  # raises if any reference answer fails its own test cell
    return runs[assignment]


@pytest.mark.parametrize("assignment,variable,model_value,tolerance", CASES, ids=[c[1] for c in CASES])
def test_reference_answer_is_the_models_value_and_passes_its_hidden_test(runs, assignment, variable, model_value,
                                                                          tolerance):
    run = source_run(runs, assignment)
    expected, answer = model_value(), run.namespace[variable]
    if tolerance is None:
        assert answer == expected, f"{variable}: the source answers {answer!r}, the model {expected!r}"
        assert expected in OPTIONS[variable], f"the model's answer {expected!r} is not among the options offered"
        for other in OPTIONS[variable]:
            assert run.passes(variable, other)[0] == (other == expected), f"{variable} = {other!r}"
    else:
        assert math.isclose(answer, expected, rel_tol=1e-6, abs_tol=1e-9), \
            f"{variable}: the source answers {answer}, the model {expected}"
        assert run.passes(variable, expected) == (True, "")


@pytest.mark.parametrize("assignment,variable,model_value,tolerance",
                         [c for c in CASES if c[3] is not None], ids=[c[1] for c in CASES if c[3] is not None])
def test_hidden_test_accepts_within_tolerance_and_rejects_beyond(runs, assignment, variable, model_value, tolerance):
    run = source_run(runs, assignment)
    expected = model_value()
    allowed = tolerance if variable in ANGLES else max(0.02 * abs(expected), tolerance)
    for sign in (1, -1):
        inside, outside = expected + sign * 0.5 * allowed, expected + sign * 3 * allowed
        assert run.passes(variable, inside)[0], f"{variable} = {inside} (model {expected}) should earn the points"
        passed, message = run.passes(variable, outside)
        assert not passed, f"{variable} = {outside} (model {expected}) should not earn the points"
        assert len(message) > 40, f"{variable}: a wrong answer gets feedback, got {message!r}"
    assert not run.passes(variable, True)[0], "a bool is not a number"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_points_add_to_the_stated_total_within_60_minutes(assignment):
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    assert points(nb) == stated_total(nb), f"graded cells give {points(nb)} points; the introduction says " \
                                           f"{stated_total(nb)}"
    stated_auto = int(re.search(r"\((\d+) marked by the computer", nb.cells[0].source).group(1))
    assert points(nb, "code") == stated_auto
    assert stated_minutes(nb) <= 60
    # Each question states its points, and they are the points its graded cell carries.
    for grade_id, cell in cells_by_id(nb).items():
        if nbgrader_meta(cell).get("grade"):
            question = cells_by_id(nb)[grade_id.split("_")[0] + "_question"].source
            assert f"({nbgrader_meta(cell)['points']:g} points" in question, f"{grade_id}: {question[:80]!r}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_written_answers_have_a_model_answer_and_a_rubric_adding_to_their_points(assignment):
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    written = [c for c in nb.cells if c.cell_type == "markdown" and nbgrader_meta(c).get("grade")]
    assert len(written) >= 2
    for cell in written:
        meta = nbgrader_meta(cell)
        assert meta["solution"] and "Model answer" in cell.source, meta["grade_id"]
        rubric = cell.source.split("**Rubric", 1)[1]
        awarded = sum(int(n) for n in re.findall(r"^- (\d+) points?", rubric, re.M))
        assert awarded == meta["points"], f"{meta['grade_id']}: rubric gives {awarded} of {meta['points']} points"


STUDENTS_NEVER_SEE = [
    (re.compile(r"\b(R\d{2,3}|T\d-\d{2}[a-z]?|RH\d+-\d+)\b"), "a data-row code"),
    (re.compile(r"\.(csv|py|json)\b"), "a file name"),
    (re.compile(r"data files?|this project|test strings?", re.I), "talk of the project's files"),
    (re.compile(r"\b[A-Z]{2,}(_[A-Z0-9]+)+\b"), "a parameter name in capitals"),
]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_what_students_see_has_no_row_codes_file_names_or_capitalised_parameters(assignment):
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("solution") and cell.cell_type == "markdown":
            continue  # the model answer: source version only
        seen = HIDDEN.sub("", SOLUTION.sub("", cell.source))
        for pattern, what in STUDENTS_NEVER_SEE:
            match = pattern.search(seen)
            assert not match, f"{meta.get('grade_id')}: {what} ({match.group(0)!r}) in what students see"


def test_model_answers_say_what_the_model_does():
    """The written model answers (source version only) compare model results in words; each comparison holds."""
    slr70, free = P(hip_flexion=70), nd.solve(P(hip_flexion=70))
    # Assignment 1, question 6: the raise strains the conus and roots and slides them toward the feet, less than at
    # the hip.
    for site in ("conus", "root"):
        assert free.strain(site) > 0 and free.excursion(site) < 0, site
        assert abs(free.excursion(site)) < abs(free.excursion("hip")), site
    # Assignment 2, question 6: the neck's effect on the nerve fades with distance and is small far down the leg.
    neck = {site: nd.solve(slr70.replace(neck_flexion=40)).strain(site) - free.strain(site)
            for site in ("cervical_cord", "knee", "ankle")}
    assert neck["cervical_cord"] > neck["knee"] > neck["ankle"] >= 0.0, neck  # it fades with distance
    assert neck["cervical_cord"] > 5 * max(neck["knee"], 1e-9), neck  # and is small far down the leg
    # Assignment 3, question 7: a slider gives a lower peak strain than a tensioner; a hold relaxes tension.
    assert _sites(nd.exercises.slider("supine"))["thigh"]["peak_strain_pct"] < \
        _sites(nd.exercises.tensioner("supine"))["thigh"]["peak_strain_pct"]
    assert _sites(nd.exercises.hold(slr70, seconds=40))["hip"]["hold_relaxation_pct"] > 0
