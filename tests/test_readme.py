"""The README: its commands, and its model section points to the evidence instead of typing the model's numbers."""
import re
from pathlib import Path

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _section(heading: str) -> str:
    return README.split(heading, 1)[1].split("\n## ", 1)[0]


def test_the_model_section_links_the_fit_and_its_validation_and_types_no_model_numbers():
    model = _section("## What the model is, and what it is not")
    assert "python3 tools/leave_one_study_out.py" in model and "inside the spread: K of N" in model
    assert "(notebooks/07_model_and_evidence.ipynb)" in model and "(docs/decisions.md)" in model
    holds = model.split("**Holds versus flossing.**", 1)[1].split("\n\n", 1)[0]
    assert not re.search(r"\d+(\.\d+)? (mm|N)\b", holds), "model figures belong in the lessons, computed"


def test_readme_has_the_two_commands_in_bash_blocks():
    blocks = README.split("```bash")[1:]
    commands = [block.split("```")[0].strip() for block in blocks]
    assert "python3 tasks.py lab" in commands and "python3 tasks.py test" in commands


def test_ci_runs_exactly_the_readme_test_command():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "\npython3 tasks.py test\n" in ci
