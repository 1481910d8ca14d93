"""Every comparison the prose of lesson 04 makes about the model, computed from the public API at test time: if a
refit flips one, the sentence in the lesson is wrong and this test says which."""
import neurodynamics as nd
from neurodynamics.interface.lessons import lesson_04 as lesson

SITE = "thigh"


def test_tension_relaxes_during_the_hold_while_the_strain_stays_the_same():
    """Question 1, quiz Q1, summary: 'tension relaxes while length stays the same'."""
    t0, t1, e0, e1 = lesson.hold_tension("hip")
    assert t1 < t0, f"tension at the hip {t0:.2f} -> {t1:.2f} N: it does not fall"
    assert abs(e1 - e0) < 0.05, f"strain at the hip {e0:.2f} -> {e1:.2f} %: it does not stay the same"


def test_the_figure_title_holds_the_floss_reloads_and_slides_more_than_the_hold():
    """Figure title and caption: the floss reloads the nerve (several peaks) and slides it more in total."""
    hold, floss = lesson.hold_and_floss()
    strain = floss.strain("hip")
    rises = ((strain[1:-1] > strain[:-2]) & (strain[1:-1] >= strain[2:]) & (strain[1:-1] > strain.max() - 0.1)).sum()
    assert rises >= 5, f"the floss reaches its peak only {rises} times"
    slide = lambda ts: ts.summary()["sites"][SITE]["sliding_distance_mm"]
    assert slide(floss) > slide(hold), "the floss does not slide the nerve further in total than the hold"


def test_nothing_matched_the_first_pair_so_it_is_not_yet_fair():
    """'Nothing here matched their peaks: the hold is a straight-leg raise held, not the floss's own end position.'"""
    from neurodynamics.model.comparisons import peak_posture
    held = nd.exercises.sustained_stretch().keyframes[-1][1]
    assert held != peak_posture(nd.exercises.supine_floss(), lesson.FAIR_SITE)
    assert held.hip_flexion > 0 and held.knee_flexion == 0  # a straight-leg raise


def test_at_equal_peak_the_hold_stays_near_its_peak_longer_and_slides_the_same_per_stroke():
    """Decision 1's answer, quiz Q2, summary: same peak, same slide per stroke, the floss more in total, the hold near
    its peak longer."""
    n = lesson.fair_numbers(SITE)
    h, f = n["hold"], n["floss"]
    assert abs(h["peak"] - f["peak"]) <= lesson.SAME_PCT
    assert abs(h["per_stroke"] - f["per_stroke"]) <= lesson.SAME_MM
    assert f["total"] > h["total"]
    assert h["near_peak_s"] > f["near_peak_s"]
    truths = lesson.fair_truths(SITE)
    assert truths == {o: o == "keeps the nerve near its peak longer" for o in lesson.FAIR_OPTIONS}, truths


def test_the_two_pairings_disagree_on_blood_flow_and_the_ranges_overlap():
    """Question 2's explanation, quiz Q3, summary: 'the verdict depends on the pairing', 'the ranges overlap'."""
    flows = lesson.pairing_flow(SITE)
    kinder = {name: "hold" if pair["hold"][0] > pair["floss"][0] else "floss" for name, pair in flows.items()}
    assert len(set(kinder.values())) == 2, f"both pairings favour the same exercise: {kinder}"
    for name, pair in flows.items():
        (_, hl, hh), (_, fl, fh) = pair["hold"], pair["floss"]
        assert hl <= fh and fl <= hh, f"{name}: the blood-flow ranges do not overlap"
    assert "The pairing decides" in lesson.equal_mean_markdown(SITE)


def test_the_equal_average_hold_sits_at_the_floss_average_strain():
    held = nd.simulate(lesson.hold_at_mean_strain(SITE), dt=0.01)
    floss = lesson.hold_and_floss()[1]
    assert abs(held.strain(SITE)[-1] - floss.strain(SITE).mean()) < 0.05


def test_both_fair_pairs_stay_below_the_8_percent_line():
    """'Below 8 % the flow curve is an estimate': both exercises of the fair pair stay below 8 % at mid-thigh."""
    for series in lesson.fair_pair(SITE):
        assert series.summary()["sites"][SITE]["peak_strain_pct"] < 8.0


def test_the_supine_slider_strains_mid_thigh_less_and_slides_it_more_than_the_tensioner():
    """Decision 2's answer and the summary: a slider strains the nerve at mid-thigh less and slides it more."""
    pair = lesson.gentle_pair(SITE)
    (s_peak, s_slide), (t_peak, t_slide) = pair["slider"], pair["tensioner"]
    assert s_peak < t_peak - lesson.SAME_PCT and s_slide > t_slide
    assert lesson.gentle_answer(SITE) == "slider"


def test_a_long_hold_keeps_relaxing_and_its_blood_flow_recovers():
    """Optional question 3: the tension keeps falling and the model's blood flow climbs back (both curves)."""
    series = lesson.long_hold()
    start, end = int(round(2 / series.dt)), -1
    assert series.tension("hip")[end] < series.tension("hip")[int(round(40 / series.dt))] < series.tension("hip")[start]
    for curve in ("low", "high"):
        flow = series.blood_flow("hip", curve=curve)
        assert flow[end] >= flow[start]


def test_the_seated_slider_slides_the_mid_thigh_within_the_living_spread():
    """Optional question 4: 'In the model it does, within the living people's spread', and the study was fitted."""
    from neurodynamics.evidence import studies, validation
    (row,) = [r for r in validation.compare() if "Ellis" in r.source and "Ultrasound" in r.source]
    assert row.passed
    (measurement,) = [m for m in studies.measurements() if m.key == row.row_id]
    assert measurement.inside(measurement.compute(nd.Model()))


def test_the_version_line_names_the_installed_version():
    from importlib import metadata
    assert metadata.version("neurodynamics") in lesson.version_line()
