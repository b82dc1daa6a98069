"""Forms of the caseworker's lease screens: review, extension, take-over, notice, end,
follow-up and relapse."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.forms import BaseForm
from portal.leases.models import AlternativeOfferKind, NoticeReason, ReviewDecision
from portal.outcomes.models import RelapseCause, StillHoused

REVIEW_DECISIONS = [
    SelectChoice(ReviewDecision.CONTINUE.value, _l("Continue as planned")),
    SelectChoice(ReviewDecision.EXTEND.value, _l("Extend the lease")),
    SelectChoice(ReviewDecision.PREPARE_END.value, _l("Prepare the move on")),
]

# Translators: the reasons a temporary lease may be ended with notice (opsigelse).
NOTICE_REASONS = [
    SelectChoice(NoticeReason.BREACH.value, _l("Breach of the lease (arrears or house rules)")),
    SelectChoice(NoticeReason.IMPROVED.value, _l("No longer in the target group: doing better")),
    SelectChoice(
        NoticeReason.NEEDS_MORE_SUPPORT.value,
        _l("No longer in the target group: needs more support"),
    ),
    SelectChoice(NoticeReason.DECLINES_SUPPORT.value, _l("Declines the support")),
    SelectChoice(NoticeReason.PURPOSE_REACHED.value, _l("The purpose of the lease is reached")),
]

ALTERNATIVE_OFFERS = [
    SelectChoice(AlternativeOfferKind.ORDINARY_HOME.value, _l("An ordinary home")),
    SelectChoice(AlternativeOfferKind.TAKE_OVER.value, _l("Taking over the home")),
    # Translators: bomiljø, supported housing under the social housing act.
    SelectChoice(AlternativeOfferKind.SUPPORTED_HOUSING.value, _l("A supported housing unit")),
    # Translators: botilbud, residential care under the social services act.
    SelectChoice(AlternativeOfferKind.RESIDENTIAL_CARE.value, _l("Residential care")),
    SelectChoice(AlternativeOfferKind.ORIGINAL_OFFER.value, _l("Back to the original offer")),
]

RELAPSE_CAUSES = [
    SelectChoice(RelapseCause.HEALTH.value, _l("Health")),
    SelectChoice(RelapseCause.SUBSTANCE_USE.value, _l("Substance use")),
    SelectChoice(RelapseCause.ECONOMY.value, _l("Economy or arrears")),
    SelectChoice(RelapseCause.ISOLATION.value, _l("Isolation")),
    SelectChoice(RelapseCause.CONFLICT.value, _l("Conflict")),
    SelectChoice(RelapseCause.OTHER.value, _l("Other")),
]

STILL_HOUSED = [
    SelectChoice(StillHoused.YES.value, _l("Yes, still housed")),
    SelectChoice(StillHoused.NO.value, _l("No, not housed there any more")),
    SelectChoice(StillHoused.UNKNOWN.value, _l("Unknown")),
]


class ReviewForm(BaseForm):
    held_on = DateField(_l("Date of the review"), validators=[InputRequired()])
    decision = SelectField(_l("Decision"), choices=REVIEW_DECISIONS, validators=[InputRequired()])
    next_review = DateField(_l("Next review"), validators=[Optional()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=4000)])


class ExtendForm(BaseForm):
    new_planned_end = DateField(_l("New planned end"), validators=[InputRequired()])
    note = TextAreaField(
        _l("Why is the lease extended?"), validators=[Optional(), Length(max=2000)]
    )


class EndForm(BaseForm):
    ended_on = DateField(_l("Moving date"), validators=[InputRequired()])
    destination = SelectField(
        _l("Where the citizen moves to"), coerce=int, validators=[InputRequired()]
    )
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])


class TakeOverForm(EndForm):
    pass


class RelapseForm(BaseForm):
    occurred_on = DateField(_l("Date of the relapse"), validators=[InputRequired()])
    cause = SelectField(_l("Cause"), choices=RELAPSE_CAUSES, validators=[InputRequired()])
    action = TextAreaField(
        _l("What was done about it?"), validators=[DataRequired(), Length(max=2000)]
    )


class FollowUpForm(BaseForm):
    follow_up_id = IntegerField(validators=[InputRequired()])
    still_housed = SelectField(
        _l("Is the citizen still housed?"), choices=STILL_HOUSED, validators=[InputRequired()]
    )


class NoticeForm(BaseForm):
    """The notice wizard: one form, shown a step at a time; earlier answers ride along as
    hidden fields so the wizard works without JavaScript."""

    step = HiddenField(default="reason")
    reason = SelectField(
        _l("Why is notice given?"),
        choices=[SelectChoice("", "—"), *NOTICE_REASONS],
        validators=[Optional()],
    )
    breach_id = SelectField(
        _l("Which reported breach?"),
        coerce=lambda v: int(v) if v else None,
        validators=[Optional()],
    )
    alternative_offer = SelectField(
        _l("What other home is offered?"),
        choices=[SelectChoice("", "—"), *ALTERNATIVE_OFFERS],
        validators=[Optional()],
    )
    alternative_details = TextAreaField(
        _l("Details of the offer (address, when)"), validators=[Optional(), Length(max=2000)]
    )
    notice_date = DateField(_l("Date of the notice"), validators=[Optional()])
    note = TextAreaField(_l("Internal note"), validators=[Optional(), Length(max=2000)])


class PaymentDemandForm(BaseForm):
    """The payment demand (påkrav) for reported arrears, with 14 days to pay."""

    breach_id = IntegerField(validators=[InputRequired()])
    # Translators: påkrav — the written demand to pay rent owed before notice can be given.
    sent_on = DateField(_l("Date the payment demand was sent"), validators=[InputRequired()])
