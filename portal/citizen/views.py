"""The citizen's own pages: my home, my plan, my rights, who has seen my data, my data,
how am I doing, settings. Offers and photos are in :mod:`portal.citizen.offer_views`.

Every page loads the citizen's own case (the case linked to the signed-in account) or
answers 404; nothing here takes a case id from the request.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from portal.accounts.models import Role
from portal.cases.cpr import cpr_cipher
from portal.cases.models import Case
from portal.citizen import export, services, timeline, wording
from portal.citizen.forms import LanguageForm, survey_answers, survey_form
from portal.db import get_session
from portal.errors import DomainError
from portal.i18n import LANGUAGE_NAMES, supported_locales
from portal.leases.notice import guidance_for_notice
from portal.leases.terms import term_limit
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
    return {"citizen_words": wording, "localized": localized}


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
    return render_template(
        "citizen/home.html",
        case=case,
        today=today,
        offer=offer,
        ended=ended,
        paused=case.paused_until is not None and case.paused_until > today,
        **context,
    )


@bp.get("/plan")
def plan() -> str:
    case = own_case()
    the_plan = services.latest_plan(get_session(), case)
    own, professional = services.plan_goals(the_plan) if the_plan else ([], [])
    now = dt.datetime.now(dt.UTC)
    coming = [
        (a.next_meeting_at, a)
        for a in (the_plan.activities if the_plan else [])
        if a.next_meeting_at is not None and a.next_meeting_at >= now
    ]
    next_meeting = min(coming, key=lambda pair: pair[0])[1] if coming else None
    return render_template(
        "citizen/plan.html",
        case=case,
        plan=the_plan,
        own_goals=own,
        professional_goals=professional,
        next_meeting=next_meeting,
        # Meetings are stored in UTC; the citizen reads Danish time.
        meeting_at=next_meeting.next_meeting_at.astimezone(DANISH_TIME)
        if next_meeting and next_meeting.next_meeting_at
        else None,
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


@bp.route("/settings", methods=["GET", "POST"])
def settings() -> ResponseReturnValue:
    own_case()
    form = LanguageForm()
    codes = supported_locales()
    form.language.choices = [SelectChoice(code, LANGUAGE_NAMES[code]) for code in codes]
    if request.method == "GET":
        form.language.data = current_user.preferred_language or locale()
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
    return render_template(
        "citizen/settings.html", form=form, saved=request.args.get("saved") == "1"
    )


from portal.citizen import offer_views  # noqa: E402,F401 - registers the offer pages on bp
