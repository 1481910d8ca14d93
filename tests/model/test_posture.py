"""Bad input gets a clear error naming the field, the value and the allowed range; never a clamp."""
import math

import pytest

import neurodynamics as nd
from neurodynamics.model.posture import RANGES_DEG

FIELDS = list(RANGES_DEG)


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_angle_is_refused_with_field_value_and_range(field, bad):
    low, high = RANGES_DEG[field]
    with pytest.raises(ValueError) as info:
        nd.Posture(**{field: bad})
    message = str(info.value)
    assert field in message and repr(bad) in message and f"{low:g} to {high:g}" in message


@pytest.mark.parametrize("field", FIELDS)
def test_out_of_range_angle_is_refused_not_clamped(field):
    low, high = RANGES_DEG[field]
    for bad in (low - 0.5, high + 0.5):
        with pytest.raises(ValueError) as info:
            nd.Posture(**{field: bad})
        message = str(info.value)
        assert field in message and f"{bad:g}" in message and f"{low:g} to {high:g}" in message


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("bad", ["45", True, False, None, [10], 3 + 0j])
def test_non_number_angle_raises_type_error(field, bad):
    with pytest.raises(TypeError) as info:
        nd.Posture(**{field: bad})
    message = str(info.value)
    assert field in message and repr(bad) in message and "allowed range" in message


@pytest.mark.parametrize("field", FIELDS)
def test_range_ends_are_allowed(field):
    low, high = RANGES_DEG[field]
    assert getattr(nd.Posture(**{field: low}), field) == low
    assert getattr(nd.Posture(**{field: high}), field) == high


def test_posture_is_immutable_and_replace_validates():
    p = nd.Posture(hip_flexion=30)
    with pytest.raises(AttributeError):
        p.hip_flexion = 40
    assert p.replace(knee_flexion=20) == nd.Posture(hip_flexion=30, knee_flexion=20)
    with pytest.raises(ValueError, match="knee_flexion"):
        p.replace(knee_flexion=-1)


def test_unknown_site_lists_valid_sites():
    s = nd.solve(nd.Posture())
    for read in (s.strain, s.excursion, s.tension):
        with pytest.raises(ValueError) as info:
            read("calf")
        assert "'calf'" in str(info.value) and all(site in str(info.value) for site in nd.SITES)


def test_solve_refuses_a_non_posture():
    with pytest.raises(TypeError, match="Posture"):
        nd.solve({"hip_flexion": 30})


@pytest.mark.parametrize("entrapment, error", [
    ({"calf": 5.0}, ValueError), ({"hip": 0.5}, ValueError), ({"hip": 1000}, ValueError),
    ({"hip": math.nan}, ValueError), ({"hip": "5"}, TypeError), ({"hip": True}, TypeError), ([("hip", 5)], TypeError),
])
def test_bad_entrapment_is_refused(entrapment, error):
    with pytest.raises(error):
        nd.Model(entrapment=entrapment)
