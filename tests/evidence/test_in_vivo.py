"""In-vivo ultrasound measurements re-run in the model (neurodynamics.evidence.in_vivo): each slide is a movement
from the study's start, with the bed's grip, as Model.movement computes it."""
import pytest

import neurodynamics as nd
from neurodynamics.evidence import in_vivo


def test_in_vivo_slides_are_measured_as_movements():
    model = nd.Model()
    setup = next(s for s in in_vivo.SETUPS if s.row_id == "RH14-60")
    slide = model.movement(setup.start, setup.end).excursion(setup.site) - model.solve(setup.start).excursion(setup.site)
    assert in_vivo.model_value(setup, model) == pytest.approx(slide)
    assert model.friction_at(setup.start) is not None
