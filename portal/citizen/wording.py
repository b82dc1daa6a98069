"""Plain words for the citizen: rules, lease dates, levels, roles and complaint bodies.

Whole sentences, one per fact, so that translators can order the words of Arabic and
Tigrinya freely. Nothing here quotes a paragraph number.
"""

from __future__ import annotations

from typing import Any

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from portal.citizen.timeline import Mark
from portal.leases.notice import ComplaintBody
from portal.offers.models import OfferRuleResult, OfferStatus
from portal.plans.models import GoalStatus, Level
from portal.rules.models import Consequence, DeclineReason
from portal.rules.services import localized

# Why a home was proposed: (met, not met) per rule, in the citizen's words.
_RULES: dict[str, tuple[LazyString, LazyString]] = {
    "target_group": (
        _l("The home is meant for people in your situation."),
        _l("The home is not meant for people in your situation."),
    ),
    "rooms": (
        _l("The home has the number of rooms you need."),
        _l("The home has fewer rooms than you need."),
    ),
    "wheelchair": (
        _l("You can use a wheelchair in the home."),
        _l("The home is not made for a wheelchair."),
    ),
    "step_free": (
        _l("You can get into the home without steps, or there is a lift."),
        _l("There are steps to the home and no lift."),
    ),
    "ground_floor": (
        _l("The home is on the ground floor, or there is a lift."),
        _l("The home is not on the ground floor and there is no lift."),
    ),
    "kitchen_for_benefit": (
        _l("The home has its own kitchen, so you can get housing benefit."),
        _l("The home has no kitchen of its own, so you cannot get housing benefit for it."),
    ),
    "within_budget": (
        _l("You can afford the rent with the money you have."),
        _l("The rent is more than your budget. Your caseworker will talk with you about it."),
    ),
    "cluster": (
        _l("The home is close to others who get the same kind of support."),
        _l("The home is not close to others who get the same kind of support."),
    ),
    "spread": (
        _l("Not many homes in the building are used for people who get support."),
        _l("Several homes in the building are already used for people who get support."),
    ),
}


def rule_sentence(result: OfferRuleResult) -> str:
    """One rule of the offer in plain words; an unknown rule in a neutral sentence."""
    met, not_met = _RULES.get(result.rule, (_l("A rule was met."), _l("A rule was not met.")))
    return str(met if result.passed else not_met)


MARKS: dict[Mark, LazyString] = {
    Mark.STARTED: _l("You moved in"),
    Mark.REVIEW_HELD: _l("Review meeting"),
    Mark.EXTENDED: _l("The lease was extended"),
    Mark.NEXT_REVIEW: _l("Next review meeting"),
    Mark.PLANNED_END: _l("Planned end of the lease"),
    # Translators: the last day the law lets this kind of temporary lease run.
    Mark.TIME_LIMIT: _l("The latest end the rules allow"),
    # Translators: opsigelse, a written notice of termination of the lease.
    Mark.NOTICE_GIVEN: _l("You got a notice to move"),
    Mark.OBJECTION_DEADLINE: _l("Last day to object to the notice"),
    Mark.NOTICE_ENDS: _l("The lease ends after the notice"),
    # Translators: overtage boligen, the temporary lease became an ordinary lease.
    Mark.TAKEN_OVER: _l("You took over the home"),
    Mark.ENDED: _l("The lease ended"),
}

# The five-step scale of Fælles Faglige Begreber: how hard something is for the citizen.
LEVELS: dict[Level, LazyString] = {
    Level.NONE: _l("No difficulty"),
    Level.LIGHT: _l("A little difficulty"),
    Level.MODERATE: _l("Some difficulty"),
    Level.SEVERE: _l("A lot of difficulty"),
    Level.COMPLETE: _l("Cannot do it at all"),
    Level.NOT_ASSESSED: _l("Not assessed yet"),
}
LEVEL_STEPS = [Level.NONE, Level.LIGHT, Level.MODERATE, Level.SEVERE, Level.COMPLETE]

GOAL_STATUS: dict[GoalStatus, LazyString] = {
    GoalStatus.ACTIVE: _l("You are working on this"),
    GoalStatus.REACHED: _l("Reached"),
    GoalStatus.PARTLY_REACHED: _l("Partly reached"),
    GoalStatus.NOT_REACHED: _l("Not reached"),
}

OFFER_STATUS: dict[OfferStatus, LazyString] = {
    OfferStatus.OFFERED: _l("Waiting for your answer"),
    OfferStatus.CITIZEN_ACCEPTED: _l("You said yes. Now the landlord answers."),
    OfferStatus.LANDLORD_ACCEPTED: _l(
        "You and the landlord said yes. Your caseworker makes the lease."
    ),
    OfferStatus.APPROVED: _l("You got the home"),
    OfferStatus.DECLINED: _l("Someone said no"),
    OfferStatus.WITHDRAWN: _l("The offer was taken back"),
    OfferStatus.EXPIRED: _l("The time to answer ran out"),
    OfferStatus.PROPOSED: _l("Being prepared"),
}

READER_ROLES: dict[str, LazyString] = {
    "caseworker": _l("Caseworker at the municipality"),
    "administrator": _l("Administrator at the municipality"),
    "landlord": _l("Landlord"),
}

COMPLAINT_BODIES: dict[ComplaintBody, LazyString] = {
    ComplaintBody.LANDLORD: _l("Write to your landlord that you object to the notice."),
    # Translators: beboerklagenævnet, the tenants' complaints board for social housing.
    ComplaintBody.BEBOERKLAGENAEVN: _l(
        "You can complain to the tenants' complaints board (beboerklagenævnet) about your "
        "lease and your landlord."
    ),
    # Translators: huslejenævnet, the rent tribunal for private rentals.
    ComplaintBody.HUSLEJENAEVN: _l(
        "You can complain to the rent tribunal (huslejenævnet) about your lease and your landlord."
    ),
    # Translators: boligretten, the housing court.
    ComplaintBody.BOLIGRETTEN: _l(
        "If you and the landlord disagree about the notice, the housing court "
        "(boligretten) decides."
    ),
    ComplaintBody.MUNICIPALITY: _l(
        "You can complain to the municipality about its decision. The municipality looks at "
        "it again."
    ),
    # Translators: Ankestyrelsen, the National Social Appeals Board.
    ComplaintBody.ANKESTYRELSEN: _l(
        "If the municipality does not agree with you, your complaint goes on to the National "
        "Social Appeals Board (Ankestyrelsen)."
    ),
}

CONSEQUENCE_FALLBACK: dict[Consequence, LazyString] = {
    Consequence.NONE: _l("Nothing changes for you. You stay on the list and can get a new offer."),
    Consequence.PAUSED: _l(
        "You will not get new offers for the next %(days)s days. After that you are back on "
        "the list."
    ),
    Consequence.REASSESSMENT: _l(
        "Your caseworker will talk with you again about what you need before you get a new offer."
    ),
}


def reason_label(reason: DeclineReason, locale: str) -> str:
    return localized(reason.texts, locale, "label") or reason.code


def consequence_text(reason: DeclineReason, locale: str) -> str:
    """What saying no for this reason means for the citizen, from the reason's own text."""
    text = localized(reason.texts, locale, "consequence")
    if text:
        return text.replace("{days}", str(reason.pause_days or 0))
    fallback = CONSEQUENCE_FALLBACK[reason.consequence]
    params: dict[str, Any] = (
        {"days": reason.pause_days or 0} if reason.consequence == Consequence.PAUSED else {}
    )
    return str(fallback) % params if params else str(fallback)
