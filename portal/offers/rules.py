"""Matching rule results as the caseworker offers them: readable rules, not one score."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l

from portal.errors import DomainError
from portal.offers.models import RuleKind


class OfferError(DomainError):
    """An offer step the rules do not allow."""


class RuleNotMet(OfferError):
    pass


@dataclass(frozen=True)
class RuleResult:
    """One matching rule as evaluated for this unit and case.

    ``passed`` means the rule is satisfied: a ``must`` rule holds, a ``must_not`` rule's
    thing is absent, a ``preferred`` rule is met. Only a preferred rule that is not met
    may carry an ``override_reason``: the caseworker's written reason to offer anyway.
    ``params`` are the figures behind the result (e.g. the monthly share and the budget),
    stored with the offer so the explanation never changes afterwards.
    """

    rule: str
    kind: RuleKind
    passed: bool
    params: Mapping[str, Any] = field(default_factory=dict)
    override_reason: str | None = None

    def __post_init__(self) -> None:
        if self.override_reason is not None and (self.kind != RuleKind.PREFERRED or self.passed):
            raise ValueError("Only a preferred rule that is not met can be overridden.")


def check_rule_results(rule_results: Sequence[RuleResult]) -> int:
    """Refuse an offer a must / must-not rule forbids, or an unexplained preferred miss.

    Returns the score: the number of preferred rules met. It only orders offers that all
    rules allow; it is never a judgement of the citizen.
    """
    for result in rule_results:
        if result.kind in (RuleKind.MUST, RuleKind.MUST_NOT) and not result.passed:
            raise RuleNotMet(
                _l("The unit does not meet the rule “%(rule)s”, so it cannot be offered."),
                rule=result.rule,
            )
        if (
            result.kind == RuleKind.PREFERRED
            and not result.passed
            and not (result.override_reason or "").strip()
        ):
            raise RuleNotMet(
                _l("The rule “%(rule)s” is not met. Write why the unit is offered anyway."),
                rule=result.rule,
            )
    return sum(1 for r in rule_results if r.kind == RuleKind.PREFERRED and r.passed)
