"""The one JSON error shape of the API, and the exception that carries it.

Every error the API answers, whatever raised it (a bad parameter, an unknown id, a missing
token, an unexpected failure), has this body::

    {"error": {"status": 422, "code": "bad_parameter",
               "message": "[E703] 'start' must be a date YYYY-MM-DD, got '2021-13-01'",
               "parameter": "start"}}

``parameter`` names the query parameter, path parameter or body field at fault, or is null.
Pages (non-/api paths) render the same fields as an HTML page instead.
"""
from __future__ import annotations

from typing import Any

__all__ = ["ApiError", "error_body"]


class ApiError(Exception):
    """An HTTP error with a stable ``code`` and the ``parameter`` at fault (if any)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        parameter: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return error_body(self.status, self.code, self.message, self.parameter)


def error_body(status: int, code: str, message: str, parameter: str | None = None) -> dict:
    """The JSON body of an error response (see the module docstring)."""
    return {"error": {"status": status, "code": code, "message": message, "parameter": parameter}}


def bad_parameter(parameter: str, message: str) -> ApiError:
    """A 422 naming ``parameter``; ``message`` says what was wrong and what is allowed."""
    return ApiError(422, "bad_parameter", message, parameter=parameter)


def not_found(what: str, value: str, parameter: str = "id") -> ApiError:
    return ApiError(404, "not_found", f"[E704] No {what} with id {value!r}", parameter=parameter)
