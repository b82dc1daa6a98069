"""The staff menu links to pages that other parts of the portal may or may not have yet."""

from __future__ import annotations

from flask import Blueprint, current_app


def has_endpoint(endpoint: str) -> bool:
    """True when the running app has this endpoint (e.g. ``matching.index``)."""
    return endpoint in current_app.view_functions


def init_blueprint(bp: Blueprint) -> None:
    bp.add_app_template_global(has_endpoint, "has_endpoint")
