"""The demo's clock: services stamp "now"; the demo moves each step to its own day.

The services take ``today`` for every rule, but record ``utcnow()`` for when a row was
written. The demo's history happens over three years, so after each step the rows it
wrote get the day the step happened on, which keeps audit logs and timelines readable.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from portal.audit.models import AuditEvent
from portal.leases.models import Lease, LeaseEvent
from portal.notifications.models import Notification
from portal.offers.models import Offer, OfferDecision
from portal.outcomes.models import Outcome, Relapse

# (model, its "written at" column)
_STAMPED: tuple[tuple[Any, str], ...] = (
    (AuditEvent, "at"),
    (OfferDecision, "decided_at"),
    (Offer, "proposed_at"),
    (LeaseEvent, "recorded_at"),
    (Lease, "created_at"),
    (Outcome, "recorded_at"),
    (Relapse, "recorded_at"),
    # The inbox shows when something happened, not when the demo was loaded.
    (Notification, "created_at"),
)


class Clock:
    """Back-dates what the services wrote since the last :meth:`stamp`."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._seen: dict[Any, int] = {}
        self._tick = 0
        for model, _column in _STAMPED:
            self._seen[model] = session.scalar(select(func.max(model.id))) or 0

    def moment(self, day: dt.date) -> dt.datetime:
        """A time on ``day`` during office hours, later than the previous one."""
        self._tick += 1
        minutes = 8 * 60 + (self._tick * 7) % (8 * 60)
        return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=dt.UTC)

    def stamp(self, day: dt.date, *offers: Offer) -> None:
        """Rows written since the last stamp happened on ``day``; so did closing ``offers``."""
        self.session.flush()
        when = self.moment(day)
        for model, column in _STAMPED:
            newest = self.session.scalar(select(func.max(model.id))) or 0
            if newest > self._seen[model]:
                self.session.execute(
                    update(model)
                    .where(model.id > self._seen[model])
                    .values({column: when})
                    .execution_options(synchronize_session="evaluate")
                )
                self._seen[model] = newest
        for offer in offers:
            if offer.closed_at is not None:
                offer.closed_at = when
        self.session.flush()
