"""The dedupe stage: fingerprint and block each reference, decide pairs within blocks, merge clusters."""

from acuref.dedupe.stage import DedupeReport, MergeStep, decide, deduplicate, find_duplicates, fingerprint

__all__ = ["DedupeReport", "MergeStep", "decide", "deduplicate", "find_duplicates", "fingerprint"]
