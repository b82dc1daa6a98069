"""The administration area: landlord requests, organisations, staff and the rules.

Thin views: load (scoped, 404 when missing or not the administrator's), check with
``portal.admin.policy``, act through the services, commit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from portal.accounts.models import Account, Role
from portal.admin import policy, services
from portal.admin.forms import ApproveForm, ConfirmForm, ImportForm, ReasonForm, rule_form_class
from portal.admin.rule_tables import BY_NAME, LOCALE_NAMES, LOCALES, TABLES, TableSpec, raw_values
from portal.admin.rules import RuleRefused, add_version, in_force, key_of, scheduled, versions
from portal.admin.rules_io import dumps, export_rules, import_rules
from portal.db import get_session
from portal.landlords.models import LandlordOrganisation, OrganisationKind, OrganisationStatus
from portal.rules.services import localized
from portal.security.access import restrict_blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
restrict_blueprint(bp, [Role.ADMINISTRATOR])

_TABLE = "any(" + ", ".join(spec.name for spec in TABLES) + "):table"


def _actor() -> Account:
    account: Account = current_user._get_current_object()
    return account


def _today() -> dt.date:
    return dt.date.today()


def _page_number() -> int:
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() and 0 < int(value) < 100_000 else 1


@bp.get("/")
def index() -> str:
    db = get_session()
    return render_template(
        "admin/index.html",
        pending=services.count_pending(db, _actor()),
        may_change_rules=policy.may_change_rules(_actor()),
    )


# -- Landlord organisations -------------------------------------------------------------

_STATUSES = {s.value: s for s in OrganisationStatus}


@bp.get("/organisations/")
def organisations() -> str:
    wanted = request.args.get("status", "pending")
    status = _STATUSES.get(wanted)
    if status is None:
        wanted = "all"
    page = services.list_organisations(get_session(), _actor(), status, _page_number())
    return render_template("admin/organisations.html", page=page, status=wanted)


def _organisation_or_404(org_id: int) -> LandlordOrganisation:
    org = services.load_organisation(get_session(), _actor(), org_id)
    if org is None:
        abort(404)
    return org


def _approve_form(org: LandlordOrganisation) -> ApproveForm:
    form = ApproveForm()
    form.municipality.choices = [SelectChoice("", _("Choose the municipality"))] + [
        SelectChoice(m.id, m.name) for m in services.municipalities(get_session())
    ]
    return form


def _needs_municipality(org: LandlordOrganisation) -> bool:
    return org.kind == OrganisationKind.MUNICIPAL and org.municipality_id is None


def _render_organisation(org: LandlordOrganisation, **forms: Any) -> str:
    return render_template(
        "admin/organisation.html",
        org=org,
        needs_municipality=_needs_municipality(org),
        approve_form=forms.get("approve_form") or _approve_form(org),
        refuse_form=forms.get("refuse_form") or ReasonForm(prefix="refuse"),
        suspend_form=forms.get("suspend_form") or ReasonForm(prefix="suspend"),
        confirm_form=ConfirmForm(),
    )


@bp.get("/organisations/<int:org_id>")
def organisation(org_id: int) -> str:
    return _render_organisation(_organisation_or_404(org_id))


def _done(org: LandlordOrganisation, message: str) -> ResponseReturnValue:
    get_session().commit()
    flash(message, "success")
    return redirect(url_for(".organisation", org_id=org.id), code=303)


@bp.post("/organisations/<int:org_id>/approve")
def approve(org_id: int) -> ResponseReturnValue:
    org = _organisation_or_404(org_id)
    form = _approve_form(org)
    if form.validate_on_submit():
        try:
            services.approve_organisation(
                get_session(), _actor(), org, form.municipality.data or None
            )
        except services.MunicipalityMissing as error:
            get_session().rollback()
            form.municipality.errors = [str(error)]
        else:
            return _done(org, _("The organisation is approved. Its members can use Boligbro."))
    return _render_organisation(org, approve_form=form)


@bp.post("/organisations/<int:org_id>/refuse")
def refuse(org_id: int) -> ResponseReturnValue:
    org = _organisation_or_404(org_id)
    form = ReasonForm(prefix="refuse")
    if form.validate_on_submit():
        services.refuse_organisation(get_session(), _actor(), org, form.reason.data or "")
        return _done(org, _("The request is refused. The landlord sees your reason."))
    return _render_organisation(org, refuse_form=form)


@bp.post("/organisations/<int:org_id>/suspend")
def suspend(org_id: int) -> ResponseReturnValue:
    org = _organisation_or_404(org_id)
    form = ReasonForm(prefix="suspend")
    if form.validate_on_submit():
        services.suspend_organisation(get_session(), _actor(), org, form.reason.data or "")
        return _done(org, _("The organisation is suspended."))
    return _render_organisation(org, suspend_form=form)


@bp.post("/organisations/<int:org_id>/reinstate")
def reinstate(org_id: int) -> ResponseReturnValue:
    org = _organisation_or_404(org_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.reinstate_organisation(get_session(), _actor(), org)
    return _done(org, _("The organisation has access again."))


# -- Staff ----------------------------------------------------------------------------


@bp.get("/staff/")
def staff() -> str:
    page = services.list_staff(get_session(), _actor(), _page_number())
    return render_template(
        "admin/staff.html",
        page=page,
        form=ConfirmForm(),
        may_change=lambda account: policy.may_change_staff(_actor(), account),
    )


def _set_active(account_id: int, active: bool) -> ResponseReturnValue:
    db = get_session()
    account = services.load_staff(db, _actor(), account_id)
    if account is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.set_staff_active(db, _actor(), account, active)
    db.commit()
    if active:
        flash(_("%(name)s can log in again.", name=account.display_name), "success")
    else:
        flash(_("%(name)s can no longer log in.", name=account.display_name), "success")
    return redirect(url_for(".staff", page=_page_number()), code=303)


@bp.post("/staff/<int:account_id>/deactivate")
def staff_deactivate(account_id: int) -> ResponseReturnValue:
    return _set_active(account_id, False)


@bp.post("/staff/<int:account_id>/reactivate")
def staff_reactivate(account_id: int) -> ResponseReturnValue:
    return _set_active(account_id, True)


# -- Rules ----------------------------------------------------------------------------


def _rules_context() -> dict[str, Any]:
    return {"may_change": policy.may_change_rules(_actor()), "tables": TABLES}


def _require_change() -> None:
    if not policy.may_change_rules(_actor()):
        abort(403)


@bp.get("/rules/")
def rules() -> str:
    return render_template("admin/rules.html", **_rules_context())


@bp.get(f"/rules/<{_TABLE}>/")
def rule_table(table: str) -> str:
    spec = BY_NAME[table]
    db = get_session()
    return render_template(
        "admin/rule_table.html",
        spec=spec,
        describe=_describe,
        rows=in_force(db, spec, _today()),
        later=scheduled(db, spec, _today()),
        **_rules_context(),
    )


def _describe(row: Any) -> str:
    """A rule's name for the list: its own name, or its text in the page's language."""
    if getattr(row, "name", None):
        return str(row.name)
    texts = getattr(row, "texts", None)
    for key in ("label", "question"):
        text = localized(texts, str(get_locale()), key)
        if text:
            return text
    return str(getattr(row, "description", None) or getattr(row, "source", "") or "")[:120]


def _row_or_404(spec: TableSpec, row_id: int) -> Any:
    row = get_session().get(spec.model, row_id)
    if row is None:
        abort(404)
    return row


@bp.get(f"/rules/<{_TABLE}>/<int:row_id>")
def rule(table: str, row_id: int) -> str:
    spec = BY_NAME[table]
    row = _row_or_404(spec, row_id)
    return render_template(
        "admin/rule.html",
        spec=spec,
        row=row,
        values=raw_values(spec, row),
        history=versions(get_session(), spec, key_of(spec, row)),
        locales=LOCALES,
        locale_names=LOCALE_NAMES,
        **_rules_context(),
    )


def _save_rule(spec: TableSpec, form: Any, *, new_rule: bool) -> ResponseReturnValue | None:
    if not form.validate_on_submit():
        return None
    db = get_session()
    try:
        row = add_version(
            db,
            _actor(),
            spec,
            form.cleaned,
            form.valid_from.data,
            today=_today(),
            new_rule=new_rule,
        )
    except RuleRefused as refusal:
        db.rollback()
        field = form._fields.get(refusal.field) or form.valid_from
        field.errors = [*field.errors, str(refusal)]
        return None
    db.commit()
    flash(_("The new version is saved. It takes effect on the date you chose."), "success")
    return redirect(url_for(".rule", table=spec.name, row_id=row.id), code=303)


def _render_rule_form(spec: TableSpec, form: Any, row: Any | None) -> str:
    return render_template(
        "admin/rule_form.html",
        spec=spec,
        form=form,
        row=row,
        locales=LOCALES,
        locale_names=LOCALE_NAMES,
        **_rules_context(),
    )


@bp.route(f"/rules/<{_TABLE}>/<int:row_id>/new-version", methods=["GET", "POST"])
def rule_new_version(table: str, row_id: int) -> ResponseReturnValue:
    _require_change()
    spec = BY_NAME[table]
    row = _row_or_404(spec, row_id)
    form_class = rule_form_class(spec, new_rule=False)
    tomorrow = _today() + dt.timedelta(days=1)
    form = (
        form_class()
        if request.method == "POST"
        else form_class(data={**raw_values(spec, row), "valid_from": tomorrow})
    )
    # The key is the rule's own: never taken from the form.
    form.fixed_keys = {k: v for k, v in raw_values(spec, row).items() if k in spec.keys}
    saved = _save_rule(spec, form, new_rule=False)
    return saved or _render_rule_form(spec, form, row)


@bp.route(f"/rules/<{_TABLE}>/new", methods=["GET", "POST"])
def rule_new(table: str) -> ResponseReturnValue:
    _require_change()
    spec = BY_NAME[table]
    form_class = rule_form_class(spec, new_rule=True)
    tomorrow = _today() + dt.timedelta(days=1)
    form = form_class() if request.method == "POST" else form_class(data={"valid_from": tomorrow})
    form.fixed_keys = {}
    saved = _save_rule(spec, form, new_rule=True)
    return saved or _render_rule_form(spec, form, None)


@bp.get("/rules/export.json")
def rules_export() -> Response:
    data = export_rules(get_session(), _today())
    response = Response(dumps(data), mimetype="application/json")
    name = f"boligbro-rules-{_today().isoformat()}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.route("/rules/import", methods=["GET", "POST"])
def rules_import() -> ResponseReturnValue:
    _require_change()
    form = ImportForm()
    problems: list[str] = []
    if form.validate_on_submit():
        db = get_session()
        result = import_rules(
            db, _actor(), form.file.data.read(), form.valid_from.data, today=_today()
        )
        if result.errors:
            db.rollback()
            problems = result.errors
        else:
            db.commit()
            flash(
                _(
                    "The rules are imported. New versions: %(added)s. "
                    "Already the same: %(unchanged)s.",
                    added=result.added,
                    unchanged=result.unchanged,
                ),
                "success",
            )
            return redirect(url_for(".rules"), code=303)
    return render_template("admin/rules_import.html", form=form, problems=problems)
