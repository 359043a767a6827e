"""The web app's error responses: JSON ``{"error": message}`` under /api, an HTML page elsewhere."""

from __future__ import annotations


class HTTPProblem(Exception):
    """A request the app refuses, with the status to answer and a message for the user."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadRequest(HTTPProblem):
    """A parameter has a value the app cannot use."""

    status = 400


class Unauthorized(HTTPProblem):
    """The request lacks the bearer token the endpoint needs."""

    status = 401


class NotFound(HTTPProblem):
    """No such article, actor or page."""

    status = 404


class Unprocessable(HTTPProblem):
    """A parameter the endpoint does not take, or a filter value that names nothing known."""

    status = 422
