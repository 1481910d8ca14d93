"""Every number the model uses, with its kind: a calibrated value names the rows it was fitted to; an unknown kind
is refused."""
import pytest

from neurodynamics.model import parameters as P


def test_every_calibrated_value_names_the_rows_it_was_fitted_to():
    for name, parameter in P.all_parameters().items():
        if parameter.kind == P.CALIBRATED:
            assert parameter.rows, f"{name} is calibrated but names no calibration row"


def test_a_parameter_of_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind must be one of"):
        P.Parameter(1.0, "mm", "a guess", "hunch")
