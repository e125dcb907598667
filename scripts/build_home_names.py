"""Build rasad/resources/home_given_names.tsv: given names Iranians bear, and which are Persian.

Source: ParsNER's curated given-name lists (persian_names, foreign_names — Turkic and other names
in use in Iran —, arabic_names and accurate_names), plus frequent Persian-Arabic names they miss.
ParsNER's big person_names.txt (full names, many foreign; the NER lexicon uses it, see the model
card) is not read here: it says nothing about which given names are Persian. `persian` names
(Persian or Turkic lists, not the Arabic one: «پوریا») are Iranian; `shared` ones Arabs bear
too («محمد», «خالد»). A known given name in neither is a foreign one (see
rasad.extract.nationality).

usage: python scripts/build_home_names.py
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARSNER = ROOT.parent / "shared" / "data" / "parsner-gazetteers"
TARGET = ROOT / "rasad" / "resources" / "home_given_names.tsv"
PERSIAN = ("persian_names.txt", "foreign_names.txt")
SHARED = ("arabic_names.txt", "accurate_names.txt")
# Frequent in Fars News as name starts, missing from the lists, and spelled with no letter that
# only Arabic loans have (those are told by spelling, see rasad.extract.nationality).
MISSING = (
    "علی",
    "ابراهیم",
    "یوسف",
    "موسی",
    "داوود",
    "داود",
    "سلیمان",
    "ایمن",
    "بشار",
    "نبیل",
    "اسد",
    "یونس",
    "الیاس",
)


def _read(names: tuple[str, ...]) -> set[str]:
    words = {w.strip() for name in names for w in (PARSNER / name).read_text("utf-8").split("\n")}
    return words - {""}


def main() -> None:
    arabic = _read(("arabic_names.txt",))
    persian = _read(PERSIAN) - arabic
    shared = (_read(SHARED) | set(MISSING)) - persian
    rows = sorted([(n, "persian") for n in persian] + [(n, "shared") for n in shared])
    lines = ["name\torigin", *(f"{n}\t{o}" for n, o in rows)]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
