"""The demo's test identities, as data.

A development identity provider lists these so that anyone running the demo can sign
in as a citizen (MitID: name and CPR), a landlord (MitID Erhverv: name and the
organisation's CVR) or staff (the municipality's own provider: municipality and role).
Every account is issued by :data:`DEV_ISSUER` with the stable ``subject`` given here.

All people, CPR numbers and CVR numbers are fictional test data.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.accounts.models import Role

DEV_ISSUER = "urn:boligbro:dev-idp"


@dataclass(frozen=True)
class DemoIdentity:
    subject: str
    role: Role
    name: str
    language: str = "da"
    cpr: str | None = None  # citizens
    cvr: str | None = None  # landlords: the organisation they act for
    municipality: str | None = None  # staff and citizens: kommunekode
    network_admin: bool = False
    email: str | None = None
    phone: str | None = None


def _mailbox(name: str) -> str:
    """``Søren Brix`` → ``soeren.brix``: a plain-ASCII mailbox name."""
    plain = name.lower()
    for letter, spelled in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), (" ", ".")):
        plain = plain.replace(letter, spelled)
    return "".join(ch for ch in plain if ch.isascii() and (ch.isalnum() or ch == "."))


def _staff(subject: str, name: str, municipality: str | None, role: Role) -> DemoIdentity:
    domain = {
        "751": "aarhus.dk",
        "169": "htk.dk",
        "101": "kk.dk",
        "265": "roskilde.dk",
        "730": "randers.dk",
    }.get(municipality or "", "boligbro.dk")
    email = _mailbox(name) + "@" + domain.replace(".dk", ".example.dk")
    return DemoIdentity(
        subject=subject,
        role=role,
        name=name,
        municipality=municipality,
        network_admin=municipality is None,
        email=email,
    )


_CW, _ADM = Role.CASEWORKER, Role.ADMINISTRATOR

STAFF: tuple[DemoIdentity, ...] = (
    _staff("staff-751-cw-1", "Birgitte Lund", "751", _CW),
    _staff("staff-751-cw-2", "Hassan Yilmaz", "751", _CW),
    _staff("staff-751-admin", "Karen Vestergaard", "751", _ADM),
    _staff("staff-169-cw-1", "Pia Mikkelsen", "169", _CW),
    _staff("staff-169-cw-2", "Morten Bach", "169", _CW),
    _staff("staff-169-admin", "Henrik Dahl", "169", _ADM),
    _staff("staff-101-cw-1", "Sara Nørgaard", "101", _CW),
    _staff("staff-101-cw-2", "Ali Rahimi", "101", _CW),
    _staff("staff-101-admin", "Lene Friis", "101", _ADM),
    _staff("staff-265-cw-1", "Anders Krogh", "265", _CW),
    _staff("staff-265-cw-2", "Tina Berg", "265", _CW),
    _staff("staff-265-admin", "Marianne Skov", "265", _ADM),
    _staff("staff-730-cw-1", "Søren Brix", "730", _CW),
    _staff("staff-730-cw-2", "Nadia Iversen", "730", _CW),
    _staff("staff-730-admin", "Bo Winther", "730", _ADM),
    _staff("staff-network-admin", "Eva Holt", None, _ADM),
)


def _landlord(subject: str, name: str, cvr: str) -> DemoIdentity:
    return DemoIdentity(
        subject=subject,
        role=Role.LANDLORD,
        name=name,
        cvr=cvr,
        email=f"{_mailbox(name)}@example.dk",
    )


LANDLORDS: tuple[DemoIdentity, ...] = (
    _landlord("landlord-aabo-1", "Jette Kragh", "29481736"),
    _landlord("landlord-aabo-2", "Rune Damgaard", "29481736"),
    _landlord("landlord-bymidten-1", "Hanne Overgaard", "31578204"),
    _landlord("landlord-hab-1", "Kim Svendsen", "27364819"),
    _landlord("landlord-hab-2", "Dorthe Lauridsen", "27364819"),
    _landlord("landlord-fjordbo-1", "Peter Holst", "33925617"),
    _landlord("landlord-kronborg-1", "Mads Kronborg", "38264105"),
    _landlord("landlord-gudenaa-1", "Lone Gudme", "40517382"),
    _landlord("landlord-nordstjernen-1", "Ib Frandsen", "36719254"),
    _landlord("landlord-aarhus-kommune-1", "Tove Ravn", "55133018"),
    _landlord("landlord-kk-bolig-1", "Jakob Brandt", "64942212"),
    _landlord("landlord-taastrup-1", "Gitte Holm", "41863729"),
)


def _citizen(
    subject: str, name: str, cpr: str, municipality: str, language: str, phone: str
) -> DemoIdentity:
    return DemoIdentity(
        subject=subject,
        role=Role.CITIZEN,
        name=name,
        cpr=cpr,
        municipality=municipality,
        language=language,
        phone=phone,
    )


CITIZENS: tuple[DemoIdentity, ...] = (
    # Aarhus (751)
    _citizen("citizen-01", "Mette Jensen", "140391-1682", "751", "da", "+45 20 11 30 01"),
    _citizen("citizen-02", "Lars Nielsen", "020778-1235", "751", "da", "+45 20 11 30 02"),
    _citizen("citizen-03", "Ahmad Al-Hassan", "150194-2317", "751", "ar", "+45 20 11 30 03"),
    _citizen("citizen-04", "Selam Haile", "230997-2460", "751", "ti", "+45 20 11 30 04"),
    _citizen("citizen-05", "Jonas Pedersen", "110603-4173", "751", "da", "+45 20 11 30 05"),
    _citizen("citizen-06", "Sofie Hansen", "300502-4286", "751", "da", "+45 20 11 30 06"),
    _citizen("citizen-07", "Fatima Haddad", "081288-2846", "751", "ar", "+45 20 11 30 07"),
    _citizen("citizen-08", "Mikkel Christensen", "190485-1493", "751", "da", "+45 20 11 30 08"),
    # Høje-Taastrup (169)
    _citizen("citizen-09", "Camilla Andersen", "050690-1724", "169", "da", "+45 20 11 30 09"),
    _citizen("citizen-10", "Kasper Sørensen", "270381-1151", "169", "da", "+45 20 11 30 10"),
    _citizen("citizen-11", "Omar Khalil", "120299-2519", "169", "da", "+45 20 11 30 11"),
    _citizen("citizen-12", "Line Larsen", "090704-4372", "169", "da", "+45 20 11 30 12"),
    _citizen("citizen-13", "Niels Jørgensen", "170862-1915", "169", "da", "+45 20 11 30 13"),
    # København (101)
    _citizen("citizen-14", "Anne Rasmussen", "031087-1648", "101", "da", "+45 20 11 30 14"),
    _citizen("citizen-15", "Yonas Tekle", "250895-2731", "101", "ti", "+45 20 11 30 15"),
    _citizen("citizen-16", "Layla Mansour", "140196-2984", "101", "ar", "+45 20 11 30 16"),
    _citizen("citizen-17", "Emil Kristensen", "060501-4117", "101", "en", "+45 20 11 30 17"),
    _citizen("citizen-18", "Freja Madsen", "221193-2264", "101", "da", "+45 20 11 30 18"),
    _citizen("citizen-19", "Thomas Thomsen", "120170-1379", "101", "da", "+45 20 11 30 19"),
    _citizen("citizen-20", "Saba Berhane", "010292-2842", "101", "ti", "+45 20 11 30 20"),
    _citizen("citizen-21", "Yousef Darwish", "180789-2195", "101", "ar", "+45 20 11 30 21"),
    _citizen("citizen-22", "Ida Olsen", "280305-4622", "101", "da", "+45 20 11 30 22"),
    # Roskilde (265)
    _citizen("citizen-23", "Maja Poulsen", "111098-2486", "265", "da", "+45 20 11 30 23"),
    _citizen("citizen-24", "Rasmus Johansen", "040484-1811", "265", "da", "+45 20 11 30 24"),
    _citizen("citizen-25", "Rania Saleh", "290391-2668", "265", "da", "+45 20 11 30 25"),
    _citizen("citizen-26", "Frederik Mortensen", "160506-4397", "265", "da", "+45 20 11 30 26"),
    _citizen("citizen-27", "Louise Møller", "070876-1540", "265", "da", "+45 20 11 30 27"),
    # Randers (730)
    _citizen("citizen-28", "Filmon Kidane", "200598-2913", "730", "ti", "+45 20 11 30 28"),
    _citizen("citizen-29", "Helen Tesfamariam", "130993-2746", "730", "ti", "+45 20 11 30 29"),
    _citizen("citizen-30", "Khaled Nasser", "310885-2353", "730", "ar", "+45 20 11 30 30"),
    _citizen("citizen-31", "Signe Knudsen", "150601-4568", "730", "da", "+45 20 11 30 31"),
    _citizen("citizen-32", "Oliver Holm", "091182-1697", "730", "da", "+45 20 11 30 32"),
    _citizen("citizen-33", "Amal Ibrahim", "260490-2484", "730", "ar", "+45 20 11 30 33"),
    _citizen("citizen-34", "Awet Weldemichael", "040402-4951", "730", "ti", "+45 20 11 30 34"),
    _citizen("citizen-35", "Senait Ghebreyesus", "170794-2822", "101", "ti", "+45 20 11 30 35"),
    _citizen("citizen-36", "Tesfay Gebremedhin", "051189-2139", "751", "ti", "+45 20 11 30 36"),
)

ALL_IDENTITIES: tuple[DemoIdentity, ...] = STAFF + LANDLORDS + CITIZENS


def identities_by_role(role: Role) -> list[DemoIdentity]:
    """The identities a development login page lists under one role."""
    return [i for i in ALL_IDENTITIES if i.role == role]


def identity(subject: str) -> DemoIdentity:
    """The identity with this subject (KeyError if there is none)."""
    for candidate in ALL_IDENTITIES:
        if candidate.subject == subject:
            return candidate
    raise KeyError(subject)
