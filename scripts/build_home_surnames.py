"""Build rasad/resources/home_surnames.tsv: surnames attested as Iranian in the NER corpora.

A surname is attested when the person corpora (PEYMA, NSURL-2019 600K, Arman person spans and
ParsNER's full-name list) give it after at least `MIN_GIVEN` different Persian given names
(home_given_names.tsv `persian`, or a compound «غلامرضا», «محمدعلی»): «بهروز شریفی», «مهدی
طاهری». It tells an Iranian with a given name Arabs share («حسین شریفی») from someone of the
foreign state named nearby; the Fars News articles are not read (the unseen benchmark comes from
them). Iraqis and Afghans bear many of these surnames too: see rasad.extract.nationality for how
the evidence is weighed.

usage: python scripts/build_home_surnames.py
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasad.extract.gazetteer import common_words, key  # noqa: E402
from rasad.extract.nationality import origin  # noqa: E402
from rasad.extract.roles import Hit  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
CORPORA = ("peyma/train.tsv", "nsurl2019-ner-600k/train.tsv", "arman/train.tsv")
FULL_NAMES = DATA / "parsner-gazetteers" / "person_names.txt"
TARGET = ROOT / "rasad" / "resources" / "home_surnames.tsv"
MIN_GIVEN = 2
# written apart («علی حسن پور»): rasad.extract.nationality reads these as endings already
SURNAME_ENDINGS = frozenset(key(w) for w in ("زاده", "پور", "نیا", "نژاد", "فر", "راد", "وند"))


def _person_spans(path: Path) -> Iterator[list[str]]:
    """The words of each person span of a `token<TAB>tag` file (any of the three tag sets)."""
    words: list[str] = []
    for line in path.read_text("utf-8").split("\n"):
        token, _, tag = line.partition("\t")
        tag = tag.replace("_", "-").upper()
        if tag.startswith("I-PER") and words:
            words.append(token)
            continue
        if words:
            yield words
        words = [token] if tag.startswith("B-PER") else []
    if words:
        yield words


def main() -> None:
    names = [words for corpus in CORPORA for words in _person_spans(DATA / corpus)]
    names += [line.split() for line in FULL_NAMES.read_text("utf-8").split("\n")]
    given: dict[str, set[str]] = defaultdict(set)
    foreign: dict[str, set[str]] = defaultdict(set)  # after foreign given names: «جان فورد»
    for words in names:
        keys = [key(w) for w in words]
        if len(keys) < 2 or not keys[-1].isalpha():
            continue
        shape = origin(keys, Hit(0, 1, "PER"))
        if shape == "home":
            given[keys[-1]].add(keys[0])
        elif shape == "foreign":
            foreign[keys[-1]].add(keys[0])
    # a common word («دوم», «بانک», «فرد») is a title, an ordinal or a mistagged span
    rows = sorted(
        (s, len(g))
        for s, g in given.items()
        if len(g) >= max(MIN_GIVEN, len(foreign[s]) + 1) and s not in common_words()
        and s not in SURNAME_ENDINGS
    )  # fmt: skip
    lines = ["surname\tgiven_names", *(f"{s}\t{n}" for s, n in rows)]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
