"""The shipped NER model: loads offline, tags written (not training) news sentences, aligns."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from rasad.extract.ner import (
    DEFAULT_MODEL,
    LABELS,
    NerModel,
    bio_to_spans,
    default_model,
    fold,
    predict_spans,
    sentence_features,
    shape,
    word_clusters,
)
from rasad.extract.ner_eval import (
    detokenize,
    entity_token_spans,
    error_kinds,
    rules_tag,
    rules_tag_document,
)
from rasad.model import Document, Mention, OffsetMap, Span

# Written for this test, not taken from any training corpus.
SENTENCES = [
    (
        "علی رضایی ، سفیر ایران در ترکیه ، دیروز با خبرنگاران گفت‌وگو کرد .",
        [("علی رضایی", "PER"), ("ایران", "LOC"), ("ترکیه", "LOC")],
    ),
    (
        "مریم احمدی گفت که آلمان و فرانسه این طرح را رد کردند .",
        [("مریم احمدی", "PER"), ("آلمان", "LOC"), ("فرانسه", "LOC")],
    ),
]


def _doc(text: str) -> Document:
    """A hand-built document: whitespace tokens, one sentence per line."""
    doc = Document(id="t", raw=text)
    doc.tokens = [Span(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    doc.sentences = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return doc


def test_ner_model_file_is_small() -> None:
    assert DEFAULT_MODEL.stat().st_size < 25_000_000


def test_ner_model_reads_gzipped_and_plain_files_alike(tmp_path) -> None:
    plain = tmp_path / "ner.crfsuite"
    plain.write_bytes(gzip.decompress(DEFAULT_MODEL.read_bytes()))
    words = ["محمد", "جواد", "ظریف", "وزیر", "امور", "خارجه", "ایران", "به", "مسکو", "رفت"]
    tags = NerModel(DEFAULT_MODEL).tag(words)
    assert tags[:3] == ["B-PER", "I-PER", "I-PER"]  # the gzipped model really tags
    assert NerModel(plain).tag(words) == tags


def test_ner_model_loads_once() -> None:
    assert default_model() is default_model()


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_ner_tag_finds_person_and_countries(text: str, expected: list[tuple[str, str]]) -> None:
    words = text.split()
    tags = default_model().tag(words)
    assert len(tags) == len(words)
    found = {(" ".join(words[a:b]), label) for a, b, label in bio_to_spans(tags)}
    assert set(expected) <= found


@pytest.mark.parametrize("text", ["\n".join(t for t, _ in SENTENCES)])
def test_ner_predict_spans_align_to_tokens(text: str) -> None:
    doc = _doc(text)
    spans = predict_spans(doc)
    starts = {t.start for t in doc.tokens}
    ends = {t.end for t in doc.tokens}
    assert spans
    for start, end, label in spans:
        assert label in LABELS
        assert start in starts and end in ends
        assert "\n" not in doc.text[start:end]  # never crosses a sentence
    found = {(doc.text[s:e], label) for s, e, label in spans}
    assert {pair for _, pairs in SENTENCES for pair in pairs} <= found


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_ner_empty_input(text: str) -> None:
    assert predict_spans(_doc(text)) == []
    assert default_model().tag([]) == []


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ([], []),
        (["O", "O"], []),
        (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["B-PER", "B-PER"], [(0, 1, "PER"), (1, 2, "PER")]),  # adjacent entities
        (["I-ORG", "I-ORG"], [(0, 2, "ORG")]),  # stray I- opens an entity
        (["B-ORG", "I-LOC"], [(0, 1, "ORG"), (1, 2, "LOC")]),  # label change splits
    ],
)
def test_ner_bio_to_spans(tags: list[str], expected: list[tuple[int, int, str]]) -> None:
    assert bio_to_spans(tags) == expected


@pytest.mark.parametrize(
    ("word", "folded", "word_shape"),
    [
        ("علي", "علی", "a"),  # Arabic yeh
        ("كشور", "کشور", "a"),  # Arabic kaf
        ("مُحَمَّد", "محمد", "a"),  # harakat dropped
        ("سه‌شنبه", "سه‌شنبه", "aza"),  # ZWNJ kept
        ("G20", "G20", "Ld"),
    ],
)
def test_ner_fold_and_shape(word: str, folded: str, word_shape: str) -> None:
    assert fold(word) == folded
    assert shape(fold(word)) == word_shape


def test_ner_word_clusters_group_same_kind_words() -> None:
    table = word_clusters()
    assert len(table) > 10_000
    # Countries share a fine cluster far more often than a country and a verb do.
    assert table["آلمان"][-1] == table["فرانسه"][-1]
    assert table["آلمان"][0] != table["گفت"][0]


@pytest.mark.parametrize(
    ("word", "cluster_feature"),
    [
        ("فرانسه", f"c2={word_clusters()['فرانسه'][2]}"),  # known word: its finest cluster
        ("۱۴۰۳", "c2=D"),  # number outside the map
        ("زرقاوی‌نیا", "c0=U"),  # rare word outside the map
    ],
)
def test_ner_cluster_features(word: str, cluster_feature: str) -> None:
    feats = sentence_features([word])[0]
    assert cluster_feature in feats
    assert "c0[-1]=S" in feats and "c0[1]=S" in feats  # sentence edges


def test_ner_eval_detokenize_keeps_token_spans() -> None:
    tokens = ["علی", "رضایی", "،", "سفیر"]
    text, spans = detokenize(tokens)
    assert text == "علی رضایی ، سفیر"
    assert [text[a:b] for a, b in spans] == tokens


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, 3, (0, 1)),  # one whole token
        (0, 9, (0, 2)),  # two tokens
        (4, 7, (1, 2)),  # inside a token: counts as the whole token
        (3, 9, (1, 2)),  # starts on the space before a token
        (3, 4, None),  # only the space
    ],
)
def test_ner_eval_mention_to_gold_tokens(start: int, end: int, expected: object) -> None:
    _, spans = detokenize(["علی", "رضایی", "،", "سفیر"])
    doc = Document(id="t", raw="علی رضایی ، سفیر")
    doc.entities = [Mention(start, end, "PER")]
    assert entity_token_spans(doc, spans) == ({(*expected, "PER")} if expected else set())


def test_ner_eval_maps_through_normalization_offsets() -> None:
    """A mention in normalized text lands on the raw token it came from; GPE folds to LOC."""
    doc = Document(id="t", raw="در  ايران")  # two spaces, Arabic yeh
    doc.text = "در ایران"
    doc.offsets = OffsetMap([0, 1, 2, 4, 5, 6, 7, 8], [1, 2, 4, 5, 6, 7, 8, 9], len(doc.raw))
    doc.entities = [Mention(3, 8, "GPE")]
    assert entity_token_spans(doc, [(0, 2), (4, 9)]) == {(1, 2, "LOC")}


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ({(0, 2, "ORG")}, {(0, 2, "ORG")}, {}),
        ({(0, 2, "ORG")}, {(0, 2, "LOC")}, {"label": 2}),
        ({(0, 3, "ORG")}, {(2, 3, "LOC")}, {"both": 2}),  # «استانداری بوشهر» → «بوشهر»
        ({(0, 3, "LOC")}, {(1, 3, "LOC")}, {"boundary": 2}),
        ({(0, 1, "PER")}, {(4, 5, "PER")}, {"missed": 1, "spurious": 1}),
    ],
)
def test_ner_eval_error_kinds(gold: set, pred: set, expected: dict[str, int]) -> None:
    assert error_kinds(gold, pred) == expected


def test_ner_eval_rules_tag_runs_the_real_entities_stage() -> None:
    words = SENTENCES[0][0].split()
    found = {(" ".join(words[a:b]), label) for a, b, label in rules_tag(words)}
    assert set(SENTENCES[0][1]) <= found


def test_ner_eval_reads_a_document_whole_with_spans_per_sentence() -> None:
    """bench/ner.py --documents: one run over the document, so a surname met in full earlier
    is a person later; each sentence's spans count from its own first word."""
    first, later = (sentence.split() for sentence in (
        "فیلم تازه با گروهی از بازیگران ساخته می‌شود که رابرت دنیرو و ال پاچینو در آن بازی می‌کنند .",
        "با وجود این که دنیرو ساخت فیلم را تایید کرد ، هیچ چیز قطعی نیست .",
    ))
    in_document = rules_tag_document([first, later])
    assert in_document[0] == rules_tag(first)
    assert (4, 5, "PER") in in_document[1] and (4, 5, "PER") not in rules_tag(later)


def test_ner_scored_spans_carry_a_probability() -> None:
    from rasad.extract.ner import scored_spans

    doc = _doc(SENTENCES[0][0])
    scored = scored_spans(doc)
    assert scored  # the sentence has entities: the checks below must not pass vacuously
    assert [s[:3] for s in scored] == predict_spans(doc)
    assert all(0.0 < s[3] <= 1.0 for s in scored)


@pytest.mark.parametrize(
    ("words", "gold", "house"),
    [
        # honorific and epithet are left out of a person
        ("سردار قاسم سلیمانی ( ره ) گفت", [(0, 6, "PER")], {(1, 3, "PER")}),
        ("امام خمینی (ره) گفت", [(0, 3, "PER")], {(0, 2, "PER")}),  # «(ره)» one token
        # «دولت X»: the state is the entity; a state acting is a GPE (folded into LOC)
        ("دولت عراق گفت", [(0, 2, "ORG")], {(1, 2, "LOC")}),
        ("جمهوری اسلامی ایران گفت", [(0, 3, "ORG")], {(0, 3, "LOC")}),
        # a place and its state are two entities; a direction is not part of a place
        ("در هامبورگ آلمان", [(1, 3, "LOC")], {(1, 2, "LOC"), (2, 3, "LOC")}),
        ("در شمال لندن", [(1, 3, "LOC")], {(2, 3, "LOC")}),
        ("در جنوب غرب موصل", [(1, 4, "LOC")], {(3, 4, "LOC")}),
        # but one place's name stays whole: a state's full name, a region named by a direction
        ("در ایالات متحده آمریکا", [(1, 4, "LOC")], {(1, 4, "LOC")}),
        ("در غرب آسیا", [(1, 3, "LOC")], {(1, 3, "LOC")}),
        # a demonym is no entity (Arman tags «باند تبهکار چینی» ORG); a surname stays a person
        ("باند تبهکار چینی", [(2, 3, "ORG")], set()),
        ("سوری گفت", [(0, 1, "PER")], {(0, 1, "PER")}),
        # «شبکه خبری X» is the medium X, «گروه تروریستی X» the group X; «وزیر X» is a
        # title, not an organisation X, and the state ending it is an entity of its own
        ("شبکه خبری الجزیره گفت", [(0, 3, "ORG")], {(2, 3, "ORG")}),
        # but an agency, a paper and a broadcaster's numbered channel are named whole
        ("خبرگزاری فارس گزارش داد", [(0, 2, "ORG")], {(0, 2, "ORG")}),
        ("روزنامه کیهان نوشت", [(0, 2, "ORG")], {(0, 2, "ORG")}),
        ("شبکه پنج سیما پخش کرد", [(0, 3, "ORG")], {(0, 3, "ORG")}),
        ("گروه تروریستی داعش گفت", [(0, 3, "ORG")], {(2, 3, "ORG")}),
        ("وزیر خارجه ترکیه گفت", [(1, 3, "ORG")], {(2, 3, "LOC")}),
        ("وزیر کشاورزی گفت", [(1, 2, "ORG")], set()),
        # a university or another body a corpus tags as a place is a body (house gold ORG)
        ("در دانشگاه شهید بهشتی", [(1, 4, "LOC")], {(1, 4, "ORG")}),
        ("در جبهه جنوب", [(1, 3, "LOC")], {(1, 3, "LOC")}),  # a war front is a place
        # anything else is kept as the corpus has it
        ("بانک مرکزی گفت", [(0, 2, "ORG")], {(0, 2, "ORG")}),
    ],
)
def test_ner_eval_house_spans(words: str, gold: list, house: set) -> None:
    from rasad.extract.ner_eval import house_spans

    assert house_spans(words.split(), set(gold)) == house


def test_ner_lexicon_features_mark_gazetteer_words() -> None:
    feats = sentence_features(["سفیر", "ایران", "گفت"])
    assert "lx=STATE" in feats[1]
    assert "lx[-1]=JOB" in feats[1]
    assert not any(f.startswith("lx=") for f in feats[2])
    # a surname only the full-name lists know, and where it stands in a name
    assert "lx=PNL" in sentence_features(["پوگبا"])[0]


def test_ner_use_model_dir_reads_that_directory_only(tmp_path) -> None:
    """A trial model directory (train_ner.py --out) brings its own clusters and lexicon."""
    from rasad.extract.ner import (
        CLUSTERS_FILE,
        LEXICON_FILE,
        MODEL_DIR,
        MODEL_FILE,
        model_dir,
        use_model_dir,
    )

    (tmp_path / MODEL_FILE).write_bytes(DEFAULT_MODEL.read_bytes())
    (tmp_path / CLUSTERS_FILE).write_bytes(gzip.compress("#word\tc\nگفت\t7\t8\t9\n".encode()))
    (tmp_path / LEXICON_FILE).write_bytes(gzip.compress("گفت\tJOB\n".encode()))
    shipped, shipped_model = sentence_features(["سفیر", "گفت"]), default_model()
    try:
        use_model_dir(tmp_path)
        feats = sentence_features(["سفیر", "گفت"])
        assert word_clusters() == {"گفت": ("7", "8", "9")}
        assert "c2=9" in feats[1] and "lx=JOB" in feats[1]
        assert "lx=JOB" not in feats[0]  # «سفیر» is not in this lexicon
        assert default_model() is not shipped_model  # the trial directory's model
    finally:
        use_model_dir(MODEL_DIR)
    assert model_dir() == MODEL_DIR
    assert sentence_features(["سفیر", "گفت"]) == shipped  # caches did not keep trial features


@pytest.mark.skipif(
    not (Path(__file__).parents[2] / "shared" / "data" / "parsner-gazetteers").is_dir(),
    reason="../shared/data is not present",
)
def test_train_ner_lexicon_goes_to_out_with_the_same_bytes(tmp_path, monkeypatch) -> None:
    """A trial build writes only where it is told, and byte-identically (gzip mtime 0)."""
    monkeypatch.syspath_prepend(str(Path(__file__).parents[1] / "scripts"))
    import train_ner

    from rasad.extract.ner import LEXICON_FILE, MODEL_DIR

    shipped = (MODEL_DIR / LEXICON_FILE).stat().st_mtime_ns
    out = tmp_path / LEXICON_FILE
    assert train_ner.build_lexicon(train_ner.DATA, out) > 1_000
    assert out.read_bytes()[4:8] == bytes(4)  # gzip header mtime 0: same bytes in any second
    assert (MODEL_DIR / LEXICON_FILE).stat().st_mtime_ns == shipped


def test_ner_window_features_keep_the_trained_order() -> None:
    """The per-word window cache must give each word the features, in the order, the model
    was trained with: neighbours, their suffixes, clusters, cluster bigrams, lexicon classes."""
    feats = sentence_features(["سفیر", "ایران", "در", "تهران", "گفت"])[2]
    window = feats[feats.index("w-2=سفیر") :]
    names = [f.split("=")[0] for f in window]
    assert names[:23] == [
        "w-2", "w-1", "w+1", "w+2", "w-1|w", "w|w+1", "s3-1", "s3+1",
        "c0", "c1", "c2", "c1[-2]", "c2[-2]", "c0[-1]", "c1[-1]", "c2[-1]",
        "c0[1]", "c1[1]", "c2[1]", "c1[2]", "c2[2]", "c[-1]|c", "c|c[+1]",
    ]  # fmt: skip
    assert window[:8] == [
        "w-2=سفیر", "w-1=ایران", "w+1=تهران", "w+2=گفت",
        "w-1|w=ایران|در", "w|w+1=در|تهران", "s3-1=ران", "s3+1=ران",
    ]  # fmt: skip
    offsets = [int(name[3:-1]) for name in names[23:]]
    assert offsets == sorted(offsets) and {-1, 1} <= set(offsets)  # «ایران», «تهران»: places


def test_train_ner_name_lists_mark_the_place_in_the_name(tmp_path, monkeypatch) -> None:
    """Full-name lists give each word its place: first, inner, last (a lone word: both ends)."""
    monkeypatch.syspath_prepend(str(Path(__file__).parents[1] / "scripts"))
    import train_ner

    lists = tmp_path / "parsner-gazetteers"
    lists.mkdir()
    (lists / "person_names.txt").write_text("جان اف کندی\nپوگبا\n", encoding="utf-8")
    (lists / "organization_names.txt").write_text("بانک ملی\n", encoding="utf-8")
    assert set(train_ner._name_list_words(tmp_path)) == {
        ("PNF", "جان"),
        ("PNI", "اف"),
        ("PNL", "کندی"),
        ("PNF", "پوگبا"),
        ("PNL", "پوگبا"),
        ("ONF", "بانک"),
        ("ONL", "ملی"),
    }


def test_train_ner_house_tags_rewrite_training_gold(monkeypatch) -> None:
    """`--gold house` trains on the tags `ner_eval.house_spans` gives: «دولت عراق» → «عراق»,
    a lone demonym dropped, a place and its state as two entities (B then B)."""
    monkeypatch.syspath_prepend(str(Path(__file__).parents[1] / "scripts"))
    from train_ner import house_tags

    assert house_tags(["دولت", "عراق", "گفت"], ["B-ORG", "I-ORG", "O"]) == ["O", "B-LOC", "O"]
    assert house_tags(["باند", "چینی"], ["O", "B-ORG"]) == ["O", "O"]
    words, tags = ["در", "هامبورگ", "آلمان"], ["O", "B-LOC", "I-LOC"]
    assert house_tags(words, tags) == ["O", "B-LOC", "B-LOC"]
