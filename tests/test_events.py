"""The events stage on hand-built documents: types, parties, modes, dates, exclusions."""

from __future__ import annotations

from datetime import date

import pytest
from hand_docs import build

from rasad.extract.events import find_events, patterns, plover
from rasad.extract.quotes import find_quotes

MEETING = (
    "به گزارش خبرگزاری مهر، ایگور سرگینکو رئیس پارلمان بلاروس که وارد تهران شده است، "
    "امروز ۱۰ مرداد ماه ۱۴۰۳ با ورود به بهارستان با محمدباقر قالیباف رئیس مجلس شورای اسلامی "
    "دیدار و گفتوگو کرد."
)


def _events(text: str, published: date | None = None, dates: dict[str, str] | None = None):
    doc = build(text, published=published, dates=dates)
    doc.quotes = find_quotes(doc)
    return doc, find_events(doc)


def _key(event) -> tuple:
    parts = lambda side: sorted((p.country, p.sector) for p in side)  # noqa: E731
    return event.type, event.mode, parts(event.source), parts(event.target)


def test_visit_meeting_is_consult_visit_visitor_to_host() -> None:
    doc, found = _events(MEETING, date(2024, 7, 31), {"۱۰ مرداد ماه ۱۴۰۳": "2024-07-31"})
    consult = [e for e in found if e.type == "CONSULT"]
    assert _key(consult[0]) == ("CONSULT", "visit", [("BLR", "LEG")], [("IRN", "LEG")])
    assert consult[0].date == "2024-07-31"
    assert (consult[0].evidence_start, consult[0].evidence_end) == (0, len(MEETING))
    assert "diplomatic" in consult[0].contexts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "محمد مخبر با رومن گلاوچنکو دیدار کرد",
            ("CONSULT", None, [("BLR", "GOV"), ("IRN", "GOV")], []),
        ),
        ("ایران و بلاروس به توافق رسیدند", ("AGREE", None, [("BLR", None), ("IRN", None)], [])),
        (
            "آمریکا علیه ایران تحریم های جدیدی اعمال کرد",
            ("SANCTION", "discontinue", [("USA", "GOV")], [("IRN", None)]),
        ),
        # Belarus is whom the condemned attack hit, not the one condemned: no recipient
        (
            "ایران حمله به بلاروس را محکوم کرد",
            ("ACCUSE", "disapprove", [("IRN", None)], []),
        ),
        (
            "مخبر گفت: ما آماده همکاری با بلاروس هستیم",
            ("AGREE", None, [("IRN", "GOV")], [("BLR", None)]),
        ),
        (
            "گفت و گوی تلفنی محمد مخبر و رومن گلاوچنکو",
            ("CONSULT", "phone", [("BLR", "GOV"), ("IRN", "GOV")], []),
        ),
        (
            "ایران و بلاروس تفاهم نامه را امضا کردند",
            ("SUPPORT", None, [("BLR", None), ("IRN", None)], []),
        ),
        # parties listed with the subject act with it; a list marked by «را» is the object
        (
            "ایران و بلاروس به طور جداگانه کمک های بشردوستانه به آمریکا ارسال کردند",
            ("AID", None, [("BLR", None), ("IRN", None)], [("USA", None)]),
        ),
        (
            "آمریکا، ایران و بلاروس را متهم کرد",
            ("ACCUSE", "allege", [("USA", None)], [("BLR", None), ("IRN", None)]),
        ),
    ],
)
def test_types_and_parties(text: str, expected: tuple) -> None:
    _, found = _events(text)
    assert [_key(e) for e in found][:1] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "ایران و بلاروس به توافق نرسیدند",  # negated
        "ایران از عدم قطع رابطه با بلاروس خبر داد",  # a noun negated before it
        "ایران بدون دخالت آمریکا مشکلات را حل می کند",
        "هواپیمای بلاروس دچار سانحه شد و همه سرنشینان آن کشته شدند",  # an accident
        "بلاروس کار آماده‌سازی سالن را سخت کرده است",  # preparing, not readiness
        "اگر آمریکا ایران را تحریم کرد پاسخ می دهیم",  # hypothetical
        "مخبر گفت: روابط سیاسی در سطح خوبی است",  # a statement is a quote, not an event
        "افراد ناشناس دیدار کردند",  # no coded party
        "هیئت عراقی وارد نشد",  # negated: «وارد ن» + «شد» is no visit
        "نماینده تهران ابراز تاسف کرد که دولت ایران برنامه درستی ندارد",  # a lament
    ],
)
def test_not_events(text: str) -> None:
    assert _events(text)[1] == []


def test_two_countries_phrase_uses_prominent_countries() -> None:
    text = "ایران و بلاروس و ایران\nقرار است بخش خصوصی دو کشور همکاری را گسترش دهند"
    _, found = _events(text)
    assert [_key(e) for e in found] == [("AGREE", None, [("BLR", None), ("IRN", None)], [])]


def test_anaphoric_meeting_not_recoded() -> None:
    text = "مخبر با رومن گلاوچنکو دیدار کرد\nدر این دیدار گلاوچنکو و مخبر گفت و گو کردند"
    _, found = _events(text)
    assert [e.type for e in found] == ["CONSULT"]


def test_one_event_per_sentence_type_and_parties() -> None:
    _, found = _events("ایران و بلاروس به توافق رسیدند و توافق کردند")
    assert len(found) == 1


def test_past_event_without_date_takes_publication_date() -> None:
    _, found = _events("ایران و بلاروس به توافق رسیدند", date(2024, 1, 2))
    assert found[0].date == "2024-01-02"


def test_every_pattern_names_a_plover_type_and_mode() -> None:
    table = plover()
    assert len(table) == 16
    for pat in patterns()[0]:
        assert pat.type in table
        assert pat.mode is None or pat.mode in table[pat.type]["modes"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # criticism voiced by a speaker: speaker → the named party
        (
            "مخبر گفت: آمریکا با رویکرد غلط خود را منزوی می کند",
            ("ACCUSE", "disapprove", [("IRN", "GOV")], [("USA", None)]),
        ),
        # same-country parties with different sectors are both kept
        ("قالیباف با محمد مخبر دیدار کرد", ("CONSULT", None, [("IRN", "GOV"), ("IRN", "LEG")], [])),
        # a party behind «از سوی» is the agent, not the first-named party
        (
            "ایران از سوی آمریکا تحریم شد",
            ("SANCTION", "discontinue", [("USA", "GOV")], [("IRN", None)]),
        ),
        # a party behind a preposition is not the subject, even a few words back
        (
            "با توجه به اینکه بلاروس تحت فشار است ایران آمادگی دارد",
            ("AGREE", None, [("IRN", None)], [("BLR", None)]),
        ),
        # a nationality adjective names a party, its head noun the sector
        (
            "نیروهای آمریکایی سه نفر را در بلاروس بازداشت کردند",
            ("COERCE", "arrest", [("USA", "MIL")], []),
        ),
    ],
)
def test_participants(text: str, expected: tuple) -> None:
    _, found = _events(text)
    assert _key(found[0]) == expected


def test_topic_of_a_question_keeps_its_own_parties() -> None:
    text = "مخبر درباره اینکه آمریکا به بلاروس حمله کرد گفت: ما آماده همکاری هستیم"
    _, found = _events(text)
    assault = [e for e in found if e.type == "ASSAULT"]
    # a state attacks through its forces: the bare state is coded MIL
    assert [_key(e) for e in assault] == [("ASSAULT", None, [("USA", "MIL")], [("BLR", None)])]


def test_criticism_without_a_named_target_is_only_a_quote() -> None:
    assert _events("مخبر گفت: این رویکرد غلط است و دشمن شاد می شود")[1] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject of a clause opened by «پس از اینکه» is the subject of its own verb
        (
            "قیمت نفت پس از اینکه آمریکا علیه ایران تحریم های جدیدی اعمال کرد افزایش یافت",
            ("SANCTION", "discontinue", [("USA", "GOV")], [("IRN", None)]),
        ),
        # a head noun before a country name gives the sector
        (
            "مخبر گفت: روسای جمهور آمریکا از ایران به عنوان دستمایه انتخاباتی استفاده می کنند",
            ("ACCUSE", "disapprove", [("IRN", "GOV")], [("USA", "GOV")]),
        ),
        # the object marked by «را» is the recipient, not the actor
        (
            "بلاروس را نیروهای آمریکایی بازداشت کردند",
            ("COERCE", "arrest", [("USA", "MIL")], [("BLR", None)]),
        ),
        # unidentified attackers are left out: the event keeps its victims
        (
            "افراد مسلح ناشناس به نیروهای آمریکایی حمله کردند",
            ("ASSAULT", None, [], [("USA", "MIL")]),
        ),
        # a demand on a named party: speaker → the subject before «باید»
        (
            "مخبر گفت: آمریکا باید از منطقه خارج شود",
            ("REQUEST", "change", [("IRN", "GOV")], [("USA", None)]),
        ),
        # a mode cue in the clause: rockets → heavy-weapons
        (
            "نیروهای آمریکایی مواضع بلاروس را هدف حمله راکتی قرار دادند",
            ("ASSAULT", "heavy-weapons", [("USA", "MIL")], [("BLR", None)]),
        ),
        # an official's «جمهوری … آماده است» speaks for his government
        (
            "مخبر گفت: ایران آماده است همکاری با بلاروس را گسترش دهد",
            ("AGREE", None, [("IRN", "GOV")], [("BLR", None)]),
        ),
    ],
)
def test_participant_logic(text: str, expected: tuple) -> None:
    _, found = _events(text)
    assert [_key(e) for e in found if e.type == expected[0]][:1] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "مخبر گفت: ما باید همکاری با بلاروس را توسعه دهیم",  # first person: a pledge
        "مخبر گفت: همه باید تلاش کنند",  # no named addressee
        "رژیم آمریکا جنایت کرد و تجاوز را ادامه داد",  # reporter's words, no speaker
        "تهران زیبا است و باید از تهران دیدن کرد",  # a city is a place, not a party
    ],
)
def test_not_requests_or_accusations(text: str) -> None:
    assert [e for e in _events(text)[1] if e.type in {"REQUEST", "ACCUSE"}] == []


def test_bare_government_is_the_main_country() -> None:
    text = "ایران و بلاروس و ایران\nقالیباف گفت: دولت باید حقوق بازنشستگان را افزایش دهد"
    _, found = _events(text)
    assert [_key(e) for e in found] == [("REQUEST", "change", [("IRN", "LEG")], [("IRN", "GOV")])]


def test_two_predicates_keep_their_own_recipients() -> None:
    text = "مخبر از بلاروس دیدن کرد و سفر خود را به آمریکا آغاز کرد"
    _, found = _events(text)
    targets = [sorted(p.country for p in e.target) for e in found if e.type == "CONSULT"]
    assert ["BLR"] in targets


def test_further_measure_inherits_parties() -> None:
    text = "آمریکا ایران را تحریم کرد\nهمچنین آنها به تحریم های ثانویه محکوم شدند"
    _, found = _events(text)
    assert [_key(e) for e in found] == [
        ("SANCTION", "discontinue", [("USA", "GOV")], [("IRN", None)])
    ] * 2


@pytest.mark.parametrize("strip", [False, True])
def test_zwnj_variants_code_the_same(strip: bool) -> None:
    text = "مخبر گفت: آمریکا با رویکرد غلط خود را منزوی می‌کند"
    _, found = _events(text.replace("\u200c", "") if strip else text)
    assert [e.type for e in found] == ["ACCUSE"]


def _only(found: list, kind: str) -> tuple:
    picked = [e for e in found if e.type == kind]
    assert len(picked) == 1, [(e.type, e.pattern_id) for e in found]
    return _key(picked[0])


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # «دو کشور» are the states named just before, not the article's most named ones
        (
            "آمریکا بارها بلاروس و آمریکا را مقایسه کرد\n"
            "ایران و آمریکا رقیب هستند\nسران دو کشور به توافق رسیدند",
            "AGREE",
            ("AGREE", None, [("IRN", "GOV"), ("USA", "GOV")], []),
        ),
        # «دولت این کشور» is the government of the state named last
        (
            "آمریکا با بلاروس مذاکره کرد\nدولت این کشور از آمریکا خواستار آزادی زندانیان شد",
            "REQUEST",
            ("REQUEST", None, [("BLR", "GOV")], [("USA", None)]),
        ),
        # a reason («بخاطر …») is context, not a party
        (
            "مخبر به قالیباف بخاطر موفقیت بلاروس تبریک گفت",
            "SUPPORT",
            ("SUPPORT", None, [("IRN", "GOV")], [("IRN", "LEG")]),
        ),
        # the target of an action named inside the clause is not a party of the praise
        (
            "مخبر از حملات نیروهای آمریکایی علیه بلاروس استقبال کرد",
            "SUPPORT",
            ("SUPPORT", None, [("IRN", "GOV")], [("USA", "MIL")]),
        ),
        # the topic of an agreement is not a party to it
        (
            "ایران و بلاروس در خصوص آمریکا به توافق رسیدند",
            "AGREE",
            ("AGREE", None, [("BLR", None), ("IRN", None)], []),
        ),
        # a first-person predicate makes the speaker the actor
        (
            "مخبر گفت: بلاروس دوست ماست و از آن می‌خواهیم که همکاری را گسترش دهد",
            "REQUEST",
            ("REQUEST", None, [("IRN", "GOV")], [("BLR", None)]),
        ),
        # the speaker's own state named after the criticism is not its target
        (
            "مخبر گفت: آمریکا با رویکرد غلط خود را منزوی می کند و ایران پیروز است",
            "ACCUSE",
            ("ACCUSE", "disapprove", [("IRN", "GOV")], [("USA", None)]),
        ),
        # a plural nationality («روس‌ها») names its state
        (
            "مخبر گفت: ما با روس‌ها در حال گفت‌وگو هستیم",
            "CONSULT",
            ("CONSULT", None, [("IRN", "GOV"), ("RUS", None)], []),
        ),
        # each visit predicate keeps the hosts named with it
        (
            "مخبر تاکنون از آمریکا دیدن کرده است و امروز سفر سه روزه خود را به بلاروس آغاز کرد",
            "CONSULT",
            ("CONSULT", "visit", [("IRN", "GOV")], [("USA", None)]),
        ),
        # a nominal visit: the visitor follows «سفر», the host is behind «به»
        (
            "سفر امروز مخبر به بلاروس و روابط بلاروس با آمریکا بررسی می‌شود",
            "CONSULT",
            ("CONSULT", "visit", [("IRN", "GOV")], [("BLR", None)]),
        ),
        # a modifier between head noun and country keeps the head's sector
        (
            "نخست وزیر موقت بلاروس با مخبر دیدار کرد",
            "CONSULT",
            ("CONSULT", None, [("BLR", "GOV"), ("IRN", "GOV")], []),
        ),
    ],
)
def test_party_rules(text: str, kind: str, expected: tuple) -> None:
    _, found = _events(text)
    if kind == "CONSULT" and "دیدن" in text:  # two visits: the first keeps its own host
        found = found[:1]
    assert _only(found, kind) == expected


def test_physical_event_does_not_fall_back_on_the_speaker() -> None:
    _, found = _events("مخبر گفت: درگیری‌ها در مرز ادامه دارد")
    assert not [e for e in found if e.type == "ASSAULT"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # passive «مورد … قرار گرفت»: the agent inside the predicate acts on the subject
        (
            "بلاروس مورد انتقاد شدید آمریکا قرار گرفت",
            ("ACCUSE", "disapprove", [("USA", None)], [("BLR", None)]),
        ),
        (
            "ایران از سوی آمریکا مورد حمله قرار گرفت",
            ("ASSAULT", None, [("USA", None)], [("IRN", None)]),
        ),
        # an unnamed attacker: the victim is still coded
        ("بلاروس روز گذشته هدف حمله قرار گرفت", ("ASSAULT", None, [], [("BLR", None)])),
        # «تحت فشار X قرار دارد»: X presses the subject
        (
            "بلاروس تحت فشار شدید آمریکا قرار دارد",
            ("REQUEST", "change", [("USA", None)], [("BLR", None)]),
        ),
        # an announced plan to travel or cooperate is intent (AGREE)
        (
            "مخبر قصد دارد هفته آینده به بلاروس سفر کند",
            ("AGREE", None, [("IRN", "GOV")], [("BLR", None)]),
        ),
        # a tour begun: «سفر … خود را به … آغاز کرد»
        (
            "مخبر سفر دوره ای خود را به بلاروس آغاز کرد",
            ("CONSULT", "visit", [("IRN", "GOV")], [("BLR", None)]),
        ),
        # a nominal sanction with its agent
        (
            "تحریم این شرکت ها از سوی آمریکا",
            ("SANCTION", "discontinue", [("USA", "GOV")], []),
        ),
        # an action noun's genitive is its agent
        (
            "تظاهرات مردم بلاروس علیه آمریکا",
            ("PROTEST", "demo", [("BLR", "CVL")], [("USA", None)]),
        ),
    ],
)
def test_passive_nominal_and_planned(text: str, expected: tuple) -> None:
    _, found = _events(text)
    assert [_key(e) for e in found][:1] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "بلاروس مورد انتقاد قرار گرفت",  # criticism with no critic named
        "مخبر مورد تهدید قرار گرفت",  # a threat with no one threatening
        "بلاروس قصد دارد سفر را به تعویق بیندازد",  # a plan, but not to meet or cooperate
    ],
)
def test_passive_without_agent_not_coded(text: str) -> None:
    assert [e for e in _events(text)[1] if e.type in ("ACCUSE", "THREATEN", "AGREE")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # «به X سفر کرد»: a trip made is a visit, the destination its host
        (
            "محمد مخبر به بلاروس سفر کرد",
            ("CONSULT", "visit", [("IRN", "GOV")], [("BLR", None)]),
        ),
        # a trip or meeting announced for the future is a pledge (AGREE)
        (
            "محمد مخبر هفته آینده به بلاروس سفر خواهد کرد",
            ("AGREE", None, [("IRN", "GOV")], [("BLR", None)]),
        ),
        (
            "مخبر و رومن گلاوچنکو دیدار خواهند کرد",
            ("AGREE", None, [("BLR", "GOV"), ("IRN", "GOV")], []),
        ),
        # «از X خواست تا …»: the party asked is the recipient, not the parties of the request
        (
            "مخبر از بلاروس خواست تا با آمریکا مذاکره نکند",
            ("REQUEST", "meet", [("IRN", "GOV")], [("BLR", None)]),
        ),
        # refusal
        (
            "بلاروس از پذیرش درخواست آمریکا خودداری کرد",
            ("REJECT", None, [("BLR", None)], [("USA", None)]),
        ),
        # the adverbial «با انتقاد از X» is criticism by the subject
        (
            "مخبر با انتقاد از آمریکا گفت: همکاری ادامه دارد",
            ("ACCUSE", "disapprove", [("IRN", "GOV")], [("USA", None)]),
        ),
        # the dead and wounded undergo an attack whose agent follows «توسط»
        (
            "سه سرباز بلاروس توسط نیروهای آمریکایی کشته شدند",
            ("ASSAULT", None, [("USA", "MIL")], [("BLR", "MIL")]),
        ),
        # a bare «پارلمان» is the parliament of the state named before it in the clause
        (
            "دولت بلاروس از پارلمان خواست تا بودجه را تصویب کند",
            ("REQUEST", "change", [("BLR", "GOV")], [("BLR", "LEG")]),
        ),
    ],
)
def test_trigger_families(text: str, expected: tuple) -> None:
    _, found = _events(text)
    assert [_key(e) for e in found][:1] == [expected]


def test_future_meeting_needs_two_parties() -> None:
    assert _events("نشست حزب ایران هفته آینده برگزار خواهد شد")[1] == []


@pytest.mark.parametrize(
    "text",
    [
        "آیا ایران و بلاروس به توافق رسیدند؟",  # a yes/no question asks, it does not tell
        "گفته می شود آمریکا به بلاروس حمله کرد",  # hearsay
        "مخبر از مردم خواست صرفه جویی کنند",  # an appeal to the public names no party
        "مخبر گفت: ما وارد میدان شدیم",  # «وارد میدان شد» is an idiom, not a trip
        "بلاروس به اتهام جاسوسی سه نفر را محاکمه کرد",  # «به اتهام» is the charge of an act
    ],
)
def test_not_events_new_families(text: str) -> None:
    assert [e.type for e in _events(text)[1]] == []


def test_anaphoric_attack_not_recoded() -> None:
    text = "نیروهای آمریکایی به بلاروس حمله کردند\nدر این حمله سه سرباز بلاروس کشته شدند"
    _, found = _events(text)
    assert [e.type for e in found] == ["ASSAULT"]


def test_this_country_after_a_nationality_adjective() -> None:
    text = "ایران از حملات جنگنده های آمریکایی انتقاد کرد\nاین کشور پیشتر بلاروس را هدف قرار داد"
    _, found = _events(text)
    assert _key(found[-1]) == ("ASSAULT", None, [("USA", "MIL")], [("BLR", None)])


def test_a_speaker_lends_his_sector_to_his_bare_state_not_to_a_body() -> None:
    """«جمهوری اسلامی ایران آماده است» said by a minister is the government speaking; «دولت
    دهم» in a bank chief's words stays the body it is, not a bank."""
    from rasad.extract.events import _voice
    from rasad.model import Actor, Participant

    doc = build("ایران")
    doc.actors["fa:body"] = Actor("fa:body", "دولت دهم", None, "IRN", None, kind="ORG")
    speaker = Participant(0, 4, "fa:x", "IRN", "BUS")
    state = Participant(0, 5, "iran", "IRN", None)
    body = Participant(0, 5, "fa:body", "IRN", None)
    assert _voice(doc, state, speaker).sector == "BUS"
    assert _voice(doc, body, speaker).sector is None


def test_a_demonym_shaped_verb_or_surname_names_no_party() -> None:
    """«ترک کرده بودند» is "had left", «اکبر سوری» a man named Souri: neither is a party."""
    from rasad.extract.parties import _demonym_parties

    text = "نیروهای آمریکایی منطقه را ترک کرده بودند و اکبر سوری آمد"
    doc = build(text)
    assert [p.country for p in _demonym_parties(doc, 0, len(text))] == ["USA"]
