"""Reading JSON that a user hands acuref (libraries, decisions files, reports) without trusting its shape.

``json.loads`` recurses once per level, so a file nested 100,000 levels deep raises RecursionError, and
values nested just under the interpreter's limit break whatever walks them next. Nothing acuref reads
nests deeper than a few levels: past ``MAX_DEPTH`` a file is refused as not what it claims to be.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 64


class JSONError(ValueError):
    """Not JSON acuref can take: ``str(err)`` says why, in a few words; ``line`` is where, when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def loads(text: str | bytes, max_depth: int = MAX_DEPTH) -> Any:
    """Parse ``text``; raise JSONError when it is not JSON or nests deeper than ``max_depth``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise JSONError(f"not valid JSON ({err.msg})", err.lineno) from None
    except RecursionError:
        raise JSONError(f"JSON nested more than {max_depth} levels deep") from None
    except (ValueError, TypeError) as err:  # bytes that are not UTF-8, a value that is not text
        raise JSONError(f"not valid JSON ({err})") from None
    if depth(data) > max_depth:
        raise JSONError(f"JSON nested more than {max_depth} levels deep")
    return data


def depth(value: Any) -> int:
    """How deep ``value`` nests (a scalar is 0, ``[1]`` is 1), found without recursion."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level + 1)
            stack.extend((child, level + 1) for child in item if isinstance(child, (list, dict)))
    return deepest
