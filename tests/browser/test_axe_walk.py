"""axe on every page of every role, at phone size, in Danish, Arabic and Tigrinya, and the
citizen's pages in easy-read mode too.

The pages come from ``app.url_map``: every GET endpoint is either walked (its ids filled
from the live demo data) or in :data:`SKIPPED` with the reason, and
:func:`test_every_get_page_is_walked_or_skipped` fails when a new page is neither.

One browser context per role, language and mode walks all its pages, collecting every
violation with the page it is on; each test asserts once at the end with the whole list,
so one run shows everything that is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Browser, Page
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from werkzeug.routing import MapAdapter

from portal import create_app
from portal.accounts.models import Account
from portal.admin.rule_tables import TABLES
from portal.cases.models import Case
from portal.config import Settings
from portal.db import make_engine
from portal.landlords.models import LandlordOrganisation
from portal.landlords.policy import LANDLORD_STAGES
from portal.leases.models import Lease, LeaseStatus
from portal.municipalities.models import Municipality
from portal.offers.models import Offer, OfferStatus
from portal.plans.models import Goal, Plan
from portal.units.models import Unit, UnitStatus
from tests.browser.conftest import axe_findings, log_in

pytestmark = pytest.mark.browser

LOCALES = ("da", "ar", "ti")
# The walk opens about 250 pages, so it saves where it can: every axe rule (best practice
# too: landmarks, one h1, regions) in Danish, where the page's structure is checked once;
# in Arabic and Tigrinya the WCAG 2.1 A and AA rules (what the law, EN 301 549, asks),
# which hold everything that depends on the language (contrast, names, lang attributes)
# at about two thirds of the cost.
EVERY_RULE: dict[str, Any] = {"resultTypes": ["violations"]}
WCAG_21_AA: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

# The people who walk: each sees its role's pages with something real on them.
HOUSED = "citizen-10"  # a lease with notice given: every lease page has content
OFFERED = "citizen-04"  # an offer waiting for her answer
LANDLORD = "landlord-aabo-1"  # AAB Aarhus (CVR 29481736): units, tenants, leases
LANDLORD_CVR = "29481736"
NEW_LANDLORD = "test-landlord-new-cvr"  # a CVR with no organisation yet: the join page
NEW_LANDLORD_CVR = "12345678"
CASEWORKER = "staff-751-cw-1"  # Aarhus
CASEWORKER_MUNICIPALITY = "751"
ADMINISTRATOR = "staff-network-admin"  # may change the rule tables: every admin page

# GET endpoints the walk does not open, and why. Everything else must be walked.
SKIPPED: dict[str, str] = {
    "static": "stylesheet, script and font files",
    "public.healthz": "plain-text health check for the load balancer",
    "public.was": "redirect: the conventional /was address of the accessibility statement",
    "devidp.discovery": "JSON: OpenID discovery document",
    "devidp.jwks": "JSON: the development provider's keys",
    "devidp.userinfo": "JSON: UserInfo endpoint (needs a bearer token)",
    "citizen.download_json": "download: the citizen's data as JSON",
    "citizen.photo": "image: a photo of the offered home",
    "units.photo": "image: a unit photo",
    "units.thumbnail": "image: a unit photo's thumbnail",
    "units.import_template": "download: the CSV template for bulk import",
    "evaluation.export_csv": "download: the pseudonymised CSV export",
    "staff_leases.notice_letter": "download: the notice letter PDF",
    "admin.rules_export": "download: the rule tables as JSON",
    "evaluation.export_xlsx": "download: the evaluation workbook (XLSX)",
    "notifications.open_item": "redirect: marks the item read and goes to its page",
    # A landlord acting for one CVR (every demo landlord) is redirected on to its start
    # page or to the join page; both are walked.
    "landlords.choose": "redirect for a login that carries a single CVR",
}


@dataclass(frozen=True)
class Ids:
    """Real ids from the live demo data, each one the walking person may see."""

    citizen_offer: int
    org: int
    landlord_unit: int
    landlord_lease: int
    landlord_offer: int
    case: int
    plan: int
    goal: int
    staff_lease: int
    staff_offer: int
    matching_case: int
    matching_unit: int
    rule_table: str
    rule_row: int


def _first(db: Session, stmt: Any) -> Any:
    found = db.scalars(stmt.limit(1)).first()
    assert found is not None, f"the demo data has nothing for {stmt}"
    return found


def _lookup(db: Session) -> Ids:
    org = _first(db, select(LandlordOrganisation).where(LandlordOrganisation.cvr == LANDLORD_CVR))
    code = select(Municipality.id).where(Municipality.code == CASEWORKER_MUNICIPALITY)
    municipality = db.scalar(code)
    in_municipality = Case.municipality_id == municipality
    plan = _first(db, select(Plan).join(Case).where(in_municipality).order_by(Plan.id))
    rules = TABLES[0]
    return Ids(
        citizen_offer=_first(
            db,
            select(Offer.id)
            .join(Case, Offer.case_id == Case.id)
            .join(Account, Case.account_id == Account.id)
            .where(Account.subject == OFFERED, Offer.status == OfferStatus.OFFERED),
        ),
        org=org.id,
        landlord_unit=_first(
            db, select(Unit.id).where(Unit.organisation_id == org.id).order_by(Unit.id)
        ),
        landlord_lease=_first(
            db,
            select(Lease.id)
            .join(Unit, Lease.unit_id == Unit.id)
            .where(Lease.organisation_id == org.id, Unit.organisation_id == org.id)
            .order_by(Lease.id),
        ),
        landlord_offer=_first(
            db,
            select(Offer.id)
            .join(Unit, Offer.unit_id == Unit.id)
            .where(Unit.organisation_id == org.id, Offer.status.in_(LANDLORD_STAGES))
            .order_by(Offer.id),
        ),
        case=plan.case_id,
        plan=plan.id,
        goal=_first(db, select(Goal.id).where(Goal.plan_id == plan.id).order_by(Goal.id)),
        staff_lease=_first(
            db,
            select(Lease.id)
            .join(Case, Lease.case_id == Case.id)
            .where(in_municipality, Lease.status == LeaseStatus.ACTIVE)
            .order_by(Lease.id),
        ),
        staff_offer=_first(
            db,
            select(Offer.id).join(Case, Offer.case_id == Case.id).where(in_municipality),
        ),
        matching_case=_first(
            db, select(Case.id).where(in_municipality).order_by(Case.waiting_since)
        ),
        matching_unit=_first(
            db,
            select(Unit.id)
            .where(Unit.municipality_id == municipality, Unit.status == UnitStatus.AVAILABLE)
            .order_by(Unit.id),
        ),
        rule_table=rules.name,
        rule_row=_first(db, select(rules.model.id).order_by(rules.model.id)),
    )


@dataclass(frozen=True)
class Visit:
    """One page: its endpoint's URL values (from the ids), or a path that is no endpoint."""

    values: Callable[[Ids], dict[str, Any]] = lambda _ids: {}
    status: int = 200
    path: str | None = None  # the error pages


def _ids(**names: str) -> Visit:
    """``_ids(case_id="case")``: the URL value ``case_id`` is ``Ids.case``."""
    return Visit(lambda ids: {key: getattr(ids, name) for key, name in names.items()})


def _error(path: str, status: int) -> Visit:
    return Visit(status=status, path=path)


# Per walker, endpoint → its visit. The error pages ride along as ``error.*``.
PUBLIC: dict[str, Visit] = {
    "public.index": Visit(),
    "public.accessibility": Visit(),
    "devidp.index": Visit(),
    # Starting a login redirects to the development provider's "choose a person" page.
    "auth.login": Visit(lambda _ids: {"role": "citizen"}),
    "devidp.authorize": Visit(status=400),  # without parameters: refused, on a page
    "auth.callback": Visit(lambda _ids: {"provider": "dev-mitid"}, 400),  # no login under way
    "devidp.end_session": Visit(),
    "auth.logged_out": Visit(),
    "auth.session_ended": Visit(),
    "error.not_found": _error("/no-such-page", 404),
}
CITIZEN_HOUSED: dict[str, Visit] = {
    "citizen.start": Visit(),
    "citizen.plan": Visit(),
    "citizen.rights": Visit(),
    "citizen.seen_by": Visit(),
    "citizen.my_data": Visit(),
    "citizen.download_html": Visit(),
    "citizen.survey": Visit(),
    "citizen.settings": Visit(),
    "notifications.index": Visit(),
    "notifications.settings": Visit(),
    "error.forbidden": _error("/staff/", 403),
}
CITIZEN_OFFERED: dict[str, Visit] = {
    "citizen.start": Visit(),  # "My home" again, while waiting: the offer to answer
    "citizen.offer_list": Visit(),
    "citizen.offer": _ids(offer_id="citizen_offer"),
    "citizen.decline": _ids(offer_id="citizen_offer"),
}
NEW_LANDLORD_PAGES: dict[str, Visit] = {
    "landlords.join": Visit(lambda _ids: {"cvr": NEW_LANDLORD_CVR}),
}
LANDLORD_PAGES: dict[str, Visit] = {
    "landlords.start": Visit(),
    "landlords.organisation": Visit(),
    "landlords.tenants": Visit(),
    "landlords.tenant": _ids(offer_id="landlord_offer"),
    "landlords.leases_list": Visit(),
    "landlords.lease": _ids(lease_id="landlord_lease"),
    "units.index": Visit(),
    "units.new": Visit(),
    "units.import_units": Visit(),
    "units.show": _ids(unit_id="landlord_unit"),
    "units.edit": _ids(unit_id="landlord_unit"),
    "notifications.index": Visit(),
    "notifications.settings": Visit(),
}
CASEWORKER_PAGES: dict[str, Visit] = {
    "staff.start": Visit(),
    "cases.index": Visit(),
    "cases.create": Visit(),
    "cases.detail": _ids(case_id="case"),
    "cases.edit": _ids(case_id="case"),
    "plans.create": _ids(case_id="case"),
    "plans.detail": _ids(plan_id="plan"),
    "plans.edit": _ids(plan_id="plan"),
    "plans.add_goal": _ids(plan_id="plan"),
    "plans.add_activity": _ids(plan_id="plan"),
    "plans.decide": _ids(plan_id="plan"),
    "plans.edit_goal": _ids(goal_id="goal"),
    "plans.add_update": _ids(goal_id="goal"),
    "matching.index": Visit(),
    "matching.for_case": _ids(case_id="matching_case"),
    "matching.for_unit": _ids(unit_id="matching_unit"),
    "matching.offer": _ids(offer_id="staff_offer"),
    "staff_leases.index": Visit(),
    "staff_leases.detail": _ids(lease_id="staff_lease"),
    "staff_leases.notice": _ids(lease_id="staff_lease"),
    "evaluation.index": Visit(),
    "notifications.index": Visit(),
    "notifications.settings": Visit(),
}
ADMIN_PAGES: dict[str, Visit] = {
    "admin.index": Visit(),
    "admin.organisations": Visit(),
    "admin.organisation": _ids(org_id="org"),
    "admin.staff": Visit(),
    "admin.rules": Visit(),
    "admin.rule_table": _ids(table="rule_table"),
    "admin.rule": _ids(table="rule_table", row_id="rule_row"),
    "admin.rule_new_version": _ids(table="rule_table", row_id="rule_row"),
    "admin.rule_new": _ids(table="rule_table"),
    "admin.rules_import": Visit(),
    "outbox_admin.problems": Visit(),
}
WALKED = (
    PUBLIC,
    CITIZEN_HOUSED,
    CITIZEN_OFFERED,
    NEW_LANDLORD_PAGES,
    LANDLORD_PAGES,
    CASEWORKER_PAGES,
    ADMIN_PAGES,
)


def _walked_endpoints() -> set[str]:
    return {name for pages in WALKED for name in pages if not name.startswith("error.")}


def test_every_get_page_is_walked_or_skipped(urls: MapAdapter) -> None:
    rules = urls.map.iter_rules()
    endpoints = {rule.endpoint for rule in rules if "GET" in (rule.methods or ())}
    walked = _walked_endpoints()
    assert not walked & set(SKIPPED), "both walked and skipped"
    missing = sorted(endpoints - walked - set(SKIPPED))
    assert not missing, f"GET pages neither walked by axe nor skipped with a reason: {missing}"
    stale = sorted((walked | set(SKIPPED)) - endpoints)
    assert not stale, f"walked or skipped endpoints that no longer exist: {stale}"


# -- the walk -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ids(live_settings: Settings) -> Ids:
    engine = make_engine(live_settings.database_url)
    # Closed before the walk: an open read on SQLite would block the live server's writes.
    with Session(engine) as db:
        found = _lookup(db)
    engine.dispose()
    return found


@pytest.fixture(scope="module", autouse=True)
def profile_languages_kept(live_settings: Settings) -> Iterator[None]:
    """Choosing a language saves it to the profile: give the walkers theirs back after."""
    walkers = (HOUSED, OFFERED, LANDLORD, NEW_LANDLORD, CASEWORKER, ADMINISTRATOR)
    engine = make_engine(live_settings.database_url)
    with Session(engine) as db:
        rows = db.execute(
            select(Account.id, Account.preferred_language).where(Account.subject.in_(walkers))
        ).all()
    yield
    with Session(engine) as db:
        for account_id, language in rows:
            db.execute(
                update(Account).where(Account.id == account_id).values(preferred_language=language)
            )
        db.commit()
    engine.dispose()


class Walk:
    """One browser context (one role, language and mode) and what axe found in it."""

    def __init__(
        self,
        browser: Browser,
        context_args: dict[str, Any],
        base: str,
        urls: MapAdapter,
        locale: str,
    ):
        self.urls = urls
        self.context = browser.new_context(**context_args)
        # axe is on every page before the page's own scripts run: no per-page injection.
        self.context.add_init_script(AXE_SCRIPT)
        self.page: Page = self.context.new_page()
        self.base = base
        self.locale = locale
        self.rules = EVERY_RULE if locale == "da" else WCAG_21_AA
        self.found: list[str] = []
        self.pages = 0

    def visit(self, name: str, visit: Visit, ids: Ids, label: str) -> None:
        # ``lang`` on every URL: the choice outranks the profile's language.
        if visit.path is None:
            path = self.urls.build(name, {**visit.values(ids), "lang": self.locale})
        else:
            path = f"{visit.path}?lang={self.locale}"
        response = self.page.goto(f"{self.base}{path}")
        self.check(f"{label} {name} {path}", response.status if response else None, visit.status)

    def check(self, where: str, status: int | None = None, expected: int | None = None) -> None:
        """Axe on the page now shown; its HTTP status too when one is ``expected``."""
        self.pages += 1
        if expected is not None and status != expected:
            self.found.append(f"{where}: HTTP {status}, expected {expected}")
        lang = self.page.locator("html").get_attribute("lang")
        if lang != self.locale:
            self.found.append(f"{where}: <html lang={lang!r}>, expected {self.locale!r}")
        self.found.extend(f"{where}: {finding}" for finding in axe_findings(self.page, self.rules))

    def log_in(self, login: str, subject: str) -> None:
        # The language cookie first, so the provider's page is in this language too.
        self.page.goto(f"{self.base}/?lang={self.locale}")
        log_in(self.page, self.base, login, subject)

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def urls(live_settings: Settings) -> MapAdapter:
    """The portal's own URL map builds each page's URL from its endpoint and values."""
    return create_app(live_settings).url_map.bind("127.0.0.1")


@pytest.fixture
def walks(
    browser: Browser, browser_context_args: dict[str, Any], base_url: str, urls: MapAdapter
) -> Iterator[Callable[[str], Walk]]:
    opened: list[Walk] = []

    def open_walk(locale: str) -> Walk:
        opened.append(Walk(browser, browser_context_args, base_url, urls, locale))
        return opened[-1]

    yield open_walk
    for walk in opened:
        walk.close()


def _report(walks: list[Walk]) -> str:
    lines = [finding for walk in walks for finding in walk.found]
    pages = sum(walk.pages for walk in walks)
    return f"{len(lines)} problems on {pages} pages:\n" + "\n".join(lines)


def _walk_pages(walk: Walk, pages: dict[str, Visit], ids: Ids, label: str) -> None:
    for name, visit in pages.items():
        walk.visit(name, visit, ids, label)


def test_public_and_login_pages(walks: Callable[[str], Walk], ids: Ids) -> None:
    done = []
    for locale in LOCALES:
        walk = walks(locale)
        _walk_pages(walk, PUBLIC, ids, f"[public {locale}]")
        # The refusals a person can meet at login, each on its own translated page.
        for subject in ("test-citizen-no-case", "test-citizen-low-loa"):
            walk.log_in("citizen", subject)
            walk.check(f"[public {locale}] refused login {subject}")
        done.append(walk)
    report = _report(done)
    assert all(not w.found for w in done), report


def _set_easy_read(settings: Settings, subjects: tuple[str, ...], on: bool) -> None:
    """Set easy-read mode for the walking citizens straight in the live database."""
    engine = make_engine(settings.database_url)
    with Session(engine) as db:
        db.execute(update(Account).where(Account.subject.in_(subjects)).values(easy_read=on))
        db.commit()
    engine.dispose()


def _easy_read_is_on(settings: Settings, subject: str) -> bool:
    engine = make_engine(settings.database_url)
    with Session(engine) as db:
        on = db.scalar(select(Account.easy_read).where(Account.subject == subject))
    engine.dispose()
    return bool(on)


@pytest.fixture
def easy_read_off(live_settings: Settings) -> Iterator[None]:
    subjects = (HOUSED, OFFERED)
    _set_easy_read(live_settings, subjects, False)
    yield
    _set_easy_read(live_settings, subjects, False)  # other tests expect the normal pages


def _log_in_citizen(walk: Walk, subject: str, easy: bool, settings: Settings) -> None:
    """Log in; for easy-read, switch it on as the citizen does: the toggle on the page."""
    walk.log_in("citizen", subject)
    if easy:
        switch = walk.page.locator(
            "form.easy-read-toggle:has(input[name=easy_read][value=on]) button"
        )
        if switch.count():
            with walk.page.expect_navigation():
                switch.click()
        elif not _easy_read_is_on(settings, subject):
            _set_easy_read(settings, (subject,), True)  # in case the toggle is gone
    on = _easy_read_is_on(settings, subject)
    assert on == easy, f"{subject}: easy-read is {'on' if on else 'off'}"


def test_citizen_pages_normal_and_easy_read(
    walks: Callable[[str], Walk], ids: Ids, live_settings: Settings, easy_read_off: None
) -> None:
    done = []
    for mode in ("normal", "easy-read"):
        easy = mode == "easy-read"
        for locale in LOCALES:
            walk = walks(locale)
            label = f"[citizen {mode} {locale}]"
            _log_in_citizen(walk, HOUSED, easy, live_settings)
            _walk_pages(walk, CITIZEN_HOUSED, ids, label)
            _log_in_citizen(walk, OFFERED, easy, live_settings)
            _walk_pages(walk, CITIZEN_OFFERED, ids, label)
            done.append(walk)
    assert all(not w.found for w in done), _report(done)


def test_landlord_pages(walks: Callable[[str], Walk], ids: Ids) -> None:
    done = []
    for locale in LOCALES:
        walk = walks(locale)
        walk.log_in("landlord", NEW_LANDLORD)
        _walk_pages(walk, NEW_LANDLORD_PAGES, ids, f"[landlord {locale}]")
        walk.log_in("landlord", LANDLORD)
        _walk_pages(walk, LANDLORD_PAGES, ids, f"[landlord {locale}]")
        done.append(walk)
    assert all(not w.found for w in done), _report(done)


def _notice_wizard(walk: Walk, ids: Ids, label: str) -> None:
    """The notice wizard's later steps are answers to a POST: walk them through the form,
    up to the last step, which is looked at and not confirmed (the demo data is shared)."""
    page = walk.page
    walk.visit("staff_leases.notice", CASEWORKER_PAGES["staff_leases.notice"], ids, label)
    steps = (  # the answer to the step shown, and what the next step shows
        (lambda: page.select_option("#reason", "purpose_reached"), "#alternative_offer"),
        (lambda: page.select_option("#alternative_offer", "ordinary_home"), "#notice-dates"),
        (lambda: None, "#guidance"),
    )
    for answer, shows in steps:
        answer()
        with page.expect_navigation():
            page.locator("main form button.button-primary").click()
        where = f"{label} notice wizard step {shows}"
        if page.locator(shows).count() == 0:
            walk.found.append(f"{where}: the step did not come")
        walk.check(where)


def test_caseworker_and_evaluation_pages(walks: Callable[[str], Walk], ids: Ids) -> None:
    done = []
    for locale in LOCALES:
        walk = walks(locale)
        walk.log_in("staff", CASEWORKER)
        _walk_pages(walk, CASEWORKER_PAGES, ids, f"[caseworker {locale}]")
        _notice_wizard(walk, ids, f"[caseworker {locale}]")
        done.append(walk)
    assert all(not w.found for w in done), _report(done)


def test_administrator_pages(walks: Callable[[str], Walk], ids: Ids) -> None:
    done = []
    for locale in LOCALES:
        walk = walks(locale)
        walk.log_in("staff", ADMINISTRATOR)
        _walk_pages(walk, ADMIN_PAGES, ids, f"[administrator {locale}]")
        done.append(walk)
    assert all(not w.found for w in done), _report(done)
