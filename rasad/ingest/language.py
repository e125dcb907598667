"""Is this text Persian? A cheap check that keeps English and Arabic articles out.

Script share separates Latin from Arabic script. Persian and Arabic share the script (and old
Persian archives even use Arabic ي/ك), so we compare very frequent function words that are
unambiguous in each language.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

import yaml

from rasad.text.letters import PERSIAN_LETTERS

_WORD = re.compile(r"[\u0600-\u06FF\u200c]+")
_NOT_ARABIC_SCRIPT = re.compile(r"[^\u0600-\u06FF]+")
_LETTERS = str.maketrans(PERSIAN_LETTERS)
SAMPLE_CHARS = 5000  # the head of an article is enough to tell its language


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    """`{"persian": {...}, "arabic": {...}}` from resources/function_words.yaml."""
    text = (files("rasad.resources") / "function_words.yaml").read_text(encoding="utf-8")
    return {lang: frozenset(words) for lang, words in yaml.safe_load(text).items()}


def language_problem(text: str) -> str | None:
    """Why `text` is not Persian, or None when it is (or is too short to tell).

    >>> language_problem("The minister met his counterpart in Tehran on Monday.")
    'not Persian: mostly Latin script'
    """
    text = text[:SAMPLE_CHARS]
    letters = sum(map(str.isalpha, text))  # counted in C: the reader runs this on every article
    if letters < 40:
        return None
    arabic_script = sum(map(str.isalpha, _NOT_ARABIC_SCRIPT.sub("", text)))
    if arabic_script / letters < 0.5:
        return "not Persian: mostly Latin script"
    markers = function_words()
    persian = sum(map(markers["persian"].__contains__, _WORD.findall(text.translate(_LETTERS))))
    arabic = sum(map(markers["arabic"].__contains__, _WORD.findall(text)))
    if arabic >= 3 and arabic > 2 * persian:
        return "not Persian: Arabic"
    return None
