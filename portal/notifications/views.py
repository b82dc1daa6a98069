"""The inbox (every signed-in role), its settings, and the administrators' outbox page.

Thin views: load (scoped to the signed-in account; 404 when not theirs), act through the
services, commit.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.routing import BuildError

from portal.accounts.models import Account, Role
from portal.db import get_session
from portal.municipalities.models import Municipality
from portal.notifications import outbox, policy, services
from portal.notifications.events import TEXTS
from portal.notifications.forms import ChannelsForm, ConfirmForm, MunicipalityChannelsForm
from portal.notifications.models import Notification
from portal.security.access import restrict_blueprint

bp = Blueprint("notifications", __name__, url_prefix="/inbox")
restrict_blueprint(bp, list(Role))

admin_bp = Blueprint("outbox_admin", __name__, url_prefix="/admin/outbox")
restrict_blueprint(admin_bp, [Role.ADMINISTRATOR])

# Each role reads its inbox inside its own menu.
_LAYOUTS = {
    Role.CITIZEN: "citizen/layout.html",
    Role.LANDLORD: "landlords/layout.html",
    Role.CASEWORKER: "notifications/_staff_layout.html",
    Role.ADMINISTRATOR: "admin/layout.html",
}


def _actor() -> Account:
    account: Account = current_user._get_current_object()
    return account


def _page_number() -> int:
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() and 0 < int(value) < 100_000 else 1


def _render(template: str, **context: Any) -> str:
    actor = _actor()
    return render_template(
        template,
        area_layout=_LAYOUTS[actor.role],
        in_citizen_area=actor.role == Role.CITIZEN,
        # What templates/citizen/layout.html reads from the citizen area's own context.
        easy_read=actor.role == Role.CITIZEN and actor.easy_read,
        back_to=request.path,
        texts=TEXTS,
        **context,
    )


@bp.get("/")
def index() -> str:
    page = services.inbox(get_session(), _actor(), _page_number())
    return _render("notifications/inbox.html", page=page, form=ConfirmForm())


def _link(notification: Notification) -> str:
    try:
        return url_for(notification.endpoint, **notification.values)
    except BuildError:
        # The page has moved or gone since the notification was written.
        return url_for(".index")


@bp.get("/<int:notification_id>")
def open_item(notification_id: int) -> ResponseReturnValue:
    """Opening an item marks it read and goes to the page it is about."""
    session = get_session()
    notification = services.get_own(session, _actor(), notification_id)
    if notification is None:
        abort(404)
    services.mark_read(session, _actor(), notification)
    session.commit()
    return redirect(_link(notification), code=303)


@bp.post("/read-all")
def read_all() -> ResponseReturnValue:
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    session = get_session()
    services.mark_all_read(session, _actor())
    session.commit()
    flash(_("All your notifications are marked as read."), "success")
    return redirect(url_for(".index"), code=303)


@bp.route("/settings", methods=["GET", "POST"])
def settings() -> ResponseReturnValue:
    actor = _actor()
    form = ChannelsForm(
        formdata=request.form if request.method == "POST" else None,
        data={"notify_email": actor.notify_email, "notify_sms": actor.notify_sms},
    )
    if request.method == "POST":
        if not form.validate():
            abort(400)
        session = get_session()
        outbox.set_own_channels(
            session, actor, email=bool(form.notify_email.data), sms=bool(form.notify_sms.data)
        )
        session.commit()
        flash(_("Your choice is saved."), "success")
        return redirect(url_for(".settings"), code=303)
    contact = services.contact_of(get_session(), actor)
    return _render("notifications/settings.html", form=form, actor=actor, contact=contact)


# -- Administrators: failed and long-pending messages ------------------------------------


@admin_bp.get("/")
def problems() -> str:
    session = get_session()
    actor = _actor()
    page = outbox.list_problems(session, actor, _page_number())
    municipality = (
        session.get(Municipality, actor.municipality_id) if actor.municipality_id else None
    )
    channels_form = None
    if municipality is not None:
        channels_form = MunicipalityChannelsForm(
            formdata=None,
            data={"notify_email": municipality.notify_email, "notify_sms": municipality.notify_sms},
        )
    return render_template(
        "notifications/outbox.html",
        page=page,
        form=ConfirmForm(),
        municipality=municipality,
        channels_form=channels_form,
        texts=TEXTS,
        is_network_admin=policy.is_network_admin(actor),
    )


@admin_bp.post("/<int:row_id>/retry")
def retry(row_id: int) -> ResponseReturnValue:
    session = get_session()
    row = outbox.load_message(session, _actor(), row_id)
    if row is None:
        abort(404)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    outbox.retry(session, _actor(), row)
    session.commit()
    flash(_("The message will be sent again soon."), "success")
    return redirect(url_for(".problems"), code=303)


@admin_bp.post("/channels")
def channels() -> ResponseReturnValue:
    session = get_session()
    actor = _actor()
    if actor.municipality_id is None:
        abort(404)
    municipality = session.get_one(Municipality, actor.municipality_id)
    form = MunicipalityChannelsForm()
    if not form.validate_on_submit():
        abort(400)
    outbox.set_municipality_channels(
        session,
        actor,
        municipality,
        email=bool(form.notify_email.data),
        sms=bool(form.notify_sms.data),
    )
    session.commit()
    flash(_("The municipality's notification channels are saved."), "success")
    return redirect(url_for(".problems"), code=303)


def _inbox_unread() -> int | None:
    """For the menus: one COUNT query, only for a signed-in user."""
    if not current_user.is_authenticated:
        return None
    return services.unread_count(get_session(), _actor())


def init_app(app: Any) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(admin_bp)
    app.add_template_global(_inbox_unread, "inbox_unread")
