"""Everything the portal holds about the citizen's case, for the citizen's own download.

One dictionary, built from queries scoped to the case, rendered as JSON and as a readable
page. The CPR number appears here because this is the citizen's own copy; it is never in
a URL, a log or a cookie. Notes the staff keep for internal work (internal goal updates,
the health note) are not part of the self-service download; the page says how to ask for
the whole file.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.audit.models import AuditEvent
from portal.cases.cpr import CprCipher
from portal.cases.models import Case
from portal.citizen import policy
from portal.citizen.services import sent_offers
from portal.leases.models import Lease
from portal.outcomes.models import SurveyAnswer
from portal.plans.models import Goal, Plan

EXPORT_LIMIT = 5000  # rows per kind: a case never comes near it, a runaway log might


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _person(case: Case, cipher: CprCipher) -> dict[str, Any]:
    return {
        "name": case.name,
        "cpr": cipher.decrypt(case.cpr_ciphertext),
        "phone": case.phone,
        "email": case.email,
        "language": case.language,
        "municipality": case.municipality.name,
        "adults": case.adults,
        "children": case.children,
        "target_groups": sorted(tg.target_group.value for tg in case.target_groups),
        "citizen_group": case.citizen_group,
        "housing_situation": case.housing_situation,
        "needs": {
            "step_free": case.needs_step_free,
            "ground_floor": case.needs_ground_floor,
            "wheelchair": case.needs_wheelchair,
            "rooms": case.min_rooms,
        },
        "wished_areas": sorted(a.postcode for a in case.wished_areas),
        "yearly_income": case.yearly_income,
        "rent_subsidy": case.rent_subsidy,
        "rent_subsidy_until": case.rent_subsidy_until,
        "consent_share_with_landlord": case.consent_share_with_landlord,
        "consent_given_on": case.consent_given_on,
        "status": case.status,
        "waiting_since": case.waiting_since,
        "paused_until": case.paused_until,
        "current_address": case.current_address,
        "current_landlord": case.current_landlord,
        "caseworker": case.caseworker.display_name if case.caseworker else None,
    }


def _leases(session: Session, case: Case) -> list[dict[str, Any]]:
    leases = session.scalars(
        select(Lease)
        .where(Lease.case_id == case.id)
        .options(selectinload(Lease.events), selectinload(Lease.unit))
        .order_by(Lease.start_date)
        .limit(EXPORT_LIMIT)
    ).all()
    return [
        {
            "address": lease.unit.address_line if lease.unit else lease.address,
            "landlord": lease.organisation.name if lease.organisation else lease.landlord_name,
            "kind": lease.legal_basis.name,
            "lease_model": lease.lease_model,
            "status": lease.status,
            "start_date": lease.start_date,
            "purpose": lease.purpose,
            "next_review": lease.next_review,
            "planned_end": lease.planned_end,
            "ended_on": lease.ended_on,
            "rent": lease.rent,
            "utilities": lease.utilities,
            "subsidy": lease.subsidy,
            "citizen_share": lease.citizen_share,
            "events": [
                {
                    "kind": e.kind,
                    "on": e.occurred_on,
                    "note": e.note,
                    "notice_reason": e.notice_reason,
                    "alternative_offer": e.alternative_offer,
                    "alternative_offer_details": e.alternative_offer_details,
                    "objection_deadline": e.objection_deadline,
                    "effective_on": e.effective_on,
                    "arrears_amount": e.arrears_amount,
                    "payment_deadline": e.payment_deadline,
                }
                for e in lease.events
            ],
        }
        for lease in leases
        if policy.may_see_lease(case, lease)
    ]


def _offers(session: Session, case: Case) -> list[dict[str, Any]]:
    return [
        {
            "address": offer.unit.address_line,
            "status": offer.status,
            "proposed_at": offer.proposed_at,
            "response_deadline": offer.response_deadline,
            "rules": [
                {"rule": r.rule, "kind": r.kind, "met": r.passed, "figures": r.params}
                for r in offer.rule_results
            ],
            "decisions": [
                {
                    "by": d.actor,
                    "decision": d.decision,
                    "reason": d.reason.code if d.reason else None,
                    "at": d.decided_at,
                }
                for d in offer.decisions
            ],
        }
        for offer in sent_offers(session, case)
    ]


def _goal(goal: Goal) -> dict[str, Any]:
    return {
        "kind": goal.kind,
        "text": goal.text,
        "theme": goal.theme,
        "level_at_start": goal.level_at_start,
        "level_now": goal.level_now,
        "level_target": goal.level_target,
        "target_date": goal.target_date,
        "status": goal.status,
        "updates": [
            {"on": u.written_on, "text": u.text, "source": u.source, "by": u.author_name}
            for u in goal.updates
            if policy.may_see_update(u)
        ],
    }


def _plans(session: Session, case: Case) -> list[dict[str, Any]]:
    plans = session.scalars(
        select(Plan)
        .where(Plan.case_id == case.id)
        .options(selectinload(Plan.goals).selectinload(Goal.updates))
        .order_by(Plan.start_date)
        .limit(EXPORT_LIMIT)
    ).all()
    return [
        {
            "purpose": plan.purpose,
            "start_date": plan.start_date,
            "next_follow_up": plan.next_follow_up,
            "goals": [_goal(g) for g in plan.goals],
            "support": [
                {
                    "kind": a.kind,
                    "description": a.description,
                    "provider": a.provider,
                    "frequency": a.frequency,
                    "contact": a.contact_name,
                    "phone": a.contact_phone,
                    "email": a.contact_email,
                    "next_meeting_at": a.next_meeting_at,
                }
                for a in plan.activities
            ],
        }
        for plan in plans
    ]


def _answers(session: Session, case: Case) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(SurveyAnswer)
        .where(SurveyAnswer.case_id == case.id)
        .options(selectinload(SurveyAnswer.question))
        .order_by(SurveyAnswer.answered_on, SurveyAnswer.id)
        .limit(EXPORT_LIMIT)
    ).all()
    return [{"question": a.question.code, "value": a.value, "on": a.answered_on} for a in rows]


def _reads(session: Session, case: Case) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.case_id == case.id, AuditEvent.actor_role.in_(policy.READER_ROLES))
        .order_by(AuditEvent.at.desc())
        .limit(EXPORT_LIMIT)
    ).all()
    return [{"at": e.at, "role": e.actor_role, "purpose": e.purpose} for e in rows]


def case_export(session: Session, case: Case, cipher: CprCipher) -> dict[str, Any]:
    """All of the case the citizen may have, as plain JSON-ready values."""
    return _plain(
        {
            "person": _person(case, cipher),
            "leases": _leases(session, case),
            "offers": _offers(session, case),
            "plans": _plans(session, case),
            "survey_answers": _answers(session, case),
            "seen_by": _reads(session, case),
        }
    )
