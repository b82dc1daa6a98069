"""Translated error pages, and domain errors mapped to HTTP."""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


class DomainError(Exception):
    """A rule of the domain said no. The message is for the user, already translated lazily.

    Services raise subclasses; views catch them to show the message beside the form, and
    anything uncaught becomes a 409 page with the same message.
    """

    status_code = 409

    def __init__(self, message: LazyString | str, **params: Any) -> None:
        super().__init__(str(message))
        self.message = message
        self.params = params

    def __str__(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text


class NotAllowed(DomainError):
    status_code = 403


def _pages() -> dict[int, tuple[Any, Any]]:
    # Titles and next steps, in plain words.
    return {
        400: (
            _l("Something in the request was wrong"),
            _l("Go back and try again. If it keeps happening, contact your municipality."),
        ),
        401: (
            _l("Please log in"),
            _l("You need to log in to see this page. Use the login on the front page."),
        ),
        403: (
            _l("You do not have access to this page"),
            _l("If you think you should have access, contact your municipality."),
        ),
        404: (
            _l("We could not find this page"),
            _l("The address may be wrong, or the page may have been removed."),
        ),
        405: (
            _l("This action is not possible here"),
            _l("Go back to the page you came from and try again."),
        ),
        409: (
            _l("This could not be done"),
            _l("Nothing was changed. Read the message below and try again."),
        ),
        413: (
            _l("The file is too large"),
            _l("Choose a smaller file and try again."),
        ),
        500: (
            _l("Something went wrong on our side"),
            _l("Nothing is lost. Please try again in a few minutes."),
        ),
    }


def _render(code: int, detail: str | None = None) -> tuple[str, int]:
    pages = _pages()
    title, advice = pages.get(code, pages[500] if code >= 500 else pages[400])
    return render_template(
        "errors/error.html", code=code, title=title, advice=advice, detail=detail
    ), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_err: CSRFError) -> tuple[str, int]:
        return _render(
            400,
            str(_l("The form had expired. Your changes were not saved. Please fill it in again.")),
        )

    @app.errorhandler(DomainError)
    def domain_error(err: DomainError) -> tuple[str, int]:
        return _render(err.status_code, str(err))

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException) -> tuple[str, int]:
        return _render(err.code or 500)

    @app.errorhandler(Exception)
    def unexpected(err: Exception) -> tuple[str, int]:
        app.logger.exception("Unhandled error", exc_info=err)
        return _render(500)
