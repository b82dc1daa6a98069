"""Notifications: an inbox for every role, and e-mail and SMS through an outbox."""
