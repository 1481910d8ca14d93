"""Assessment on a real JupyterHub, as a course runs it: the local hub of tests/browser/test_jupyterhub.py
(tools/hub.py: PyPI's jupyterhub, npm's configurable-http-proxy, shared-password login, local-process spawner, on
127.0.0.1 only) with nbgrader in the single-user environment, one exchange folder shared by the lecturer and a
student, and the course id of assessment/nbgrader_config.py.

The lecturer (a copy of assessment/ in their notebook folder) releases assignment 1 from their JupyterLab; the
student sees it in their Assignments panel, fetches it, answers it (two of the answers with a typical misconception),
saves and submits; the lecturer collects and autogrades. Both log in through the hub's login page in Chromium. The
student fetches and submits with the buttons of nbgrader's Assignments panel in their JupyterLab; the answered
notebook is saved through JupyterLab's contents API (as the editor saves it, without typing into cells). The
lecturer generates, releases, collects and autogrades with the buttons of nbgrader's Formgrader pages. The student's
score is the autograded points of the questions answered right."""
import json
import sys
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "assessment"))  # the nbgrader tests' course helpers

from course import (COURSE_ID, MISCONCEPTIONS, Course, misconception_answers, nbgrader_meta, points,  # noqa: E402
                    source_notebook, fill)
from tools.hub import write_nbgrader_config  # noqa: E402
from tools.jupyterlab_page import log_in_to_hub  # noqa: E402

LECTURER, STUDENT = "lecturer", "alice"
ASSIGNMENT = "a1_tract_excursion_strain"

pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="module")
def hub(start_local_hub, tmp_path_factory):
    exchange = tmp_path_factory.mktemp("nbgrader-exchange")
    exchange.chmod(0o1777)  # every user writes to the exchange (sticky, as nbgrader makes it)

    def set_up_home(home: Path, name: str):
        if name == LECTURER:
            course = Course.copy(home / "notebooks" / "course").root
            write_nbgrader_config(home, COURSE_ID, exchange, course_root=course)
        else:
            write_nbgrader_config(home, COURSE_ID, exchange, student_id=name)

    return start_local_hub((LECTURER, STUDENT), set_up_home)


class User:
    """One person's page (a browser context of their own) logged in through the hub, and their server's API."""

    def __init__(self, page, hub, name):
        self.page, self.name = page, name
        self.base = f"{hub.url}/user/{name}"
        log_in_to_hub(page, hub.url, name, hub.password)

    def _headers(self):
        (xsrf,) = [c["value"] for c in self.page.context.cookies(self.base + "/") if c["name"] == "_xsrf"]
        return {"X-XSRFToken": xsrf}

    def get(self, path, **params):
        response = self.page.request.get(f"{self.base}{path}", params=params, headers=self._headers())
        assert response.ok, f"GET {path}: {response.status} {response.text()[:2000]}"
        return response.json()

    def put(self, path, data):
        response = self.page.request.put(f"{self.base}{path}", data=json.dumps(data),
                                         headers={**self._headers(), "Content-Type": "application/json"})
        assert response.ok, f"PUT {path}: {response.status} {response.text()[:2000]}"
        return response.json()


def open_assignment_list(user):
    """The student's Assignments panel in their JupyterLab (nbgrader's lab extension): menu Nbgrader > Assignment
    List."""
    page = user.page
    page.goto(f"{user.base}/lab")
    page.get_by_role("menuitem", name="Nbgrader").click()
    page.get_by_text("Assignment List", exact=True).click()
    panel = page.locator("#assignments")
    expect(panel).to_be_visible(timeout=60_000)
    return panel


class Formgrader:
    """The lecturer's nbgrader Formgrader pages (served by their single-user server), driven by their buttons."""

    def __init__(self, user):
        self.user, self.page = user, user.page

    def _click_and_confirm(self, button, what):
        """Click a button that ends in nbgrader's success or error dialog; close it; fail on an error."""
        button.click()
        dialog = self.page.locator("#success-modal, #error-modal")
        expect(dialog).to_be_visible(timeout=600_000)
        if self.page.locator("#error-modal").count():
            raise AssertionError(f"Formgrader: {what} failed: {dialog.inner_text()[:4000]}")
        dialog.locator(".modal-footer button").click()
        expect(dialog).to_have_count(0)

    def assignment_button(self, column, what):
        """A button of the assignment's row in Manage Assignments: "assign" (Generate), "release" or "collect"."""
        self.page.goto(f"{self.user.base}/formgrader/manage_assignments")
        row = self.page.locator("#main-table tr").filter(has=self.page.locator(f"td.name[data-order='{ASSIGNMENT}']"))
        self._click_and_confirm(row.locator(f"td.{column} a"), what)

    def autograde(self, student):
        self.page.goto(f"{self.user.base}/formgrader/manage_submissions/{ASSIGNMENT}")
        row = self.page.locator("tr").filter(has=self.page.locator(".student-id", has_text=student))
        self._click_and_confirm(row.locator(".autograde a"), f"autograde {student}")


def test_lecturer_releases_student_submits_lecturer_autogrades_on_jupyterhub(hub, user_page, screenshot):
    try:
        lecturer, student = User(user_page(), hub, LECTURER), User(user_page(), hub, STUDENT)

        # The lecturer, in the Formgrader's Manage Assignments page: Generate the student version, then Release it
        # to the exchange.
        formgrader = Formgrader(lecturer)
        formgrader.assignment_button("assign", "generate")
        formgrader.assignment_button("release", "release")
        screenshot(lecturer.page, "hub-assessment-lecturer-released")

        # The student opens their Assignments panel (menu Nbgrader > Assignment List), sees it released, fetches it ...
        panel = open_assignment_list(student)
        expect(panel.locator("#released_assignments_list")).to_contain_text(ASSIGNMENT, timeout=60_000)
        panel.locator("#released_assignments_list").get_by_role("button", name="Fetch").click()
        expect(panel.locator("#fetched_assignments_list")).to_contain_text(ASSIGNMENT, timeout=120_000)
        fetched = student.get("/assignments", course_id=COURSE_ID)
        (mine,) = [a for a in fetched["value"] if a["assignment_id"] == ASSIGNMENT and a["status"] == "fetched"]
        (notebook_path,) = [n["path"] for n in mine["notebooks"]]

        # ... answers it, with two typical misconceptions, and saves it (JupyterLab's contents API, as the editor
        # saves) ...
        saved = student.get(f"/api/contents/{notebook_path}", content="1")
        answered = fill(nbformat.from_dict(saved["content"]), misconception_answers(ASSIGNMENT))
        student.put(f"/api/contents/{notebook_path}", {"type": "notebook", "format": "json", "content": answered})

        # ... and submits it from the panel.
        panel.locator("#fetched_assignments_list").get_by_role("button", name="Submit").click()
        expect(panel.locator("#submitted_assignments_list")).to_contain_text(ASSIGNMENT, timeout=120_000)
        screenshot(student.page, "hub-assessment-student-submitted")

        # The lecturer collects the submissions (Collect), then autogrades the student's (Manage Submissions:
        # the autograde button of the student's row); the score as the formgrader's API reports it.
        formgrader.assignment_button("collect", "collect")
        formgrader.autograde(STUDENT)
        screenshot(lecturer.page, "hub-assessment-lecturer-autograded")
        submission = lecturer.get(f"/formgrader/api/submission/{ASSIGNMENT}/{STUDENT}")

        source = nbformat.read(source_notebook(ASSIGNMENT), as_version=4)
        lost = sum(nbgrader_meta(cell)["points"] for cell in source.cells
                   if nbgrader_meta(cell).get("grade_id") in {f"{m.question}_tests" for m in MISCONCEPTIONS[ASSIGNMENT]})
        assert submission["student"] == STUDENT and submission["autograded"], submission
        assert submission["max_code_score"] == points(source, "code")
        assert submission["code_score"] == points(source, "code") - lost > 0, submission
        assert submission["max_score"] == points(source), submission
        # ... and the lecturer's Manage Submissions page shows it (written answers not marked yet).
        score_cell = lecturer.page.locator("tr").filter(has=lecturer.page.locator(".student-id", has_text=STUDENT))
        expect(score_cell.locator(".score")).to_have_text(f"{points(source, 'code') - lost:g} / {points(source):g}")
        for user in (lecturer, student):
            user.page.problems.assert_offline()
    except BaseException:
        print(f"JupyterHub log (tail):\n{hub.log_tail()}")
        raise
