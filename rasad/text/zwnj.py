"""ZWNJ restoration: where a word's parts were joined (`میتوانند`) or split by a space
(`می توانند`), put the zero-width non-joiner back (`می‌توانند`).

Every candidate gap is decided by a small logistic model (rasad/resources/zwnj/model.tsv.gz)
that scripts/build_zwnj_lexicon.py trains on ZWNJ-clean text, with leave-one-out counts so
that a training word looks as unseen to the model as a new word will. A candidate gap is
either a place inside a ZWNJ-free word where a known part ends (a verb prefix می/نمی, also
after a preverb as in برمی/بازمی, a bound suffix ها/های/ترین/اش/ای…, a compound part learned
from the corpus such as سازی/بی, a known word before a verb stem the corpus conjugates with
می (گزارش|نویس، گزارش|نویسی), or two known words) or a single space between two words one
of which is such a part but a verb stem (or which the corpus writes as one form with a ZWNJ
between them): a spaced «X کرده» is a light verb far more often than a compound, and the
stem forms made every such pair a candidate to score on a first pass, for no gain.
The model sees corpus counts of the whole unit written with ZWNJ, joined and spaced, how
often each half stands alone as a word, the identity of closed-class parts, whether the
remainder after می is a known verb, the letters at the gap, and, inside a written word, what
speaks for a rival gap (the word written with a ZWNJ elsewhere; a silent ه that may end the
left part or open the suffix: هسته|ای against هست|های). A word the corpus knows as
one word (تنها، انتهای، قالیباف) gets a large joined count and stays whole.

Decisions depend only on the chunk of text between two spaces (and, for a spaced gap, the two
words around it plus the text's writer convention), so each is made once and cached: on
running text almost every chunk is a cache hit and restoration is a few C-level passes. The
facts of every word the lexicon knows, and the decisions on the spaced pairs shipped with a
score, are worked out when it loads, so a first pass computes only what the corpus never saw.
"""

from __future__ import annotations

import gzip
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from importlib.resources import files
from itertools import accumulate, chain, compress, pairwise, repeat
from operator import attrgetter, ge, is_, not_, or_
from types import MappingProxyType
from typing import NamedTuple, Protocol, TypeVar

from rasad.model import Edit

ZWNJ = "\u200c"
STEP = "fix_zwnj"
LETTERS = "ءآأؤإئابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیة"
WORD = re.compile(f"[{LETTERS}{ZWNJ}]+")

# A closed class of preverbs that stand before the verb prefix (برمی‌گردد، درنمی‌آید،
# بازمی‌شناسد، فرومی‌ریزد): written joined to it, and the ZWNJ comes after می all the same.
PREVERBS = ("بر", "در", "باز", "فرو", "فرا")
VERB_PREFIXES = frozenset(
    {"نمی", "می"} | {pv + prefix for pv in PREVERBS for prefix in ("نمی", "می")}
)
# Closed-class bound suffixes, written after ZWNJ when the host is a whole word.
SUFFIXES = frozenset(
    {"ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "ترین", "تر"}
    | {"ام", "ات", "اش", "مان", "تان", "شان", "ای", "ایم", "اید", "اند", "ایی"}
)
_SUFFIX_SIZES = tuple(sorted({len(suffix) for suffix in SUFFIXES}, reverse=True))
# Bound parts that, standing alone, show a text whose writer turned ZWNJ into spaces.
SPACED_EVIDENCE = frozenset({"می", "نمی", "ها", "های", "هایی", "ترین"})
# Endings that make a verb stem the right half of a compound (نویس، نویسی، نشینان، زده،
# کننده، زدگی): a closed class, with the stem itself learned from the corpus's verbs.
STEM_ENDINGS = ("", "ی", "ان", "انی", "انه", "ه", "گی", "نده", "ندگی", "ندگان")
MIN_PART = 2  # both sides of a gap have at least this many letters
# Letters that never join the next one: inside a word a ZWNJ after them is invisible, so
# writers leave it out (کارهایش) and its absence is no evidence of their convention. Such gaps
# are neither learned from nor decided.
NON_JOINING = frozenset("اآأإدذرزژوؤةء")
MIN_FREE = 3  # a half seen this often as a word of its own counts as a known word
# Decision margins on the model's log-odds, chosen on the bench's tuning split only
# (bench/normalize.py --split tune) for fewer false insertions at no loss of F1. Inside a word
# the corpus knows (j): its score mostly restates how the corpus writes it, and a word the
# corpus writes both ways (آنها 848x, آن‌ها 1046x) is left as its writer chose; inside a new
# word (new): the model's estimate is all there is. At a space before a bound part (s).
MARGIN = {"j": 0.3, "new": 0.0, "s": 0.5}
# Margin for joining two free words at a space (بین المللی), by what the text shows of its
# writer: one who spaces ZWNJ, or no evidence either way (then the pair must be well attested
# as a ZWNJ compound). A writer who deletes ZWNJ spaced such pairs on purpose: never joined.
# The spacer's margin was 1.0 on the tune split, whose UD half is training text; scored with
# that half's fold left out (bench --split tune-fold), 1.3 keeps F1 (0.889) with 81 false
# insertions instead of 97, and 1.5 gives 0.888 with 79.
COMPOUND_MARGIN = {"spacer": 1.3, "unknown": 2.0}
# Margin inside words of a text whose writer shows they space ZWNJ: its joined words were
# mostly written joined on purpose.
SPACER_MARGIN = 4.0
_CACHE_SIZE = 1 << 14  # new words and pairs remembered per cache; bounds worker RSS growth
_NO_PARTS: frozenset[str] = frozenset()


class Counts(Protocol):
    """Corpus counts the features read: the shipped lexicon at run time, leave-one-out
    counters while the build script trains the model."""

    right_parts: frozenset[str]
    left_parts: frozenset[str]
    stem_forms: dict[str, str]  # see `stem_forms`

    def zwnj_at(self, key: str, pos: int) -> int: ...
    def zwnj_any(self, key: str) -> int: ...
    def spaced(self, key: str, pos: int) -> int: ...
    def joined(self, word: str) -> int: ...
    def verb(self, rest: str) -> int: ...


@dataclass(frozen=True, slots=True)
class FormCounts:
    zwnj_form: str
    positions: tuple[int, ...]
    n_zwnj: int
    n_spaced: int


def zwnj_positions(form: str) -> tuple[int, ...]:
    """Offsets, in the ZWNJ-free letters of `form`, where it has a ZWNJ."""
    positions, offset = [], 0
    for i, ch in enumerate(form):
        if ch == ZWNJ:
            positions.append(i - offset)
            offset += 1
    return tuple(positions)


def person_stem(rest: str) -> str:
    """A verb remainder without its person ending (توانند -> توان), or '' if none fits."""
    for ending in ("ند", "ید", "یم", "د", "م", "ی"):
        if rest.endswith(ending) and len(rest) - len(ending) >= 2:
            return rest[: -len(ending)]
    return ""


@dataclass(frozen=True, slots=True)
class ZwnjLexicon:
    """The shipped counts and model (see scripts/build_zwnj_lexicon.py)."""

    forms: dict[str, FormCounts]
    vocab: dict[str, int]
    verbs: frozenset[str]
    verb_stems: frozenset[str]
    stem_forms: dict[str, str]
    right_parts: frozenset[str]
    left_parts: frozenset[str]
    weights: dict[str, float]
    # The two halves, each at least MIN_PART letters, of every ZWNJ the corpus writes in a
    # form ((پیش, بینی) of پیش‌بینی): such a spaced pair is a candidate whatever its words are,
    # and a set lookup finds it without a per-pair Python call.
    zwnj_pairs: frozenset[tuple[str, str]]
    # Gap scores (log-odds, offset) of the known words, and of the frequent spaced pairs
    # (keyed 'left right', one gap at the space), computed by the build script with this
    # very model: a first pass over news text needs no features for them.
    scores: dict[str, tuple[tuple[float, int], ...]]

    def zwnj_at(self, key: str, pos: int) -> int:
        counts = self.forms.get(key)
        return counts.n_zwnj if counts is not None and pos in counts.positions else 0

    def zwnj_any(self, key: str) -> int:
        counts = self.forms.get(key)
        return counts.n_zwnj if counts is not None else 0

    def spaced(self, key: str, pos: int) -> int:
        counts = self.forms.get(key)
        return counts.n_spaced if counts is not None and pos in counts.positions else 0

    def joined(self, word: str) -> int:
        return self.vocab.get(word, 0)

    def verb(self, rest: str) -> int:
        if rest in self.verbs:
            return 2
        return 1 if person_stem(rest) in self.verb_stems else 0


def _rows(name: str) -> list[list[str]]:
    path = files("rasad.resources") / "zwnj" / name
    if not path.is_file():  # scores.tsv.gz before its first build
        return []
    data = path.read_bytes()
    return [line.split("\t") for line in gzip.decompress(data).decode("utf-8").splitlines()]


@cache
def lexicon() -> ZwnjLexicon:
    """Load the shipped lexicons and model once per process."""
    forms = {
        key: FormCounts(form, zwnj_positions(form), int(nz), int(ns))
        for key, form, nz, ns in _rows("forms.tsv.gz")
    }
    vocab = {word: int(n) for word, n in _rows("vocab.tsv.gz")}
    verbs = frozenset(rest for rest, _ in _rows("verbs.tsv.gz"))
    parts = _rows("parts.tsv.gz")
    verb_stems = frozenset(map(person_stem, verbs)) - {""}
    return ZwnjLexicon(
        forms=forms,
        vocab=vocab,
        verbs=verbs,
        verb_stems=verb_stems,
        stem_forms=stem_forms(verb_stems),
        right_parts=frozenset(part for side, part, _ in parts if side == "R"),
        left_parts=frozenset(part for side, part, _ in parts if side == "L"),
        weights={name: float(w) for name, w in _rows("model.tsv.gz")},
        zwnj_pairs=frozenset(
            (key[:pos], key[pos:])
            for key, c in forms.items()
            if c.n_zwnj
            for pos in c.positions
            if MIN_PART <= pos <= len(key) - MIN_PART
        ),
        scores={word: _parse_scores(packed) for word, packed in _rows("scores.tsv.gz")},
    )


def _parse_scores(packed: str) -> tuple[tuple[float, int], ...]:
    """'2:1.25 5:-3.5' -> ((1.25, 2), (-3.5, 5))."""
    pairs = (item.split(":") for item in packed.split(" ") if item)
    return tuple((float(value), int(pos)) for pos, value in pairs)


def pack_scores(scored: list[tuple[float, int]]) -> str:
    """The inverse of `_parse_scores`, for the build script."""
    return " ".join(f"{pos}:{value:.4f}" for value, pos in scored)


def _bin(n: int) -> int:
    """Log-scale bucket of a count: 0, 1, 2-3, 4-7, … capped at 10 (1024 takes 11 bits)."""
    return n.bit_length() if n < 1024 else 10


def _ratio(a: int, b: int) -> int:
    if a == b:  # most candidates are unseen (0, 0): skip the logarithm
        return 0
    return max(-6, min(6, round(math.log2((a + 1) / (b + 1)))))


def split_suffix(part: str) -> tuple[str, str]:
    """(core, suffix) when `part` ends with a closed suffix after at least two letters."""
    for size in _SUFFIX_SIZES:
        if len(part) - size >= MIN_PART and part[-size:] in SUFFIXES:
            return part[:-size], part[-size:]
    return part, ""


def stem_forms(stems: frozenset[str]) -> dict[str, str]:
    """Every verb stem with each of STEM_ENDINGS, mapped to that ending (the first that fits):
    a part is a stem form by one dict lookup, as unseen words are many on a first pass."""
    forms: dict[str, str] = {}
    for ending in STEM_ENDINGS:
        for stem in stems:
            if len(stem) >= MIN_PART:
                forms.setdefault(stem + ending, ending)
    return forms


def _side(part: str, closed: frozenset[str], learned: frozenset[str]) -> str:
    if part in closed:
        return part
    return "part" if part in learned else "open"


# The names of the features with a count bucket or ratio (-6..10), per mode, built once: a
# candidate looks them up (with their hashes known) instead of formatting them.
_NAMES: dict[str, dict[str, dict[int, str]]] = {
    m: {
        t: {i: f"{m}:{t}{i}" for i in range(-6, 11)}
        for t in ("z", "j", "s", "zj", "zs", "lf", "rf", "rc")
    }
    for m in "js"
}


def gap_features(mode: str, left: str, right: str, key: str, pos: int, c: Counts) -> list[str]:
    """Feature names for the gap at `pos` of the letters `key` = left + right; `mode` is 'j'
    (the gap is inside a written word) or 's' (the gap is a written space)."""
    nz, nj, ns = c.zwnj_at(key, pos), c.joined(key), c.spaced(key, pos)
    lf, rf = c.joined(left), c.joined(right)
    core, suffix = split_suffix(right)
    lclass = _side(left, VERB_PREFIXES, c.left_parts)
    if lclass in VERB_PREFIXES:  # after a preverb the prefix is the same bound part
        lclass = "نمی" if lclass.endswith("نمی") else "می"
    rclass = _side(right, SUFFIXES, c.right_parts)
    if rclass == "open" and suffix:
        rclass = "core+" + _side(core, _NO_PARTS, c.right_parts) + "+" + suffix
    elif rclass == "open" and (ending := c.stem_forms.get(right)) is not None:
        rclass = "stem+" + ending
    unseen = "u" if nz == nj == 0 else "k"
    bz, blf, brf, zj = _bin(nz), _bin(lf), _bin(rf), _ratio(nz, nj)
    le, rb = left[-1], right[0]
    # Every name carries its mode, and most the class of one side; the shared pieces are
    # built once (this runs per candidate), the numbered names looked up.
    m, r, l_ = mode + ":", "|R=" + rclass, "|L=" + lclass
    n = _NAMES[mode]
    feats = [
        m + "bias",
        n["z"][bz],
        n["j"][_bin(nj)],
        n["s"][_bin(ns)],
        n["zj"][zj],
        n["zs"][_ratio(nz, ns)],
        n["lf"][blf],
        f"{m}lz{_bin(c.zwnj_any(left))}{r}",
        n["rf"][brf],
        n["rc"][_bin(c.joined(core))] if suffix else m + "rc-",
        f"{m}L={lclass}",
        f"{m}R={rclass}",
        f"{m}L={lclass}{r}",
        f"{m}le={le}{r}",
        f"{m}le={le}",
        f"{m}rb={rb}",
        f"{m}le={le}|rb={rb}",
        f"{m}ll{min(len(left), 6)}{r}",
        f"{m}rl{min(len(right), 6)}{l_}",
        f"{m}{unseen}|lf{blf}|rf{brf}",
        f"{m}{unseen}|lf{blf}{r}",
        f"{m}{unseen}|zj{zj}{r}",
        f"{m}le2={left[-2:]}{r}",
        f"{m}re2={right[-2:]}{l_}",
    ]
    if mode == "j":
        feats.extend(_rival_features(m, left, right, key, nz, c))
    if lclass in VERB_PREFIXES:
        verb = c.verb(right)
        feats.append(f"{m}verb{verb}")
        feats.append(f"{m}verb{verb}|{unseen}|rl{min(len(right), 6)}")
    # Which learned part it is: name parts (پور، زاده، آباد) bind unlike free-standing ones (که).
    # Not before a closed suffix: کتاب of کتابخانه must not weigh on کتاب‌هایشان.
    if lclass == "part" and rclass not in SUFFIXES:
        feats.append(f"{m}Lp={left}")
    if rclass == "part":
        feats.append(f"{m}Rp={right}")
    return feats


def _rival_features(m: str, left: str, right: str, key: str, nz: int, c: Counts) -> list[str]:
    """What speaks for another gap of the same joined word: the corpus writes the word with a
    ZWNJ elsewhere (هسته‌ای, not هست|های), or a silent ه can belong to either side, with the
    host it leaves known as a word (هاله|ای against هال|های; زمینه|ای against زمین|های)."""
    feats = []
    if nz == 0 and (elsewhere := c.zwnj_any(key)):
        feats.append(f"{m}zo{min(_bin(elsewhere), 4)}")
    if right[0] == "ه" and right[1:] in SUFFIXES:  # X|های against Xه|ای
        feats.append(f"{m}h+{min(_bin(c.joined(left + 'ه')), 6)}")
    elif left[-1] == "ه" and "ه" + right in SUFFIXES:  # Xه|ای against X|های
        feats.append(f"{m}h-{min(_bin(c.joined(left[:-1])), 6)}")
    return feats


def joined_candidates(word: str, c: Counts) -> list[int]:
    """Offsets inside a ZWNJ-free `word` where a ZWNJ may belong (the model decides)."""
    out = []
    for pos in range(MIN_PART, len(word) - MIN_PART + 1):
        if word[pos - 1] in NON_JOINING:
            continue
        left, right = word[:pos], word[pos:]
        if (
            left in VERB_PREFIXES
            or right in SUFFIXES
            or left in c.left_parts
            or right in c.right_parts
            or c.zwnj_at(word, pos)
        ):
            out.append(pos)
            continue
        core = split_suffix(right)[0]
        if core in c.right_parts or (
            c.joined(left) >= MIN_FREE
            and (c.joined(core) >= MIN_FREE or right in c.stem_forms)
        ):
            out.append(pos)
    return out


def spaced_candidate(left: str, right: str, c: Counts) -> bool:
    """Whether the space between two ZWNJ-free words may be a lost ZWNJ."""
    return (
        left in VERB_PREFIXES
        or right in SUFFIXES
        or left in c.left_parts
        or right in c.right_parts
        or c.zwnj_at(left + right, len(left)) > 0
    )


def score(feats: list[str], weights: dict[str, float]) -> float:
    return sum(map(weights.get, feats, repeat(0.0)))


def gap_scores(word: str, lex: ZwnjLexicon) -> list[tuple[float, int]]:
    """(log-odds, offset) of every candidate gap inside a ZWNJ-free `word`."""
    return [
        (score(gap_features("j", word[:pos], word[pos:], word, pos, lex), lex.weights), pos)
        for pos in joined_candidates(word, lex)
    ]


@lru_cache(maxsize=_CACHE_SIZE)
def split_joined(word: str, spacer: bool = False) -> tuple[int, ...]:
    """Offsets inside a ZWNJ-free `word` where a ZWNJ belongs (empty: leave it), in a text
    whose writer does (`spacer`) or does not show they space ZWNJ. Gaps are taken best first;
    one that would leave a part under two letters loses (بیانیه‌ای, not بیانی‌ه‌ای)."""
    lex = lexicon()
    known = word in lex.vocab or word in lex.forms
    scored = lex.scores.get(word)
    if scored is None:
        if known or len(word) < 2 * MIN_PART:  # the build scored every known word's gaps
            return ()
        scored = gap_scores(word, lex)
    margin = SPACER_MARGIN if spacer else MARGIN["j" if known else "new"]
    chosen: list[int] = []
    for value, pos in sorted(scored, reverse=True):
        if value > margin and all(abs(pos - other) >= MIN_PART for other in chosen):
            chosen.append(pos)
    return tuple(sorted(chosen))


def join_spaced(key: tuple[str, str], writer: str) -> bool:
    """Whether the space between two ZWNJ-free words `key` should be a ZWNJ, for a text whose
    `writer` is a 'spacer', 'deleter' or 'unknown'. A bound part (می، ها، ترین…) is joined at
    MARGIN['s']; two free words (به طور، محیط زیست) at COMPOUND_MARGIN[writer], never in a
    deleter's text: there the space is the writer's choice. Most pairs a free word such as به
    opens are no candidate at all, so that is checked before the shipped scores."""
    left, right = key
    lex = lexicon()
    bound = left in VERB_PREFIXES or right in SUFFIXES
    if not bound and not (writer in COMPOUND_MARGIN and spaced_candidate(left, right, lex)):
        return False
    if shipped := lex.scores.get(f"{left} {right}"):
        return shipped[0][0] > (MARGIN["s"] if bound else COMPOUND_MARGIN[writer])
    return _join_new(key, writer)


def _join_new(key: tuple[str, str], writer: str) -> bool:
    """`join_spaced` of a candidate pair without a shipped score: the pairs `_spaced_joins`
    finds missing from its cache, which holds the shipped ones from the start."""
    left, right = key
    margin = MARGIN["s"] if left in VERB_PREFIXES or right in SUFFIXES else COMPOUND_MARGIN[writer]
    return (
        len(left) >= MIN_PART
        and len(right) >= MIN_PART
        and _spaced_score(left, right, lexicon()) > margin
    )


def pair_score(left: str, right: str, lex: ZwnjLexicon) -> float:
    """Log-odds that the space between two ZWNJ-free words is a lost ZWNJ (-inf: not a
    candidate)."""
    if len(left) < MIN_PART or len(right) < MIN_PART or not spaced_candidate(left, right, lex):
        return -math.inf
    return _spaced_score(left, right, lex)


def _spaced_score(left: str, right: str, lex: ZwnjLexicon) -> float:
    """The model's log-odds at the space of a candidate pair of two-letter or longer words."""
    return score(gap_features("s", left, right, left + right, len(left), lex), lex.weights)


class Chunk(NamedTuple):
    """What restoration needs to know of one space-free chunk of text (usually one word,
    perhaps with punctuation), computed once per distinct chunk."""

    cut: tuple[int, ...]  # ZWNJ offsets in the chunk at the default margin
    words: tuple[tuple[int, str], ...]  # (offset, word) of the words with a cut
    bound: int  # words cut at a bound part (so 0 without a cut): the writer deleted ZWNJ
    evidence: int  # bound parts standing alone: the writer spaced ZWNJ
    first: str  # the ZWNJ-free word the chunk starts with ('' if none)
    last: str  # the ZWNJ-free word the chunk ends with ('' if none)
    opens: int  # `last` opens a candidate spaced pair: 2 as a bound part (می), 1 as a left part
    closes: int  # `first` closes one: 2 as a bound part (های), 1 as a right part (سازی)


FREE, BOUND = 1, 2  # levels of Chunk.opens and Chunk.closes
_NOTHING = Chunk((), (), 0, 0, "", "", 0, 0)  # a word that already has its ZWNJ
# Bounded caches, plain dicts emptied when full: a hit is a C-level `dict.get` over a whole
# text's chunks (an LRU would need Python-level bookkeeping per hit), and news vocabulary is
# Zipfian, so a refill costs little. The chunk cache starts from (and is emptied back to) the
# facts of the words the lexicon knows, so those are C-level hits from the first text on.
# Spaced pairs are kept per kind of writer.
_chunks: dict[str, Chunk] = {}
_pairs: dict[str, dict[tuple[str, str], bool]] = {"spacer": {}, "unknown": {}, "deleter": {}}
_K = TypeVar("_K")
_V = TypeVar("_V")
_NO_FACTS: Mapping = MappingProxyType({})


def _remember(
    cache: dict[_K, _V], key: _K, compute: Callable[[_K], _V], base: Mapping[_K, _V] = _NO_FACTS
) -> _V:
    """`cache[key]`, computed on a miss; a full cache is emptied back to `base` (the facts
    worked out with the lexicon)."""
    value = cache.get(key)
    if value is None:
        if len(cache) >= len(base) + _CACHE_SIZE or not cache:
            cache.clear()
            cache.update(base)
            value = cache.get(key)
        if value is None:
            value = cache[key] = compute(key)
    return value


def chunk_info(chunk: str) -> Chunk:
    """The facts of one chunk, from the bounded per-chunk cache."""
    return _remember(_chunks, chunk, _word_chunk, _known_chunks())


def clear_caches() -> None:
    """Forget every decision made for text (for cold-cache measurements); what was worked out
    with the lexicon stays."""
    _chunks.clear()
    _chunks.update(_known_chunks())
    for writer, pairs in _pairs.items():
        pairs.clear()
        pairs.update(_known_pairs(writer))
    split_joined.cache_clear()


@cache
def _known_chunks() -> dict[str, Chunk]:
    """The facts of every word the lexicon knows, computed once with it: a first pass over
    news text then works out only the words the corpus never saw."""
    lex = lexicon()
    return {word: _bare_word(word) for word in chain(lex.vocab, lex.forms)}


@cache
def _known_pairs(writer: str) -> dict[tuple[str, str], bool]:
    """The decisions, for one kind of writer, on the spaced pairs shipped with a score,
    worked out once with the lexicon (as `_known_chunks` is for words). A deleter's text
    only ever asks about bound parts."""
    pairs = _shipped_pairs()
    if writer == "deleter":
        pairs = tuple(p for p in pairs if p[0] in VERB_PREFIXES or p[1] in SUFFIXES)
    return {pair: join_spaced(pair, writer) for pair in pairs}


@cache
def _shipped_pairs() -> tuple[tuple[str, str], ...]:
    """The spaced pairs shipped with a score, built once for every kind of writer, each word
    the very string the known words' facts hold (no copies of the same words in memory)."""
    known = _known_chunks()
    words = {word: info.first or word for word, info in known.items()}
    return tuple(
        (words.get(left, left), words.get(right, right))
        for left, right in (key.split(" ") for key in lexicon().scores if " " in key)
    )


def _word_chunk(chunk: str) -> Chunk:
    """The facts of a chunk: of its one word, or put together from each word's (cached) facts
    when punctuation or digits surround or separate words."""
    if WORD.fullmatch(chunk):
        return _bare_word(chunk)
    cut: list[int] = []
    words: list[tuple[int, str]] = []
    bound = evidence = opens = closes = 0
    first = last = ""
    for m in WORD.finditer(chunk):
        start, word = m.start(), m.group()
        info = _chunks.get(word) or chunk_info(word)  # most words are known: a plain hit
        if info.cut:  # most words have none, and then no listed word and no bound split
            cut.extend(start + pos for pos in info.cut)
            words.extend((start + offset, inner) for offset, inner in info.words)
            bound += info.bound
        evidence += info.evidence
        if start == 0:
            first, closes = info.first, info.closes
        if m.end() == len(chunk):
            last, opens = info.last, info.opens
    return Chunk(tuple(cut), tuple(words), bound, evidence, first, last, opens, closes)


def _bare_word(word: str) -> Chunk:
    """The facts of a chunk that is one word."""
    if ZWNJ in word:
        return _NOTHING
    cut = split_joined(word)
    lex = lexicon()
    free = len(word) >= MIN_PART
    return Chunk(
        cut,
        ((0, word),) if cut else (),
        int(_bound_split(word, cut)) if cut else 0,
        int(word in SPACED_EVIDENCE),
        word,
        word,
        BOUND if word in VERB_PREFIXES else FREE * (free and word in lex.left_parts),
        BOUND if word in SUFFIXES else FREE * (free and word in lex.right_parts),
    )


def restore_zwnj(text: str) -> list[Edit]:
    """Edits that restore ZWNJ in joined and space-split words.

    A space between two free words becomes a ZWNJ in a text whose writer shows they space
    ZWNJ (more bound parts such as می or ها standing alone than restored inside words), at a
    higher margin in a text that shows neither, and never in one that shows the writer
    deleted ZWNJ (its spaces are the writer's own); in a text that spaces ZWNJ a joined word
    needs more evidence to be split. Only ZWNJ-free words are considered, so the
    result is a fixed point (idempotent): a restored word carries a ZWNJ and is not looked
    at again. The text is cut at single spaces and each chunk looked up in a cache, so the
    Python-level work is only for the few chunks that change.
    """
    found = _restoration(text)
    if found is None:
        return []
    chunks, joins, cuts = found
    # Chunk i ends at ends[i] + i (one space after each chunk before it).
    ends = list(accumulate(map(len, chunks)))
    edits = [Edit(ends[i] + i, ends[i] + i + 1, ZWNJ, STEP) for i in joins]
    for i, offsets in cuts.items():
        start = ends[i] + i - len(chunks[i])
        edits.extend(Edit(start + pos, start + pos, ZWNJ, STEP) for pos in offsets)
    edits.sort(key=attrgetter("start"))
    return edits


def restored_text(text: str) -> str:
    """`text` with the edits of `restore_zwnj` made, built from its chunks directly (for
    normalization without an offset map: no edits to create, sort and apply)."""
    found = _restoration(text)
    if found is None:
        return text
    chunks, joins, cuts = found
    for i, offsets in cuts.items():
        if offsets:
            chunk = chunks[i]
            chunks[i] = ZWNJ.join(chunk[a:b] for a, b in pairwise((0, *offsets, len(chunk))))
    pieces, start = [], 0
    for i in joins:  # the space after chunk i becomes a ZWNJ
        pieces.append(" ".join(chunks[start : i + 1]))
        start = i + 1
    pieces.append(" ".join(chunks[start:]))
    return ZWNJ.join(pieces)


def _restoration(text: str) -> tuple[list[str], list[int], dict[int, tuple[int, ...]]] | None:
    """The text cut at single spaces, the chunks whose following space becomes a ZWNJ
    (ascending), and the ZWNJ offsets to insert inside chunks; None if nothing changes."""
    chunks = text.split(" ")
    infos = list(map(_chunks.get, chunks))
    if not all(infos):  # chunks not seen before (a Chunk is never falsy): compute only those
        for i in compress(range(len(infos)), map(not_, infos)):
            infos[i] = chunk_info(chunks[i])
    # One C-level pass turns the chunks' facts into columns, one per field.
    cut, words, bound, evidence, first, last, opens, closes = zip(*infos, strict=True)
    spaced, deleted = sum(evidence), sum(bound)
    writer = "spacer" if spaced > deleted else "deleter" if spaced < deleted else "unknown"
    cuts = {i: cut[i] for i in compress(range(len(cut)), cut)}
    if spaced > deleted:
        cuts = {i: _respaced(words[i]) for i in cuts}
    joins = _spaced_joins(first, last, opens, closes, writer)
    if not joins and not any(cuts.values()):
        return None
    return chunks, joins, cuts


def _respaced(words: tuple[tuple[int, str], ...]) -> tuple[int, ...]:
    """A chunk's cut in the text of a writer who spaces ZWNJ."""
    return tuple(start + pos for start, word in words for pos in split_joined(word, True))


def _spaced_joins(
    first: tuple[str, ...],
    last: tuple[str, ...],
    opens: tuple[int, ...],
    closes: tuple[int, ...],
    writer: str,
) -> list[int]:
    """Indices i where the single space after chunk i becomes a ZWNJ. The candidates, found
    at C level, are exactly the pairs `join_spaced` may join: a side that opens or closes one
    at the writer's level, or a pair the corpus writes with ZWNJ; each is decided once, then
    read from the cache."""
    deleter = writer == "deleter"  # a deleter's free pairs stay apart: only bound parts join,
    if deleter and BOUND not in opens and BOUND not in closes:  # which most of their texts lack
        return []
    sides = map(or_, opens, closes[1:])
    pairs = list(zip(last, first[1:], strict=False))
    if deleter:
        candidate = map(ge, sides, repeat(BOUND))
    else:
        candidate = map(or_, sides, map(lexicon().zwnj_pairs.__contains__, pairs))
    at = list(compress(range(len(pairs)), candidate))  # one pass over the text's pairs
    keys = list(map(pairs.__getitem__, at))
    cache = _pairs[writer]
    joined = list(map(cache.get, keys))
    if None in joined:
        decide, base = partial(_join_new, writer=writer), _known_pairs(writer)
        for i in _missing(joined):
            joined[i] = _remember(cache, keys[i], decide, base)
    return list(compress(at, joined))


def _missing(found: list[_V | None]) -> compress[int]:
    """Indices of the cache misses in `found` (found at C level: most texts have few)."""
    return compress(range(len(found)), map(is_, found, repeat(None)))


def _bound_split(word: str, cut: tuple[int, ...]) -> bool:
    """Whether a restored split of `word` is at a bound part (a sign the writer deleted ZWNJ
    rather than spacing it)."""
    return any(word[:pos] in VERB_PREFIXES or word[pos:] in SPACED_EVIDENCE for pos in cut)
