"""Score the whole entities stage (rules + gazetteers + model) against token-level BIO gold.

The NER corpora are tokenized; rasad reads running text. So a gold sentence is detokenized
(tokens joined with one space, a char → token map kept), run through the real pipeline, and
each mention is mapped back to gold tokens through `doc.to_raw` and the token char spans.
The result is a set of `(first, last, label)` token spans, comparable with `bio_to_spans` of
the gold tags (conlleval-style exact match). GPE is folded into LOC, as in the model.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from functools import cache

from rasad.extract.entities import DIRECTIONS, MINISTER, STATE_HEADS, channel_kind
from rasad.extract.gazetteer import Pattern, demonyms, entity_ruler, key, names_a_body
from rasad.extract.roles import strip_honorifics
from rasad.model import Document
from rasad.pipeline import Pipeline

EVAL_STAGES = ("normalize", "segment", "entities")
LABEL_FOLD = {"GPE": "LOC"}
TokenSpan = tuple[int, int, str]


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The tokens joined with single spaces, and each token's (start, end) in that text."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for token in tokens:
        spans.append((pos, pos + len(token)))
        pos += len(token) + 1
    return " ".join(tokens), spans


def token_span(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """Gold tokens `[first, last)` covering raw chars `[start, end)`; None when it covers none.

    A mention edge inside a gold token counts as that whole token: token-level gold cannot
    express a sub-token boundary, so this neither rewards nor punishes it.
    """
    starts = [s for s, _ in spans]
    first = bisect_right(starts, start) - 1
    last = bisect_right(starts, max(start, end - 1))
    if first < 0 or spans[first][1] <= start:  # start falls in a gap: begin at the next token
        first += 1
    return (first, last) if first < last else None


def entity_token_spans(doc: Document, spans: Sequence[tuple[int, int]]) -> set[TokenSpan]:
    """The document's mentions as gold-token spans, GPE folded into LOC."""
    out: set[TokenSpan] = set()
    for mention in doc.entities:
        covered = token_span(spans, *doc.to_raw(mention.start, mention.end))
        if covered is not None:
            out.add((*covered, LABEL_FOLD.get(mention.label, mention.label)))
    return out


def rules_tag(tokens: Sequence[str], pipeline: Pipeline | None = None) -> set[TokenSpan]:
    """Run normalize → segment → entities on the detokenized sentence; spans over `tokens`."""
    return rules_tag_document([tokens], pipeline)[0]


def rules_tag_document(
    sentences: Sequence[Sequence[str]], pipeline: Pipeline | None = None
) -> list[set[TokenSpan]]:
    """Run the stages once on a whole document (its detokenized sentences a line each), as
    rasad reads an article, so a name met earlier or a title can inform a later sentence;
    each sentence's spans over its own tokens. A mention across a sentence break is kept in
    the sentence it starts in, where it can only count as spurious."""
    texts, spans, firsts = [], [], []
    offset = 0
    for tokens in sentences:
        text, token_spans = detokenize(tokens)
        firsts.append(len(spans))
        spans += [(start + offset, end + offset) for start, end in token_spans]
        texts.append(text)
        offset += len(text) + 1
    doc = (pipeline or Pipeline(EVAL_STAGES))(Document(id="ner-eval", raw="\n".join(texts)))
    out: list[set[TokenSpan]] = [set() for _ in sentences]
    for first, last, label in entity_token_spans(doc, spans):
        at = bisect_right(firsts, first) - 1
        out[at].add((first - firsts[at], last - firsts[at], label))
    return out


def _kind(span: TokenSpan, others: set[TokenSpan], lone: str) -> str:
    first, last, label = span
    near = [o for o in others if o[0] < last and first < o[1]]
    if any(o[:2] == span[:2] for o in near):
        return "label"
    if any(o[2] == label for o in near):
        return "boundary"
    return "both" if near else lone


def error_kinds(gold: set[TokenSpan], pred: set[TokenSpan]) -> Counter[str]:
    """Count each unmatched span by kind: `label` (same tokens, other label), `boundary`
    (overlaps a span of the same label), `both` (overlaps only spans of other labels),
    `missed` / `spurious` (a gold / predicted span overlapping nothing on the other side)."""
    kinds: Counter[str] = Counter(_kind(s, pred, "missed") for s in gold - pred)
    kinds.update(_kind(s, gold, "spurious") for s in pred - gold)
    return kinds


# House conventions (../shared/docs/annotation.md, ../shared/gold/README.md) that the NER
# corpora do not follow. `house_spans` rewrites corpus gold into them, so that the bench can
# report how far rasad is from the corpus *and* from the same text annotated the house way.
# The state heads, directions and «وزیر» are the entities stage's own (entities.py), so the two
# agree.
_GROUPS = frozenset(key(w) for w in ("گروه", "گروهک"))  # a description before a group's name


def _gazetteer_label(keys: Sequence[str]) -> Pattern | None:
    """The gazetteer record naming exactly these words, if any."""
    return entity_ruler().get("".join(keys))


@cache
def _state_names() -> frozenset[str]:
    return frozenset(p.name_en or "" for p in entity_ruler().patterns if p.kind == "state")


def _is_state(keys: Sequence[str]) -> bool:
    """A state's name or an alias of it («جمهوری اسلامی» is Iran)."""
    pat = _gazetteer_label(keys)
    return pat is not None and pat.label == "GPE" and pat.name_en in _state_names()


def _house_span(keys: Sequence[str], span: TokenSpan) -> list[TokenSpan]:
    """One corpus entity as the house would annotate it (zero, one or two entities)."""
    first, last, label = span
    words = keys[first:last]
    if label == "ORG" and first > 0 and keys[first - 1] == MINISTER:
        # «وزیر خارجه ترکیه»: a title (a role), no organisation «خارجه ترکیه»; the state that
        # ends it is an entity, as a state after any title is («صدراعظم آلمان» in ../gold)
        cut = next((c for c in range(first + 1, last) if _is_state(keys[c:last])), last)
        return [(cut, last, "LOC")]
    if label == "PER":
        first = strip_honorifics(keys, first, last)  # «سردار سلیمانی» → «سلیمانی»
        # «امام خمینی ( ره )» → «امام خمینی», whether the corpus splits «(ره)» or not
        last = next((i for i in range(first + 1, last) if keys[i].startswith("(")), last)
        return [(first, last, label)]
    if words[0] in STATE_HEADS and _is_state(words[1:]):
        return [(first + 1, last, "LOC")]  # «دولت عراق»: the state is the entity
    if label == "ORG" and _is_state(words):
        return [(first, last, "LOC")]  # «جمهوری اسلامی ایران», a state acting: GPE
    if label in ("LOC", "GPE") and names_a_body(words):
        return [(first, last, "ORG")]  # «دانشگاه شهید بهشتی»: a university is a body
    whole = _gazetteer_label(words)
    if label != "PER" and whole is None and all(w in demonyms() for w in words):
        return []  # «باند تبهکار چینی»: a demonym is no entity (Arman tags them ORG)
    if label == "LOC" and whole is not None and whole.label in ("GPE", "LOC"):
        return [span]  # one place's name: «ایالات متحده آمریکا», «غرب آسیا» (a region)
    if label == "LOC" and words[0] in DIRECTIONS and last - first > 1:
        while first < last - 1 and keys[first] in DIRECTIONS:
            first += 1
        return [(first, last, label)]  # «شمال لندن» → «لندن», «جنوب غرب موصل» → «موصل»
    for cut in range(first + 1, last):
        if label == "LOC" and _is_state(keys[cut:last]):
            return [(first, cut, label), (cut, last, label)]  # «هامبورگ آلمان»: two places
        tail = _gazetteer_label(keys[cut:last])
        if label == "ORG" and tail is not None and tail.sector == "MED" and channel_kind(
            keys[first:cut]
        ):
            return [(cut, last, label)]  # «شبکه خبری العالم» → «العالم»
        if label == "ORG" and tail is not None and tail.label == "ORG" and words[0] in _GROUPS:
            return [(cut, last, label)]  # «گروه تروریستی داعش» → «داعش» (as in ../gold)
    return [span]


def house_spans(words: Sequence[str], spans: set[TokenSpan]) -> set[TokenSpan]:
    """Corpus gold spans rewritten into the house conventions (see `_house_span`)."""
    keys = [key(w) for w in words]
    return {out for span in spans for out in _house_span(keys, span) if out[0] < out[1]}
