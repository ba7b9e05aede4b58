"""Errors a user can act on: each names the file and the problem in words."""

from __future__ import annotations


class QinglaiError(Exception):
    """Base class: ``str(error)`` is the message shown to the user."""


class ReadError(QinglaiError):
    """A document could not be read. ``code`` is stable for reports and tests.

    Codes: ``empty``, ``unknown-format``, ``needs-ocr``, ``encrypted``, ``corrupt``,
    ``undecodable``, ``not-found``, ``timeout``.
    """

    def __init__(self, path: str, code: str, problem: str) -> None:
        self.path = str(path)
        self.code = code
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class RuleError(QinglaiError):
    """A rule, signal or pack file is invalid; carries the file, line and column."""

    def __init__(self, file: str, message: str, line: int | None = None, column: int | None = None) -> None:
        self.file = str(file)
        self.line = line
        self.column = column
        self.message = message
        where = self.file
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")


class StoreError(QinglaiError):
    """The review store cannot be used (locked, read-only, from a newer version …)."""


class ReportError(QinglaiError):
    """A report cannot be written (e.g. a custom template that is missing or not a valid template)."""
