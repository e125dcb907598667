"""Lexicon matching shared by the quotes and events stages, and PLOVER contexts/sectors.

Persian news spells the same phrase with a space, a ZWNJ or nothing between its parts
(«گفت‌وگو», «گفت وگو», «گفتگو») and older articles keep Arabic «ي»/«ك». Lexicons are written
once in plain Persian and compiled here into tolerant, word-bounded regular expressions, so
the data files stay readable and no rule depends on one article's spelling.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

import yaml

_GAP = r"[\s\u200c\u00ad]*"
_WORD_GAP = r"[\s\u200c\u00ad]+"
_LETTERS = {"ی": "[یيى]", "ک": "[کك]", "ه": "[هةۀ]", "ا": "[اأإ]", "آ": "[آا]"}
_LEFT = r"(?<![\w\u200c])"
_RIGHT = r"(?![\w\u200c])"


def tolerant(pattern: str) -> str:
    """Regex source for a lexicon pattern: spaces/ZWNJ match any gap, letter variants match.

    >>> bool(re.fullmatch(tolerant("گفت و گو"), "گفتگو"))
    True
    """
    out: list[str] = []
    for at, char in enumerate(pattern):
        if char in " \u200c":
            # around any word (`\S+`) the gap is a real one: «وارد \S+ شده است» must not read
            # «وارد نشده است» as «وارد ن» + «شده است», nor «واردات» as «وارد» + «ات»
            word = pattern.endswith(r"\S+", 0, at)
            out.append(_WORD_GAP if word else _GAP)
        else:
            out.append(_LETTERS.get(char, char))
    return "".join(out)


def word_regex(pattern: str, *, suffix: str = "") -> re.Pattern[str]:
    """Compile a tolerant pattern that must start and end on word boundaries."""
    return re.compile(f"{_LEFT}(?:{tolerant(pattern)}){suffix}{_RIGHT}")


def any_of(words: list[str]) -> re.Pattern[str]:
    """One word-bounded regex matching any of `words` (longest first)."""
    alts = "|".join(tolerant(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"{_LEFT}(?:{alts}){_RIGHT}")


def load_yaml(name: str) -> dict:
    """Read a YAML file shipped in rasad/resources."""
    text = (files("rasad.resources") / name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def _lexicons() -> tuple[dict[str, re.Pattern[str]], dict[str, re.Pattern[str]]]:
    data = load_yaml("contexts.yaml")
    contexts = {name: any_of(words) for name, words in data["contexts"].items()}
    sectors = {name: any_of(words) for name, words in data["sectors"].items()}
    return contexts, sectors


def contexts_of(text: str, hint: list[str] | None = None) -> list[str]:
    """PLOVER contexts whose keywords occur in `text`, after any pattern-given `hint`."""
    contexts, _ = _lexicons()
    found = list(hint or [])
    found += [name for name, rx in contexts.items() if name not in found and rx.search(text)]
    return found


def sectors_of(text: str) -> list[str]:
    """Economic sectors (banking, trade, energy, …) named in `text`."""
    _, sectors = _lexicons()
    return [name for name, rx in sectors.items() if rx.search(text)]
