"""The README's figures for holds versus flossing are the model's own numbers (they cannot drift)."""
from pathlib import Path

import neurodynamics as nd

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_hold_versus_floss_sentence_quotes_the_model():
    hold, supine, seated = (nd.simulate(make()).summary()["sites"] for make in (
        nd.exercises.sustained_stretch, nd.exercises.supine_floss, nd.exercises.seated_floss))
    expected = [
        f"only {hold['thigh']['sliding_distance_mm']:.0f} mm in all",
        f"relaxes by {hold['thigh']['hold_relaxation_pct']:.0f} %",
        f"hip averages\n{100 * hold['hip']['mean_blood_flow']:.0f} % of resting",
        f"slide it {supine['thigh']['sliding_distance_mm']:.0f} mm and {seated['thigh']['sliding_distance_mm']:.0f} mm",
        f"({supine['hip']['peak_tension_n']:.1f} N and {seated['hip']['peak_tension_n']:.1f} N at the hip)",
        f"{100 * supine['hip']['mean_blood_flow']:.0f} % and {100 * seated['hip']['mean_blood_flow']:.0f} %",
    ]
    for text in expected:
        assert text in README, f"README should say {text!r} (the model's current figure)"


def test_readme_has_the_two_commands_in_bash_blocks():
    blocks = README.split("```bash")[1:]
    commands = [block.split("```")[0].strip() for block in blocks]
    assert "python3 tasks.py lab" in commands and "python3 tasks.py test" in commands


def test_ci_runs_exactly_the_readme_test_command():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "\npython3 tasks.py test\n" in ci
