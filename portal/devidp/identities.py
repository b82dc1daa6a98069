"""The development provider's test identities: the demo's people, and a few more that
exercise the refusals (a citizen with no case, a too-low level of assurance, staff with
no role, a landlord whose CVR the portal does not know yet)."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field

from portal.accounts.models import Role
from portal.auth.providers import NSIS_SUBSTANTIAL
from portal.config import Settings

NSIS_LOW = "https://data.gov.dk/concept/core/nsis/Low"
NETWORK_ADMIN_ROLE = "boligbro:administrator:network"


@dataclass(frozen=True)
class DevIdentity:
    """One person the development provider can log in as."""

    subject: str
    role: Role
    name: str
    group: str  # citizen, landlord, staff, refusal: the heading it is listed under
    cpr: str | None = None
    cvrs: tuple[str, ...] = ()
    org_name: str | None = None
    email: str | None = None
    roles: tuple[str, ...] = ()  # the staff roles claim
    loa: str = NSIS_SUBSTANTIAL
    note: str | None = None  # what this identity is for, for the refusal cases
    municipality: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def staff_role_value(role: Role, municipality: str) -> str:
    """The value the development provider puts in the roles claim."""
    return f"boligbro:{role.value}:{municipality}"


def client_secret(settings: Settings, client_id: str) -> str:
    """Each development client's secret, derived from the secret key (dev only)."""
    mac = hmac.new(settings.secret_key.encode(), f"devidp:{client_id}".encode(), hashlib.sha256)
    return mac.hexdigest()


def _from_demo() -> list[DevIdentity]:
    try:
        from portal.demo.identities import ALL_IDENTITIES
    except ImportError:  # the demo data is optional for the provider itself
        return []
    people = []
    for person in ALL_IDENTITIES:
        if person.role == Role.CITIZEN:
            people.append(
                DevIdentity(
                    person.subject,
                    Role.CITIZEN,
                    person.name,
                    "citizen",
                    cpr=person.cpr,
                    municipality=person.municipality,
                )
            )
        elif person.role == Role.LANDLORD:
            people.append(
                DevIdentity(
                    person.subject,
                    Role.LANDLORD,
                    person.name,
                    "landlord",
                    cvrs=(person.cvr,) if person.cvr else (),
                    email=person.email,
                )
            )
        else:
            if person.network_admin or not person.municipality:
                roles: tuple[str, ...] = (NETWORK_ADMIN_ROLE,)
            else:
                roles = (staff_role_value(person.role, person.municipality),)
            people.append(
                DevIdentity(
                    person.subject,
                    person.role,
                    person.name,
                    "staff",
                    email=person.email,
                    roles=roles,
                    municipality=person.municipality,
                )
            )
    return people


def _refusal_cases() -> list[DevIdentity]:
    return [
        DevIdentity(
            "test-citizen-no-case",
            Role.CITIZEN,
            "Test Borger Uden Sag",
            "refusal",
            cpr="010170-1113",
            note="no_case",
        ),
        DevIdentity(
            "test-citizen-low-loa",
            Role.CITIZEN,
            "Test Borger Lav Sikring",
            "refusal",
            cpr="010170-1113",
            loa=NSIS_LOW,
            note="low_loa",
        ),
        DevIdentity(
            "test-landlord-new-cvr",
            Role.LANDLORD,
            "Test Udlejer Ny Virksomhed",
            "refusal",
            cvrs=("12345678",),
            org_name="Test Ejendomme ApS",
            note="new_cvr",
        ),
        DevIdentity(
            "test-staff-no-role",
            Role.CASEWORKER,
            "Test Medarbejder Uden Rolle",
            "refusal",
            email="ingen.rolle@kommune.example.dk",
            note="no_role",
        ),
    ]


def default_identities() -> list[DevIdentity]:
    return _from_demo() + _refusal_cases()


def municipality_codes(identities: list[DevIdentity]) -> tuple[str, ...]:
    return tuple(sorted({i.municipality for i in identities if i.municipality}))
