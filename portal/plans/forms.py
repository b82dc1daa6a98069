"""Forms of the plan pages, and the words for the Fælles Faglige Begreber vocabulary."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from portal.forms import BaseForm
from portal.plans.models import (
    FollowUpDecision,
    GoalKind,
    GoalStatus,
    GoalType,
    Level,
    SupportKind,
    Theme,
    UpdateSource,
)


def goal_kind_label(value: GoalKind | str) -> Any:
    return {
        GoalKind.CITIZEN: _l("The citizen's own goal"),
        # Translators: indsatsmål in Fælles Faglige Begreber.
        GoalKind.PROFESSIONAL: _l("Professional goal"),
        # Translators: delmål in Fælles Faglige Begreber.
        GoalKind.SUB_GOAL: _l("Sub-goal"),
    }[GoalKind(value)]


def goal_type_label(value: GoalType | str) -> Any:
    return {
        GoalType.DEVELOP: _l("Develop"),
        GoalType.MAINTAIN: _l("Maintain"),
        GoalType.LIMIT_LOSS: _l("Limit loss"),
    }[GoalType(value)]


def theme_label(value: Theme | str) -> Any:
    return {
        Theme.HOUSING: _l("Housing"),
        Theme.ECONOMY: _l("Economy"),
        Theme.EDUCATION_WORK: _l("Education and work"),
        Theme.HEALTH: _l("Health"),
        Theme.RELATIONS: _l("Relations"),
        Theme.DAILY_LIVING: _l("Daily living"),
    }[Theme(value)]


def level_label(value: Level | str) -> Any:
    # Translators: the five-step level scale of Fælles Faglige Begreber (ingen, lette,
    # moderate, svære, fuldstændige begrænsninger; ikke vurderet).
    return {
        Level.NONE: _l("No limitations"),
        Level.LIGHT: _l("Light limitations"),
        Level.MODERATE: _l("Moderate limitations"),
        Level.SEVERE: _l("Severe limitations"),
        Level.COMPLETE: _l("Complete limitations"),
        Level.NOT_ASSESSED: _l("Not assessed"),
    }[Level(value)]


def goal_status_label(value: GoalStatus | str) -> Any:
    return {
        GoalStatus.ACTIVE: _l("Being worked on"),
        GoalStatus.REACHED: _l("Reached"),
        GoalStatus.PARTLY_REACHED: _l("Partly reached"),
        GoalStatus.NOT_REACHED: _l("Not reached"),
    }[GoalStatus(value)]


def source_label(value: UpdateSource | str) -> Any:
    return {
        UpdateSource.CITIZEN: _l("The citizen"),
        UpdateSource.CASEWORKER: _l("Caseworker"),
        UpdateSource.SUPPORT_WORKER: _l("Support worker"),
    }[UpdateSource(value)]


def support_kind_label(value: SupportKind | str) -> Any:
    return {
        SupportKind.SOCIAL: _l("Social support"),
        SupportKind.INTEGRATION: _l("Integration"),
        SupportKind.EMPLOYMENT: _l("Employment"),
    }[SupportKind(value)]


def decision_label(value: FollowUpDecision | str) -> Any:
    return {
        FollowUpDecision.CONTINUE: _l("Continue the support"),
        FollowUpDecision.END_AND_REFER: _l("End the support and refer to other help"),
        FollowUpDecision.END: _l("End the support"),
    }[FollowUpDecision(value)]


def _optional_int(value: Any) -> int | None:
    return int(value) if value not in (None, "", "None") else None


def _optional_enum(value: Any) -> str | None:
    return value or None


_LEVELS = [SelectChoice(lv.value, level_label(lv)) for lv in Level]


class PlanForm(BaseForm):
    # Translators: indsatsformål, the purpose of the support.
    purpose = TextAreaField(
        _l("Purpose of the support"),
        validators=[DataRequired(_l("Write the purpose of the support.")), Length(max=4000)],
    )
    expected_duration_months = IntegerField(
        _l("Expected duration in months (optional)"),
        validators=[Optional(), NumberRange(min=1, max=120)],
    )
    start_date = DateField(_l("Start"), validators=[DataRequired(_l("Write the date."))])
    next_follow_up = DateField(_l("Next follow-up (optional)"), validators=[Optional()])


class GoalForm(BaseForm):
    kind = RadioField(
        _l("Kind of goal"),
        choices=[SelectChoice(k.value, goal_kind_label(k)) for k in GoalKind],
        validators=[DataRequired(_l("Choose the kind of goal."))],
    )
    parent_id = SelectField(
        _l("Belongs to the professional goal (only for a sub-goal)"), coerce=_optional_int
    )
    text = TextAreaField(
        _l("The goal"),
        description=_l("Write the citizen's own goal in their own words and language."),
        validators=[DataRequired(_l("Write the goal.")), Length(max=4000)],
    )
    goal_type = SelectField(
        _l("Type of goal"),
        choices=[SelectChoice("", "—")]
        + [SelectChoice(t.value, goal_type_label(t)) for t in GoalType],
        coerce=_optional_enum,
    )
    theme = SelectField(
        _l("Theme"),
        choices=[SelectChoice("", "—")] + [SelectChoice(t.value, theme_label(t)) for t in Theme],
        coerce=_optional_enum,
    )
    level_now = SelectField(_l("Level now"), choices=_LEVELS, default=Level.NOT_ASSESSED.value)
    level_target = SelectField(
        _l("Target level"), choices=_LEVELS, default=Level.NOT_ASSESSED.value
    )
    target_date = DateField(_l("Target date (optional)"), validators=[Optional()])
    follow_up_date = DateField(_l("Follow-up date (optional)"), validators=[Optional()])
    status = SelectField(
        _l("Where the goal stands"),
        choices=[SelectChoice(s.value, goal_status_label(s)) for s in GoalStatus],
        default=GoalStatus.ACTIVE.value,
    )


class UpdateForm(BaseForm):
    written_on = DateField(_l("Date"), validators=[DataRequired(_l("Write the date."))])
    source = RadioField(
        _l("Who says this"),
        choices=[SelectChoice(s.value, source_label(s)) for s in UpdateSource],
        validators=[DataRequired(_l("Choose who says this."))],
    )
    author_name = StringField(
        _l("Name of the person (optional)"),
        description=_l("Leave empty if it is you."),
        validators=[Optional(), Length(max=200)],
    )
    text = TextAreaField(
        _l("The update"),
        description=_l("The citizen's own words are kept as written."),
        validators=[DataRequired(_l("Write the update.")), Length(max=4000)],
    )
    citizen_visible = RadioField(
        _l("Who can read it"),
        choices=[
            SelectChoice("yes", _l("The citizen can read it in Boligbro")),
            SelectChoice("no", _l("Internal: only staff can read it")),
        ],
        validators=[DataRequired(_l("Choose who can read the update."))],
    )
    level = SelectField(
        _l("New level now (optional)"),
        choices=[SelectChoice("", "—"), *_LEVELS],
        coerce=_optional_enum,
    )


class ActivityForm(BaseForm):
    kind = RadioField(
        _l("Kind of support"),
        choices=[SelectChoice(k.value, support_kind_label(k)) for k in SupportKind],
        validators=[DataRequired(_l("Choose the kind of support."))],
    )
    description = StringField(
        _l("What the support is"),
        validators=[DataRequired(_l("Write what the support is.")), Length(max=1000)],
    )
    provider = StringField(
        _l("Who gives it"),
        validators=[DataRequired(_l("Write who gives the support.")), Length(max=200)],
    )
    frequency = StringField(
        _l("How often (optional)"),
        description=_l("For example: once a week."),
        validators=[Optional(), Length(max=100)],
    )
    contact_name = StringField(
        _l("Contact person (optional)"), validators=[Optional(), Length(max=200)]
    )
    contact_phone = TelField(
        _l("Contact phone (optional)"), validators=[Optional(), Length(max=30)]
    )
    contact_email = EmailField(
        _l("Contact email (optional)"), validators=[Optional(), Email(), Length(max=200)]
    )
    start_date = DateField(_l("Start"), validators=[DataRequired(_l("Write the date."))])
    end_date = DateField(_l("End (optional)"), validators=[Optional()])
    next_meeting_on = DateField(_l("Next meeting: date (optional)"), validators=[Optional()])
    next_meeting_time = TimeField(_l("Next meeting: time (optional)"), validators=[Optional()])


class DecisionForm(BaseForm):
    decision = RadioField(
        _l("Decision at the follow-up"),
        choices=[SelectChoice(d.value, decision_label(d)) for d in FollowUpDecision],
        validators=[DataRequired(_l("Choose a decision."))],
    )
    decided_on = DateField(
        _l("Date of the decision"), validators=[DataRequired(_l("Write the date."))]
    )
    next_follow_up = DateField(
        _l("Next follow-up (when the support continues)"), validators=[Optional()]
    )
