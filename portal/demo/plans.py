"""Plans in KL's Fælles Faglige Begreber: the citizen's own goal, professional goals with
sub-goals, levels, dated updates (citizen-visible or internal) and support activities."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy.orm import Session

from portal.cases.models import Case
from portal.db import Base
from portal.demo.reference import Reference
from portal.leases.terms import add_months
from portal.municipalities.models import TargetGroup
from portal.plans.models import (
    Goal,
    GoalKind,
    GoalStatus,
    GoalType,
    GoalUpdate,
    Level,
    Plan,
    SupportActivity,
    SupportKind,
    Theme,
    UpdateSource,
)

# The citizen's own goal, in their own words (and language).
_OWN_GOAL = {
    "da": (
        "Jeg vil have mit eget sted og klare min hverdag selv.",
        "Jeg vil have ro og et sted, hvor jeg kan være mig selv.",
        "Jeg vil tilbage til skolen og have styr på mine penge.",
        "Jeg vil kunne lave mad selv og have venner på besøg.",
    ),
    "en": ("I want a place of my own and to get back to studying.",),
    "ar": (
        "أريد بيتًا لعائلتي وأن أتعلم الدنماركية وأجد عملًا.",
        "أريد أن أعيش مستقلًا وأن أكمل دراستي.",
    ),
    "ti": (
        "ንስድራይ ገዛ ክህልወኒን ዳኒሽ ክመሃርን ስራሕ ክረክብን እደሊ።",
        "ብነብሰይ ክነብርን ትምህርተይ ክቕጽልን እደሊ።",
    ),
}

# (theme, professional goal, two sub-goals) per target group
_GOALS: dict[TargetGroup, tuple[Theme, str, tuple[str, str]]] = {
    TargetGroup.DISABILITY: (
        Theme.DAILY_LIVING,
        "Borgeren mestrer flere af hverdagens opgaver i egen bolig med mindre støtte.",
        ("Handler ind efter en ugeplan med billedstøtte.",
         "Laver aftensmad selv tre dage om ugen."),
    ),
    TargetGroup.PSYCHOLOGICALLY_VULNERABLE: (
        Theme.HEALTH,
        "Borgeren har en stabil hverdag og kender sine tegn på forværring.",
        ("Har en kriseplan, som borgeren selv har været med til at lave.",
         "Deltager fast i behandling og aftaler med bostøtten."),
    ),
    TargetGroup.SOCIAL_PROBLEMS: (
        Theme.ECONOMY,
        "Borgeren betaler husleje til tiden og har overblik over sin økonomi.",
        ("Har betalingsservice på husleje, el og varme.", "Har en aftale om afdrag på gæld."),
    ),
    TargetGroup.REFUGEES: (
        Theme.EDUCATION_WORK,
        "Borgeren gennemfører danskuddannelse og kommer i job eller uddannelse.",
        ("Består danskprøve på næste modul.", "Er i praktik hos en lokal arbejdsgiver."),
    ),
}  # fmt: skip

_PURPOSE = {
    1: "At borgeren får og fastholder en varig bolig med den støtte, der er brug for.",
    2: "At borgeren gennem et overgangsforløb med botræning bliver klar til egen bolig.",
    3: "At afklare borgerens støttebehov og den rette varige boligløsning.",
}

_ACTIVITIES: dict[TargetGroup, tuple[SupportKind, str, str, str]] = {
    TargetGroup.DISABILITY: (SupportKind.SOCIAL, "Botræning og socialpædagogisk støtte",
                             "Bostøtteteamet", "3 gange om ugen"),
    TargetGroup.PSYCHOLOGICALLY_VULNERABLE: (SupportKind.SOCIAL, "Bostøtte (CTI-forløb)",
                                             "Socialpsykiatrien", "1 gang om ugen"),
    TargetGroup.SOCIAL_PROBLEMS: (SupportKind.SOCIAL, "Housing First-bostøtte (ICM)",
                                  "Hjemløseenheden", "2 gange om ugen"),
    TargetGroup.REFUGEES: (SupportKind.INTEGRATION, "Integrationsprogram og danskuddannelse",
                           "Integrationsteamet", "Hver uge"),
}  # fmt: skip

_SUPPORT_WORKERS = (
    "Anja Riis",
    "Martin Skovgaard",
    "Rikke Bundgaard",
    "Jesper Lind",
    "Mona Jakobsen",
    "Kristian Vinther",
)

_LEVELS = (Level.SEVERE, Level.MODERATE, Level.LIGHT, Level.NONE)


def _step(level: Level, steps: int) -> Level:
    index = _LEVELS.index(level) if level in _LEVELS else 0
    return _LEVELS[min(index + steps, len(_LEVELS) - 1)]


def create_plan(
    session: Session,
    ref: Reference,
    case: Case,
    rng: random.Random,
    start: dt.date,
    today: dt.date,
) -> Plan:
    """A plan starting on ``start`` with goals, updates to ``today`` and activities."""
    group = next(iter(sorted(case.target_group_set)))
    theme, professional_text, sub_texts = _GOALS[group]
    months = {1: 12, 2: 18, 3: 24}[case.citizen_group]
    plan = Plan(
        case=case,
        purpose=_PURPOSE[case.citizen_group],
        expected_duration_months=months,
        start_date=start,
        next_follow_up=max(add_months(start, 3), today + dt.timedelta(days=rng.randint(7, 60))),
    )
    elapsed = max(0, (today - start).days)
    progress = min(2, elapsed // 150)
    start_level = rng.choice((Level.SEVERE, Level.MODERATE))
    own = Goal(
        kind=GoalKind.CITIZEN,
        text=rng.choice(_OWN_GOAL.get(case.language, _OWN_GOAL["da"])),
        theme=Theme.HOUSING,
        goal_type=GoalType.DEVELOP,
    )
    professional = Goal(
        kind=GoalKind.PROFESSIONAL,
        text=professional_text,
        goal_type=GoalType.MAINTAIN if case.citizen_group == 3 else GoalType.DEVELOP,
        theme=theme,
        level_at_start=start_level,
        level_now=_step(start_level, progress),
        level_target=_step(start_level, 2),
        target_date=add_months(start, months),
        follow_up_date=plan.next_follow_up,
    )
    plan.goals = [own, professional]
    session.add(plan)
    session.flush()  # the sub-goals need their parent's id
    for position, text in enumerate(sub_texts):
        sub = Goal(
            plan=plan,
            parent_id=professional.id,
            kind=GoalKind.SUB_GOAL,
            text=text,
            goal_type=GoalType.DEVELOP,
            theme=theme,
            level_at_start=start_level,
            level_now=_step(start_level, progress + position % 2),
            level_target=_step(start_level, 2),
            target_date=add_months(start, months // 2 + 3 * position),
            status=GoalStatus.REACHED if progress == 2 and position == 0 else GoalStatus.ACTIVE,
        )
        session.add(sub)
    worker = rng.choice(_SUPPORT_WORKERS)
    caseworker = case.caseworker
    updates: list[Base] = []
    for n, written_on in enumerate(
        d for d in (add_months(start, m) for m in (1, 4, 8)) if d < today
    ):
        updates.append(
            GoalUpdate(
                goal=professional,
                written_on=written_on,
                text=(
                    "Vi har talt om, hvordan det går, og lavet en ny ugeplan sammen."
                    if n % 2 == 0
                    else "Det går bedre med at holde aftaler. Næste skridt er aftalt."
                ),
                source=UpdateSource.SUPPORT_WORKER,
                citizen_visible=True,
                level=_step(start_level, min(n, progress)),
                author_name=worker,
            )
        )
        if n == 1 and caseworker is not None:
            updates.append(
                GoalUpdate(
                    goal=professional,
                    written_on=written_on + dt.timedelta(days=3),
                    text="Intern note: drøftet på teammøde; støtten fortsætter uændret.",
                    source=UpdateSource.CASEWORKER,
                    citizen_visible=False,
                    author=caseworker,
                    author_name=caseworker.display_name,
                )
            )
    if elapsed > 45:
        updates.append(
            GoalUpdate(
                goal=own,
                written_on=start + dt.timedelta(days=40),
                text="Jeg synes, det går fremad. Jeg vil gerne have hjælp til at åbne posten.",
                source=UpdateSource.CITIZEN,
                citizen_visible=True,
                author=case.account,
                author_name=case.name,
            )
        )
    session.add_all(updates)
    kind, description, provider, frequency = _ACTIVITIES[group]
    activities = [(kind, description, provider, frequency, worker)]
    if case.citizen_group in (1, 2) and group != TargetGroup.DISABILITY:
        activities.append(
            (SupportKind.EMPLOYMENT, "Mentor og virksomhedspraktik", "Jobcentret",
             "Hver 14. dag", rng.choice(_SUPPORT_WORKERS))
        )  # fmt: skip
    for kind, description, provider, frequency, contact in activities:
        meeting = today + dt.timedelta(days=rng.randint(1, 14))
        plan.activities.append(
            SupportActivity(
                kind=kind,
                description=description,
                provider=f"{provider}, {case.municipality.name}",
                frequency=frequency,
                contact_name=contact,
                contact_phone=f"+45 41 {rng.randint(10, 99)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)}",
                contact_email=contact.split()[0].lower() + "@example.dk",
                start_date=start,
                next_meeting_at=dt.datetime.combine(
                    meeting, dt.time(rng.choice((9, 10, 13, 14)), 0), tzinfo=dt.UTC
                ),
            )
        )
    session.flush()
    return plan
