"""The neural NER tagger in numpy: reproduces torch's export, batches exactly, decodes right."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest

from rasad.extract.ner import (
    MODEL_DIR,
    MODEL_FILE,
    TAGS,
    NerModel,
    bio_to_spans,
    default_model,
)
from rasad.extract.ner_net import (
    CHECK_FILE,
    NET_FILE,
    EnsembleModel,
    NetModel,
    ensemble_model,
    viterbi,
)
from rasad.model import Document
from rasad.pipeline import Pipeline

# Written for this test, not taken from any training corpus.
TEXTS = [
    "علی رضایی ، سفیر ایران در ترکیه ، دیروز با خبرنگاران گفت‌وگو کرد .",
    "مریم احمدی گفت که آلمان و فرانسه این طرح را رد کردند .",
    "سازمان ملل متحد از عراق خواست به آوارگان موصل کمک کند .",
]
SENTENCES = [text.split() for text in TEXTS]


@pytest.fixture(scope="module")
def net() -> NetModel:
    return NetModel(MODEL_DIR / NET_FILE)


def test_ner_net_file_is_small() -> None:
    assert (MODEL_DIR / NET_FILE).stat().st_size < 25_000_000


def test_ner_net_reproduces_the_torch_export(net: NetModel) -> None:
    """The fixture holds torch's tag scores from the same float16 weights at export time."""
    check = json.loads((MODEL_DIR / CHECK_FILE).read_text(encoding="utf-8"))
    assert check
    for case in check:
        (scores,) = net.emissions([case["words"]])
        np.testing.assert_allclose(scores, np.array(case["emissions"]), atol=2e-3)


def test_ner_net_batch_gives_each_sentence_its_own_result(net: NetModel) -> None:
    """Padding to the longest sentence must not leak into shorter ones (backward LSTM)."""
    batch = [SENTENCES[0], [], SENTENCES[1][:3], SENTENCES[2]]
    together = net.emissions([s for s in batch if s])
    alone = [net.emissions([s])[0] for s in batch if s]
    for a, b in zip(together, alone, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-5)
    assert net.scored_spans_many(batch)[1] == []
    assert net.tag_many(batch) == [net.tag(s) for s in batch]


def test_ner_net_marginals_match_brute_force(net: NetModel) -> None:
    """Forward-backward against summing over every tag sequence of a short sentence."""
    (scores,) = net.emissions([["وزیر", "خارجه", "ایران", "گفت"]])
    trans, start, end = (np.asarray(a, np.float64) for a in net._crf)
    n, k = scores.shape
    brute = np.zeros((n, k))
    for path in itertools.product(range(k), repeat=n):
        s = start[path[0]] + end[path[-1]] + sum(scores[i, t] for i, t in enumerate(path))
        s += sum(trans[a, b] for a, b in itertools.pairwise(path))
        brute[range(n), path] += np.exp(s)
    brute /= brute.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(net.crf_marginals(scores), brute, atol=1e-6)


def test_ner_viterbi_obeys_the_transitions() -> None:
    scores = np.log(np.array([[0.1, 0.1, 0.8, 0, 0, 0, 0], [0.1, 0.1, 0.8, 0, 0, 0, 0]]) + 1e-9)
    free = viterbi(scores, np.zeros((7, 7)), np.zeros(7), np.zeros(7))
    assert free == ["I-PER", "I-PER"]
    no_start_inside = np.array([-np.inf if t.startswith("I-") else 0.0 for t in TAGS])
    assert viterbi(scores, np.zeros((7, 7)), no_start_inside, np.zeros(7))[0] != "I-PER"


@pytest.mark.parametrize("model_kind", ["net", "ensemble"])
@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (0, {("علی رضایی", "PER"), ("ایران", "LOC"), ("ترکیه", "LOC")}),
        (1, {("مریم احمدی", "PER"), ("آلمان", "LOC"), ("فرانسه", "LOC")}),
        (2, {("سازمان ملل متحد", "ORG"), ("عراق", "LOC"), ("موصل", "LOC")}),
    ],
)
def test_ner_net_finds_people_places_organisations(
    net: NetModel, model_kind: str, index: int, expected: set[tuple[str, str]]
) -> None:
    model = net if model_kind == "net" else EnsembleModel(NerModel(MODEL_DIR / MODEL_FILE), net)
    words = SENTENCES[index]
    spans = model.scored_spans(words)
    found = {(" ".join(words[a:b]), label) for a, b, label, _ in spans}
    assert expected <= found
    assert all(0.0 < p <= 1.0 for *_, p in spans)
    assert [s[:3] for s in spans] == bio_to_spans(model.tag(words))


def test_ner_ensemble_is_opt_in() -> None:
    """The default tagger is the CRF; the ensemble serves the `entities-net` stage."""
    assert isinstance(default_model(), NerModel)
    model = ensemble_model()
    assert isinstance(model, EnsembleModel) and model is ensemble_model()
    marginals = model.marginals_many([SENTENCES[0]])[0]
    np.testing.assert_allclose(marginals.sum(axis=1), 1.0, atol=1e-3)


def test_ner_entities_net_stage_runs_the_ensemble() -> None:
    """The shipped pipeline file that opts in runs the ensemble's entities stage."""
    pipeline = Pipeline.from_config(MODEL_DIR.parent / "pipeline-net.toml")
    assert "entities-net" in pipeline.names and "entities" not in pipeline.names
    text = "مریم احمدی گفت که آلمان و فرانسه این طرح را رد کردند."
    doc = pipeline(Document(id="t", raw=text))
    found = {(doc.text[m.start : m.end], m.label) for m in doc.entities}
    assert {("مریم احمدی", "PER"), ("آلمان", "GPE"), ("فرانسه", "GPE")} <= found
