"""One answer to "which study, who was measured, how": the labels every table, figure and lesson print."""
import re

import pytest

from neurodynamics.evidence import citations, studies, tables, validation


@pytest.mark.parametrize("citation, year, label", [
    ("Alshami et al. 2008 J Appl Biomech 24:368", "", "Alshami et al. 2008"),
    ("Robinson & Probyn 2019 Can J Neurol Sci", "", "Robinson & Probyn 2019"),
    ("Kobayashi, Suzuki, Asai, Yoshizawa - J Neurosurg (intraoperative FNST)", "2003", "Kobayashi et al. 2003"),
    ("Breig", "1960", "Breig 1960"),
])
def test_author_year_names_first_author_and_year(citation, year, label):
    assert citations.author_year(citation, year) == label


@pytest.mark.parametrize("subjects, who", [
    ("rat sciatic in vivo", "rats"),
    ("rabbit tibial nerve in vitro", "rabbits"),
    ("guinea pig sciatic, in vitro", "guinea pigs"),
    ("5 unembalmed cadavers", "fresh cadavers"),
    ("10 embalmed cadavers", "embalmed cadavers"),
    ("10 cadavers", "cadavers"),
    ("volunteers (tagged MRI) / 18 necropsies", "living people and cadavers"),
    ("16 healthy (MRI)", "living people"),
    ("MRI geometric model", "a computer model"),
])
def test_who_was_measured_never_calls_animals_or_models_people(subjects, who):
    assert citations.who_was_measured(subjects) == who


def test_a_figure_label_adds_how_only_where_the_row_says_it():
    assert citations.subjects_label("healthy, ultrasound, standing") == "living people, ultrasound"
    assert citations.subjects_label("16 healthy (MRI)") == "living people, MRI"
    assert citations.subjects_label("8 healthy") == "living people"
    assert citations.subjects_label("rat sciatic in vivo") == "rats"


def test_every_row_a_student_sees_has_an_author_year_label_and_unknown_ids_are_refused():
    shown = {c.row_id for c in validation.compare()} | set(studies.NOT_REPRESENTED)
    for row_id in shown:
        label = citations.study_label(row_id)
        assert re.fullmatch(r"[A-Z][\w-]+( & [A-Z][\w-]+| et al\.)? (19|20)\d\d", label), (row_id, label)
    with pytest.raises(ValueError, match="R999"):
        citations.study_label("R999")


def test_tables_and_figures_tag_each_calibration_row_the_same_way():
    for comparison in validation.compare():
        tags = citations.evidence_tags(comparison.subjects, comparison.manoeuvre)
        assert f"[{', '.join(tags)}]" in tables.row_label(comparison)
        assert tags[0] == citations.who_was_measured(comparison.subjects)


def test_doi_is_found_only_when_the_scan_has_exactly_one():
    assert citations.doi("Nobody & Nowhere 1900") == ""
    assert citations.doi("no year at all") == ""
