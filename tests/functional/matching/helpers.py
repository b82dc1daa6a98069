"""Shared steps of the matching and lease journeys through the test client."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient

_CSRF = re.compile(r'name="(?:[a-z_]+-)?csrf_token"[^>]*value="([^"]+)"')


def csrf(client: FlaskClient, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    match = _CSRF.search(page.get_data(as_text=True))
    assert match, "no CSRF token on the page"
    return match.group(1)


def post(client: FlaskClient, page_url: str, url: str, prefix: str = "", **data: Any) -> Any:
    """POST ``data`` to ``url`` with the CSRF token of ``page_url`` (field names prefixed)."""
    token = csrf(client, page_url)
    sep = "-" if prefix else ""
    form = {f"{prefix}{sep}{k}": ("" if v is None else str(v)) for k, v in data.items()}
    form[f"{prefix}{sep}csrf_token"] = token
    return client.post(url, data=form)
