"""Build the ZWNJ lexicons and gap model in rasad/resources/zwnj/ from ZWNJ-clean text in
../shared/data.

Sources (letters unified first: Arabic yeh/kaf -> Persian, diacritics dropped):
  - Fars News articles whose `derived_zwnj_clean` is true, EXCEPT the evaluation slice
    (`eval_bucket(link) < EVAL_PERCENT`, see `is_heldout_fars`), which bench/normalize.py uses;
  - the ZWNJ-clean paragraphs of the other Fars articles outside that slice
    (`fars_clean_paragraphs`), for their words only (see `weighted_runs`);
  - NSURL-2019 600K NER tokens (ZWNJ consistent, Arabic yeh);
  - Arman NER tokens (ZWNJ mostly present);
  (a bound part standing as a token of its own in either is the tokenizer's cut: `_untokenized`)
  - the TUNE half of both UD dev treebanks (`split_of`): treebank gold, ZWNJ as the
    treebanks write it.
Fars is repeated to weigh about as much as NSURL (see `weighted_runs`).
HELD OUT, never read here: the TEST half of both UD dev treebanks (the gold of
bench/normalize.py) and the Fars evaluation slice. PEYMA has no ZWNJ at all but a space
inside a token where one was: its tokens count as words, one by one (`peyma_words`).
PERLEX gives its words only, one by one, without those it writes joined where the clean
sources have a ZWNJ at a bound part (بزرگترین، میشود: `perlex_words`), which would teach the
joined spelling.

Outputs (gzip TSV, small enough to ship):
  forms.tsv.gz   key, zwnj_form, n_zwnj, n_spaced — for the commonest ZWNJ spelling of each
                 letter sequence, how often it was written so and how often split by spaces.
  vocab.tsv.gz   word, count — ZWNJ-free words seen >= MIN_VOCAB times (one-word forms such
                 as تنها, انتهای, قالیباف, and the halves of compounds).
  verbs.tsv.gz   remainder, count — what follows the می/نمی prefix in ZWNJ forms.
  parts.tsv.gz   side (L/R), part, n_partners — productive compound parts (بی، هم، سازی،
                 کننده) seen with at least MIN_PARTNERS different partners in ZWNJ forms.
  model.tsv.gz   feature, weight — the logistic gap model of rasad.text.zwnj.
  scores.tsv.gz  word, gap scores — the model's log-odds at each candidate gap of every
                 shipped word, and at the space of the MAX_PAIRS commonest candidate word
                 pairs (keyed 'left right'), so that a first pass over text skips their
                 features.

The model is trained on every candidate gap of the training text, both ways it can be lost:
inside each word with its ZWNJ deleted (mode j) and at each space once ZWNJ became a space
(mode s). Its count features are leave-one-out: the occurrence being classified is taken out
of every count it would be in (and the shipping thresholds applied afterwards), so a word seen
once in training looks exactly like a word the lexicon has never seen.
Gaps after a letter that does not join (ا د ذ ر ز ژ و) are no candidates (see
rasad.text.zwnj.NON_JOINING): a writer's joined `کارهایش` is no evidence about `کتابهایش`.

With --fold-out, the UD tune sentences of one fold (`fold_of`, half of them) are left out too,
so that a choice (a source's weight, a decision margin) can be scored on tune text the build never
saw: `bench/normalize.py --split tune-fold` scores those sentences and the Fars tune articles.
The lexicons it writes are for such experiments only; the shipped ones are built without it.

Usage: .venv/bin/python scripts/build_zwnj_lexicon.py [--data ../shared/data] [--fold-out]
"""

from __future__ import annotations

import argparse
import ast
import gzip
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import numpy as np

from rasad.text.zwnj import (
    MIN_PART,
    NON_JOINING,
    PREVERBS,
    SPACED_EVIDENCE,
    SUFFIXES,
    VERB_PREFIXES,
    ZWNJ,
    gap_features,
    gap_scores,
    joined_candidates,
    lexicon,
    pack_scores,
    pair_score,
    person_stem,
    spaced_candidate,
    split_suffix,
    stem_forms,
    zwnj_positions,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"  # ../shared/data

EVAL_PERCENT = 15
MIN_FORM = 2
MIN_VOCAB = 2
MIN_VERB = 2
MIN_PARTNERS = 5  # chosen on the bench's tuning split, as the decision margins are
MIN_FEATURE = 3  # a feature must fire on this many training gaps to get a weight
MAX_PAIRS = 30000  # spaced word pairs shipped with precomputed scores (bounds scores.tsv.gz)
L2 = 1.0
# ZWNJ-clean by filter (Fars) or by the data set's own note (NSURL). The UD tune halves are
# treebank gold too, but are not weighed like the news sources: the treebanks often join plural
# «ها» («بحران‌سازیهای»), and at full weight they would unteach the standard spelling
# («فرهنگسازیهای» was left joined). They count UD_REPEAT times: with the tune fold left out
# (--fold-out, scored by bench --split tune-fold) twice gave 0.932 / 0.889 F1 and 64 / 97 false
# insertions (deleted / spaced) against 0.930 / 0.888 and 68 / 107 once; four times was no better
# (0.932 / 0.888).
CLEAN_SOURCES = ("fars", "nsurl")
UD_REPEAT = 2
UD_BANKS = {"seraji": "ud-persian-seraji", "perdt": "ud-persian-perdt"}
TUNE_PERCENT = 50  # the UD tune half (split_of) is training text; the test half is held out
FOLD_PERCENT = 50  # the share of the UD tune half that --fold-out leaves out (fold_of)
OUT = Path(__file__).resolve().parent.parent / "rasad" / "resources" / "zwnj"

_UNIFY = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه"})
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_WORD = re.compile(f"[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc{ZWNJ}]+")
_VERB_PREFIX = re.compile(f"^(?:{'|'.join(PREVERBS)})?(?:ن?می){ZWNJ}(.+)$")


def eval_bucket(link: str) -> int:
    """Deterministic bucket in [0, 100) for the Fars evaluation slice (salted: independent of
    the data set's own train/held-out split)."""
    return int(hashlib.sha1(f"zwnj-eval/{link}".encode()).hexdigest(), 16) % 100


def is_heldout_fars(record: dict) -> bool:
    return eval_bucket(record["link"]) < EVAL_PERCENT


def fars_articles(data: Path) -> Iterator[tuple[dict, list[str]]]:
    """(record, [title, abstract, *paragraphs]) of every Fars article, empty parts dropped."""
    with open(data / "farsnews-articles" / "train.jsonl", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            paragraphs = record.get("paragraphs") or "[]"
            if isinstance(paragraphs, str):
                paragraphs = ast.literal_eval(paragraphs)
            parts = [record.get("title") or "", record.get("abstract") or "", *paragraphs]
            yield record, [p for p in parts if p]


def fars_clean(data: Path) -> Iterator[tuple[dict, str]]:
    """(record, text) of every ZWNJ-clean Fars article, title + abstract + paragraphs."""
    for record, parts in fars_articles(data):
        if str(record.get("derived_zwnj_clean")) == "True":
            yield record, "\n".join(parts)


def fars_clean_paragraphs(data: Path, zwnj_words: set[str]) -> list[str]:
    """The ZWNJ-clean paragraphs of the Fars articles that are not clean as a whole (and not
    in the evaluation slice, nor repeating one of its paragraphs): derived_zwnj_clean's test
    applied to one paragraph. A paragraph qualifies with a ZWNJ, no bound part standing alone
    (`می شود`, `کتاب ها`) and no verb prefix joined where clean text writes a ZWNJ (`میشود`
    when `می‌شود` is among `zwnj_words`)."""
    articles = list(fars_articles(data))
    heldout = {p for record, parts in articles if is_heldout_fars(record) for p in parts}
    out = []
    for record, parts in articles:
        if str(record.get("derived_zwnj_clean")) == "True" or is_heldout_fars(record):
            continue
        for part in parts:
            if part in heldout or ZWNJ not in part:
                continue
            words = [w for run in words_of(part) for w in run]
            if not any(
                w in SPACED_EVIDENCE or _joined_prefix(w, zwnj_words) for w in words
            ):
                out.append(part)
    return out


def perlex_words(data: Path, zwnj_words: set[str]) -> list[str]:
    """The words of PERLEX's sentences, each a text of its own (its spaces are a translator's,
    no evidence), but those it writes joined where clean text has a ZWNJ at a bound part
    (`بزرگترین`, `میشود`)."""
    out = []
    with open(data / "perlex" / "train.txt", encoding="utf-8") as fh:
        for line in fh:
            head, _, text = line.rstrip("\n").partition("\t")
            if not head.isdigit():
                continue
            text = re.sub(r"</?e[12]>", "", text.strip('"'))
            out.extend(
                w for run in words_of(text) for w in run
                if not _joined_suffix(w, zwnj_words) and not _joined_prefix(w, zwnj_words)
            )
    return out


def peyma_words(data: Path) -> list[str]:
    """PEYMA's tokens as words: it turned ZWNJ into a space inside a token (`می دهد`,
    `نمایشگاه ها`), so a token with no space is a word written whole, and one whose every
    space is beside a bound part (می، ها، ترین…) a word with a ZWNJ there; a token holding
    two free words (`محیط زیست`, `از جمله`) may be a ZWNJ compound or a phrase: skipped."""
    out = []
    with open(data / "peyma" / "train.tsv", encoding="utf-8") as fh:
        for line in fh:
            token = clean_letters(line.rstrip("\n").split("\t")[0])
            pieces = token.split(" ")
            if not all(_WORD.fullmatch(p) for p in pieces):
                continue
            if all(a in VERB_PREFIXES or b in SUFFIXES for a, b in pairwise(pieces)):
                out.append(ZWNJ.join(pieces))
    return out


def _joined_suffix(word: str, zwnj_words: set[str]) -> bool:
    """Whether `word` is a bound suffix joined after a joining letter where clean text
    writes a ZWNJ (`کتابهای` when `کتاب‌های` is among `zwnj_words`)."""
    core, suffix = split_suffix(word)
    return bool(suffix) and core[-1] not in NON_JOINING and f"{core}{ZWNJ}{suffix}" in zwnj_words


def _joined_prefix(word: str, zwnj_words: set[str]) -> bool:
    """Whether `word` is a verb written with its prefix joined (`میشود`, `نمیتوان`)."""
    return any(
        word.startswith(prefix) and f"{prefix}{ZWNJ}{word[len(prefix):]}" in zwnj_words
        for prefix in VERB_PREFIXES
    )


def split_of(text_id: str) -> str:
    """'tune' or 'test' for a held-out text (UD sentence, Fars evaluation article), from a
    salted hash of its id: bench/normalize.py scores the test half; the tune half of the UD
    treebanks is training text here."""
    bucket = int(hashlib.sha1(f"zwnj-tune/{text_id}".encode()).hexdigest(), 16) % 100
    return "tune" if bucket < TUNE_PERCENT else "test"


def fold_of(text_id: str) -> bool:
    """Whether a UD tune sentence is in the fold that `--fold-out` leaves out of training
    (salted independently of `split_of`)."""
    bucket = int(hashlib.sha1(f"zwnj-fold/{text_id}".encode()).hexdigest(), 16) % 100
    return bucket < FOLD_PERCENT


def ud_sentences(data: Path, bank: str) -> list[tuple[str, str]]:
    """(sent_id, text) of every sentence of a UD treebank folder."""
    out, sent_id = [], ""
    for path in sorted((data / bank).glob("*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# sent_id = "):
                sent_id = line[12:].strip()
            elif line.startswith("# text = "):
                out.append((sent_id, line[9:].strip()))
    return out


def _ner_sentences(path: Path) -> Iterator[str]:
    """The sentences of a token-per-line NER file, tokens joined by spaces (see `_untokenized`)."""
    tokens: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            token = line.rstrip("\n").split("\t")[0]
            if not token or token == "-DOCSTART-":
                if tokens:
                    yield _untokenized(tokens)
                tokens = []
                continue
            tokens.append(token)
    if tokens:
        yield _untokenized(tokens)


def _untokenized(tokens: list[str]) -> str:
    """Tokens joined by spaces, but a token that is a bound part (a suffix such as اش، شان،
    ها; a verb prefix می) becomes a line break, ending the word run there: the corpus's
    tokenizer cut it off its word (NSURL has «زندگی اش» 153 times against 19 «زندگی‌اش», «X
    شان» 272 against 5), so that space is no writer's and must not teach that a space before
    a bound part is real."""
    return " ".join(
        "\n" if (bare := clean_letters(t)) in SUFFIXES or bare in VERB_PREFIXES else t
        for t in tokens
    )


def clean_letters(text: str) -> str:
    return _MARKS.sub("", text.translate(_UNIFY))


def training_sources(data: Path, fold_out: bool = False) -> dict[str, list[str]]:
    """The training texts of each source corpus (with `fold_out`, less the UD tune fold)."""
    ud = {
        name: [
            text
            for sent_id, text in ud_sentences(data, bank)
            if split_of(f"{name}/{sent_id}") == "tune"
            and not (fold_out and fold_of(f"{name}/{sent_id}"))
        ]
        for name, bank in UD_BANKS.items()
    }
    sources = {
        "fars": [text for record, text in fars_clean(data) if not is_heldout_fars(record)],
        "nsurl": list(_ner_sentences(data / "nsurl2019-ner-600k" / "train.tsv")),
        "arman": list(_ner_sentences(data / "arman" / "train.tsv")),
        **ud,
    }
    zwnj_words = {
        w for name in CLEAN_SOURCES for text in sources[name] for run in words_of(text)
        for w in run if ZWNJ in w
    }
    sources["fars-paragraphs"] = fars_clean_paragraphs(data, zwnj_words)
    sources["perlex"] = perlex_words(data, zwnj_words)
    sources["peyma"] = peyma_words(data)
    return sources


def weighted_runs(sources: dict[str, list[str]]) -> list[list[str]]:
    """Word runs of every source; each ZWNJ-clean source (CLEAN_SOURCES) is repeated to weigh
    about as much per word as the largest one. They disagree on conventions (NSURL writes
    `آن‌ها` and `به‌عنوان`, Fars `آنها` and `به عنوان`), and the largest would otherwise set them
    alone. Arman keeps weight 1: its joined forms are as often lost ZWNJ (`کتابهای`) as a
    convention."""
    runs = {
        name: [run for text in texts for run in words_of(text)] for name, texts in sources.items()
    }
    # Clean paragraphs of unclean articles teach words only: their writers space compounds
    # (به عنوان، رئیس جمهور) more than the clean articles do, so their spaces are no evidence.
    runs["fars-paragraphs"] = [[word] for run in runs["fars-paragraphs"] for word in run]
    sizes = {name: sum(map(len, r)) for name, r in runs.items()}
    largest = max(sizes[name] for name in CLEAN_SOURCES)
    repeat = {name: round(largest / sizes[name]) if name in CLEAN_SOURCES else 1 for name in runs}
    repeat["fars-paragraphs"] = repeat["fars"]  # Fars text, weighed as the clean articles
    for name in UD_BANKS:  # treebank gold, twice (see UD_REPEAT)
        repeat[name] = UD_REPEAT
    return [run for name, r in runs.items() for _ in range(repeat[name]) for run in r]


def words_of(text: str) -> list[list[str]]:
    """Runs of words separated by single spaces (a break elsewhere ends the run)."""
    runs: list[list[str]] = []
    for chunk in re.split(r"[^\S ]+| {2,}|[^\s\u0621-\u06ff\u200c]+", clean_letters(text)):
        words = [re.sub(f"{ZWNJ}+", ZWNJ, w.strip(ZWNJ)) for w in chunk.split(" ")]
        words = [w for w in words if w and _WORD.fullmatch(w)]
        if words:
            runs.append(words)
    return runs


def _verb_rest(form: str) -> str:
    match = _VERB_PREFIX.match(form)
    return match.group(1) if match and ZWNJ not in match.group(1) else ""


class LooCounts:
    """The counts rasad.text.zwnj reads, computed from the training counters with one
    occurrence (`exclude`) taken out and the shipping thresholds applied afterwards."""

    def __init__(self, runs: list[list[str]]) -> None:
        self.zwnj_forms: Counter[str] = Counter()
        self.plain: Counter[str] = Counter()
        for run in runs:
            for word in run:
                (self.zwnj_forms if ZWNJ in word else self.plain)[word] += 1
        self.by_key: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for form, n in self.zwnj_forms.most_common():
            self.by_key[form.replace(ZWNJ, "")].append((form, n))
        needed = {f.replace(ZWNJ, " ") for f, n in self.zwnj_forms.items() if n >= MIN_FORM}
        self.phrases: Counter[str] = Counter()
        for run in runs:
            for size in (2, 3):
                for i in range(len(run) - size + 1):
                    phrase = " ".join(run[i : i + size])
                    if phrase in needed:
                        self.phrases[phrase] += 1
        self.verbs: Counter[str] = Counter()
        for form, n in self.zwnj_forms.items():
            if rest := _verb_rest(form):
                self.verbs[rest] += n
        self.stem_rests: dict[str, list[str]] = defaultdict(list)
        for rest, n in self.verbs.items():
            if n >= MIN_VERB and (stem := person_stem(rest)):
                self.stem_rests[stem].append(rest)
        self.stem_forms = stem_forms(frozenset(self.stem_rests))
        parts = compound_parts(self.zwnj_forms)
        self.parts = parts
        self.right_parts = frozenset(p for side, p, _ in parts if side == "R")
        self.left_parts = frozenset(p for side, p, _ in parts if side == "L")
        self.exclude()

    def exclude(self, form: str = "", plain: tuple[str, ...] = (), phrase: str = "") -> None:
        self.ex_form, self.ex_plain, self.ex_phrase = form, plain, phrase
        self.ex_rest = _verb_rest(form)

    def best(self, key: str) -> tuple[str, int]:
        """The commonest ZWNJ spelling of `key` and its count, if shipped."""
        best, count = "", 0
        for form, n in self.by_key.get(key, ()):
            n -= form == self.ex_form
            if n > count:
                best, count = form, n
        return (best, count) if count >= MIN_FORM else ("", 0)

    def zwnj_at(self, key: str, pos: int) -> int:
        form, n = self.best(key)
        return n if n and pos in zwnj_positions(form) else 0

    def zwnj_any(self, key: str) -> int:
        return self.best(key)[1]

    def spaced(self, key: str, pos: int) -> int:
        form, n = self.best(key)
        if not n or pos not in zwnj_positions(form):
            return 0
        phrase = form.replace(ZWNJ, " ")
        return self.phrases[phrase] - (phrase == self.ex_phrase)

    def joined(self, word: str) -> int:
        n = self.plain[word] - self.ex_plain.count(word)
        return n if n >= MIN_VOCAB else 0

    def verb(self, rest: str) -> int:
        if self.verbs[rest] - (rest == self.ex_rest) >= MIN_VERB:
            return 2
        rests = self.stem_rests.get(person_stem(rest), ())
        return int(any(self.verbs[r] - (r == self.ex_rest) >= MIN_VERB for r in rests))


def compound_parts(zwnj_forms: Counter[str]) -> list[tuple[str, str, int]]:
    """Left and right parts of ZWNJ forms with many distinct partners (productive parts). A
    closed suffix is no partner: a word seen with ها، ای، اش (گذشته‌ها، گذشته‌ای…) is a host,
    no compound part."""
    partners: dict[tuple[str, str], set[str]] = {}
    for form, n in zwnj_forms.items():
        pieces = form.split(ZWNJ)
        if n < MIN_FORM or len(pieces) != 2 or min(map(len, pieces)) < MIN_PART:
            continue
        left, right = pieces
        if right not in SUFFIXES:
            partners.setdefault(("L", left), set()).add(right)
        partners.setdefault(("R", right), set()).add(left)
    return sorted(
        (side, part, len(others))
        for (side, part), others in partners.items()
        if len(others) >= MIN_PARTNERS and part not in VERB_PREFIXES
    )


Example = tuple[list[str], bool, int]


def joined_examples(c: LooCounts) -> Iterator[Example]:
    """Mode j: every candidate gap inside every distinct written word, weighted by count."""
    for counter, is_plain in ((c.zwnj_forms, False), (c.plain, True)):
        for form, n in counter.items():
            c.exclude(plain=(form,)) if is_plain else c.exclude(form=form)
            key, gold = form.replace(ZWNJ, ""), zwnj_positions(form)
            for pos in joined_candidates(key, c):
                yield gap_features("j", key[:pos], key[pos:], key, pos, c), pos in gold, n


def spaced_examples(runs: list[list[str]], c: LooCounts) -> Iterator[Example]:
    """Mode s: every gap between written pieces once ZWNJ became a space; a ZWNJ gap is
    positive, a real space negative."""
    gaps: Counter[tuple[str, str, str, str]] = Counter()
    for run in runs:
        for k, word in enumerate(run):
            pieces = word.split(ZWNJ)
            for a, b in zip(pieces, pieces[1:], strict=False):
                gaps[(a, b, word, "")] += 1
            if k + 1 < len(run):
                nxt = run[k + 1]
                gaps[(pieces[-1], nxt.split(ZWNJ)[0], "", f"{word} {nxt}")] += 1
    for (a, b, form, pair), n in gaps.items():
        if len(a) < MIN_PART or len(b) < MIN_PART:
            continue
        if form:
            c.exclude(form=form)
        else:
            c.exclude(plain=tuple(w for w in pair.split(" ") if ZWNJ not in w), phrase=pair)
        if spaced_candidate(a, b, c):
            yield gap_features("s", a, b, a + b, len(a), c), bool(form), n


def train(examples: list[Example]) -> dict[str, float]:
    """Weighted L2 logistic regression over the binary features (L-BFGS)."""
    from scipy import sparse  # the `build` extra; imported here so the filters above load
    from scipy.optimize import minimize  # without it (tests/test_zwnj.py uses them)

    seen: Counter[str] = Counter(f for feats, _, _ in examples for f in feats)
    names = sorted(f for f, k in seen.items() if k >= MIN_FEATURE)
    index = {f: i for i, f in enumerate(names)}
    rows, cols = [], []
    for r, (feats, _, _) in enumerate(examples):
        for f in feats:
            if f in index:
                rows.append(r)
                cols.append(index[f])
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(names)))
    y = np.array([label for _, label, _ in examples], dtype=float)
    w = np.array([n for _, _, n in examples], dtype=float)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ theta
        p = 1.0 / (1.0 + np.exp(-z))
        value = np.sum(w * (np.logaddexp(0, z) - y * z)) + L2 * theta @ theta / 2
        return value, x.T @ (w * (p - y)) + L2 * theta

    theta = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B").x
    return {f: float(t) for f, t in zip(names, theta, strict=True) if abs(t) >= 1e-3}


def write_tsv(path: Path, rows: list[tuple]) -> None:
    """Gzip with a fixed header time, so an unchanged table rebuilds byte for byte."""
    text = "".join("\t".join(str(col) for col in row) + "\n" for row in rows)
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def spaced_pairs(runs: list[list[str]]) -> Counter[tuple[str, str]]:
    """How often each two ZWNJ-free words meet at a space, once ZWNJ became a space."""
    pairs: Counter[tuple[str, str]] = Counter()
    for run in runs:
        pieces = [piece for word in run for piece in word.split(ZWNJ)]
        pairs.update(zip(pieces, pieces[1:], strict=False))
    return pairs


def write_scores(runs: list[list[str]]) -> None:
    """scores.tsv.gz: the gap scores of every shipped word that has a candidate gap and of the
    commonest candidate spaced pairs, from the lexicon and model just written (so that run
    time skips their features)."""
    lexicon.cache_clear()
    lex = lexicon()
    rows = []
    for word in sorted(set(lex.vocab) | set(lex.forms)):
        if scored := gap_scores(word, lex):
            rows.append((word, pack_scores(scored)))
    shipped = 0
    for (left, right), _ in spaced_pairs(runs).most_common():
        value = pair_score(left, right, lex)
        if value > -math.inf:
            rows.append((f"{left} {right}", pack_scores([(value, len(left))])))
            shipped += 1
            if shipped == MAX_PAIRS:
                break
    write_tsv(OUT / "scores.tsv.gz", sorted(rows))
    lexicon.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument(
        "--fold-out",
        action="store_true",
        help="leave the UD tune fold out too (experiments: scored by bench --split tune-fold)",
    )
    args = parser.parse_args()
    runs = weighted_runs(training_sources(args.data, args.fold_out))
    c = LooCounts(runs)
    examples = [*joined_examples(c), *spaced_examples(runs, c)]
    weights = train(examples)
    c.exclude()
    forms = []
    for key in sorted(c.by_key):
        form, n = c.best(key)
        if n:
            forms.append((key, form, n, c.phrases[form.replace(ZWNJ, " ")]))
    OUT.mkdir(parents=True, exist_ok=True)
    write_tsv(OUT / "forms.tsv.gz", forms)
    write_tsv(OUT / "vocab.tsv.gz", sorted((w, n) for w, n in c.plain.items() if n >= MIN_VOCAB))
    write_tsv(OUT / "verbs.tsv.gz", sorted((r, n) for r, n in c.verbs.items() if n >= MIN_VERB))
    write_tsv(OUT / "parts.tsv.gz", c.parts)
    write_tsv(OUT / "model.tsv.gz", sorted((f, f"{t:.4f}") for f, t in weights.items()))
    write_scores(runs)
    print(
        f"forms {len(forms)}  examples {len(examples)}  features {len(weights)}  "
        f"parts {len(c.parts)} -> {OUT}"
    )


if __name__ == "__main__":
    main()
