"""The lesson sequence: every lesson has the teaching skeleton, stays small, and is listed in the README."""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ["00_start_here", "01_the_nerve_tract", "02_excursion_and_strain", "03_hamstring_or_nerve",
           "04_hold_vs_floss", "05_the_two_exercises", "06_class_exercises", "07_model_and_evidence"]
MAX_NOTEBOOK_BYTES = 1_500_000  # stored outputs stay small: 1.5 MB per notebook


def cells(name):
    return json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]


def markdown(name):
    return "\n".join("".join(c["source"]) for c in cells(name) if c["cell_type"] == "markdown")


def code(name):
    return "\n".join("".join(c["source"]) for c in cells(name) if c["cell_type"] == "code")


def test_the_eight_lessons_exist_in_teaching_order():
    found = sorted(p.stem for p in (ROOT / "notebooks").glob("0*.ipynb"))
    assert found == LESSONS


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_opens_with_title_and_learning_objectives(name):
    first = "".join(cells(name)[0]["source"])
    assert first.startswith("# ") and "Learning objectives" in first
    bullets = [line for line in first.split("Learning objectives", 1)[1].splitlines()
               if line.strip()[:2] in ("- ", "* ") or line.strip()[:2].rstrip(".").isdigit()]
    assert 3 <= len(bullets) <= 6, f"{name}: {len(bullets)} objectives"


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_has_predict_then_check_questions_with_hidden_answers(name):
    text = markdown(name)
    assert text.lower().count("predict, then check") >= 3, f"{name}: fewer than three predict-then-check questions"
    assert text.count("<details>") >= 3, f"{name}: fewer than three revealable answers"


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_ends_with_summary_and_references(name):
    text = markdown(name)
    assert "Summary: what we've learned" in text and "References" in text


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_has_an_interactive_explorer(name):
    source = code(name)
    assert any(word in source for word in ("PostureExplorer", "HoldVsFloss", "ExercisePlayer", "interact(")), name


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_code_cells_are_short(name):
    for cell in cells(name):
        if cell["cell_type"] == "code":
            lines = [line for line in "".join(cell["source"]).splitlines() if line.strip()]
            assert len(lines) <= 12, f"{name}: a code cell of {len(lines)} lines: move logic into the package"


@pytest.mark.parametrize("name", LESSONS + ["workshop_dashboard"])
def test_stored_outputs_stay_small(name):
    size = (ROOT / "notebooks" / f"{name}.ipynb").stat().st_size
    assert size <= MAX_NOTEBOOK_BYTES, f"{name}: {size / 1e6:.2f} MB"


def test_readme_lists_every_lesson_with_what_it_teaches():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in LESSONS:
        line = next((line for line in readme.splitlines() if f"notebooks/{name}.ipynb" in line), "")
        assert line.count("|") >= 3 and len(line.split("|")[2].strip()) > 20, f"README: no line for {name}"


def test_workshop_dashboard_puts_the_presenter_posture_explorer_first():
    sources = [("".join(c["source"]), c["cell_type"]) for c in cells("workshop_dashboard")]
    first_code = next(text for text, kind in sources if kind == "code" and "explorers." in text)
    assert "PostureExplorer" in first_code and "presenter=True" in first_code
    assert any("HoldVsFloss" in text for text, _ in sources)
