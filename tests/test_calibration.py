"""Model against published measurements (calibration.csv), row by row, through validation.compare()."""
import filecmp
from pathlib import Path

import pytest

from neurodynamics import validation
from neurodynamics.reference import DATA_FILES

SHARED = Path(__file__).resolve().parents[2] / "shared" / "reference"
PACKAGE_DATA = Path(validation.__file__).parent / "data"
RESULTS = {c.row_id: c for c in validation.compare()}


@pytest.mark.parametrize("name", DATA_FILES)
def test_package_copy_of_reference_data_equals_shared_copy(name):
    if not (SHARED / name).exists():
        pytest.skip("../shared/reference is not beside this checkout (a user's clone); CI has it")
    assert filecmp.cmp(SHARED / name, PACKAGE_DATA / name, shallow=False), f"{name} differs from shared/reference"


@pytest.mark.parametrize("row_id", ["R01", "R02", "R03", "R04", "R05", "R06"])
def test_angle_row_lands_inside_its_published_band(row_id):
    c = RESULTS[row_id]
    assert c.passed, (f"{row_id} {c.source}: {c.quantity} at {c.site}: model {c.model:.2f} {c.unit}, "
                      f"published {c.published} (band {c.band_low} to {c.band_high})")


@pytest.mark.parametrize("row_id", ["R15", "R16", "R17"])
def test_direction_row_holds(row_id):
    c = RESULTS[row_id]
    assert c.passed, f"{row_id} {c.source}: {c.note} (model value {c.model:.3f})"


def test_sequence_row_is_reported_as_beyond_the_model():
    c = RESULTS["R18"]
    assert c.passed is None and "cannot" in c.note


def test_every_row_with_angles_is_compared():
    from neurodynamics.reference import read_rows

    with_angles = {row["id"] for row in read_rows("calibration.csv") if validation.has_angles(row)}
    assert with_angles == {"R01", "R02", "R03", "R04", "R05", "R06"} <= set(RESULTS)
