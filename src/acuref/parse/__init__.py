"""The parse stage: one reference string into a Reference, by rules where a citation style is recognised and by a
learned model (a linear-chain CRF) where not."""

from acuref.parse.rules import parse_reference

__all__ = ["parse_reference"]
