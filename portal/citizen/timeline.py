"""The lease's timeline: past and coming dates, as facts and as positions on a bar.

Pure: it reads a loaded lease and today's date. The template draws the bar as server-side
SVG from ``x`` (0 to :data:`WIDTH`, left to right; the template mirrors it for
right-to-left languages) and lists the same facts as text, so nothing is only a picture.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from portal.leases.models import Lease, LeaseEventKind, LeaseStatus
from portal.leases.terms import add_months, term_limit

WIDTH = 600
_MARGIN = 12  # keeps the first and last marks inside the picture
# A lease that runs "until the goal is reached" has no end: the bar shows a while ahead.
_OPEN_MONTHS_AHEAD = 6


class Mark(enum.StrEnum):
    STARTED = "started"
    REVIEW_HELD = "review_held"
    EXTENDED = "extended"
    NEXT_REVIEW = "next_review"
    PLANNED_END = "planned_end"
    TIME_LIMIT = "time_limit"
    NOTICE_GIVEN = "notice_given"
    OBJECTION_DEADLINE = "objection_deadline"
    NOTICE_ENDS = "notice_ends"
    TAKEN_OVER = "taken_over"
    ENDED = "ended"


# Marks a citizen must act on or be warned of are drawn in the warning colour.
WARNING_MARKS = frozenset({Mark.NOTICE_GIVEN, Mark.OBJECTION_DEADLINE, Mark.NOTICE_ENDS})


@dataclass(frozen=True)
class Point:
    on: dt.date
    mark: Mark
    past: bool
    x: int

    @property
    def warning(self) -> bool:
        return self.mark in WARNING_MARKS


@dataclass(frozen=True)
class Timeline:
    points: list[Point]
    today_x: int
    open_ended: bool  # no planned end: "until the goal is reached"


def _facts(lease: Lease) -> list[tuple[dt.date, Mark]]:
    facts: list[tuple[dt.date, Mark]] = [(lease.start_date, Mark.STARTED)]
    noticed = False
    for event in lease.events:
        if event.kind == LeaseEventKind.REVIEW_HELD:
            facts.append((event.occurred_on, Mark.REVIEW_HELD))
        elif event.kind == LeaseEventKind.EXTENDED:
            facts.append((event.occurred_on, Mark.EXTENDED))
        elif event.kind == LeaseEventKind.NOTICE_GIVEN:
            noticed = True
            facts.append((event.occurred_on, Mark.NOTICE_GIVEN))
            if event.objection_deadline:
                facts.append((event.objection_deadline, Mark.OBJECTION_DEADLINE))
            if event.effective_on:
                facts.append((event.effective_on, Mark.NOTICE_ENDS))
        elif event.kind == LeaseEventKind.TAKEN_OVER:
            facts.append((event.occurred_on, Mark.TAKEN_OVER))
        elif event.kind == LeaseEventKind.ENDED:
            facts.append((event.occurred_on, Mark.ENDED))
    if lease.status == LeaseStatus.ACTIVE:
        if lease.next_review:
            facts.append((lease.next_review, Mark.NEXT_REVIEW))
        if lease.planned_end:
            facts.append((lease.planned_end, Mark.PLANNED_END))
        limit = term_limit(lease.legal_basis, lease.start_date)
        if limit is not None and limit != lease.planned_end:
            facts.append((limit, Mark.TIME_LIMIT))
    elif lease.status == LeaseStatus.NOTICE_GIVEN and not noticed and lease.planned_end:
        facts.append((lease.planned_end, Mark.PLANNED_END))
    return facts


def build(lease: Lease, today: dt.date) -> Timeline:
    """The lease's dates in order, each placed on a bar from the start to the last date."""
    facts = sorted(set(_facts(lease)), key=lambda f: (f[0], list(Mark).index(f[1])))
    open_ended = lease.status == LeaseStatus.ACTIVE and lease.planned_end is None
    last = max([d for d, _ in facts] + [today])
    if open_ended:
        last = max(last, add_months(today, _OPEN_MONTHS_AHEAD))
    first = lease.start_date
    span = max(1, (last - first).days)

    def x(day: dt.date) -> int:
        offset = min(max((day - first).days, 0), span)
        return _MARGIN + round(offset * (WIDTH - 2 * _MARGIN) / span)

    points = [Point(on, mark, on < today, x(on)) for on, mark in facts]
    return Timeline(points, x(today), open_ended)
