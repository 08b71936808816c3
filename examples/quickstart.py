"""acuref as a library: parse one string, find references in a page, export a folder.

Run from the repository root:  python examples/quickstart.py
"""

from pathlib import Path

import acuref

ref = acuref.parse_reference("Huskisson EC. Measurement of pain. Lancet. 1974;2(7889):1127-31. doi: 10.1016/S0140-6736(74)90884-8.")
print(ref.title, "|", ref.container_title, ref.issued.year if ref.issued else None, ref.volume, ref.page, ref.DOI)

page = Path(__file__).resolve().parents[1] / "refs" / "000_c1173a40aac2ac01.txt"
for src in acuref.extract_references(page.read_text(encoding="utf-8")):
    print(f"line {src.line:>3} {src.kind:<7} {src.raw[:70]}")

result = acuref.run([str(page.parent)])
print(len(result.entries), "works found;", len(result.warnings), "warnings")
