"""Domain errors of the lease services."""

from __future__ import annotations

from portal.errors import DomainError


class LeaseError(DomainError):
    """A lease step the rules do not allow."""


class LeaseNotLive(LeaseError):
    pass


class TermLimitExceeded(LeaseError):
    pass


class IntegrationActRefused(LeaseError):
    pass


class GoalsRequired(LeaseError):
    pass


class LeaseExists(LeaseError):
    pass


class NoticeRefused(LeaseError):
    pass
