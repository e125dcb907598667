"""ZWNJ gap model: suffix parsing, writer-convention evidence and the shipped model."""

from __future__ import annotations

import pytest

from rasad.text import zwnj
from rasad.text.normalize import normalize
from rasad.text.zwnj import lexicon, restore_zwnj, split_suffix, zwnj_positions

Z = "\u200c"


def test_split_suffix_takes_the_longest_closed_suffix():
    assert split_suffix("کتابهایشان") == ("کتاب", "هایشان")
    assert split_suffix("ها") == ("ها", "")


def test_zwnj_positions_are_in_letter_offsets():
    assert zwnj_positions(f"فرهنگ{Z}سازی{Z}های") == (5, 9)


def test_model_is_shipped_with_both_modes():
    weights = lexicon().weights
    assert any(name.startswith("j:") for name in weights)
    assert any(name.startswith("s:") for name in weights)


def test_a_text_that_deletes_zwnj_keeps_its_spaces():
    assert normalize("کتابهای محیط زیست را میخوانند") == (f"کتاب{Z}های محیط زیست را می{Z}خوانند")


def test_a_text_that_spaces_zwnj_gets_bound_parts_joined():
    assert normalize("کتاب های محیط زیست را می خوانند") == (f"کتاب{Z}های محیط زیست را می{Z}خوانند")


def test_two_gaps_never_leave_a_one_letter_part():
    out = normalize("بیانیهای")
    assert all(len(part) >= 2 for part in out.split(Z))
    assert out == f"بیانیه{Z}ای"  # split once, not left whole (which would pass trivially)


def test_restored_text_has_nothing_left_to_restore():
    once = normalize("همکاریهای دانشبنیان را نمی توانند")
    assert restore_zwnj(once) == []


def test_spaced_pairs_are_found_inside_punctuation_and_only_at_one_space():
    assert normalize("(می توانند)") == f"(می{Z}توانند)"
    assert restore_zwnj("کتاب  های") == []  # two spaces: not a lost ZWNJ
    assert restore_zwnj("کتاب، های") == []


def test_decisions_are_the_same_from_a_cold_or_warm_cache():
    text = "همکاریهای دانشبنیان را نمی توانند"
    zwnj.clear_caches()
    cold = restore_zwnj(text)
    assert cold  # the text has lost ZWNJs to restore
    assert restore_zwnj(text) == cold


def test_chunk_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(zwnj, "_CACHE_SIZE", 4)
    zwnj.clear_caches()
    unknown = ["زرکتابهای", "پرخانههای", "بسمیزهای", "نودخترهای", "کمتنهاتر", "پرمیدانها"]
    assert not set(unknown) & set(zwnj._known_chunks())  # new words: they fill the cache
    restore_zwnj(" ".join(unknown))
    assert len(zwnj._chunks) <= len(zwnj._known_chunks()) + 4
    zwnj.clear_caches()


def _computed_scores(key: str, lex: zwnj.ZwnjLexicon) -> list[tuple[float, int]]:
    if " " not in key:
        return zwnj.gap_scores(key, lex)
    left, right = key.split(" ")
    return [(zwnj.pair_score(left, right, lex), len(left))]


def test_shipped_gap_scores_match_the_shipped_model():
    lex = lexicon()
    assert len(lex.scores) > 1000
    assert sum(" " in key for key in lex.scores) > 1000  # spaced pairs are shipped too
    for word in sorted(lex.scores)[::250]:
        shipped = lex.scores[word]
        computed = _computed_scores(word, lex)
        assert [pos for _, pos in shipped] == [pos for _, pos in computed]
        assert all(abs(a - b) < 1e-3 for (a, _), (b, _) in zip(shipped, computed, strict=True))


def test_a_word_the_corpus_writes_both_ways_is_left_as_written():
    lex = lexicon()
    assert lex.vocab["آنها"] > 100 and lex.forms["آنها"].n_zwnj > 100  # both spellings common
    assert normalize("آنها آمدند") == "آنها آمدند"
    assert normalize("کتابهایشان") == f"کتاب{Z}هایشان"  # a new word is still split


def test_free_pairs_need_more_evidence_without_a_writer_convention():
    # No bound part either way: only a well-attested compound is joined.
    assert normalize("مذاکرات بین المللی") == f"مذاکرات بین{Z}المللی"
    assert normalize("رئیس جمهوری گفت") == "رئیس جمهوری گفت"
    # A spaced bound part shows a writer who spaces ZWNJ: the same pair is joined.
    assert normalize("رئیس جمهوری گفت کتاب های او") == f"رئیس{Z}جمهوری گفت کتاب{Z}های او"


def test_known_words_facts_are_those_computed_at_run_time():
    known = zwnj._known_chunks()
    assert len(known) > 10000
    for word in sorted(known)[::400]:
        assert known[word] == zwnj._word_chunk(word)


def test_no_gap_is_proposed_after_a_letter_that_does_not_join():
    lex = lexicon()
    assert zwnj.joined_candidates("کارهایش", lex) == []  # a ZWNJ after ر is invisible
    assert zwnj.joined_candidates("کتابهایش", lex) == [4]


def test_a_punctuated_chunk_has_the_facts_of_its_word():
    zwnj.clear_caches()
    word, chunk = zwnj.chunk_info("کتابهای"), zwnj.chunk_info("(کتابهای،")
    assert chunk.cut == tuple(1 + pos for pos in word.cut) == (5,)
    assert (chunk.first, chunk.last, chunk.opens, chunk.closes) == ("", "", 0, 0)
    assert chunk.bound == word.bound and chunk.words == ((1, "کتابهای"),)


def test_a_pair_the_corpus_writes_with_zwnj_is_a_candidate_whatever_its_words():
    lex = lexicon()
    assert ("آبزی", "پروری") in lex.zwnj_pairs
    assert not {"آبزی", "پروری"} & (lex.left_parts | lex.right_parts | zwnj.VERB_PREFIXES)
    # A text that spaces ZWNJ (ها standing alone): the pair is joined like the bound part.
    assert normalize("کتاب ها و آبزی پروری") == f"کتاب{Z}ها و آبزی{Z}پروری"


def test_a_pair_that_can_never_join_is_not_decided_at_all():
    lex = lexicon()
    assert ("آبان", "گذشته") not in lex.zwnj_pairs  # آبان opens ZWNJ forms, but not this one
    assert any(left == "آبان" for left, _ in lex.zwnj_pairs)
    assert not {"آبان", "گذشته"} & (lex.left_parts | lex.right_parts)
    zwnj.clear_caches()
    restore_zwnj("کتاب ها آبان گذشته")
    assert ("آبان", "گذشته") not in zwnj._pairs["spacer"]  # no decision made, none cached


def test_shipped_pairs_are_decided_before_the_first_text(monkeypatch):
    shipped = next(k for k in lexicon().scores if " " in k and k.split()[1] in zwnj.SUFFIXES)
    pair = tuple(shipped.split(" "))
    zwnj.clear_caches()
    for writer, decisions in zwnj._pairs.items():
        assert decisions[pair] == zwnj.join_spaced(pair, writer)
    monkeypatch.setattr(zwnj, "_join_new", lambda key, writer: pytest.fail(f"{key} computed"))
    restore_zwnj(f"کتاب ها {shipped}")


def test_a_chunk_without_a_cut_has_no_bound_split():
    # restore_zwnj counts the writer's deleted ZWNJs over every chunk, cut or not.
    zwnj.clear_caches()
    chunks = [*sorted(zwnj._known_chunks())[::300], "(کتابهای،", "می.خوانند", "۱۴۰۳"]
    for chunk in chunks:
        info = zwnj.chunk_info(chunk)
        assert info.cut or not info.bound


def test_restored_text_makes_the_edits_of_restore_zwnj():
    for text in ["همکاریهای دانشبنیان را نمی توانند", "(کتابهای، می خوانند)", "کتاب ها", "", " "]:
        out, pos = [], 0
        for edit in restore_zwnj(text):
            out += [text[pos : edit.start], edit.replacement]
            pos = edit.end
        assert zwnj.restored_text(text) == "".join(out) + text[pos:]


def test_the_verb_prefix_after_a_preverb_is_a_bound_part():
    assert normalize("او خود را بازمیشناسد") == f"او خود را بازمی{Z}شناسد"
    assert normalize("او خود را بازمی شناسد") == f"او خود را بازمی{Z}شناسد"
    assert normalize("درمیماندم و فرومیبرند") == f"درمی{Z}ماندم و فرومی{Z}برند"


def test_a_known_word_before_a_verb_stem_with_its_ending_is_a_candidate_compound():
    # نویس is a stem the corpus conjugates (می‌نویسد); گزارش and فیلمنامه are known words.
    assert normalize("گزارشنویس") == f"گزارش{Z}نویس"
    assert normalize("مقالهنویس") == f"مقاله{Z}نویس"
    assert normalize("خبرنگاران") == "خبرنگاران"  # a one-word form the corpus knows stays whole


def _build_script():
    """scripts/build_zwnj_lexicon.py as a module (it is no package)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scripts" / "build_zwnj_lexicon.py"
    spec = importlib.util.spec_from_file_location("build_zwnj_lexicon", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_clean_paragraphs_of_unclean_fars_articles_are_training_text(tmp_path):
    import json

    build = _build_script()
    links = [f"https://www.farsnews.ir/news/{i}" for i in range(200)]
    kept = [link for link in links if build.eval_bucket(link) >= build.EVAL_PERCENT]
    heldout = next(link for link in links if build.eval_bucket(link) < build.EVAL_PERCENT)
    clean, spaced, joined = f"کتاب{Z}های تازه", "آنها می شود", f"این میشود و آن{Z}ها"
    records = [
        {"link": kept[0], "derived_zwnj_clean": False, "title": clean,
         "paragraphs": [spaced, joined, "بدون نیم فاصله", f"تکرار{Z}شده"]},
        {"link": heldout, "derived_zwnj_clean": True, "paragraphs": [f"تکرار{Z}شده"]},
        {"link": kept[1], "derived_zwnj_clean": False, "paragraphs": [f"نوشته{Z}ای"]},
    ]
    (tmp_path / "farsnews-articles").mkdir()
    (tmp_path / "farsnews-articles" / "train.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    # «میشود» counts as a lost ZWNJ only where clean text writes «می‌شود».
    zwnj_words = {f"می{Z}شود"}
    assert build.fars_clean_paragraphs(tmp_path, zwnj_words) == [clean, f"نوشته{Z}ای"]


def test_perlex_gives_its_words_but_those_joined_at_a_bound_part(tmp_path):
    build = _build_script()
    (tmp_path / "perlex").mkdir()
    (tmp_path / "perlex" / "train.txt").write_text(
        '1\t"بزرگترین <e1>کاربرد </e1>آرایه‌ای از <e2>عناصر </e2>آنتن میشود ."\n'
        "Component-Whole(e2,e1)\nComment: | original: … | translated or checked by: x\n\n",
        encoding="utf-8",
    )
    zwnj_words = {f"بزرگ{Z}ترین", f"می{Z}شود"}
    assert build.perlex_words(tmp_path, zwnj_words) == [
        "کاربرد", f"آرایه{Z}ای", "از", "عناصر", "آنتن"
    ]


def test_peyma_tokens_are_words_with_their_inner_space_a_zwnj_at_a_bound_part(tmp_path):
    build = _build_script()
    (tmp_path / "peyma").mkdir()
    (tmp_path / "peyma" / "train.tsv").write_text(
        "-DOCSTART-\tO\n\nنمایشگاه ها\tO\nمی دهد\tO\nمحیط زیست\tO\nتهران\tB_LOC\n۲۰\tO\n",
        encoding="utf-8",
    )
    # محیط زیست may be a ZWNJ compound or a phrase: no evidence either way.
    assert build.peyma_words(tmp_path) == [f"نمایشگاه{Z}ها", f"می{Z}دهد", "تهران"]


def test_a_verb_stem_with_a_derivational_ending_is_a_compound_half():
    assert normalize("مقالهنویسان") == f"مقاله{Z}نویسان"
    # A stem form the corpus never saw as a compound part (نشین + ان), not a learned part: زدگی
    # is one (شتاب‌زدگی، یخ‌زدگی…), scored by its own, mixed, evidence (شتابزدگی 4x joined).
    assert "نشینان" in lexicon().stem_forms and "نشینان" not in lexicon().right_parts
    assert normalize("جنگلنشینان") == f"جنگل{Z}نشینان"


def test_a_verb_stem_form_after_a_space_is_no_candidate():
    # «اعلام کرده» is a light verb: scoring every such pair cost a first pass its speed.
    lex = lexicon()
    assert "کرده" in lex.stem_forms and "کرده" not in lex.right_parts
    assert not zwnj.spaced_candidate("اعلام", "کرده", lex)


class _Counts:
    """Counts of a toy corpus for `gap_features`: `joined` words and ZWNJ `forms`."""

    right_parts: frozenset[str] = frozenset()
    left_parts: frozenset[str] = frozenset()
    stem_forms: dict[str, str] = {}

    def __init__(self, joined: dict[str, int], forms: dict[str, str]) -> None:
        self._joined, self._forms = joined, forms

    def zwnj_at(self, key: str, pos: int) -> int:
        form = self._forms.get(key, "")
        return 5 if form and pos in zwnj_positions(form) else 0

    def zwnj_any(self, key: str) -> int:
        return 5 if key in self._forms else 0

    def spaced(self, key: str, pos: int) -> int:
        return 0

    def joined(self, word: str) -> int:
        return self._joined.get(word, 0)

    def verb(self, rest: str) -> int:
        return 0


def test_a_joined_gap_sees_what_speaks_for_a_rival_gap_of_its_word():
    # هسته‌ای is written with its ZWNJ after هسته: the gap after هست is not that ZWNJ, and the
    # silent ه may close هسته (هسته|ای) as well as open های (هست|های).
    counts = _Counts({"هست": 50, "هسته": 50}, {"هستهای": f"هسته{Z}ای"})
    at_hast = zwnj.gap_features("j", "هست", "های", "هستهای", 3, counts)
    assert "j:zo3" in at_hast and "j:h+6" in at_hast
    at_haste = zwnj.gap_features("j", "هسته", "ای", "هستهای", 4, counts)
    assert "j:h-6" in at_haste and not any(f.startswith("j:zo") for f in at_haste)
    # An unknown host on the other side: the rival reading has no word to stand on.
    lone = zwnj.gap_features("j", "ذهن", "های", "ذهنهای", 3, _Counts({"ذهن": 50}, {}))
    assert "j:h+0" in lone and not any(f.startswith("j:zo") for f in lone)
    # Only inside a written word: at a space the gap is given.
    assert not any(
        f.startswith(("s:zo", "s:h+", "s:h-"))
        for f in zwnj.gap_features("s", "هست", "های", "هستهای", 3, counts)
    )


def test_an_unseen_plural_of_a_known_noun_gets_its_zwnj():
    # Without the rival-gap features the model read «frequent host + های, word unseen» as
    # joined, taught by هسته‌ای's gap after هست (624 training occurrences).
    lex = lexicon()
    assert "حسرتهای" not in lex.vocab and "حسرتهای" not in lex.forms and lex.joined("حسرت")
    assert normalize("حسرتهای") == f"حسرت{Z}های"
