"""A curator's decisions, remembered between runs (``--decisions FILE``; by default ``acuref.decisions.json``
beside the output).

Each decision names one reference by its document's file name and the string as printed, so it survives the
document being edited elsewhere: references added, lines moved (the key holds no line number), small edits
to the string itself (a decision whose exact string is gone goes to the one reference of that file that reads
most like it, at 90 % similarity or more). A decision that is malformed, or whose reference is gone, is a
warning naming the file and the entry; it is never applied to anything else, and never stops the run.

The file is JSON::

    {"acuref_decisions": 1, "decisions": [
      {"file": "page.md", "raw": "Smith J. …", "action": "use-doi", "doi": "10.1000/xyz"},
      {"file": "page.md", "raw": "…", "action": "reject-doi", "doi": "10.1000/abc"},
      {"file": "page.md", "raw": "…", "action": "correct", "fields": {"title": "…", "volume": "12"}},
      {"file": "page.md", "raw": "…", "action": "not-reference"},
      {"file": "page.md", "raw": "…", "action": "is-reference"}]}

Applied in the corpus step: first a candidate the extractor passed over (``skipped`` in ``--report``) that a
curator says is a reference after all is parsed and put among its document's references; then, before
resolution, corrections, a chosen or rejected DOI, not-a-reference) and
after it (the chosen DOI stays whatever the resolver said; a rejected one is never taken back). Every
reference a decision applied to says so (``decisions`` in ``--report``).
"""

from acuref.decisions.apply import Before, after, before, constraints, correct, promote
from acuref.decisions.file import (ACTIONS, FILE_NAME, FORMAT, GROUPS, OTHER_FIELDS, PAIRS, PRESENCE, SIMILAR,
                                   TEXT_FIELDS, Decision, Decisions, belongs, key, load, match, merged)

__all__ = ["ACTIONS", "Before", "Decision", "Decisions", "FILE_NAME", "FORMAT", "GROUPS", "OTHER_FIELDS", "PAIRS",
           "PRESENCE", "SIMILAR", "TEXT_FIELDS", "after", "before", "belongs", "constraints", "correct", "key", "load",
           "match", "merged", "promote"]
