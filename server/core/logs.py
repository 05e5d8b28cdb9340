"""What `cax-server serve` writes to its logs: no personal data (docs/security.md).

Every handler formats exceptions with `domain.logsafe.RedactingFormatter` (class, SQLSTATE and
frames, never the message: a database error quotes the row it failed on); the access log, when
switched on, drops query strings (a console search is a name). Statement parameters never reach
a message in the first place: the engine is made with `hide_parameters=True` (server.core.db)."""

from __future__ import annotations

import logging
from typing import Any

from uvicorn.logging import AccessFormatter

from domain.logsafe import RedactingFormatter


class PathOnlyAccessFormatter(AccessFormatter):
    """uvicorn's access line with the request's path only, never its query string."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # uvicorn's hook
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], args[2].split("?", 1)[0], args[3], args[4])
        return super().formatMessage(record)

    def formatException(self, ei: Any) -> str:
        return RedactingFormatter().formatException(ei)


def uvicorn_log_config() -> dict[str, Any]:
    """uvicorn's default logging, through our formatters, with the `cax` loggers beside it."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "default": {
                "()": "domain.logsafe.RedactingFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s: %(message)s",
            },
            "access": {
                "()": "server.core.logs.PathOnlyAccessFormatter",
                "fmt": '%(asctime)s %(levelprefix)s %(client_addr)s - "%(request_line)s" '
                "%(status_code)s",
                "use_colors": False,
            },
        },
        "handlers": {
            "default": {
                "formatter": "default",
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
            },
            "access": {
                "formatter": "access",
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
            },
        },
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
            "cax": {"handlers": ["default"], "level": "INFO", "propagate": False},
        },
        "root": {"handlers": ["default"], "level": "WARNING"},
    }
