"""Dose figures of a program: ranges where they depend on the flow curve, sliding per stroke beside the total."""
import pytest

import neurodynamics as nd
from neurodynamics.model import exercises


def test_dose_figures_that_depend_on_the_flow_curve_are_ranges():
    summary = nd.simulate(exercises.sustained_stretch()).summary()["sites"]
    for dose in summary.values():
        low, high = dose["mean_blood_flow_range"]
        assert low <= dose["mean_blood_flow"] <= high
        low, high = dose["min_blood_flow_range"]
        assert low <= dose["min_blood_flow"] <= high


def test_summary_gives_sliding_per_stroke_beside_total_sliding():
    floss = nd.simulate(exercises.seated_floss()).summary()["sites"]["thigh"]
    assert 0.0 < floss["sliding_per_stroke_mm"] <= floss["sliding_distance_mm"] / 10.0 + 1e-9
    hold = nd.simulate(exercises.sustained_stretch()).summary()["sites"]["thigh"]
    assert hold["sliding_per_stroke_mm"] == pytest.approx(hold["sliding_distance_mm"], rel=0.05)
