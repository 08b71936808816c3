"""One error family; each subclass carries the process exit code the CLI returns for it."""

from __future__ import annotations


class AcurefError(Exception):
    """Base of every error acuref raises on purpose; ``str(err)`` is the one-line message for users."""

    exit_code = 1


class UsageError(AcurefError):
    """The command line or an argument was wrong."""

    exit_code = 2


class InputError(AcurefError):
    """An input file is missing, unreadable or not a document acuref can read."""

    exit_code = 3


class NetworkError(AcurefError):
    """Crossref (or the configured mirror) could not be reached or kept failing."""

    exit_code = 4


class OutputError(AcurefError):
    """The output could not be written; any existing file was left untouched."""

    exit_code = 5
