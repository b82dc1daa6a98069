"""The caseworker's words for each matching rule: its name and why it is met or not.

Whole sentences with named placeholders, so translators can reorder them. The figures
come from the result's stored ``params``, so an old offer reads as it was decided.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from portal.i18n.formatting import kroner
from portal.matching import rules as r
from portal.offers.models import RuleKind

LABELS = {
    r.TARGET_GROUP: _l("Target group"),
    r.ROOMS: _l("Household fits the rooms"),
    r.SINGLE_ROOM: _l("Not a single room for a household"),
    r.STEP_FREE: _l("Step-free access"),
    r.GROUND_FLOOR: _l("Ground floor"),
    r.WHEELCHAIR: _l("Wheelchair"),
    # Translators: boligstøtte needs a home with its own kitchen (not a single room).
    r.OWN_KITCHEN: _l("Own kitchen (housing benefit)"),
    r.AFFORDABLE: _l("Monthly share within budget"),
    r.CLUSTER: _l("Living near others (cluster)"),
    r.SPREAD: _l("Spread out"),
    r.WISHED_AREA: _l("Wished area"),
}

KIND_LABELS = {
    RuleKind.MUST: _l("must"),
    RuleKind.MUST_NOT: _l("must not"),
    RuleKind.PREFERRED: _l("preferred"),
}


def label(rule: str) -> str:
    return str(LABELS.get(rule, rule))


def reason(rule: str, passed: bool, params: Mapping[str, Any]) -> str:
    """One sentence saying why ``rule`` is met or not, with its figures.

    An offer stored with fewer figures (older offers, imported data) reads as plainly
    met or not met rather than failing the page.
    """
    try:
        return _reason(rule, passed, params)
    except (KeyError, TypeError, ValueError):
        return _("Met.") if passed else _("Not met.")


def _reason(rule: str, passed: bool, params: Mapping[str, Any]) -> str:
    p = params
    if rule == r.TARGET_GROUP:
        if passed:
            return _("The municipality takes the citizen's target group, and the home suits it.")
        if not p.get("municipality_takes"):
            return _("The municipality does not take this citizen's target group.")
        return _("This kind of home does not suit the citizen's target group.")
    if rule == r.ROOMS:
        return (
            ngettext(
                "%(num)s room; the household needs %(needed)s.",
                "%(num)s rooms; the household needs %(needed)s.",
                p["rooms"],
                needed=p["needed"],
            )
            if passed
            else ngettext(
                "Only %(num)s room; the household of %(household)s needs %(needed)s.",
                "Only %(num)s rooms; the household of %(household)s needs %(needed)s.",
                p["rooms"],
                household=p.get("household", "–"),
                needed=p["needed"],
            )
        )
    if rule == r.SINGLE_ROOM:
        return (
            _("A flat, not a single room.")
            if passed
            else _("A single room cannot house a household.")
        )
    if rule == r.STEP_FREE:
        return (
            _("The home can be reached without steps.")
            if passed
            else _("The home has steps and no lift.")
        )
    if rule == r.GROUND_FLOOR:
        return (
            _("The home is on the ground floor.")
            if passed
            else _("The home is not on the ground floor.")
        )
    if rule == r.WHEELCHAIR:
        return (
            _("The home is fit for a wheelchair.")
            if passed
            else _("The home is not fit for a wheelchair.")
        )
    if rule == r.OWN_KITCHEN:
        return (
            _("Own kitchen: the citizen can get housing benefit.")
            if passed
            else _("No own kitchen or a single room: no housing benefit.")
        )
    if rule == r.AFFORDABLE:
        values = {
            "share": kroner(p["share"]),
            "rent": kroner(p["rent"] + p.get("utilities", 0)),
            "benefit": kroner(p.get("benefit_estimate", p.get("benefit"))),
            "subsidy": kroner(p["subsidy"]),
        }
        if p.get("budget") is None:
            return _(
                "The citizen pays %(share)s a month (%(rent)s less estimated housing benefit "
                "%(benefit)s and subsidy %(subsidy)s). No budget is recorded.",
                **values,
            )
        values["budget"] = kroner(p["budget"])
        if passed:
            return _(
                "The citizen pays %(share)s a month (%(rent)s less estimated housing benefit "
                "%(benefit)s and subsidy %(subsidy)s), within the budget of %(budget)s",
                **values,
            )
        return _(
            "The citizen would pay %(share)s a month (%(rent)s less estimated housing benefit "
            "%(benefit)s and subsidy %(subsidy)s), more than the budget of %(budget)s",
            **values,
        )
    if rule == r.CLUSTER:
        return _(
            "%(count)s participants already live in this stairwell (a cluster holds up to "
            "%(max)s).",
            count=p["in_building"],
            max=p["limit"],
        )
    if rule == r.SPREAD:
        return _(
            "%(building)s participants already live in this stairwell (at most %(max_building)s) "
            "and %(postcode)s in this postcode (at most %(max_postcode)s).",
            building=p["in_building"],
            max_building=p.get("max_building", p.get("limit")),
            postcode=p.get("in_postcode", 0),
            max_postcode=p.get("max_postcode", "–"),
        )
    if rule == r.WISHED_AREA:
        wished = ", ".join(p.get("wished", []))
        return (
            _("Postcode %(postcode)s is one the citizen wished for.", postcode=p["postcode"])
            if passed
            else _(
                "Postcode %(postcode)s is not among the wished areas (%(wished)s).",
                postcode=p["postcode"],
                wished=wished,
            )
        )
    return ""
