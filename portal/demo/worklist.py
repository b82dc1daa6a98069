"""Demo data for the caseworker's work list: a follow-up that is due and not yet answered.

The evaluation's follow-ups are all answered once due (see :mod:`portal.demo.evaluation`);
a real work list always holds one that is waiting, so the most recently due is left open.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.demo.journeys import Demo
from portal.outcomes.models import FollowUp


def leave_a_follow_up_open(demo: Demo) -> None:
    """The follow-up due most recently (on or before today) waits for its answer."""
    latest = demo.session.scalars(
        select(FollowUp)
        .where(FollowUp.due_on <= demo.today, FollowUp.still_housed.is_not(None))
        .order_by(FollowUp.due_on.desc(), FollowUp.id.desc())
        .limit(1)
    ).first()
    if latest is not None:
        latest.still_housed = None
        latest.answered_on = None
        latest.recorded_by_id = None
        demo.session.flush()
