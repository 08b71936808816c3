"""The resolve stage: verify printed DOIs, find missing ones, correct wrong ones, through a resolver backend."""

from acuref.resolve import local_backend as _local_backend  # noqa: F401  (registers "local")
from acuref.resolve import pubmed_backend as _pubmed_backend  # noqa: F401  (registers "pubmed")
from acuref.resolve.stage import enrich, query_for, resolve

__all__ = ["enrich", "query_for", "resolve"]
