"""The dedupe stage: fingerprint and block each reference, decide pairs within blocks, merge clusters."""

from acuref.dedupe.decide import Decision, decide
from acuref.dedupe.fingerprint import Fingerprint, blocking_keys, fingerprint
from acuref.dedupe.stage import (
                                 Attachment,
                                 ClosePair,
                                 DedupeReport,
                                 Duplicates,
                                 MergeStep,
                                 deduplicate,
                                 find_duplicates,
                                 merge,
)

__all__ = ["Attachment", "ClosePair", "DedupeReport", "Duplicates", "Decision", "Fingerprint", "MergeStep", "blocking_keys", "decide", "deduplicate",
           "find_duplicates", "fingerprint", "merge"]
