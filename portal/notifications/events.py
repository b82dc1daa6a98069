"""What notifies, and the words each notification uses.

The texts carry no personal data: an e-mail or SMS only says that something waits in
Boligbro and links to it; the content is read after login. They are lazy msgids, so
they are rendered in the recipient's language when shown or sent, not when written.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l


class Kind(enum.StrEnum):
    # citizen
    OFFER_NEW = "offer_new"
    OFFER_DEADLINE = "offer_deadline"
    MEETING_REMINDER = "meeting_reminder"
    LETTER_READY = "letter_ready"
    DECISION_READY = "decision_ready"
    # landlord
    TENANT_PROPOSED = "tenant_proposed"
    OFFER_APPROVED = "offer_approved"
    # caseworker
    CITIZEN_ANSWERED = "citizen_answered"
    LANDLORD_ANSWERED = "landlord_answered"
    BREACH_REPORTED = "breach_reported"
    REVIEW_DUE = "review_due"
    FOLLOW_UP_DUE = "follow_up_due"


@dataclass(frozen=True)
class Text:
    """A short title (also the e-mail subject) and one plain line."""

    title: LazyString
    line: LazyString


TEXTS: dict[Kind, Text] = {
    Kind.OFFER_NEW: Text(
        _l("New offer of a home"),
        _l("You have a new offer of a home in Boligbro. Log in to Boligbro to see it."),
    ),
    Kind.OFFER_DEADLINE: Text(
        _l("Answer your offer soon"),
        _l("The time to answer your offer of a home is running out. Log in to Boligbro to answer."),
    ),
    Kind.MEETING_REMINDER: Text(
        _l("Meeting soon"), _l("You have a meeting soon. Log in to Boligbro to see when and where.")
    ),
    Kind.LETTER_READY: Text(
        _l("New letter"), _l("You have a new letter in Boligbro. Log in to Boligbro to read it.")
    ),
    Kind.DECISION_READY: Text(
        _l("New decision"),
        _l("There is a new decision for you in Boligbro. Log in to Boligbro to read it."),
    ),
    Kind.TENANT_PROPOSED: Text(
        _l("Tenant proposed"),
        _l("A tenant has been proposed for one of your homes. Log in to Boligbro to answer."),
    ),
    Kind.OFFER_APPROVED: Text(
        _l("Tenant approved"),
        _l("A tenant for one of your homes has been approved. Log in to Boligbro to see it."),
    ),
    Kind.CITIZEN_ANSWERED: Text(
        _l("A citizen has answered"),
        _l("A citizen has answered an offer. Log in to Boligbro to see the answer."),
    ),
    Kind.LANDLORD_ANSWERED: Text(
        _l("A landlord has answered"),
        _l("A landlord has answered an offer. Log in to Boligbro to see the answer."),
    ),
    Kind.BREACH_REPORTED: Text(
        _l("Breach reported"),
        _l("A landlord has reported a breach of a lease. Log in to Boligbro to read it."),
    ),
    Kind.REVIEW_DUE: Text(
        _l("Review due"), _l("A lease is due for review. Log in to Boligbro to see it.")
    ),
    Kind.FOLLOW_UP_DUE: Text(
        _l("Follow-up due"), _l("A follow-up is due. Log in to Boligbro to see it.")
    ),
}

__all__ = ["TEXTS", "Kind", "Text"]
