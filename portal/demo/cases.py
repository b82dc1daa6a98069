"""The citizens' cases: 36 people across citizen groups 1–3 and all four target groups.

Each profile says who the citizen is for the portal (household, needs, income, subsidy,
placement); what happens to them is in :mod:`portal.demo.journeys`. CPR numbers are
stored only as ciphertext and keyed hash, through :mod:`portal.cases.cpr`.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy.orm import Session

from portal.cases.cpr import CprCipher
from portal.cases.models import (
    Case,
    CaseTargetGroup,
    CaseWishedArea,
    HousingSituation,
    Occupation,
    Placement,
)
from portal.demo.identities import CITIZENS
from portal.demo.reference import Reference, account_for
from portal.municipalities.models import TargetGroup

_TG = {
    "d": TargetGroup.DISABILITY,
    "p": TargetGroup.PSYCHOLOGICALLY_VULNERABLE,
    "s": TargetGroup.SOCIAL_PROBLEMS,
    "r": TargetGroup.REFUGEES,
}
_PLACEMENT = {"c": Placement.CLUSTER, "s": Placement.SPREAD, "n": Placement.NO_PREFERENCE}
_SH, _RC, _SU = (
    HousingSituation.SHELTER,
    HousingSituation.RESIDENTIAL_CARE,
    (HousingSituation.SUPPORTED_HOUSING),
)
_CO, _AR = HousingSituation.CARE_OF, HousingSituation.OWN_HOME_AT_RISK
_ST, _OT = HousingSituation.STREET, HousingSituation.OTHER
_NO, _ED, _WO = Occupation.NONE, Occupation.EDUCATION, Occupation.WORK
_SW, _UN = Occupation.SUPPORTED_WORK, Occupation.UNKNOWN


@dataclass(frozen=True)
class Profile:
    group: int
    targets: str  # letters of _TG
    situation: HousingSituation
    income: int  # household, kroner a year
    adults: int = 1
    children: int = 0
    placement: str = "n"
    needs: str = ""  # s step-free, g ground floor, w wheelchair
    rooms: int = 1
    subsidy: int = 0  # huslejetilskud, kr a month
    pension: bool = False
    intellectual: bool = False
    integration_act: bool = False
    occupation: Occupation = _UN
    areas: tuple[str, ...] = ()
    health_note: str | None = None


PROFILES: dict[str, Profile] = {
    # Aarhus
    "citizen-01": Profile(1, "p", _SH, 152_000, placement="s", occupation=_NO, areas=("8000",)),
    "citizen-02": Profile(1, "s", _SH, 141_000, placement="s", occupation=_NO, subsidy=1_200),
    "citizen-03": Profile(1, "r", _OT, 168_000, placement="s", rooms=2, integration_act=True,
                          occupation=_ED),
    "citizen-04": Profile(1, "r", _OT, 214_000, children=2, rooms=3, placement="s",
                          occupation=_ED),
    "citizen-05": Profile(3, "d", _RC, 146_000, placement="c", intellectual=True,
                          occupation=_SW, health_note="Let udviklingshæmning; epilepsi."),
    "citizen-06": Profile(3, "d", _RC, 149_000, placement="c", intellectual=True,
                          occupation=_SW),
    "citizen-07": Profile(2, "p", _SU, 158_000, needs="s", occupation=_NO, subsidy=900,
                          health_note="Angst og depression; i behandling i psykiatrien."),
    "citizen-08": Profile(1, "s", _CO, 176_000, placement="s", occupation=_NO),
    "citizen-36": Profile(1, "r", _OT, 162_000, placement="s", occupation=_ED),
    # Høje-Taastrup
    "citizen-09": Profile(1, "s", _AR, 198_000, children=2, rooms=3, occupation=_WO,
                          health_note="Huslejerestance; familien står til udsættelse."),
    "citizen-10": Profile(1, "s", _SH, 139_000, placement="s", occupation=_NO,
                          health_note="Alkoholproblemer; i ambulant behandling."),
    "citizen-11": Profile(2, "p", _SU, 151_000, placement="s", occupation=_ED),
    "citizen-12": Profile(2, "p", _CO, 118_000, occupation=_ED, subsidy=1_000),
    "citizen-13": Profile(1, "d", _SU, 190_000, needs="sgw", pension=True, occupation=_NO,
                          health_note="Kørestolsbruger efter rygmarvsskade."),
    # København
    "citizen-14": Profile(1, "p", _SU, 155_000, occupation=_NO,
                          health_note="Bipolar lidelse."),
    "citizen-15": Profile(1, "r", _OT, 166_000, placement="s", integration_act=True,
                          occupation=_ED),
    "citizen-16": Profile(1, "r", _OT, 172_000, placement="s", needs="s", occupation=_ED),
    "citizen-17": Profile(2, "s", _ST, 96_000, placement="s", occupation=_NO),
    "citizen-18": Profile(1, "p", _SH, 160_000, occupation=_NO, subsidy=1_500),
    "citizen-19": Profile(1, "s", _SH, 137_000, placement="s", occupation=_NO,
                          health_note="Stofmisbrug; substitutionsbehandling."),
    "citizen-20": Profile(1, "r", _OT, 265_000, adults=2, children=3, rooms=4,
                          placement="s", integration_act=True, occupation=_ED),
    "citizen-21": Profile(1, "s", _SH, 149_000, placement="s", occupation=_NO),
    "citizen-22": Profile(3, "d", _RC, 132_000, needs="s", occupation=_ED,
                          health_note="Autisme; sensitiv over for støj."),
    "citizen-35": Profile(1, "r", _OT, 158_000, placement="s", occupation=_ED),
    # Roskilde
    "citizen-23": Profile(2, "p", _SU, 171_000, occupation=_ED),
    "citizen-24": Profile(1, "s", _SH, 183_000, placement="s", occupation=_NO),
    "citizen-25": Profile(1, "p", _CO, 144_000, occupation=_NO),
    "citizen-26": Profile(3, "d", _RC, 128_000, placement="c", intellectual=True,
                          occupation=_SW),
    "citizen-27": Profile(1, "d", _SU, 205_000, needs="sgw", rooms=2, pension=True,
                          occupation=_NO, health_note="Sclerose; bruger kørestol."),
    # Randers
    "citizen-28": Profile(1, "r", _OT, 171_000, placement="s", integration_act=True,
                          occupation=_ED),
    "citizen-29": Profile(1, "r", _OT, 198_000, children=1, rooms=2, placement="s",
                          occupation=_ED),
    "citizen-30": Profile(1, "r", _OT, 182_000, placement="s", occupation=_WO),
    "citizen-31": Profile(3, "d", _RC, 141_000, placement="c", intellectual=True,
                          occupation=_SW),
    "citizen-32": Profile(1, "s", _ST, 134_000, placement="s", occupation=_NO),
    "citizen-33": Profile(3, "p", _SU, 147_000, occupation=_NO,
                          health_note="Skizofreni; har brug for døgndækket støtte."),
    "citizen-34": Profile(2, "r", _OT, 165_000, placement="s", integration_act=True,
                          occupation=_ED),
}  # fmt: skip

# Where the citizens kept in their current home live, on their own existing lease.
CURRENT_HOMES = {
    "citizen-09": (
        "Hyldevang 6, 2. th, 2630 Taastrup",
        "Taastrup Almene Boliger, afd. Hyldevang",
        "Ejendomskontoret, tlf. +45 43 99 10 20",
    ),
}


def load_cases(
    session: Session,
    ref: Reference,
    cipher: CprCipher,
    rng: random.Random,
    today: dt.date,
) -> dict[str, Case]:
    """One account and one case per demo citizen, with a caseworker of their municipality."""
    cases: dict[str, Case] = {}
    for index, identity in enumerate(CITIZENS):
        profile = PROFILES[identity.subject]
        assert identity.cpr and identity.municipality  # noqa: S101 - the identity table
        account = account_for(identity, None)
        ref.accounts[identity.subject] = account
        caseworkers = ref.caseworkers(identity.municipality)
        waiting_since = today - dt.timedelta(days=rng.randint(40, 120))
        case = Case(
            municipality=ref.municipalities[identity.municipality],
            account=account,
            cpr_ciphertext=cipher.encrypt(identity.cpr),
            cpr_hash=cipher.hash(identity.cpr),
            name=identity.name,
            phone=identity.phone,
            language=identity.language,
            adults=profile.adults,
            children=profile.children,
            citizen_group=profile.group,
            housing_situation=profile.situation,
            integration_act_placement=profile.integration_act,
            intellectual_disability=profile.intellectual,
            health_note=profile.health_note,
            needs_step_free="s" in profile.needs,
            needs_ground_floor="g" in profile.needs,
            needs_wheelchair="w" in profile.needs,
            min_rooms=profile.rooms,
            yearly_income=profile.income,
            receives_pension=profile.pension,
            max_monthly_housing_cost=round(profile.income * 0.35 / 12 / 100) * 100,
            rent_subsidy=profile.subsidy,
            placement=_PLACEMENT[profile.placement],
            consent_share_with_landlord=True,
            consent_given_on=waiting_since,
            caseworker=caseworkers[index % len(caseworkers)],
            occupation_at_start=profile.occupation,
            waiting_since=waiting_since,
        )
        case.target_groups = [CaseTargetGroup(target_group=_TG[c]) for c in profile.targets]
        case.wished_areas = [CaseWishedArea(postcode=p) for p in profile.areas]
        if identity.subject in CURRENT_HOMES:
            address, landlord, contact = CURRENT_HOMES[identity.subject]
            case.current_address = address
            case.current_landlord = landlord
            case.current_landlord_contact = contact
        cases[identity.subject] = case
    session.add_all(cases.values())
    session.flush()
    return cases
