"""The README's classroom section installs the nbgrader that the tests ran (the versions pinned in
requirements-test.txt) and names the course id and the assignments that exist."""
import re

from course import ASSIGNMENTS, COURSE, COURSE_ID, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("**Assessment a lecturer can grade"):README.index("\n## ", README.index("**Assessment"))]


def pins(text):
    return dict(re.findall(r"^([A-Za-z0-9_.-]+)==([^;\s]+);?\s*(?:python_version\s*>=\s*\"3.11\")?\s*$", text, re.M))


def test_readme_installs_the_pinned_nbgrader():
    pinned = pins((ROOT / "requirements-test.txt").read_text(encoding="utf-8"))
    (command,) = re.findall(r"`pip install (nbgrader==[^`]+)`", SECTION)
    for requirement in command.split():
        name, version = requirement.split("==")
        assert pinned.get(name) == version, f"README installs {requirement}; requirements-test.txt pins " \
                                            f"{name}=={pinned.get(name)}"
    assert "nbgrader" in command and "notebook" in command


def test_readme_names_the_course_id_and_an_assignment_that_exist():
    assert f'course_id = "{COURSE_ID}"' in (COURSE / "nbgrader_config.py").read_text(encoding="utf-8")
    assert f'course_id = "{COURSE_ID}"' in SECTION and f"--course={COURSE_ID}" in SECTION
    named = set(re.findall(r"\ba\d_[a-z_]+\b", SECTION))
    assert named and named <= set(ASSIGNMENTS), named
