"""Each demo citizen's story, so that every offer status and every lease status is there.

Open offers: proposed, offered (waiting for the citizen), citizen_accepted (waiting for
the landlord), landlord_accepted (waiting for approval). Closed: approved, declined by
each of citizen, landlord and caseworker, withdrawn, expired. Leases: active (one near
its review, one near its time limit), notice given with an alternative offer (for
arrears after a payment demand, and because the purpose was reached), ended with an
outcome and its follow-ups, taken over; and a family kept in its current home.
"""

from __future__ import annotations

import datetime as dt

from portal.cases.models import Occupation
from portal.demo.journeys import (
    Demo,
    breach_then_notice,
    citizen_says,
    end,
    ensure_plan,
    house,
    landlord_says,
    notice,
    propose,
    relapse,
    reviews,
    send,
    take_over,
)
from portal.leases import services as leases
from portal.leases.models import AlternativeOfferKind, LeaseModel, NoticeReason
from portal.leases.terms import add_months
from portal.offers import services as offers
from portal.outcomes.models import RelapseCause
from portal.rules.defaults.legal_bases import (
    EXPERIMENT,
    INKLUSIONSBOLIG,
    STARTBOLIG,
    UDSLUSNING_ALMEN,
    UDSLUSNING_PRIVAT,
)
from portal.rules.models import Actor

_DAY = dt.timedelta(days=1)


def _live(
    demo: Demo,
    subject: str,
    unit: str,
    basis: str,
    months: int,
    model: LeaseModel = LeaseModel.DIRECT,
) -> None:
    """A lease that started ``months`` ago and is still active, reviewed every quarter."""
    lease = house(demo, subject, unit, basis, demo.ago(months), model=model)
    reviews(demo, lease, lease.start_date, demo.today - _DAY)


def _ended(
    demo: Demo,
    subject: str,
    unit: str,
    started: int,
    ended: int,
    destination: str,
    note: str,
    *,
    notice_first: tuple[NoticeReason, AlternativeOfferKind, str] | None = None,
    occupation: Occupation | None = None,
    basis: str = EXPERIMENT,
) -> None:
    lease = house(demo, subject, unit, basis, demo.ago(started))
    end_day = demo.ago(ended)
    notice_day = add_months(end_day, -3)
    reviews(demo, lease, lease.start_date, (notice_day if notice_first else end_day) - _DAY)
    if notice_first:
        notice(demo, lease, notice_day, *notice_first)
    end(demo, lease, end_day, destination, note, occupation)


def tell_stories(demo: Demo) -> None:
    """Run every citizen's story, oldest first within each, on the services."""
    t = demo.today
    cases = demo.cases

    # -- leases still running ----------------------------------------------------------
    # Mette first said no to a home too far from her network, then got one she wanted.
    first = send(demo, propose(demo, cases["citizen-01"], "aar-troejborg", demo.ago(9)),
                 demo.ago(9))  # fmt: skip
    citizen_says(demo, first, demo.ago(9) + 2 * _DAY, accept=False, reason="location")
    _live(demo, "citizen-01", "aar-jaeger", EXPERIMENT, 8)
    _live(demo, "citizen-03", "aar-viborgvej", EXPERIMENT, 6)  # integration act
    # Jonas and Sofie live in the same stairwell of a bomiljø (a small cluster).
    jonas = house(demo, "citizen-05", "aar-gudrun-st-tv", EXPERIMENT, demo.ago(5))
    reviews(demo, jonas, jonas.start_date, t - _DAY, last_next=t + 10 * _DAY)  # review soon
    _live(demo, "citizen-06", "aar-gudrun-st-th", EXPERIMENT, 11)
    # Fatima's inclusion home nears its two-year limit; it was extended once, within it.
    fatima = house(demo, "citizen-07", "aar-hasle", INKLUSIONSBOLIG, demo.ago(22),
                   term_months=18)  # fmt: skip
    extended_on = add_months(fatima.start_date, 15)
    reviews(demo, fatima, fatima.start_date, extended_on - _DAY)
    leases.extend(
        demo.session, demo.caseworker(fatima.case), fatima, add_months(fatima.start_date, 24),
        today=extended_on, note="Forlænget inden for de to år: boligsøgning er i gang.",
    )  # fmt: skip
    demo.clock.stamp(extended_on)
    reviews(demo, fatima, extended_on, t - _DAY)
    _live(demo, "citizen-12", "htk-blekinge", UDSLUSNING_ALMEN, 6)
    _live(demo, "citizen-15", "kbh-istedgade", EXPERIMENT, 3, model=LeaseModel.SUBLET)
    _live(demo, "citizen-18", "kbh-blaagaard", EXPERIMENT, 16)
    _live(demo, "citizen-20", "kbh-tomsgaard", EXPERIMENT, 9)  # a refugee family
    _live(demo, "citizen-22", "kbh-englandsvej", UDSLUSNING_ALMEN, 13)
    _live(demo, "citizen-27", "ros-koebenhavnsvej", UDSLUSNING_PRIVAT, 4,
          model=LeaseModel.SUBLET)  # fmt: skip
    _live(demo, "citizen-28", "ran-vestergade", EXPERIMENT, 7)
    _live(demo, "citizen-31", "ran-tjaerby-st-tv", EXPERIMENT, 10)

    # A family facing eviction for arrears keeps its home: plan and support on its lease.
    camilla = cases["citizen-09"]
    kept_from = demo.ago(7)
    ensure_plan(demo, camilla, kept_from - 14 * _DAY)
    kept = leases.create_lease(
        demo.session, demo.caseworker(camilla),
        camilla,
        leases.LeaseTerms(
            legal_basis=demo.basis(EXPERIMENT, kept_from), start_date=kept_from,
            purpose="Familien bliver boende; gælden afdrages, og støtten forebygger udsættelse.",
            lease_model=LeaseModel.CURRENT_HOME, next_review=add_months(kept_from, 3),
            rent=6_850, utilities=800, subsidy=1_500,
        ),
        today=kept_from,
    )  # fmt: skip
    demo.clock.stamp(kept_from)
    demo.leases["citizen-09"] = kept
    reviews(demo, kept, kept_from, t - _DAY)

    # -- notice given, always with another offer ---------------------------------------
    kasper = house(demo, "citizen-10", "htk-hveen", EXPERIMENT, demo.ago(12))
    reviews(demo, kasper, kasper.start_date, demo.ago(2))
    breach_then_notice(demo, kasper)
    rasmus = house(demo, "citizen-24", "ros-sctjoergens", EXPERIMENT, demo.ago(18))
    reviews(demo, rasmus, rasmus.start_date, demo.ago(1))
    notice(
        demo, rasmus, t - 20 * _DAY, NoticeReason.PURPOSE_REACHED,
        AlternativeOfferKind.ORDINARY_HOME,
        "Fjordbo tilbyder en almen familiebolig i Himmelev med fast lejekontrakt.",
    )  # fmt: skip

    # -- ended, with where they went ---------------------------------------------------
    done = (NoticeReason.PURPOSE_REACHED, AlternativeOfferKind.ORDINARY_HOME,
            "Tilbud om varig almen bolig via boligsocial anvisning.")  # fmt: skip
    _ended(
        demo,
        "citizen-08",
        "aar-frederiks",
        24,
        10,
        "own_rental_social",
        "Flyttet i egen almen bolig.",
        notice_first=done,
        occupation=Occupation.WORK,
    )
    _ended(
        demo,
        "citizen-17",
        "kbh-lundtofte-vaer",
        20,
        14,
        "youth_housing",
        "Fik ungdomsbolig ved studiestart.",
        basis=STARTBOLIG,
        notice_first=done,
        occupation=Occupation.EDUCATION,
    )
    _ended(
        demo,
        "citizen-23",
        "ros-roennebaer",
        34,
        22,
        "own_rental_private",
        "Har fundet en privat lejebolig selv.",
        occupation=Occupation.EDUCATION,
    )
    _ended(
        demo,
        "citizen-29",
        "ran-vorup",
        20,
        5,
        "own_rental_social",
        "Familien har fået en varig bolig.",
        notice_first=done,
        occupation=Occupation.WORK,
    )
    _ended(
        demo,
        "citizen-33",
        "ran-tjaerby-st-th",
        19,
        8,
        "botilbud_108",
        "Afklaret: har brug for døgndækket støtte; flyttet i længerevarende botilbud.",
        notice_first=(
            NoticeReason.NEEDS_MORE_SUPPORT,
            AlternativeOfferKind.RESIDENTIAL_CARE,
            "Plads på længerevarende botilbud, aftalt med borgeren.",
        ),
    )
    # Ended badly, then a relapse: back in the queue, never "once matched, never again".
    _ended(
        demo,
        "citizen-14",
        "kbh-frederikssund",
        15,
        4,
        "hospital",
        "Indlagt på psykiatrisk afdeling.",
    )
    relapse(
        demo,
        "citizen-14",
        demo.ago(4) + 3 * _DAY,
        RelapseCause.HEALTH,
        "Kontakt til distriktspsykiatrien; ny bolig søges ved udskrivelse.",
    )
    _ended(demo, "citizen-19", "kbh-sundholm", 14, 7, "shelter", "Flyttet tilbage på herberg.")
    relapse(
        demo,
        "citizen-19",
        demo.ago(7) + 5 * _DAY,
        RelapseCause.SUBSTANCE_USE,
        "Henvist til misbrugsbehandling; bostøtten fortsætter fra herberget.",
    )
    _ended(
        demo,
        "citizen-32",
        "ran-oestervold",
        15,
        3,
        "family_friends",
        "Bor midlertidigt hos sin bror.",
    )
    relapse(
        demo,
        "citizen-32",
        demo.ago(3) + 2 * _DAY,
        RelapseCause.CONFLICT,
        "Konflikt med naboer; mægling tilbudt, ny bolig søges med spredt beliggenhed.",
    )

    # -- taken over: the temporary lease became an ordinary one ------------------------
    for subject, unit, started, over in (
        ("citizen-02", "aar-tovshoej", 26, 14),
        ("citizen-34", "ran-grenaavej", 16, 2),
    ):
        lease = house(demo, subject, unit, EXPERIMENT, demo.ago(started))
        reviews(demo, lease, lease.start_date, demo.ago(over) - _DAY)
        take_over(demo, lease, demo.ago(over))  # fmt: skip

    # -- offers that did not become leases ---------------------------------------------
    day = t - 10 * _DAY  # the citizen said no: too expensive, so a reassessment
    offer = send(demo, propose(demo, cases["citizen-21"], "kbh-noerrebro", day), day)
    citizen_says(demo, offer, day + _DAY, accept=False, reason="too_expensive")
    day = demo.ago(1)  # the landlord said no: many with support in the stairwell already
    offer = send(demo, propose(demo, cases["citizen-30"], "ran-noerrebro", day), day)
    citizen_says(demo, offer, day + 2 * _DAY)
    landlord_says(demo, offer, day + 4 * _DAY, accept=False, reason="building_balance")
    day = demo.ago(3)  # the caseworker did not approve: the citizen's needs had changed
    rania = cases["citizen-25"]
    offer = send(demo, propose(demo, rania, "ros-algade", day), day)
    citizen_says(demo, offer, day + _DAY)
    landlord_says(demo, offer, day + 3 * _DAY)
    offers.caseworker_decline(
        demo.session, demo.caseworker(rania), offer,
        demo.reason(Actor.CASEWORKER, "needs_changed", day + 5 * _DAY), today=day + 5 * _DAY,
        note="Borgeren har brug for mere støtte end planlagt; vi aftaler et nyt forløb.",
    )  # fmt: skip
    demo.clock.stamp(day + 5 * _DAY, offer)
    rania.needs_reassessment = False  # reassessed since
    day = t - 21 * _DAY  # withdrawn: the landlord had to take the unit back for repairs
    offer = propose(demo, rania, "ros-klostermarken", day)
    offers.withdraw(demo.session, demo.caseworker(rania), offer,
                    "Udlejer skal renovere boligen; tilbuddet trækkes tilbage.")  # fmt: skip
    demo.clock.stamp(day + 2 * _DAY, offer)
    day = demo.ago(2)  # expired: the citizen did not answer in time
    offer = send(demo, propose(demo, cases["citizen-35"], "kbh-hilleroedgade", day), day)
    offers.expire_due(demo.session, day + 8 * _DAY)
    demo.clock.stamp(day + 8 * _DAY, offer)

    # -- open offers now, one in each open state ---------------------------------------
    propose(demo, cases["citizen-36"], "aar-troejborg", t - 2 * _DAY)
    send(demo, propose(demo, cases["citizen-04"], "aar-silkeborgvej", t - 3 * _DAY),
         t - 3 * _DAY)  # fmt: skip
    offer = send(demo, propose(demo, cases["citizen-16"], "kbh-valby", t - 6 * _DAY),
                 t - 6 * _DAY)  # fmt: skip
    citizen_says(demo, offer, t - 4 * _DAY)
    offer = send(demo, propose(demo, cases["citizen-11"], "htk-hedehusene", t - 9 * _DAY),
                 t - 9 * _DAY)  # fmt: skip
    citizen_says(demo, offer, t - 7 * _DAY)
    landlord_says(demo, offer, t - _DAY)

    # Everyone still waiting has a plan with goals agreed, ready for an offer.
    for case in cases.values():
        ensure_plan(demo, case, case.waiting_since + 14 * _DAY)
