"""The landlord's units: list, create, edit, publish, withdraw, photos, CSV import."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import FileStorage

from portal.accounts.models import Role
from portal.db import get_session
from portal.landlords.acting import acting, load_acting
from portal.security.access import restrict_blueprint
from portal.storage import storage
from portal.units import importer, policy, services
from portal.units.forms import ActionForm, ImportForm, PhotoForm, UnitFilterForm, UnitForm
from portal.units.models import HousingKind, Unit, UnitPhoto, UnitStatus
from portal.units.photos import PhotoRejected, process_photo

bp = Blueprint("units", __name__, url_prefix="/landlord/units")
restrict_blueprint(bp, [Role.LANDLORD])
bp.before_request(load_acting)

PAGE_SIZE = 25

_SORTS = {
    "address": (Unit.street, Unit.number, Unit.floor, Unit.door),
    "rent": (Unit.rent, Unit.id),
    "available": (Unit.available_from, Unit.id),
    "newest": (Unit.id.desc(),),
}


def _org_ids() -> set[int]:
    return {acting().org_id}


def _get_unit(unit_id: int) -> Unit:
    """The unit, if it belongs to the organisation acted for; otherwise 404."""
    unit = (
        get_session()
        .scalars(select(Unit).where(Unit.id == unit_id, Unit.organisation_id == acting().org_id))
        .first()
    )
    if unit is None or not policy.may_see_unit(acting().org_id, unit):
        abort(404)
    return unit


def _get_photo(unit_id: int, photo_id: int) -> UnitPhoto:
    photo = (
        get_session()
        .scalars(
            select(UnitPhoto)
            .join(Unit, Unit.id == UnitPhoto.unit_id)
            .where(
                UnitPhoto.id == photo_id,
                UnitPhoto.unit_id == unit_id,
                Unit.organisation_id == acting().org_id,
            )
        )
        .first()
    )
    if photo is None:
        abort(404)
    return photo


def _filtered(form: UnitFilterForm) -> Select[Any]:
    stmt = select(Unit).where(Unit.organisation_id == acting().org_id)
    if form.status.data in {s.value for s in UnitStatus}:
        stmt = stmt.where(Unit.status == UnitStatus(form.status.data))
    if form.kind.data in {k.value for k in HousingKind}:
        stmt = stmt.where(Unit.housing_kind == HousingKind(form.kind.data))
    if form.q.data:
        like = "%" + form.q.data.replace("%", "").replace("_", "") + "%"
        stmt = stmt.where(
            or_(Unit.street.ilike(like), Unit.postcode.like(like), Unit.city.ilike(like))
        )
    return stmt


@bp.get("/")
def index() -> ResponseReturnValue:
    form = UnitFilterForm(request.args)
    if not form.validate():
        form = UnitFilterForm()
    db = get_session()
    stmt = _filtered(form)
    total = db.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(page, pages)
    units = db.scalars(
        stmt.order_by(*_SORTS.get(form.sort.data or "address", _SORTS["address"]))
        # The thumbnails in one more query, not one per unit.
        .options(selectinload(Unit.photos))
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "units/index.html",
        form=form,
        units=units,
        total=total,
        page=page,
        pages=pages,
        args=args,
    )


@bp.route("/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    form = UnitForm()
    if form.validate_on_submit():
        db = get_session()
        data = form.to_data()
        errors = services.check_unit(db, data)
        if not errors:
            unit = services.create_unit(db, current_user, acting().organisation, data)
            db.commit()
            flash(_("The home is saved as a draft. Publish it when it is ready."), "success")
            return redirect(url_for(".show", unit_id=unit.id), code=303)
        form.add_errors(errors)
    return render_template("units/form.html", form=form, unit=None)


@bp.get("/<int:unit_id>")
def show(unit_id: int) -> ResponseReturnValue:
    unit = _get_unit(unit_id)
    return render_template(
        "units/show.html",
        unit=unit,
        action_form=ActionForm(),
        photo_form=PhotoForm(),
        may_publish=policy.may_publish(unit),
        may_withdraw=policy.may_withdraw(unit),
        in_offer=services.in_open_offer(get_session(), unit.id),
        max_photos=policy.MAX_PHOTOS,
    )


@bp.route("/<int:unit_id>/edit", methods=["GET", "POST"])
def edit(unit_id: int) -> ResponseReturnValue:
    unit = _get_unit(unit_id)
    db = get_session()
    form = UnitForm(obj=None if request.method == "POST" else services.unit_data(unit))
    if request.method == "GET":
        form.stairwell.data = _stairwell(unit)
    in_offer = services.in_open_offer(db, unit.id)
    if form.validate_on_submit():
        data = form.to_data()
        errors = services.check_unit(db, data)
        if not errors:
            try:
                services.update_unit(db, current_user, _org_ids(), unit, data)
            except services.UnitError as error:
                db.rollback()
                form.add_errors({error.field or "rent": str(error)})
            else:
                db.commit()
                flash(_("Your changes are saved."), "success")
                return redirect(url_for(".show", unit_id=unit.id), code=303)
        else:
            form.add_errors(errors)
    return render_template("units/form.html", form=form, unit=unit, in_offer=in_offer)


def _stairwell(unit: Unit) -> str:
    # The key is "street number [stairwell] postcode": what lies between is the stairwell.
    head = f"{unit.street} {unit.number}".lower()
    key = unit.building_key
    if key.startswith(head) and key.endswith(unit.postcode):
        return key[len(head) : len(key) - len(unit.postcode)].strip(" ,")
    return ""


def _status_change(unit_id: int, change: str) -> ResponseReturnValue:
    unit = _get_unit(unit_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    db = get_session()
    try:
        if change == "publish":
            services.publish_unit(db, current_user, _org_ids(), unit)
            message = _("The home is published. The municipality can now offer it to a citizen.")
        else:
            services.withdraw_unit(db, current_user, _org_ids(), unit)
            message = _("The home is withdrawn. The municipality cannot offer it now.")
    except services.UnitError as error:
        db.rollback()
        flash(str(error), "error")
    else:
        db.commit()
        flash(message, "success")
    return redirect(url_for(".show", unit_id=unit_id), code=303)


@bp.post("/<int:unit_id>/publish")
def publish(unit_id: int) -> ResponseReturnValue:
    return _status_change(unit_id, "publish")


@bp.post("/<int:unit_id>/withdraw")
def withdraw(unit_id: int) -> ResponseReturnValue:
    return _status_change(unit_id, "withdraw")


# -- photos ----------------------------------------------------------------------------


@bp.post("/<int:unit_id>/photos")
def upload_photo(unit_id: int) -> ResponseReturnValue:
    unit = _get_unit(unit_id)
    form = PhotoForm()
    db = get_session()
    error: str | None = None
    if not form.validate_on_submit():
        error = _("The photo could not be uploaded. Please try again.")
    else:
        upload = form.photo.data
        data = _read(upload, 11 * 1024 * 1024)
        try:
            processed = process_photo(data)
            services.add_photo(
                db, current_user, _org_ids(), unit, processed, storage(), form.alt_text.data
            )
        except PhotoRejected as rejected:
            db.rollback()
            error = str(rejected.message)
        except services.UnitError as refused:
            db.rollback()
            error = str(refused)
        else:
            db.commit()
            flash(_("The photo is added."), "success")
            return redirect(url_for(".show", unit_id=unit.id, _anchor="photos"), code=303)
    return render_template(
        "units/show.html",
        unit=unit,
        action_form=ActionForm(),
        photo_form=form,
        photo_error=error,
        may_publish=policy.may_publish(unit),
        may_withdraw=policy.may_withdraw(unit),
        in_offer=services.in_open_offer(db, unit.id),
        max_photos=policy.MAX_PHOTOS,
    ), 422


def _read(upload: FileStorage | None, limit: int) -> bytes:
    """At most ``limit`` bytes of an uploaded file (one more tells it is too large)."""
    if upload is None:
        return b""
    try:
        return upload.read(limit)
    finally:
        # A large upload is spooled to a temporary file: close it now, not at collection.
        upload.close()


def _serve(key: str) -> Response:
    try:
        data = storage().get(key)
    except KeyError:
        abort(404)
    response = Response(data, mimetype="image/jpeg")
    # Only members of the organisation may see it: never in a shared cache.
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@bp.get("/<int:unit_id>/photos/<int:photo_id>")
def photo(unit_id: int, photo_id: int) -> Response:
    return _serve(_get_photo(unit_id, photo_id).storage_key)


@bp.get("/<int:unit_id>/photos/<int:photo_id>/thumbnail")
def thumbnail(unit_id: int, photo_id: int) -> Response:
    return _serve(_get_photo(unit_id, photo_id).thumbnail_key)


@bp.post("/<int:unit_id>/photos/<int:photo_id>/delete")
def delete_photo(unit_id: int, photo_id: int) -> ResponseReturnValue:
    found = _get_photo(unit_id, photo_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    db = get_session()
    services.delete_photo(db, current_user, _org_ids(), found, storage())
    db.commit()
    flash(_("The photo is deleted."), "success")
    return redirect(url_for(".show", unit_id=unit_id, _anchor="photos"), code=303)


# -- CSV import ------------------------------------------------------------------------


@bp.route("/import", methods=["GET", "POST"])
def import_units() -> ResponseReturnValue:
    form = ImportForm()
    result: importer.ImportResult | None = None
    status = 200
    if form.validate_on_submit():
        upload = form.file.data
        raw = _read(upload, importer.MAX_BYTES + 1)
        db = get_session()
        result = importer.read_csv(db, raw)
        if result.ok:
            count = importer.import_rows(db, current_user, acting().organisation, result.rows)
            db.commit()
            flash(
                ngettext(
                    "%(num)d home is imported as a draft. Publish it when it is ready.",
                    "%(num)d homes are imported as drafts. Publish them when they are ready.",
                    count,
                ),
                "success",
            )
            return redirect(url_for(".index", status="draft"), code=303)
        db.rollback()
        status = 422
    return render_template(
        "units/import.html", form=form, result=result, columns=importer.COLUMNS
    ), status


@bp.get("/import/template.csv")
def import_template() -> Response:
    response = Response(importer.template_csv(), mimetype="text/csv")
    response.headers["Content-Disposition"] = "attachment; filename=boligbro-boliger.csv"
    return response
