"""The parse stage: one reference string into a Reference, by rules where a citation style is recognised and by a
learned model where not: a BiLSTM-CRF run in numpy (``parse/neural*.py``), or the linear-chain CRF (``parse/crf.py``)
with ``ACUREF_PARSER=crf`` or where the network's weights are not installed."""

from acuref.parse.rules import parse_reference

__all__ = ["parse_reference"]
