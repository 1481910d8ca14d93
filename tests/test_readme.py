"""The README's figures for holds versus flossing are the model's own numbers (they cannot drift)."""
from pathlib import Path

import neurodynamics as nd
from neurodynamics.model.comparisons import equal_peak_hold

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _pct(fraction: float) -> str:
    return f"{100 * fraction:.0f}"


def _range(low_high: tuple[float, float]) -> str:
    return f"{_pct(low_high[0])}-{_pct(low_high[1])} %"


def test_hold_versus_floss_sentences_quote_the_model():
    hold, supine, seated = (nd.simulate(make()).summary()["sites"] for make in (
        nd.exercises.sustained_stretch, nd.exercises.supine_floss, nd.exercises.seated_floss))
    fair = nd.simulate(equal_peak_hold(nd.exercises.supine_floss(), "hip")).summary()["sites"]["hip"]
    expected = [
        f"only {hold['thigh']['sliding_distance_mm']:.0f} mm in all",
        f"relaxes by {hold['thigh']['hold_relaxation_pct']:.0f} %",
        f"hip averages\n{_pct(hold['hip']['mean_blood_flow'])} % of resting ({_range(hold['hip']['mean_blood_flow_range'])}",
        f"slide it {supine['thigh']['sliding_distance_mm']:.0f} mm and {seated['thigh']['sliding_distance_mm']:.0f} mm",
        f"only {supine['thigh']['sliding_per_stroke_mm']:.0f} mm and {seated['thigh']['sliding_per_stroke_mm']:.0f} mm "
        "per stroke",
        f"({supine['hip']['peak_tension_n']:.1f} N and {seated['hip']['peak_tension_n']:.1f} N at the hip)",
        f"{_pct(supine['hip']['mean_blood_flow'])} % and {_pct(seated['hip']['mean_blood_flow'])} % on average "
        f"({_range(supine['hip']['mean_blood_flow_range'])} and\n{_range(seated['hip']['mean_blood_flow_range'])})",
        f"keeps {_pct(fair['mean_blood_flow'])} % ({_range(fair['mean_blood_flow_range'])})",
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
