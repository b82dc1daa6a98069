"""Who hears about each step of a lease, and the page their notification links to.

The citizen hears of the caseworker's decisions on their home (the lease made, a
review, an extension, the take-over) and of a notice letter, all read on their home
page; the case's caseworker hears of a breach reported, on the staff lease page.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.announcements.recipients import caseworker, citizen, tell
from portal.leases.models import Lease
from portal.notifications.events import Kind


def decided(session: Session, actor: Account, lease: Lease) -> None:
    """A decision on the citizen's lease (made, reviewed, extended, taken over)."""
    tell(session, [citizen(lease.case)], Kind.DECISION_READY, actor=actor, endpoint="citizen.start")


def notice_given(session: Session, actor: Account, lease: Lease) -> None:
    """The written notice is ready for the citizen to read, with its complaint guidance."""
    tell(session, [citizen(lease.case)], Kind.LETTER_READY, actor=actor, endpoint="citizen.start")


def breach_reported(session: Session, actor: Account, lease: Lease) -> None:
    """Arrears or a house-rules breach reported (usually by the landlord)."""
    tell(
        session,
        [caseworker(lease.case)],
        Kind.BREACH_REPORTED,
        actor=actor,
        endpoint="staff_leases.detail",
        values={"lease_id": lease.id},
    )
