"""Units with realistic Danish addresses: two clusters in one stairwell, the rest spread."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy.orm import Session

from portal.demo.reference import Reference
from portal.landlords.models import OrganisationKind
from portal.units.models import HousingKind, Unit, UnitStatus

# key|kommune|CVR|street|number|floor|door|postcode|city|kind|rooms|m²|rent|utilities|flags.
# Flags: s step-free, l lift, w wheelchair, k no own kitchen, r a single
# room, d draft, x withdrawn. An empty floor or door is none.
_UNIT_TABLE = """
## Aarhus: a small cluster in one stairwell of a bomiljø, for citizens who do best
## living close together.
aar-gudrun-st-tv|751|29481736|Gudrunsvej|42|0|tv|8220|Brabrand|supported|2|52|5200|650|s
aar-gudrun-st-th|751|29481736|Gudrunsvej|42|0|th|8220|Brabrand|supported|2|52|5200|650|s
aar-gudrun-1-tv|751|29481736|Gudrunsvej|42|1|tv|8220|Brabrand|supported|2|54|5250|650|
aar-gudrun-1-th|751|29481736|Gudrunsvej|42|1|th|8220|Brabrand|supported|2|54|5250|650|
aar-jaeger|751|29481736|Jægergårdsgade|118|2|tv|8000|Aarhus C|family|2|61|6450|700|
aar-tovshoej|751|29481736|Tovshøjvej|7|1|th|8220|Brabrand|family|3|78|6900|850|
aar-hasle|751|29481736|Hasle Ringvej|122|0|mf|8200|Aarhus N|family|2|58|5950|650|sw
aar-frederiks|751|36719254|Frederiks Allé|64|3|th|8000|Aarhus C|private|1|34|6200|450|
aar-troejborg|751|36719254|Trøjborgvej|31|1|tv|8200|Aarhus N|private|2|55|7400|600|
aar-frichs|751|36719254|Søren Frichs Vej|40|2|th|8230|Åbyhøj|private|2|60|7100|650|d
aar-viborgvej|751|55133018|Viborgvej|220|0|tv|8210|Aarhus V|municipal|2|56|5400|600|s
aar-silkeborgvej|751|55133018|Silkeborgvej|301|1|th|8230|Åbyhøj|municipal|3|75|6300|800|
aar-randersvej-vaer|751|55133018|Randersvej|190|2|3|8200|Aarhus N|youth|1|22|3100|300|kr
## Høje-Taastrup
htk-taastrupgaard|169|27364819|Taastrupgårdsvej|14|2|tv|2630|Taastrup|family|3|82|7650|900|
htk-blekinge|169|27364819|Blekinge Boulevard|33|0|th|2630|Taastrup|family|2|64|6100|700|s
htk-hveen|169|27364819|Hveen Boulevard|19|1|tv|2630|Taastrup|family|2|60|6300|700|
htk-gadehave|169|27364819|Gadehavegårdsvej|8|3|th|2630|Taastrup|family|4|95|8400|1000|l
htk-hedehusene|169|41863729|Hovedgaden|401|1||2640|Hedehusene|private|2|58|7900|650|
htk-koegevej|169|41863729|Køgevej|65|0||2630|Taastrup|private|1|38|6100|450|s
htk-hovedgade|169|41863729|Taastrup Hovedgade|112|2||2630|Taastrup|private|2|62|8200|700|
## København
kbh-blaagaard|101|27364819|Blågårdsgade|21|3|tv|2200|København N|family|2|58|6900|700|
kbh-ruten|101|27364819|Ruten|12|2|th|2700|Brønshøj|family|3|79|7200|850|
kbh-englandsvej|101|27364819|Englandsvej|180|1|tv|2300|København S|family|2|55|7050|650|slw
kbh-valby|101|27364819|Valby Langgade|201|0|th|2500|Valby|family|2|61|7300|700|s
kbh-frederikssund|101|27364819|Frederikssundsvej|150|4|tv|2400|København NV|family|1|40|5900|500|l
kbh-noerrebro|101|38264105|Nørrebrogade|140|2|th|2200|København N|private|2|52|9400|600|
kbh-amagerbro|101|38264105|Amagerbrogade|80|4|tv|2300|København S|private|2|57|9800|650|l
kbh-istedgade|101|38264105|Istedgade|70|1|th|1650|København V|private|1|35|7800|450|
kbh-borups|101|38264105|Borups Allé|12|3|tv|2200|København N|private|3|85|12400|900|x
kbh-sundholm|101|64942212|Sundholmsvej|46|0|tv|2300|København S|municipal|1|32|4900|400|s
kbh-hilleroedgade|101|64942212|Hillerødgade|60|2|th|2200|København N|municipal|2|54|6200|650|
kbh-tomsgaard|101|64942212|Tomsgårdsvej|20|1|tv|2400|København NV|municipal|4|98|9100|1100|
kbh-lundtofte-vaer|101|64942212|Lundtoftegade|90|3|12|2200|København N|youth|1|18|3600|300|kr
## Roskilde
ros-roennebaer|265|33925617|Rønnebærparken|5|1|th|4000|Roskilde|family|2|63|6250|700|
ros-hedegade|265|33925617|Hedegade|14|0|tv|4000|Roskilde|family|2|59|6000|650|sw
ros-sctjoergens|265|33925617|Sankt Jørgens Park|3|2|tv|4000|Roskilde|family|3|74|6850|800|
ros-klostermarken|265|33925617|Ved Klostermarken|40|1|tv|4000|Roskilde|family|1|42|5100|500|
ros-algade|265|38264105|Algade|31|2||4000|Roskilde|private|2|60|8300|650|
ros-koebenhavnsvej|265|38264105|Københavnsvej|52|0|th|4000|Roskilde|private|2|57|7900|600|slw
ros-holbaekvej|265|38264105|Holbækvej|89|1|tv|4000|Roskilde|private|1|38|6400|450|d
## Randers: a second cluster in one stairwell
ran-tjaerby-st-tv|730|31578204|Tjærbyvej|80|0|tv|8930|Randers NØ|supported|2|50|4800|600|s
ran-tjaerby-st-th|730|31578204|Tjærbyvej|80|0|th|8930|Randers NØ|supported|2|50|4800|600|s
ran-tjaerby-1-tv|730|31578204|Tjærbyvej|80|1|tv|8930|Randers NØ|supported|2|52|4850|600|
ran-noerrebro|730|31578204|Nørrebrogade|31|2|th|8900|Randers C|family|2|57|5350|650|
ran-vorup|730|31578204|Vorup Boulevard|12|1|tv|8940|Randers SV|family|3|77|5900|800|
ran-grenaavej|730|31578204|Grenåvej|140|0|th|8930|Randers NØ|family|2|60|5200|650|s
ran-vestergade|730|40517382|Vestergade|18|3||8900|Randers C|private|2|62|6400|650|
ran-oestervold|730|40517382|Østervold|44|1|th|8900|Randers C|private|1|40|5100|450|
ran-hobrovej|730|40517382|Hobrovej|60|0|tv|8920|Randers NV|private|3|80|6900|800|s
"""

_FEATURES = (
    "Tæt på bus og indkøb.",
    "Altan mod gården.",
    "Nyistandsat køkken og bad.",
    "Fælles gårdhave med legeplads.",
    "Vaskekælder i ejendommen.",
    "Kort gåafstand til station.",
    "Roligt område med grønne arealer.",
    "Cykelkælder og pulterrum.",
)

_KIND_WORDS = {
    HousingKind.FAMILY: "Almen familiebolig",
    HousingKind.YOUTH: "Ungdomsværelse",
    HousingKind.SUPPORTED: "Bolig i bomiljø med personale i opgangen",
    HousingKind.PRIVATE: "Privat udlejningslejlighed",
    HousingKind.MUNICIPAL: "Kommunal udlejningsbolig",
}


def _description(rng: random.Random, kind: HousingKind, rooms: int, m2: int) -> str:
    rooms_text = "1 værelse" if rooms == 1 else f"{rooms} værelser"
    return f"{_KIND_WORDS[kind]}: {rooms_text}, {m2} m². " + " ".join(rng.sample(_FEATURES, 2))


def load_units(
    session: Session, ref: Reference, rng: random.Random, today: dt.date
) -> dict[str, Unit]:
    """All demo units, available from long ago so the demo's history can let them.

    The journeys then offer and let them; :func:`settle_availability` dates the ones
    still free afterwards.
    """
    units: dict[str, Unit] = {}
    for line in _UNIT_TABLE.strip().splitlines():
        if line.startswith("#"):
            continue
        (key, code, cvr, street, number, floor_text, door, postcode, city, kind_text,
         rooms_text, m2_text, rent_text, utilities_text, flags) = line.split("|")  # fmt: skip
        floor = int(floor_text) if floor_text else None
        kind = HousingKind(kind_text)
        rooms, m2, rent = int(rooms_text), int(m2_text), int(rent_text)
        utilities = int(utilities_text)
        organisation = ref.organisations[cvr]
        private = organisation.kind == OrganisationKind.PRIVATE
        status = UnitStatus.AVAILABLE
        if "d" in flags:
            status = UnitStatus.DRAFT
        elif "x" in flags:
            status = UnitStatus.WITHDRAWN
        units[key] = Unit(
            organisation=organisation,
            municipality=ref.municipalities[code],
            street=street,
            number=number,
            floor=floor,
            door=door or None,
            postcode=postcode,
            city=city,
            building_key=f"{street} {number}, {postcode}".lower(),
            housing_kind=kind,
            rooms=rooms,
            area_m2=m2,
            rent=rent,
            utilities_on_account=utilities,
            # Each at most three months' rent: private landlords usually ask the most.
            deposit=rent * (3 if private else 2),
            prepaid_rent=rent * 3 if private else 0,
            own_kitchen="k" not in flags,
            single_room="r" in flags,
            step_free="s" in flags or "w" in flags,
            lift="l" in flags,
            wheelchair="w" in flags,
            available_from=today - dt.timedelta(days=1200),
            description=_description(rng, kind, rooms, m2),
            status=status,
        )
    session.add_all(units.values())
    session.flush()
    return units


def settle_availability(units: dict[str, Unit], rng: random.Random, today: dt.date) -> None:
    """Free units: available from a date near today (soon, or a few weeks back)."""
    for unit in units.values():
        if unit.status in (UnitStatus.AVAILABLE, UnitStatus.DRAFT):
            unit.available_from = today + dt.timedelta(days=rng.randint(-30, 45))
