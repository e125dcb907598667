"""The one JSON error shape, `{"ok": false, "error", "errors", "status"}`, for every 4xx/5xx.

Every failure path (HTTP errors, 404s from the router, request validation, bugs) goes through
`error_response`, so clients and `tests/test_error_shape.py` see one shape.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


def error_response(
    status: int, error: str, errors: list[Any] | None = None, headers: dict | None = None
) -> JSONResponse:
    body = {"ok": False, "error": error, "errors": errors or [], "status": status}
    return JSONResponse(body, status_code=status, headers=headers)


def _validation_item(item: dict[str, Any]) -> dict[str, Any]:
    """Location and message only: the offending input is not echoed back."""
    return {"loc": [str(part) for part in item.get("loc", ())], "msg": item.get("msg", "")}


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    return error_response(exc.status_code, detail, headers=getattr(exc, "headers", None))


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    items = [_validation_item(item) for item in exc.errors()]
    return error_response(422, "invalid request", items)


async def _server_error(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error on %s", request.url.path, exc_info=exc)
    return error_response(500, "internal server error")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _server_error)
