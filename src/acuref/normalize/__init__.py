"""Small pure normalisers, one per concern: identifiers, pages, dates, names, text."""
