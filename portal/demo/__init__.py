"""Demo data: the network's municipalities, staff, landlords, units and 36 citizens with
their plans, offers, leases, outcomes and answers, all dated relative to today.

``flask --app wsgi demo-data`` loads it once; ``--reset`` deletes everything and loads it
anew. It is deterministic (a seeded random generator), goes through the offer and lease
services so every rule of the portal holds, and never runs in production.
"""

from __future__ import annotations

import datetime as dt
import random

from flask import current_app
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

import portal.models  # noqa: F401 - every table in the metadata, for the reset
from portal.cases.cpr import CprCipher
from portal.config import Settings
from portal.db import Base, get_session
from portal.demo.cases import load_cases
from portal.demo.clock import Clock
from portal.demo.evaluation import answer_follow_ups, answer_surveys, log_reads
from portal.demo.journeys import Demo
from portal.demo.photos import add_demo_photos
from portal.demo.reference import load_reference
from portal.demo.stories import tell_stories
from portal.demo.units import load_units, settle_availability
from portal.demo.worklist import leave_a_follow_up_open
from portal.municipalities.models import Municipality
from portal.rules.defaults import DEFAULT_VALID_FROM, install_default_rules

SEED = 20260101
HISTORY_YEARS = 3

__all__ = ["SEED", "delete_all_data", "load_demo_data"]


def delete_all_data(session: Session) -> None:
    """Delete every row of every table, children before parents (the schema stays)."""
    session.flush()
    for table in reversed(Base.metadata.sorted_tables):
        session.execute(delete(table))
    session.flush()
    # The rows are gone; so must their objects be, or new rows reusing an id would clash.
    session.expunge_all()


def _install_rules(session: Session, today: dt.date) -> None:
    # The demo's history starts three years back; the default rules are in force from
    # then too, so a lease that started in the demo's past rests on a basis of its time.
    install_default_rules(session)
    history_start = dt.date(today.year - HISTORY_YEARS, 1, 1)
    if history_start < DEFAULT_VALID_FROM:
        install_default_rules(session, valid_from=history_start)


def load_demo_data(reset: bool = False) -> bool:
    """Load the demo data into the app's database and commit.

    Returns False, changing nothing, when data is already there (unless ``reset``, which
    deletes all data first). Refused in production.
    """
    settings: Settings = current_app.config["SETTINGS"]
    if settings.is_production:
        raise RuntimeError("The demo data cannot be loaded in production.")
    session = get_session()
    try:
        if reset:
            delete_all_data(session)
        elif session.scalar(select(func.count(Municipality.id))):
            return False
        today = dt.date.today()
        rng = random.Random(SEED)  # noqa: S311 - demo data, not security
        _install_rules(session, today)
        ref = load_reference(session)
        cases = load_cases(session, ref, CprCipher.from_settings(settings), rng, today)
        units = load_units(session, ref, rng, today)
        demo = Demo(session, ref, units, cases, rng, today, Clock(session))
        tell_stories(demo)
        settle_availability(units, rng, today)
        answer_follow_ups(demo)
        leave_a_follow_up_open(demo)  # the caseworkers' work list
        answer_surveys(demo)
        log_reads(demo)
        add_demo_photos(demo)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return True
