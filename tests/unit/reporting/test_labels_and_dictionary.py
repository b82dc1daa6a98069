"""Every code the evaluation shows has words, and the data dictionary describes exactly
the columns the export queries return."""

from __future__ import annotations

from flask import Flask

from portal.cases.models import CaseStatus, HousingSituation, Occupation
from portal.leases.models import LeaseModel, LeaseStatus
from portal.municipalities.models import TargetGroup
from portal.outcomes.models import RelapseCause, StillHoused
from portal.reporting import dictionary, export, labels
from portal.reporting.figures import DURATION_BANDS, Filters
from portal.rules.models import Actor, DestinationGroup, OutcomeClass
from portal.units.models import HousingKind


def test_every_fixed_code_has_words(app_ctx: None) -> None:
    pairs = [
        (TargetGroup, labels.target_group),
        (Occupation, labels.occupation),
        (CaseStatus, labels.case_status),
        (HousingSituation, labels.housing_situation),
        (DestinationGroup, labels.destination_group),
        (OutcomeClass, labels.outcome_class),
        (Actor, labels.actor),
        (RelapseCause, labels.relapse_cause),
        (StillHoused, labels.still_housed),
        (LeaseModel, labels.lease_model),
        (LeaseStatus, labels.lease_status),
        (HousingKind, labels.housing_kind),
    ]
    for enum_cls, label in pairs:
        for member in enum_cls:
            words = label(member.value)
            assert words and words != member.value, (enum_cls.__name__, member.value)
    for band, _ in DURATION_BANDS:
        assert labels.duration_band(band) != band
    assert labels.actor("system") != "system"
    assert labels.citizen_group(2) == "Group 2: needs a transitional stay first"
    # An unknown code (an old one still in the data) is shown as it is, not a 500.
    assert labels.occupation("retired") == "retired"


def test_headers_come_from_the_dictionary_and_fit_the_queries(app: Flask) -> None:
    assert set(export.TABLES) | {"figures"} == set(dictionary.DICTIONARY)
    f = Filters(municipality_ids=None)
    for name, (header, query) in export.TABLES.items():
        assert header == dictionary.header(name)
        assert len(query(f).selected_columns) == len(header), name
    for columns in dictionary.DICTIONARY.values():
        for col in columns:
            assert col.kind in dictionary.KINDS
