"""The published measurements shipped with the package (neurodynamics.evidence.reference), read as rows."""
import pytest

from neurodynamics.evidence.reference import PUBLISHED_FILES, published_row, read_rows


@pytest.mark.parametrize("name", PUBLISHED_FILES)
def test_every_published_row_is_found_by_its_id_alone(name):
    rows = read_rows(name)
    assert rows and all(published_row(row["id"]) is row for row in rows), f"{name}: empty, or an id stands twice"
