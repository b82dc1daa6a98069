"""Reading the rules as they held on a date, and the affordability arithmetic.

Every rule table is versioned by ``valid_from``: the version in force on a date is the
one with the latest ``valid_from`` on or before it. A decision stores the row it used,
and a later version never changes what held before.

The housing-benefit estimate and the monthly share are pure functions so that matching,
screens and tests compute them the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from portal.rules.models import (
    Actor,
    BenefitScheme,
    BusinessCaseRate,
    DeclineReason,
    HousingBenefitRate,
    LegalBasis,
    OutcomeDestination,
    SurveyQuestion,
    Threshold,
)

R = TypeVar("R")

FALLBACK_LOCALE = "da"


class RuleNotFoundError(LookupError):
    """No version of the rule was in force on the date asked about."""


def _key_columns(model: type[Any]) -> tuple[str, ...]:
    """The columns that name one rule across its versions."""
    if model is DeclineReason:
        return ("actor", "code")
    if model is HousingBenefitRate:
        return ("scheme",)
    return ("code",)


def _in_force(model: type[Any], on: dt.date) -> Select[Any]:
    """Rows of ``model`` that are the newest version of their rule on ``on``."""
    older = aliased(model)
    keys = _key_columns(model)
    newest = (
        select(func.max(older.valid_from))
        .where(older.valid_from <= on)
        .where(*(getattr(older, k) == getattr(model, k) for k in keys))
        .scalar_subquery()
    )
    return select(model).where(model.valid_from == newest)


def current(
    session: Session,
    model: type[R],
    code: str,
    on: dt.date | None = None,
    *,
    actor: Actor | None = None,
) -> R | None:
    """The version of rule ``code`` in force on ``on`` (today when not given), or None.

    ``code`` is the rule's code; for :class:`HousingBenefitRate` it is the scheme
    (``boligsikring`` / ``boligydelse``); a :class:`DeclineReason` is also keyed by
    ``actor``. Among rates with the same ``valid_from`` the latest ``year`` wins.
    """
    on = on or dt.date.today()
    key_column = "scheme" if model is HousingBenefitRate else "code"
    stmt = select(model).where(
        getattr(model, key_column) == code,
        model.valid_from <= on,  # type: ignore[attr-defined]
    )
    if model is DeclineReason:
        if actor is None:
            raise TypeError("a decline reason is looked up with its actor")
        stmt = stmt.where(DeclineReason.actor == actor)
    order = [model.valid_from.desc()]  # type: ignore[attr-defined]
    if model is HousingBenefitRate:
        order.append(HousingBenefitRate.year.desc())
    return session.scalars(stmt.order_by(*order).limit(1)).first()


def require(
    session: Session,
    model: type[R],
    code: str,
    on: dt.date | None = None,
    *,
    actor: Actor | None = None,
) -> R:
    """Like :func:`current`, but raise :class:`RuleNotFoundError` when nothing held."""
    row = current(session, model, code, on, actor=actor)
    if row is None:
        raise RuleNotFoundError(f"no {model.__name__} {code!r} in force on {on}")
    return row


def legal_bases(session: Session, on: dt.date | None = None) -> list[LegalBasis]:
    """The legal bases in force on ``on``, by code."""
    stmt = _in_force(LegalBasis, on or dt.date.today()).order_by(LegalBasis.code)
    return list(session.scalars(stmt))


def decline_reasons(
    session: Session, actor: Actor, on: dt.date | None = None
) -> list[DeclineReason]:
    """The reasons ``actor`` may choose from on ``on``, in their display order.

    A reason retired by a later version with ``active`` false drops out from that date.
    """
    stmt = (
        _in_force(DeclineReason, on or dt.date.today())
        .where(DeclineReason.actor == actor, DeclineReason.active.is_(True))
        .order_by(DeclineReason.position, DeclineReason.code)
    )
    return list(session.scalars(stmt))


def outcome_destinations(session: Session, on: dt.date | None = None) -> list[OutcomeDestination]:
    """The destinations a caseworker can record on ``on``, in their display order."""
    stmt = _in_force(OutcomeDestination, on or dt.date.today()).order_by(
        OutcomeDestination.position, OutcomeDestination.code
    )
    return list(session.scalars(stmt))


def survey_questions(
    session: Session, audience: str = "citizen", on: dt.date | None = None
) -> list[SurveyQuestion]:
    """The active questions for ``audience`` (``citizen`` or ``staff``) on ``on``."""
    stmt = (
        _in_force(SurveyQuestion, on or dt.date.today())
        .where(SurveyQuestion.audience == audience, SurveyQuestion.active.is_(True))
        .order_by(SurveyQuestion.position, SurveyQuestion.code)
    )
    return list(session.scalars(stmt))


def business_case_rates(session: Session, on: dt.date | None = None) -> dict[str, int]:
    """The business-case rates (kroner per month) in force on ``on``, by code."""
    rows = session.scalars(_in_force(BusinessCaseRate, on or dt.date.today()))
    return {row.code: row.amount for row in rows}


def threshold(
    session: Session, code: str, on: dt.date | None = None, default: int | None = None
) -> int:
    """The value of threshold ``code`` on ``on``; ``default`` when none was set."""
    row = current(session, Threshold, code, on)
    if row is not None:
        return row.value
    if default is None:
        raise RuleNotFoundError(f"no threshold {code!r} in force on {on}")
    return default


def benefit_scheme(receives_pension: bool) -> BenefitScheme:
    """Pensioners get boligydelse; everyone else applies for boligsikring."""
    return BenefitScheme.BOLIGYDELSE if receives_pension else BenefitScheme.BOLIGSIKRING


def housing_benefit_rate(
    session: Session, receives_pension: bool, on: dt.date | None = None
) -> HousingBenefitRate | None:
    """The rate of the household's scheme in force on ``on``."""
    return current(session, HousingBenefitRate, benefit_scheme(receives_pension).value, on)


def localized(texts: dict[str, Any] | None, locale: str, field: str) -> str:
    """The text ``field`` in ``locale``, falling back to Danish (the binding language)."""
    texts = texts or {}
    for loc in (locale, FALLBACK_LOCALE):
        value = (texts.get(loc) or {}).get(field)
        if value:
            return str(value)
    return ""


class BenefitRate(Protocol):
    """What the estimate reads from a :class:`HousingBenefitRate` row."""

    rent_share_pct: int
    rent_addition: int
    income_share_pct: int
    income_threshold: int
    threshold_per_child: int
    max_yearly_benefit: int
    min_own_payment: int


# The income threshold is raised for each child after the first, up to four children.
_CHILDREN_COUNTED_MAX = 3


def estimate_housing_benefit(
    rate: BenefitRate,
    monthly_rent: int,
    yearly_income: int,
    children: int,
    unit_gets_benefit: bool,
) -> int:
    """An ESTIMATE of the housing benefit in kroner per month (never the decision).

    yearly = rent share × (12 × rent + rent addition)
             − income share × (income − threshold), for income above the threshold,
    where the threshold is raised by ``threshold_per_child`` for each child after the
    first (at most three such children). The result is capped at ``max_yearly_benefit``
    and so that the household pays at least ``min_own_payment`` of the yearly rent
    itself; never below zero. The yearly amount is divided by 12, rounded down.

    A unit without its own kitchen, or a single room (``unit_gets_benefit`` false),
    gets none. ``monthly_rent`` is the rent without utilities on account.
    """
    if not unit_gets_benefit or monthly_rent <= 0:
        return 0
    yearly_rent = monthly_rent * 12
    extra_children = min(max(children - 1, 0), _CHILDREN_COUNTED_MAX)
    income_threshold = rate.income_threshold + rate.threshold_per_child * extra_children
    # Percentages are stored in tenths of a percent: work in thousandths of a krone.
    rent_part = (yearly_rent + rate.rent_addition) * rate.rent_share_pct
    income_part = max(0, yearly_income - income_threshold) * rate.income_share_pct
    yearly = (rent_part - income_part) // 1000
    yearly = min(yearly, rate.max_yearly_benefit, yearly_rent - rate.min_own_payment)
    return max(0, yearly) // 12


def monthly_share(rent: int, utilities: int, benefit: int, subsidy: int) -> int:
    """What the citizen pays each month: rent + utilities − benefit − subsidy (≥ 0)."""
    return max(0, rent + utilities - benefit - subsidy)
