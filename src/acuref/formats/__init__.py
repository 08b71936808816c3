"""Export and import formats: CSL-JSON, BibTeX, biblatex, RIS."""
