"""How a lease ends: ended with an outcome, or taken over; and relapses afterwards.

An outcome records where the citizen moved to; a move to a permanent home starts the
6/12/24-month follow-ups the evaluation counts. A relapse puts the citizen back in the
queue: no "once matched, never again".
"""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.announcements import leases as announce
from portal.audit.services import record
from portal.cases.models import Case, CaseStatus, Occupation
from portal.leases.errors import LeaseError
from portal.leases.events import add_event, clean, require_caseworker, require_live
from portal.leases.models import Lease, LeaseEventKind, LeaseModel, LeaseStatus
from portal.leases.terms import add_months
from portal.offers.locking import case_has_live_lease, lock_case, lock_lease
from portal.outcomes.models import FOLLOW_UP_MONTHS, FollowUp, Outcome, Relapse, RelapseCause
from portal.rules.models import OutcomeDestination
from portal.units.models import UnitStatus


def _record_outcome(
    session: Session,
    actor: Account,
    lease: Lease,
    destination: OutcomeDestination,
    moved_on: dt.date,
    note: str | None,
) -> Outcome:
    outcome = Outcome(
        lease=lease,
        case=lease.case,
        destination=destination,
        moved_on=moved_on,
        note=clean(note),
        recorded_by_id=actor.id,
    )
    if destination.starts_follow_up:
        # Still housed at 6, 12 and 24 months: the two-year retention of the evaluation.
        outcome.follow_ups = [
            FollowUp(months=months, due_on=add_months(moved_on, months))
            for months in FOLLOW_UP_MONTHS
        ]
    session.add(outcome)
    return outcome


def end_lease(
    session: Session,
    actor: Account,
    lease: Lease,
    ended_on: dt.date,
    destination: OutcomeDestination,
    *,
    note: str | None = None,
    occupation_at_end: Occupation | None = None,
) -> Outcome:
    """End a live lease with where the citizen moved to; the unit is available again.

    Follow-ups at 6, 12 and 24 months are created when the destination is a permanent
    home. The case is then ``moved_on``.
    """
    require_caseworker(actor, lease.case)
    lease = lock_lease(session, lease)
    require_live(lease)
    if ended_on < lease.start_date:
        raise LeaseError(_l("A lease cannot end before it started."))
    add_event(session, actor, lease, LeaseEventKind.ENDED, ended_on, note=clean(note))
    lease.status = LeaseStatus.ENDED
    lease.ended_on = ended_on
    if lease.unit is not None and lease.unit.status == UnitStatus.LET:
        lease.unit.status = UnitStatus.AVAILABLE
    outcome = _record_outcome(session, actor, lease, destination, ended_on, note)
    lease.case.status = CaseStatus.MOVED_ON
    if occupation_at_end is not None:
        lease.case.occupation_at_end = occupation_at_end
    session.flush()
    record(
        session,
        actor,
        "lease.end",
        "lease",
        lease.id,
        case_id=lease.case_id,
        destination=destination.code,
        ended_on=ended_on,
        outcome_id=outcome.id,
    )
    return outcome


def take_over(
    session: Session,
    actor: Account,
    lease: Lease,
    taken_over_on: dt.date,
    destination: OutcomeDestination,
    *,
    note: str | None = None,
) -> Outcome:
    """The citizen takes over the home: the temporary lease becomes an ordinary one.

    The unit stays let (to the same citizen, now on ordinary terms); the outcome is
    recorded with ``destination`` (e.g. "took over the home").
    """
    require_caseworker(actor, lease.case)
    lease = lock_lease(session, lease)
    require_live(lease)
    if lease.lease_model == LeaseModel.CURRENT_HOME:
        raise LeaseError(_l("A citizen kept in their current home already has their own lease."))
    if taken_over_on < lease.start_date:
        raise LeaseError(_l("A lease cannot be taken over before it started."))
    add_event(
        session,
        actor,
        lease,
        LeaseEventKind.TAKEN_OVER,
        taken_over_on,
        note=clean(note),
    )
    lease.status = LeaseStatus.TAKEN_OVER
    lease.ended_on = taken_over_on
    outcome = _record_outcome(session, actor, lease, destination, taken_over_on, note)
    lease.case.status = CaseStatus.MOVED_ON
    session.flush()
    record(
        session,
        actor,
        "lease.take_over",
        "lease",
        lease.id,
        case_id=lease.case_id,
        taken_over_on=taken_over_on,
        outcome_id=outcome.id,
    )
    announce.decided(session, actor, lease)
    return outcome


def record_relapse(
    session: Session,
    actor: Account,
    case: Case,
    occurred_on: dt.date,
    cause: RelapseCause,
    action: str,
    *,
    lease: Lease | None = None,
) -> Relapse:
    """Record a relapse; a citizen without a live lease goes back in the queue.

    No "once matched, never again": the case is waiting again from ``occurred_on``. A
    citizen still in a live lease stays housed until that lease ends (one live lease per
    case), and the relapse is recorded for the evaluation and the plan.
    """
    require_caseworker(actor, case)
    if not (action or "").strip():
        raise LeaseError(_l("Write what was done about the relapse."))
    if lease is not None and lease.case_id != case.id:
        raise LeaseError(_l("This lease belongs to another citizen."))
    case = lock_case(session, case.id)
    relapse = Relapse(
        case=case,
        lease_id=lease.id if lease else None,
        occurred_on=occurred_on,
        cause=cause,
        action=action.strip(),
        recorded_by_id=actor.id,
    )
    session.add(relapse)
    back_in_queue = not case_has_live_lease(session, case.id) and case.status != CaseStatus.CLOSED
    if back_in_queue:
        case.status = CaseStatus.WAITING
        case.waiting_since = occurred_on
    session.flush()
    record(
        session,
        actor,
        "case.relapse",
        "relapse",
        relapse.id,
        case_id=case.id,
        cause=cause,
        back_in_queue=back_in_queue,
    )
    return relapse
