"""The dose of exercise programs in words and tables (neurodynamics.interface.dose_text): the numbers of the
summary, slides per stroke, blood flow as a range, and the gentler-design check."""
import neurodynamics as nd
from neurodynamics.interface import dose_text
from neurodynamics.model import design


def test_compare_doses_prints_the_summary_numbers():
    series = {"a": nd.simulate(nd.exercises.supine_floss(), dt=0.05),
              "b": nd.simulate(nd.exercises.seated_floss(), dt=0.05)}
    text = dose_text.compare_doses(series, sites=["conus"], keys=["sliding_distance_mm"])
    b = series["b"].summary()["sites"]["conus"]["sliding_distance_mm"]
    assert text.splitlines()[1].split()[-1] == f"{b:.0f}"


def test_the_gentler_check_says_yes_only_for_a_gentler_design():
    keen = design.Design(knee_deg=(0, 70), ankle_deg=(-20, 30), tempo_s=2.0, reps=20)
    gentle = design.Design(design.SEATED, knee_deg=(40, 90), neck_deg=(-20, 10), tempo_s=6.0, reps=10)
    keen_series = nd.simulate(keen.program(), dt=0.05)
    same = dose_text.gentler_check(keen_series, keen_series)
    assert "lower: no" in same and "higher: no" in same
    better = dose_text.gentler_check(keen_series, nd.simulate(gentle.program(), dt=0.05))
    assert "lower: yes" in better and "none: yes" in better and "higher: yes" in better
    chin = design.Design(design.SEATED, knee_deg=(0, 90), neck_deg=(-40, 60), tempo_s=2.0, reps=20)
    assert "none: no" in dose_text.gentler_check(keen_series, nd.simulate(chin.program(), dt=0.05)), \
        "a hard chin tuck keeps the neck cord above 8 % for seconds"


def test_dose_tables_give_the_slide_per_stroke_and_blood_flow_as_a_range():
    series = {"floss": nd.simulate(nd.exercises.supine_floss(), dt=0.05),
              "hold": nd.simulate(nd.exercises.sustained_stretch(40, 70), dt=0.05)}
    figures = {name: ts.summary()["sites"]["hip"] for name, ts in series.items()}
    text = dose_text.compare_doses(series, sites=["hip"], keys=["sliding_distance_mm", "sliding_per_stroke_mm",
                                                                "min_blood_flow"])
    lines = text.splitlines()
    assert lines[2].startswith("largest slide in one stroke (mm)")
    assert lines[2].split()[-2:] == [f"{figures[name]['sliding_per_stroke_mm']:.1f}" for name in series]
    low, high = sorted(figures["hold"]["min_blood_flow_range"])
    assert lines[3].endswith(f"{figures['hold']['min_blood_flow']:.0%} ({low:.0%}–{high:.0%})")
    assert "estimate" in lines[-1]
    table = dose_text.dose_table_html(series["hold"], series["floss"], "hip")
    assert table.index("total sliding") < table.index("largest slide in one stroke") < table.index("peak tension")
    low, high = sorted(figures["floss"]["mean_blood_flow_range"])
    assert f"<td>{figures['floss']['mean_blood_flow']:.0%} ({low:.0%}–{high:.0%})</td></tr>" in table
    assert "where the fall begins is an estimate" in table
    assert f"lowest blood flow at the hip: {figures['hold']['min_blood_flow']:.0%} (" in \
        dose_text.extremes_text(series["hold"])
