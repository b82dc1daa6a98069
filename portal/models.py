"""Import every model so that metadata (and Alembic) sees the whole domain."""

from portal.accounts.models import Account, Role
from portal.audit.models import AuditEvent
from portal.auth.models import AuthSession, LoginTransaction
from portal.cases.models import Case, CaseTargetGroup, CaseWishedArea
from portal.db import Base
from portal.landlords.models import LandlordOrganisation, OrganisationMember
from portal.leases.models import Lease, LeaseEvent
from portal.municipalities.models import Municipality, MunicipalityTargetGroup, TargetGroup
from portal.notifications.models import Notification, OutboxMessage
from portal.offers.models import Offer, OfferDecision, OfferRuleResult
from portal.outcomes.models import FollowUp, Outcome, Relapse, SurveyAnswer
from portal.plans.models import Goal, GoalUpdate, Plan, SupportActivity
from portal.rules.models import (
    BusinessCaseRate,
    DeclineReason,
    HousingBenefitRate,
    LegalBasis,
    OutcomeClassification,
    OutcomeDestination,
    SurveyQuestion,
    Threshold,
)
from portal.units.models import Unit, UnitPhoto

__all__ = [
    "Account",
    "AuditEvent",
    "AuthSession",
    "Base",
    "BusinessCaseRate",
    "Case",
    "CaseTargetGroup",
    "CaseWishedArea",
    "DeclineReason",
    "FollowUp",
    "Goal",
    "GoalUpdate",
    "HousingBenefitRate",
    "LandlordOrganisation",
    "Lease",
    "LeaseEvent",
    "LegalBasis",
    "LoginTransaction",
    "Municipality",
    "MunicipalityTargetGroup",
    "Notification",
    "Offer",
    "OfferDecision",
    "OfferRuleResult",
    "OrganisationMember",
    "OutboxMessage",
    "Outcome",
    "OutcomeClassification",
    "OutcomeDestination",
    "Plan",
    "Relapse",
    "Role",
    "SupportActivity",
    "SurveyAnswer",
    "SurveyQuestion",
    "TargetGroup",
    "Threshold",
    "Unit",
    "UnitPhoto",
]
