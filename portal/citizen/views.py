"""The citizen's own pages: my home, my plan, my rights, who has seen my data, my data,
how am I doing, settings (language and easy-read). Offers and photos are in
:mod:`portal.citizen.offer_views`.

Every page loads the citizen's own case (the case linked to the signed-in account) or
answers 404; nothing here takes a case id from the request.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale, pgettext
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from portal.accounts.models import Role
from portal.cases.cpr import cpr_cipher
from portal.cases.models import Case
from portal.citizen import export, services, timeline, wording
from portal.citizen.forms import EasyReadForm, LanguageForm, survey_answers, survey_form
from portal.db import get_session
from portal.errors import DomainError
from portal.i18n import LANGUAGE_NAMES, supported_locales
from portal.leases.notice import guidance_for_notice
from portal.leases.terms import term_limit
from portal.plans.models import Plan
from portal.rules.services import localized
from portal.security.access import restrict_blueprint

DANISH_TIME = ZoneInfo("Europe/Copenhagen")

bp = Blueprint("citizen", __name__, url_prefix="/citizen")
restrict_blueprint(bp, [Role.CITIZEN])


def own_case() -> Case:
    """The signed-in citizen's case, or 404 (a citizen account not linked to a case)."""
    case = services.find_case(get_session(), current_user)
    if case is None:
        abort(404)
    return case


def locale() -> str:
    return str(get_locale())


@bp.context_processor
def _citizen_words() -> dict[str, Any]:
    return {
        "citizen_words": wording,
        "localized": localized,
        # Every citizen template reads the same data in both modes; this only picks the
        # easy-read facts, pictograms and stylesheet (templates/citizen/layout.html).
        "easy_read": bool(current_user.is_authenticated and current_user.easy_read),
        "back_to": _back_to(),
    }


def _back_to() -> str:
    """Where the quick easy-read toggle returns to: this page, when it can be fetched again."""
    if request.method == "GET":
        return request.full_path.rstrip("?")
    if request.endpoint == "citizen.easy_read":
        return url_for("citizen.settings")
    return request.path


def _safe_citizen_path(target: str | None) -> str | None:
    # Only a path inside the citizen's own pages: never another host (an open redirect).
    if not target:
        return None
    parts = urlsplit(target)
    prefix = url_for("citizen.start")
    if parts.scheme or parts.netloc or "\\" in target or ".." in parts.path:
        return None
    if not parts.path.startswith(prefix):
        return None
    return target


def _meeting(plan: Plan | None) -> dict[str, Any]:
    meeting = services.next_meeting(plan, dt.datetime.now(dt.UTC))
    return {
        "next_meeting": meeting,
        # Meetings are stored in UTC; the citizen reads Danish time.
        "meeting_at": meeting.next_meeting_at.astimezone(DANISH_TIME)
        if meeting and meeting.next_meeting_at
        else None,
    }


def _lease_context(case: Case, today: dt.date) -> dict[str, Any]:
    session = get_session()
    lease = services.current_lease(session, case)
    if lease is None:
        return {"lease": None}
    basis = lease.legal_basis
    notice = services.notice_event(lease)
    return {
        "lease": lease,
        "basis_label": localized(basis.texts, locale(), "label") or basis.name,
        "basis_explanation": localized(basis.texts, locale(), "explanation"),
        "limit": term_limit(basis, lease.start_date),
        "notice": notice,
        "guidance": guidance_for_notice(lease, notice) if notice else None,
        "share": services.share_for_lease(session, case, lease, today),
        "timeline": timeline.build(lease, today),
    }


@bp.get("/")
def start() -> str:
    case = own_case()
    today = dt.date.today()
    session = get_session()
    context = _lease_context(case, today)
    offer = None if context["lease"] else services.waiting_offer(session, case)
    ended = None if context["lease"] else services.last_ended_lease(session, case)
    # Easy-read puts "when we meet next" first on the home page too.
    meeting = _meeting(services.latest_plan(session, case)) if current_user.easy_read else {}
    return render_template(
        "citizen/home.html",
        case=case,
        today=today,
        offer=offer,
        ended=ended,
        paused=case.paused_until is not None and case.paused_until > today,
        **context,
        **meeting,
    )


@bp.get("/plan")
def plan() -> str:
    case = own_case()
    the_plan = services.latest_plan(get_session(), case)
    own, professional = services.plan_goals(the_plan) if the_plan else ([], [])
    return render_template(
        "citizen/plan.html",
        case=case,
        plan=the_plan,
        own_goals=own,
        professional_goals=professional,
        **_meeting(the_plan),
    )


@bp.get("/rights")
def rights() -> str:
    case = own_case()
    today = dt.date.today()
    context = _lease_context(case, today)
    return render_template("citizen/rights.html", case=case, today=today, **context)


@bp.get("/seen-by")
def seen_by() -> str:
    case = own_case()
    page = request.args.get("page", 1, type=int) or 1
    reads = services.reads_of_case(get_session(), case, page)
    return render_template("citizen/seen_by.html", case=case, reads=reads)


@bp.get("/my-data")
def my_data() -> str:
    own_case()
    return render_template("citizen/my_data.html")


@bp.get("/my-data/download.json")
def download_json() -> ResponseReturnValue:
    case = own_case()
    data = export.case_export(get_session(), case, cpr_cipher())
    body = json.dumps(data, ensure_ascii=False, indent=2)
    filename = f"boligbro-{dt.date.today().isoformat()}.json"
    return current_app.response_class(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            # The citizen's own data, CPR included: never kept by a cache.
            "Cache-Control": "no-store",
        },
    )


@bp.get("/my-data/download.html")
def download_html() -> str:
    case = own_case()
    data = export.case_export(get_session(), case, cpr_cipher())
    return render_template("citizen/my_data_page.html", data=data)


@bp.route("/how-am-i-doing", methods=["GET", "POST"])
def survey() -> ResponseReturnValue:
    case = own_case()
    today = dt.date.today()
    session = get_session()
    questions = services.survey_questions(session, today)
    form = survey_form(questions, locale())
    error = None
    if form.validate_on_submit():
        try:
            services.save_survey_answers(
                session, current_user, case, survey_answers(form, questions), today
            )
        except DomainError as err:
            session.rollback()
            error = str(err)
        else:
            session.commit()
            flash(_("Thank you. Your answers are saved."), "success")
            return redirect(url_for("citizen.survey"))
    return render_template(
        "citizen/survey.html",
        form=form,
        questions=questions,
        error=error,
        earlier=services.earlier_answers(session, case),
    )


def _language_form(codes: tuple[str, ...]) -> LanguageForm:
    form = LanguageForm()
    form.language.choices = [SelectChoice(code, LANGUAGE_NAMES[code]) for code in codes]
    if request.method == "GET" or request.endpoint != "citizen.settings":
        form.language.data = current_user.preferred_language or locale()
    return form


def _settings_page(form: LanguageForm, easy_form: EasyReadForm) -> str:
    return render_template(
        "citizen/settings.html",
        form=form,
        easy_form=easy_form,
        saved=request.args.get("saved") == "1",
    )


@bp.route("/settings", methods=["GET", "POST"])
def settings() -> ResponseReturnValue:
    own_case()
    codes = supported_locales()
    form = _language_form(codes)
    if form.validate_on_submit():
        session = get_session()
        try:
            services.set_language(session, current_user, form.language.data, codes)
        except DomainError as err:
            session.rollback()
            form.language.errors.append(str(err))
        else:
            session.commit()
            # The next request reads the saved language first: the page answers in it at once.
            return redirect(url_for("citizen.settings", saved=1))
    easy_now = "on" if current_user.easy_read else "off"
    return _settings_page(form, EasyReadForm(formdata=None, easy_read=easy_now))


@bp.post("/settings/easy-read")
def easy_read() -> ResponseReturnValue:
    """Easy-read on or off, from the settings page or the toggle on every citizen page."""
    own_case()
    form = EasyReadForm()
    if not form.validate_on_submit():
        # A bad choice: the settings page with the error; nothing is saved.
        return _settings_page(_language_form(supported_locales()), form)
    on = form.easy_read.data == "on"
    session = get_session()
    services.set_easy_read(session, current_user, on)
    session.commit()
    if on:
        flash(pgettext("easy-read", "Easy-read is on. The pages now have short texts."), "success")
    else:
        flash(_("Easy-read is off. The pages show the full texts again."), "success")
    return redirect(_safe_citizen_path(form.next.data) or url_for("citizen.settings"))


from portal.citizen import offer_views  # noqa: E402,F401 - registers the offer pages on bp
