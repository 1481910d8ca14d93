"""The uncertainty band: it brackets the model, has width, and is made of parameter sets that pass every
calibration measurement."""
import numpy as np

import neurodynamics as nd
from neurodynamics.evidence import uncertainty


def test_the_uncertainty_band_brackets_the_model_and_has_width():
    posture = nd.Posture(hip_flexion=70)
    band = uncertainty.band(posture)
    profile = nd.solve(posture).profile()
    assert np.all(band.strain_low_pct <= profile.strain_pct + 1e-9)
    assert np.all(profile.strain_pct <= band.strain_high_pct + 1e-9)
    assert np.all(band.excursion_low_mm <= profile.excursion_mm + 1e-9)
    assert np.all(profile.excursion_mm <= band.excursion_high_mm + 1e-9)
    hip = uncertainty.site_range(posture, "hip")
    assert hip["strain_pct"][1] - hip["strain_pct"][0] > 0.2
    assert len(uncertainty.plausible_sets()) >= 8


def test_the_band_is_made_of_parameter_sets_that_pass_every_calibration_measurement():
    """The stored sets vary many parameters at once and each still puts every calibration measurement inside its
    spread (the same check tools/plausible_parameters.py keeps them by)."""
    from neurodynamics.evidence import reference, studies

    calibration = {row["id"] for row in reference.read_rows("calibration.csv")}
    checks = [m for m in studies.measurements() if m.key in calibration]
    sets = uncertainty.plausible_sets()
    for values in sets[:4]:
        model = nd.Model(parameters=values)
        assert all(m.inside(m.compute(model)) for m in checks)
    varied = [name for name in sets[0] if len({round(s[name], 12) for s in sets}) > 1]
    assert len(varied) == len(sets[0]) >= 10, "every free parameter varies across the sets"
    assert "FRICTION_GRIP" in varied and "FRICTION_PRESLIDING" in varied
