"""The network's municipalities, the accounts of the demo identities, and the landlords."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from portal.accounts.models import Account, Role
from portal.demo.identities import DEV_ISSUER, LANDLORDS, STAFF, DemoIdentity
from portal.landlords.models import (
    LandlordOrganisation,
    MemberStatus,
    OrganisationKind,
    OrganisationMember,
    OrganisationStatus,
)
from portal.municipalities.models import Municipality, MunicipalityTargetGroup, TargetGroup

_ALL = (TargetGroup.DISABILITY, TargetGroup.PSYCHOLOGICALLY_VULNERABLE)
_SOCIAL = (*_ALL, TargetGroup.SOCIAL_PROBLEMS)
_REFUGEES = (*_SOCIAL, TargetGroup.REFUGEES)

# The application names five of the network's six municipalities; the sixth is not
# named anywhere, so it is not invented here. Target groups as in the application:
# all with disability and psychologically vulnerable citizens, these five also with major
# social problems, and Aarhus, København and Randers also with newly arrived refugees.
MUNICIPALITIES: tuple[dict[str, object], ...] = (
    {
        "code": "751",
        "name": "Aarhus Kommune",
        "contact_phone": "+45 89 40 20 00",
        "contact_address": "Rådhuspladsen 2, 8000 Aarhus C",
        "website": "https://www.aarhus.dk",
        "groups": _REFUGEES,
    },
    {
        "code": "169",
        "name": "Høje-Taastrup Kommune",
        "contact_phone": "+45 43 59 10 00",
        "contact_address": "Bygaden 2, 2630 Taastrup",
        "website": "https://www.htk.dk",
        "groups": _SOCIAL,
    },
    {
        "code": "101",
        "name": "Københavns Kommune",
        "contact_phone": "+45 33 66 33 66",
        "contact_address": "Rådhuspladsen 1, 1550 København V",
        "website": "https://www.kk.dk",
        "groups": _REFUGEES,
    },
    {
        "code": "265",
        "name": "Roskilde Kommune",
        "contact_phone": "+45 46 31 30 00",
        "contact_address": "Rådhusbuen 1, 4000 Roskilde",
        "website": "https://www.roskilde.dk",
        "groups": _SOCIAL,
    },
    {
        "code": "730",
        "name": "Randers Kommune",
        "contact_phone": "+45 89 15 15 15",
        "contact_address": "Laksetorvet 1, 8900 Randers C",
        "website": "https://www.randers.dk",
        "groups": _REFUGEES,
    },
)

_P, _S, _M = OrganisationKind.PRIVATE, OrganisationKind.SOCIAL, OrganisationKind.MUNICIPAL

# (cvr, name, kind, municipality of a municipal landlord, status)
ORGANISATIONS: tuple[tuple[str, str, OrganisationKind, str | None, OrganisationStatus], ...] = (
    ("29481736", "Boligforeningen Åbo", _S, None, OrganisationStatus.ACTIVE),
    ("31578204", "Boligselskabet Bymidten", _S, None, OrganisationStatus.ACTIVE),
    ("27364819", "Hovedstadens Almene Boliger", _S, None, OrganisationStatus.ACTIVE),
    ("33925617", "Fjordbo Roskilde", _S, None, OrganisationStatus.ACTIVE),
    ("38264105", "Ejendomsadministration Kronborg A/S", _P, None, OrganisationStatus.ACTIVE),
    ("40517382", "Gudenå Ejendomme ApS", _P, None, OrganisationStatus.ACTIVE),
    ("36719254", "Ejendomsselskabet Nordstjernen ApS", _P, None, OrganisationStatus.ACTIVE),
    ("41863729", "Taastrup Udlejning ApS", _P, None, OrganisationStatus.ACTIVE),
    ("55133018", "Aarhus Kommune, Boliganvisningen", _M, "751", OrganisationStatus.ACTIVE),
    ("64942212", "Københavns Kommune, Boligsocial Anvisning", _M, "101", OrganisationStatus.ACTIVE),
    # Asked to join and not yet approved: nothing of it is visible to anyone else.
    ("43218765", "Lejebolig Vest ApS", _P, None, OrganisationStatus.PENDING),
)


@dataclass
class Reference:
    """What later steps look things up in: by kommunekode, subject and CVR."""

    municipalities: dict[str, Municipality] = field(default_factory=dict)
    accounts: dict[str, Account] = field(default_factory=dict)
    organisations: dict[str, LandlordOrganisation] = field(default_factory=dict)

    def caseworkers(self, code: str) -> list[Account]:
        return [
            a
            for a in self.accounts.values()
            if a.role == Role.CASEWORKER and a.municipality is self.municipalities[code]
        ]

    def landlord_for(self, organisation: LandlordOrganisation) -> Account:
        """The first active member with an account: who answers offers for the landlord."""
        for member in organisation.members:
            if member.status == MemberStatus.ACTIVE and member.account is not None:
                return member.account
        raise LookupError(f"no active member of {organisation.name}")


def account_for(identity: DemoIdentity, municipality: Municipality | None) -> Account:
    """The account a first login of this identity would create."""
    return Account(
        issuer=DEV_ISSUER,
        subject=identity.subject,
        role=identity.role,
        display_name=identity.name,
        email=identity.email,
        phone=identity.phone,
        preferred_language=identity.language,
        municipality=municipality if identity.role != Role.CITIZEN else None,
        is_network_admin=identity.network_admin,
    )


def load_reference(session: Session) -> Reference:
    """Municipalities with their target groups, staff and landlord accounts, landlords."""
    ref = Reference()
    for row in MUNICIPALITIES:
        groups = row["groups"]
        assert isinstance(groups, tuple)  # noqa: S101 - the table above
        municipality = Municipality(
            code=str(row["code"]),
            name=str(row["name"]),
            contact_phone=str(row["contact_phone"]),
            contact_address=str(row["contact_address"]),
            website=str(row["website"]),
            contact_email=f"boligbro@{str(row['website']).removeprefix('https://www.')}",
        )
        municipality.target_groups = [MunicipalityTargetGroup(target_group=g) for g in groups]
        ref.municipalities[municipality.code] = municipality
    session.add_all(ref.municipalities.values())

    for identity in STAFF:
        home = ref.municipalities[identity.municipality] if identity.municipality else None
        ref.accounts[identity.subject] = account_for(identity, home)

    for cvr, name, kind, municipality_code, status in ORGANISATIONS:
        slug = "".join(ch for ch in name.lower() if ch.isalnum())[:20]
        ref.organisations[cvr] = LandlordOrganisation(
            cvr=cvr,
            name=name,
            kind=kind,
            status=status,
            municipality=ref.municipalities[municipality_code] if municipality_code else None,
            contact_phone="+45 70 20 " + cvr[-4:-2] + " " + cvr[-2:],
            contact_email=f"udlejning@{slug}.example.dk",
        )
    session.add_all(ref.organisations.values())

    for identity in LANDLORDS:
        account = account_for(identity, None)
        ref.accounts[identity.subject] = account
        organisation = ref.organisations[str(identity.cvr)]
        organisation.members.append(
            OrganisationMember(
                account=account,
                name=identity.name,
                email=identity.email,
                status=MemberStatus.ACTIVE,
            )
        )
    # The pending organisation's own contact, invited but not yet signed in.
    ref.organisations["43218765"].members.append(
        OrganisationMember(name="Vibeke Aagaard", email="vibeke@example.dk")
    )
    session.add_all(ref.accounts.values())
    session.flush()
    return ref
