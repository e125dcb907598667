"""ZWNJ restoration: where a word's parts were joined (`میتوانند`) or split by a space
(`می توانند`), put the zero-width non-joiner back (`می‌توانند`).

Decisions come first from corpus counts (rasad/resources/zwnj/, built by
scripts/build_zwnj_lexicon.py from ZWNJ-clean text): for the same letters, how often the ZWNJ
form, the joined form and the spaced form were written. Forms the counts have never seen fall
back to two productive rules whose parts are checked against the lexicons: the verb prefix
می/نمی before a known verb remainder, and plural/comparative suffixes after a known word.
A word the corpus knows as one word (تنها، انتهای، قالیباف) is never split.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from rasad.model import Edit

ZWNJ = "\u200c"
STEP = "fix_zwnj"
LETTERS = "ءآأؤإئابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیة"
WORD = re.compile(f"[{LETTERS}{ZWNJ}]+")

VERB_PREFIXES = ("نمی", "می")
# Suffixes written after ZWNJ that make a new word from any known word, longest first.
JOINED_SUFFIXES = (
    "هایشان",
    "هایتان",
    "هایمان",
    "هایی",
    "هایم",
    "هایت",
    "هایش",
    "های",
    "ها",
    "ترین",
)
# A separate token that can only be one of these bound suffixes.
SPACED_SUFFIXES = frozenset(JOINED_SUFFIXES)
# After a word ending in ه, these are the indefinite/copula/pronoun clitics (خانه‌ای، گفته‌اند).
HEH_CLITICS = frozenset({"ای", "ام", "ات", "اش", "ایم", "اید", "اند"})
HEH_HOSTS_EXCLUDED = frozenset({"که", "چه", "نه", "به"})
PERSON_ENDINGS = ("ند", "ید", "یم", "د", "م", "ی")
MIN_STEM = 3  # a word must be seen this often to serve as a stem for the suffix rule
MIN_VERB = 2
ZWNJ_MARGIN = 2


@dataclass(frozen=True, slots=True)
class FormCounts:
    zwnj_form: str
    n_zwnj: int
    n_joined: int
    n_spaced: int


@dataclass(frozen=True, slots=True)
class ZwnjLexicon:
    forms: dict[str, FormCounts]
    vocab: dict[str, int]
    verbs: dict[str, int]
    verb_stems: frozenset[str]


def _rows(name: str) -> list[list[str]]:
    data = (files("rasad.resources") / "zwnj" / name).read_bytes()
    return [line.split("\t") for line in gzip.decompress(data).decode("utf-8").splitlines()]


@cache
def lexicon() -> ZwnjLexicon:
    """Load the shipped lexicons once per process."""
    forms = {
        key: FormCounts(form, int(nz), int(nj), int(ns))
        for key, form, nz, nj, ns in _rows("forms.tsv.gz")
    }
    vocab = {word: int(n) for word, n in _rows("vocab.tsv.gz")}
    verbs = {rest: int(n) for rest, n in _rows("verbs.tsv.gz") if int(n) >= MIN_VERB}
    stems = frozenset(_strip_ending(rest) for rest in verbs) - {""}
    return ZwnjLexicon(forms, vocab, verbs, stems)


def prefers_zwnj(n_zwnj: int, n_other: int) -> bool:
    """The ZWNJ form wins only when clearly the writers' choice: where both spellings are
    common (آنها/آن‌ها، به صورت/به‌صورت) the input is left as written."""
    return n_zwnj > ZWNJ_MARGIN * n_other


def _strip_ending(rest: str) -> str:
    for ending in PERSON_ENDINGS:
        if rest.endswith(ending) and len(rest) - len(ending) >= 2:
            return rest[: -len(ending)]
    return ""


def _is_verb_rest(rest: str, lex: ZwnjLexicon) -> bool:
    return len(rest) >= 2 and (rest in lex.verbs or _strip_ending(rest) in lex.verb_stems)


def split_joined(word: str, lex: ZwnjLexicon) -> list[int]:
    """Offsets inside a ZWNJ-free `word` where a ZWNJ belongs (empty: leave it)."""
    counts = lex.forms.get(word)
    if counts is not None:
        if prefers_zwnj(counts.n_zwnj, counts.n_joined):
            return _zwnj_positions(counts.zwnj_form)
        return []
    if word in lex.vocab:
        return []
    for prefix in VERB_PREFIXES:
        if word.startswith(prefix) and _is_verb_rest(word[len(prefix) :], lex):
            return [len(prefix)]
    for suffix in (*JOINED_SUFFIXES, *HEH_CLITICS):
        stem = word[: -len(suffix)]
        if (
            word.endswith(suffix)
            and len(stem) >= 2
            and lex.vocab.get(stem, 0) >= MIN_STEM
            and (suffix in SPACED_SUFFIXES or stem.endswith("ه"))
        ):
            return [len(stem)]
    return []


def join_spaced(left: str, right: str, lex: ZwnjLexicon) -> bool:
    """Whether the space between two ZWNJ-free words should be a ZWNJ."""
    counts = lex.forms.get(left + right)
    if counts is not None and counts.zwnj_form == left + ZWNJ + right:
        return prefers_zwnj(counts.n_zwnj, counts.n_spaced)
    if left in VERB_PREFIXES:
        return _is_verb_rest(right, lex)
    if right in SPACED_SUFFIXES:
        return len(left) >= 2
    return (
        right in HEH_CLITICS
        and left.endswith("ه")
        and left not in HEH_HOSTS_EXCLUDED
        and left in lex.vocab
    )


def _zwnj_positions(form: str) -> list[int]:
    positions, offset = [], 0
    for i, ch in enumerate(form):
        if ch == ZWNJ:
            positions.append(i - offset)
            offset += 1
    return positions


def restore_zwnj(text: str) -> list[Edit]:
    """Edits that restore ZWNJ in joined and space-split words.

    Only ZWNJ-free words are considered and a word joined to its left neighbour is not
    joined again to its right, so the result is a fixed point (idempotent).
    """
    lex = lexicon()
    edits: list[Edit] = []
    words = list(WORD.finditer(text))
    consumed = -1
    for i, match in enumerate(words):
        word = match.group()
        if ZWNJ in word:
            continue
        edits.extend(
            Edit(match.start() + p, match.start() + p, ZWNJ, STEP) for p in split_joined(word, lex)
        )
        if i <= consumed or i + 1 == len(words):
            continue
        nxt = words[i + 1]
        if (
            nxt.start() == match.end() + 1
            and text[match.end()] == " "
            and ZWNJ not in nxt.group()
            and join_spaced(word, nxt.group(), lex)
        ):
            edits.append(Edit(match.end(), nxt.start(), ZWNJ, STEP))
            consumed = i + 1
    return edits
