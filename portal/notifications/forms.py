"""Forms of the inbox and its settings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from portal.forms import BaseForm


class ConfirmForm(BaseForm):
    """No fields: the CSRF token keeps another site from acting for the user."""


class ChannelsForm(BaseForm):
    notify_email = BooleanField(_l("Tell me by e-mail when something new waits in Boligbro"))
    notify_sms = BooleanField(_l("Tell me by text message (SMS) when something new waits"))


class MunicipalityChannelsForm(BaseForm):
    notify_email = BooleanField(_l("Send notifications by e-mail"))
    notify_sms = BooleanField(_l("Send notifications by text message (SMS)"))
