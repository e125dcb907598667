"""ZWNJ restoration: where a word's parts were joined (`میتوانند`) or split by a space
(`می توانند`), put the zero-width non-joiner back (`می‌توانند`).

Decisions come first from corpus counts (rasad/resources/zwnj/, built by
scripts/build_zwnj_lexicon.py from ZWNJ-clean text): for the same letters, how often the ZWNJ
form, the joined form and the spaced form were written; argmax with add-one smoothing and a
margin, where a form the rules below can derive needs far less evidence (see prefers_zwnj).
Forms the counts have never seen fall back to productive rules whose parts are checked
against the lexicons: می/نمی before a known verb remainder; a known word before a bound
suffix (ها، های، ترین، تر) or a productive right part learned from the corpus (سازی، کننده);
a learned left part (بی، پیش) before a known word. A word the corpus knows as one word
(تنها، انتهای، قالیباف) is never split. A space becomes a ZWNJ only for bound parts or for
compounds the corpus rarely writes spaced, since a space is often the writer's choice.
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
    "تر",
)
# A separate token that can only be one of these bound suffixes.
SPACED_SUFFIXES = frozenset(JOINED_SUFFIXES) - {"تر"}
# Function words that begin many one-word names and words (بهنام، اینانلو، یکتا، آنکارا): never
# taken as a compound's left part unless the counts know the form.
CLOSED_LEFT = frozenset({"به", "این", "آن", "یک", "علی", "همه", "هیچ"})
CLOSED_RIGHT = frozenset({"که"})
MIN_REST = 3
# A right part seen fewer times than this as a word of its own is bound (سازی، کننده).
MAX_FREE_PART = 20
# After a word ending in ه, these are the indefinite/copula/pronoun clitics (خانه‌ای، گفته‌اند).
HEH_CLITICS = frozenset({"ای", "ام", "ات", "اش", "ایم", "اید", "اند"})
HEH_HOSTS_EXCLUDED = frozenset({"که", "چه", "نه", "به"})
PERSON_ENDINGS = ("ند", "ید", "یم", "د", "م", "ی")
MIN_STEM = 3  # a word must be seen this often to serve as a stem for the suffix rule
MIN_VERB = 2
ZWNJ_MARGIN = 1.5
SPACED_MARGIN = 3
PRODUCTIVE_RATIO = 4


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
    right_parts: frozenset[str]
    right_sizes: tuple[int, ...]  # longest first
    left_parts: tuple[str, ...]


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
    parts = _rows("parts.tsv.gz")
    right = {part for side, part, _ in parts if side == "R"} - CLOSED_RIGHT
    right |= set(JOINED_SUFFIXES) | HEH_CLITICS
    left = {part for side, part, _ in parts if side == "L"} - set(VERB_PREFIXES) - CLOSED_LEFT
    by_length = lambda items: tuple(sorted(items, key=lambda p: (-len(p), p)))  # noqa: E731
    sizes = tuple(sorted({len(part) for part in right}, reverse=True))
    return ZwnjLexicon(forms, vocab, verbs, stems, frozenset(right), sizes, by_length(left))


def prefers_zwnj(n_zwnj: int, n_other: int, productive: bool = False) -> bool:
    """Argmax over the counts with add-one smoothing and a margin. A form the rules can derive
    (می + verb, known word + ها) is a ZWNJ form unless the corpus mostly writes it another
    way: writers who drop ZWNJ make joined plurals common (کتابهای 11 vs کتاب‌های 22), while a
    real one-word form (تنها، انتهای) is practically never written with ZWNJ."""
    if productive:
        return (n_zwnj + 1) * PRODUCTIVE_RATIO >= n_other + 1
    return n_zwnj + 1 > ZWNJ_MARGIN * (n_other + 1)


def _strip_ending(rest: str) -> str:
    for ending in PERSON_ENDINGS:
        if rest.endswith(ending) and len(rest) - len(ending) >= 2:
            return rest[: -len(ending)]
    return ""


def _is_verb_rest(rest: str, lex: ZwnjLexicon) -> bool:
    return len(rest) >= 2 and (rest in lex.verbs or _strip_ending(rest) in lex.verb_stems)


def derive(word: str, lex: ZwnjLexicon, depth: int = 0) -> list[int] | None:
    """ZWNJ positions a productive rule gives a ZWNJ-free `word`, or None: a verb prefix
    before a known verb remainder; a known word before a bound suffix or productive right
    part (ها، ترین، سازی، کننده; the clitics ای/اند only after ه); a productive left part
    (بی، هم، پیش) before a known word. One level of nesting (فرهنگ‌سازی‌های)."""
    for prefix in VERB_PREFIXES:
        if word.startswith(prefix) and _is_verb_rest(word[len(prefix) :], lex):
            return [len(prefix)]
    for size in lex.right_sizes:
        stem, suffix = word[:-size], word[-size:]
        if suffix not in lex.right_parts or (suffix in HEH_CLITICS and not stem.endswith("ه")):
            continue
        inner = _known_stem(stem, lex, depth)
        if inner is not None:
            return [*inner, len(stem)]
    for prefix in lex.left_parts:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= MIN_REST and lex.vocab.get(rest, 0) >= MIN_STEM:
            return [len(prefix)]
    return None


def _known_stem(stem: str, lex: ZwnjLexicon, depth: int) -> list[int] | None:
    """ZWNJ positions inside `stem` when it is a known word ([] for a one-word form)."""
    if len(stem) < 2:
        return None
    counts = lex.forms.get(stem)
    if counts is not None and prefers_zwnj(counts.n_zwnj, counts.n_joined, productive=True):
        return _zwnj_positions(counts.zwnj_form)
    if lex.vocab.get(stem, 0) >= MIN_STEM:
        return []
    return derive(stem, lex, depth + 1) if depth == 0 else None


def split_joined(word: str, lex: ZwnjLexicon) -> list[int]:
    """Offsets inside a ZWNJ-free `word` where a ZWNJ belongs (empty: leave it)."""
    counts = lex.forms.get(word)
    derived = derive(word, lex)
    if counts is not None:
        productive = derived == _zwnj_positions(counts.zwnj_form)
        if prefers_zwnj(counts.n_zwnj, counts.n_joined, productive):
            return _zwnj_positions(counts.zwnj_form)
        return []
    if word in lex.vocab or derived is None:
        return []
    return derived


def join_spaced(left: str, right: str, lex: ZwnjLexicon) -> bool:
    """Whether the space between two ZWNJ-free words should be a ZWNJ: bound parts (a verb
    prefix, a plural suffix, a clitic after ه) always; a compound only when the corpus writes
    it with ZWNJ far more often than spaced (به ویژه / به‌ویژه both common: left as is)."""
    if left in VERB_PREFIXES:
        return _is_verb_rest(right, lex)
    if right in SPACED_SUFFIXES:
        return len(left) >= 2
    if right in HEH_CLITICS:
        return left.endswith("ه") and left not in HEH_HOSTS_EXCLUDED and left in lex.vocab
    counts = lex.forms.get(left + right)
    if counts is not None and counts.zwnj_form == left + ZWNJ + right:
        return counts.n_zwnj + 1 > SPACED_MARGIN * (counts.n_spaced + 1)
    return (
        counts is None
        and right in lex.right_parts
        and lex.vocab.get(right, 0) < MAX_FREE_PART
        and lex.vocab.get(left, 0) >= MIN_STEM
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
