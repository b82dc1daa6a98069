"""Words for the codes the evaluation shows, so no raw enum value reaches the page.

Codes fixed in the code (statuses, groups, causes) get English msgids through Babel,
reusing the label helpers of their own areas; codes kept as data (legal bases, decline
reasons, destinations, survey questions) take their text from the row's ``texts`` in
the reader's language. :class:`Labels` looks both up for one request; the data-held
ones are read once, a query per rule table, whatever the size of the figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.cases.forms import (
    citizen_group_label,
    housing_label,
    occupation_label,
    status_label,
    target_group_label,
)
from portal.leases.forms import RELAPSE_CAUSES, STILL_HOUSED
from portal.rules.models import DeclineReason, LegalBasis, OutcomeDestination, SurveyQuestion
from portal.rules.services import localized
from portal.units.forms import housing_kind_choices

DESTINATION_GROUPS: dict[str, Any] = {
    # Translators: the exit groups of the US HMIS standard, where a citizen moved to.
    "permanent": _lp("destination group", "Permanent home"),
    "temporary": _lp("destination group", "Temporary stay"),
    "institutional": _lp("destination group", "Institution"),
    "homeless": _lp("destination group", "Homeless"),
    "other": _lp("destination group", "Other or not known"),
}

OUTCOME_CLASSES: dict[str, Any] = {
    "positive": _lp("outcome", "Positive"),
    "neutral": _lp("outcome", "Neutral"),
    "negative": _lp("outcome", "Negative"),
}

ACTORS: dict[str, Any] = {
    "citizen": _lp("who declined", "Citizen"),
    "landlord": _lp("who declined", "Landlord"),
    "caseworker": _lp("who declined", "Caseworker"),
    "system": _lp("who declined", "The portal (deadline passed)"),
}

RELAPSE_CAUSE_LABELS: dict[str, Any] = {str(c.value): c.label for c in RELAPSE_CAUSES}
STILL_HOUSED_LABELS: dict[str, Any] = {str(c.value): c.label for c in STILL_HOUSED}

LEASE_MODELS: dict[str, Any] = {
    "direct": _l("Directly from the landlord"),
    # Translators: fremleje — the municipality leases the home and sublets it.
    "sublet": _l("Sublet by the municipality"),
    "current_home": _l("Kept in the current home"),
}

LEASE_STATUSES: dict[str, Any] = {
    "active": _lp("lease status", "Running"),
    "notice_given": _l("Notice given"),
    "ended": _lp("lease status", "Ended"),
    "taken_over": _l("Taken over"),
}

DURATION_BANDS: dict[str, Any] = {
    "under_6_months": _l("Under 6 months"),
    "6_to_12_months": _l("6 to 12 months"),
    "12_to_24_months": _l("12 to 24 months"),
    "24_months_or_more": _l("24 months or more"),
}

RATES: dict[str, Any] = {
    "support_month": _l("Support in the temporary home"),
    "rent_subsidy_month": _l("Rent subsidy"),
    # Translators: forsorgshjem (SL § 110).
    "shelter_month": _l("A stay in a shelter"),
    # Translators: midlertidigt botilbud (SL § 107).
    "botilbud_107_month": _l("A stay in temporary residential care"),
    # Translators: længerevarende botilbud (SL § 108).
    "botilbud_108_month": _l("A stay in long-term residential care"),
}


def _safe(fn: Any, value: Any) -> str:
    """The helper's label, or the code itself for a value the helper does not know
    (an old code still in the data must not break the page)."""
    try:
        return str(fn(value))
    except (KeyError, ValueError):
        return str(value)


def _from(table: dict[str, Any], value: Any) -> str:
    key = str(getattr(value, "value", value))
    return str(table[key]) if key in table else key


def target_group(value: Any) -> str:
    return _safe(target_group_label, value)


def citizen_group(value: Any) -> str:
    return _safe(citizen_group_label, value)


def occupation(value: Any) -> str:
    return _safe(occupation_label, value)


def case_status(value: Any) -> str:
    return _safe(status_label, value)


def housing_situation(value: Any) -> str:
    return _safe(housing_label, value)


def destination_group(value: Any) -> str:
    return _from(DESTINATION_GROUPS, value)


def outcome_class(value: Any) -> str:
    return _from(OUTCOME_CLASSES, value)


def actor(value: Any) -> str:
    return _from(ACTORS, value)


def relapse_cause(value: Any) -> str:
    return _from(RELAPSE_CAUSE_LABELS, value)


def housing_kind(value: Any) -> str:
    return _from({str(c.value): c.label for c in housing_kind_choices()}, value)


def lease_model(value: Any) -> str:
    return _from(LEASE_MODELS, value)


def lease_status(value: Any) -> str:
    return _from(LEASE_STATUSES, value)


def still_housed(value: Any) -> str:
    return _from(STILL_HOUSED_LABELS, value)


def duration_band(value: Any) -> str:
    return _from(DURATION_BANDS, value)


def rate(value: Any) -> str:
    return _from(RATES, value)


@dataclass
class Labels:
    """The data-held labels in ``locale``, read once; fixed codes through Babel."""

    locale: str
    legal_bases: dict[str, str] = field(default_factory=dict)
    reasons: dict[tuple[str, str], str] = field(default_factory=dict)
    destinations: dict[str, str] = field(default_factory=dict)
    questions: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, locale: str) -> Labels:
        """Every version's text, the latest ``valid_from`` winning: a code keeps its
        label in figures that reach back before a rule changed."""
        out = cls(locale)
        for code, name, texts in session.execute(
            select(LegalBasis.code, LegalBasis.name, LegalBasis.texts).order_by(
                LegalBasis.valid_from
            )
        ):
            out.legal_bases[code] = localized(texts, locale, "label") or name
        for who, code, texts in session.execute(
            select(DeclineReason.actor, DeclineReason.code, DeclineReason.texts).order_by(
                DeclineReason.valid_from
            )
        ):
            out.reasons[(str(getattr(who, "value", who)), code)] = (
                localized(texts, locale, "label") or code
            )
        for code, texts in session.execute(
            select(OutcomeDestination.code, OutcomeDestination.texts).order_by(
                OutcomeDestination.valid_from
            )
        ):
            out.destinations[code] = localized(texts, locale, "label") or code
        for code, texts in session.execute(
            select(SurveyQuestion.code, SurveyQuestion.texts).order_by(SurveyQuestion.valid_from)
        ):
            out.questions[code] = localized(texts, locale, "question") or code
        return out

    def legal_basis(self, code: str) -> str:
        return self.legal_bases.get(code, code)

    def reason(self, who: str, code: str) -> str:
        if code == "none":
            return str(_l("No reason given"))
        return self.reasons.get((who, code), code)

    def destination(self, code: str) -> str:
        return self.destinations.get(code, code)

    def question(self, code: str) -> str:
        return self.questions.get(code, code)

    # The fixed codes, so a template needs one object.
    target_group = staticmethod(target_group)
    citizen_group = staticmethod(citizen_group)
    occupation = staticmethod(occupation)
    destination_group = staticmethod(destination_group)
    outcome_class = staticmethod(outcome_class)
    actor = staticmethod(actor)
    relapse_cause = staticmethod(relapse_cause)
    duration_band = staticmethod(duration_band)
    rate = staticmethod(rate)
