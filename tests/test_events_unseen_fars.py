"""Error classes found by judging rasad's events on a sample of Fars politics/world articles
outside the gold sets (a third reading, after test_events_unseen.py): predicate forms that
were missed (readiness across a longer phrase or contracted, «متعهد شد», «توافق شد», demands
with «خواهان … است», sanctions with their target in between, opposition told passively),
meetings only wished for, parties taken from the wrong clause (a relative clause, a prior
deed, a charge, a list behind a preposition, the content of a demand) and phrases that hide
the subject («بنا بر این گزارش»). Sentences are written for these tests in the style of the
news; each exclusion comes with a control that codes the event. Runs the default pipeline."""

from __future__ import annotations

import pytest

import rasad


def _events(text: str) -> list[tuple[str, set[str], set[str]]]:
    """(type, actor countries, recipient countries) of every event in `text`."""
    return [
        (e.type, {p.country for p in e.source}, {p.country for p in e.target})
        for e in rasad.extract(text).events
    ]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # readiness across five words, and contracted («آماده‌اند»)
        ("ترکیه آماده خروج کامل از خاک عراق است.", ("AGREE", {"TUR"}, {"IRQ"})),
        ("مقامات کویت آماده‌اند درباره بدهی عراق گفت‌وگو کنند.", ("AGREE", {"KWT"}, set())),
        # a pledge, and a readiness announced
        (
            "وزیر امور خارجه ایران به همکاری کامل با آژانس بین‌المللی انرژی اتمی متعهد شد.",
            ("AGREE", {"IRN"}, {"IGO"}),
        ),
        (
            "رئیس‌جمهور ونزوئلا آمادگی کشورش را برای همکاری با ایران اعلام کرد.",
            ("AGREE", {"VEN"}, {"IRN"}),
        ),
        # an agreement reported, and one reached «in this meeting» by the meeting's parties
        (
            "فرماندار ایالت لارا ونزوئلا از توافق با مسئولان ایرانی برای همکاری در تولید سیمان"
            " خبر داد.",
            ("AGREE", {"VEN", "IRN"}, set()),
        ),
        (
            "محمد جواد ظریف با سرگئی لاوروف دیدار کرد. در این دیدار توافق شد کمیسیون مشترک"
            " اقتصادی ماه آینده تشکیل شود.",
            ("AGREE", {"IRN", "RUS"}, set()),
        ),
        # a standing demand, and a demand repeated
        ("کویت خواهان بیش از ۱۷۰ میلیارد دلار غرامت از عراق است.", ("REQUEST", {"KWT"}, {"IRQ"})),
        (
            "اتحادیه اروپا درخواست خود از ایران برای امضای پروتکل الحاقی را تکرار کرد.",
            ("REQUEST", {"EUR"}, {"IRN"}),
        ),
        # sanctions with their target between noun and verb
        (
            "مقامات آمریکایی در سال ۲۰۰۸ تحریم‌هایی را علیه سه بانک ایرانی اعمال کردند.",
            ("SANCTION", {"USA"}, {"IRN"}),
        ),
        # opposition told passively: the one opposing is named inside the predicate
        (
            "درخواست آمریکا برای دیدار روسای جمهور دو کشور با مخالفت ایران مواجه شد.",
            ("REJECT", {"IRN"}, {"USA"}),
        ),
        # a clash that lasted
        (
            "نیروهای آمریکایی و گروه‌های مسلح عراقی دو ساعت با یکدیگر درگیر بودند.",
            ("ASSAULT", {"USA"}, {"IRQ"}),
        ),
        # loaded words in the plural
        (
            "نبیل قاووق گفت: اسرائیل تجاوزات خود به جنوب لبنان را ادامه می‌دهد.",
            ("ACCUSE", {"LBN"}, {"ISR"}),
        ),
        # a meeting «قرار است … انجام شود» is scheduled (AGREE), not held
        (
            "قرار است دیدار ظریف با لاوروف هفته آینده در مسکو انجام شود.",
            ("AGREE", {"IRN", "RUS"}, set()),
        ),
        # the counterpart of a meeting only wished for is who the wish is towards
        ("ایران تمایل دارد مذاکراتی با اتحادیه اروپا داشته باشد.", ("AGREE", {"IRN"}, {"EUR"})),
        # «بنا بر این گزارش» is an attribution, not a preposition before the subject
        (
            "بنا بر این گزارش ارتش آمریکا به مواضع طالبان حمله کرد.",
            ("ASSAULT", {"USA"}, {"IMG"}),
        ),
        # criticism of the members of a body: «مقامات» shares the head of «کشورهای عضو ناتو»
        (
            "مانورهای نظامی روسیه مورد انتقاد مقامات و کشورهای عضو ناتو قرار گرفت.",
            ("ACCUSE", {"IGO"}, {"RUS"}),
        ),
        # a list behind «از» shares the preposition: «وی» criticises all three
        (
            "ایمن الظواهری گفت: «جهاد تنها راه است.» وی همچنین از حکومت‌های پاکستان، عربستان"
            " سعودی و مصر بشدت انتقاد کرد.",
            ("ACCUSE", {"IMG"}, {"PAK", "SAU", "EGY"}),
        ),
        # the parties of a relative clause, of a charge and of what is asked are not targets
        (
            "ایمن الظواهری از حکومت‌های پاکستان و مصر که دیدگاه‌های آمریکایی‌ها را"
            " پذیرفته‌اند، انتقاد کرد.",
            ("ACCUSE", {"IMG"}, {"PAK", "EGY"}),
        ),
        (
            "رامسفلد، وزیر دفاع آمریکا، سوریه را متهم به ارسال تسلیحات نظامی به عراق کرد.",
            ("ACCUSE", {"USA"}, {"SYR"}),
        ),
        (
            "ما مصرا از رهبران سوریه می‌خواهیم که به اعضای حزب بعث عراق اجازه ورود ندهند.",
            ("REQUEST", set(), {"SYR"}),
        ),
        (
            "اردوغان از پارلمان ترکیه خواست درباره اعزام نیروهای ترکیه به عراق تصمیم‌گیری کند.",
            ("REQUEST", {"TUR"}, {"TUR"}),
        ),
        # perfect and pluperfect forms
        (
            "آمریکا از ترکیه درخواست کرده است در این عملیات مشارکت کند.",
            ("REQUEST", {"USA"}, {"TUR"}),
        ),
        (
            "عربستان از مصر خواسته بود این نشست را در شرم‌الشیخ برگزار کند.",
            ("REQUEST", {"SAU"}, {"EGY"}),
        ),
        ("آلن گارسیا با رئیس‌جمهور شیلی توافق کرده است.", ("AGREE", {"CHL"}, set())),
        # «دست به تظاهرات زدند»
        (
            "هزاران کشاورز برزیلی در اعتراض به سیاست‌های آمریکا دست به تظاهرات زدند.",
            ("PROTEST", {"BRA"}, {"USA"}),
        ),
        # recalling one's ambassador cuts relations; «موجب شد تا X …» gives the clause its subject
        ("رژیم صهیونیستی سفیر خود را از سوئد فراخواند.", ("SANCTION", {"ISR"}, {"SWE"})),
        (
            "این اقدام سوئد موجب شد تا رژیم صهیونیستی سفیر خود را از این کشور فرابخواند.",
            ("SANCTION", {"ISR"}, set()),
        ),
        # the subject of the clause after «در حالی … که» and «اما», even past a noun predicate
        (
            "این اقدام دولت اسپانیا در حالی صورت می‌گیرد که علی لاریجانی برای رایزنی به مادرید"
            " سفر کرده است.",
            ("CONSULT", {"IRN"}, {"ESP"}),
        ),
        ("آمریکا از این طرح حمایت کرد اما روسیه آن را رد کرد.", ("REJECT", {"RUS"}, set())),
        (
            "آمریکا از ترکیه کمک خواست اما روسیه پس از اعزام نیرو به مرز خواستار اقدام آمریکا"
            " علیه گروه‌های کرد شد.",
            ("REQUEST", {"RUS"}, {"USA"}),
        ),
        # the agent «به ضرب گلوله X»; «چهارشنبه» ends in no preposition «به»
        (
            "دو فلسطینی به ضرب گلوله نظامیان صهیونیست به شهادت رسیدند.",
            ("ASSAULT", {"ISR"}, {"PSE"}),
        ),
        ("روز چهارشنبه ارتش آمریکا به مواضع طالبان حمله کرد.", ("ASSAULT", {"USA"}, {"IMG"})),
        # «نمایندگان پارلمان اسپانیا»: the name inside the institution phrase carries it
        (
            "فلسطین و مردم فلسطین از اروپا حمایت می‌خواهند. نمایندگان پارلمان اسپانیا از دولت"
            " ماریانو راخوی خواستند تا فلسطین را به رسمیت بشناسد.",
            ("REQUEST", {"ESP"}, {"ESP"}),
        ),
        # terrorists named inside a conditional after the subject hide no one
        (
            "مقامات روسی از تصمیم انگلیس برای انجام حملات هوایی در سوریه، به شرط آنکه مواضع"
            " تروریست‌ها مورد هدف قرار بگیرد، استقبال کردند.",
            ("SUPPORT", {"RUS"}, {"GBR"}),
        ),
        # a court's sentence is a conviction
        (
            "دادگاه ایران یک تبعه آمریکایی را به ۱۰ سال زندان محکوم کرد.",
            ("SANCTION", {"IRN"}, {"USA"}),
        ),
    ],
)
def test_event_is_read(text: str, event: tuple) -> None:
    assert event in _events(text)


@pytest.mark.parametrize(
    ("kind", "blocked", "control"),
    [
        # a phone interview with a news channel is no meeting
        (
            "CONSULT",
            "ابراهیم الشمری در مکالمه تلفنی با شبکه خبری الجزیره گفت: ما طرح گفت‌وگو را می‌پذیریم.",
            "محمد جواد ظریف در گفت‌وگوی تلفنی با سرگئی لاوروف درباره برجام رایزنی کرد.",
        ),
        # a meeting only tried for
        (
            "CONSULT",
            "واشنگتن تلاش کرد تا دیداری را بین روسای جمهور آمریکا و ایران برگزار کند.",
            "دیداری بین روسای جمهور آمریکا و ایران برگزار شد.",
        ),
        # a talk one informs others about is a topic, not a meeting to come
        (
            "AGREE",
            "فراتینی وزیران خارجه اتحادیه اروپا را در جریان گفت و گوی خود با خرازی قرار خواهد داد.",
            "فراتینی با خرازی دیدار خواهد کرد.",
        ),
        # «خواستار … نیست» is no demand (the verb is not the «است» inside «سیاست»)
        (
            "REQUEST",
            "واشنگتن خواستار گفت‌وگو با گروه‌های عراقی نیست بلکه سیاست زمین سوخته را دنبال می‌کند.",
            "واشنگتن خواستار گفت‌وگو با گروه‌های عراقی است.",
        ),
        # «X باید بداند …» warns, it asks for no deed
        (
            "REQUEST",
            "علی لاریجانی گفت: امارات باید بداند این اقدام هزینه زیادی برایش دارد.",
            "علی لاریجانی گفت: امارات باید روابط خود با رژیم صهیونیستی را قطع کند.",
        ),
        # what can be done has not been done
        (
            "ASSAULT",
            "به نوشته این هفته‌نامه، می‌توان به مواضع ارتش اسرائیل حمله کرد.",
            "به نوشته این هفته‌نامه، ارتش آمریکا به مواضع ارتش اسرائیل حمله کرد.",
        ),
        # an inquiry targets people, it does not attack them
        (
            "ASSAULT",
            "تحقیقات پلیس فدرال آمریکا دو مقام وزارت دفاع را هدف قرار داده است.",
            "ارتش آمریکا دو مقام وزارت دفاع عراق را هدف قرار داده است.",
        ),
        # a state of alert and a facility ready for opening are no readiness to cooperate
        (
            "AGREE",
            "بیمارستان‌های ارتش ایران در استان در آماده‌باش کامل هستند.",
            "ارتش ایران آماده همکاری با ارتش عراق است.",
        ),
        (
            "AGREE",
            "بیمارستان سقز آماده افتتاح است.",
            "بیمارستان سقز آماده همکاری با هلال احمر عراق است.",
        ),
        # a club's players protesting their fine are no political party
        (
            "ACCUSE",
            "بازیکنان پرسپولیس به جریمه خود اعتراض کردند.",
            "دولت ایران به تصمیم آمریکا اعتراض کرد.",
        ),
        # a sentence to prison is no condemnation
        (
            "ACCUSE",
            "دادگاه ایران یک تبعه آمریکایی را به ۱۰ سال زندان محکوم کرد.",
            "ایران حمله آمریکا به عراق را به شدت محکوم کرد.",
        ),
    ],
)
def test_not_an_event(kind: str, blocked: str, control: str) -> None:
    assert kind not in [k for k, *_ in _events(blocked)]
    assert kind in [k for k, *_ in _events(control)]


def test_inquiry_is_an_investigation() -> None:
    kinds = [
        k for k, *_ in _events("تحقیقات پلیس فدرال آمریکا دو مقام وزارت دفاع را هدف قرار داده است.")
    ]
    assert kinds == ["ACCUSE"]


def test_prior_deed_names_no_party_of_the_clash() -> None:
    """«درگیری‌ها یک روز پس از آن که … ترک کردند، آغاز شد»: the forces that left belong to the
    deed before, not to the clashes."""
    text = "درگیری‌ها یک روز پس از آن که آخرین نیروهای ارتش آمریکا لیبریا را ترک کردند، آغاز شد."
    assert not any(kind == "ASSAULT" for kind, *_ in _events(text))


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # an objection voiced in a demonstration is a protest, not an accusation
        (
            "کارگران فرانسوی در تجمعی به سیاست‌های دولت فرانسه اعتراض کردند.",
            ("PROTEST", {"FRA"}, {"FRA"}),
        ),
        # «بیش از» counts the subject: the students are the protesters, not a recipient
        ("بیش از 10 هزار دانشجوی انگلیسی تظاهرات کردند.", ("PROTEST", {"GBR"}, set())),
        ("نزدیک به صد نماینده عراقی از آمریکا انتقاد کردند.", ("ACCUSE", {"IRQ"}, {"USA"})),
    ],
)
def test_demonstrators_protest(text: str, event: tuple[str, set[str], set[str]]) -> None:
    assert event in _events(text)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # a partitive subject («شماری از», «یکی از», «۲۰۰ تن از») still acts
        ("شماری از نمایندگان عراقی از آمریکا انتقاد کردند.", ("ACCUSE", {"IRQ"}, {"USA"})),
        ("یکی از مقامات آمریکایی از ایران انتقاد کرد.", ("ACCUSE", {"USA"}, {"IRN"})),
        (
            "۲۰۰ تن از دانشجویان ایرانی مقابل سفارت انگلیس تجمع کردند.",
            ("PROTEST", {"IRN"}, {"GBR"}),
        ),
        # taking to the streets is a protest, not a visit
        ("مردم یمن در اعتراض به حملات عربستان به خیابان آمدند.", ("PROTEST", {"YEM"}, {"SAU"})),
        ("هزاران نفر از مردم اسپانیا روز شنبه به خیابان‌ها ریختند.", ("PROTEST", {"ESP"}, set())),
    ],
)
def test_partitive_subjects_and_street_protests(
    text: str, event: tuple[str, set[str], set[str]]
) -> None:
    assert _events(text) == [event]


def test_own_state_beside_a_foreign_recipient_is_no_recipient() -> None:
    """«بنی گانتز … در رژیم صهیونیستی … حماس … را تهدید کرد»: the Israeli's own state, named
    in his title, is no one he threatens once Hamas is named."""
    text = (
        "بنی گانتز رئیس حزب آبی‌وسفید در رژیم صهیونیستی نیز بعد از نخست‌وزیر این رژیم، جنبش "
        "حماس و نوار غزه را به اقدام نظامی تهدید کرد."
    )
    assert _events(text) == [("THREATEN", {"ISR"}, {"PSE"})]


@pytest.mark.parametrize(
    "text",
    [
        # giving up a break or refraining from it: no break happened
        "رئیس مجلس نامه را پیام انصراف از قطع رابطه ایران با آمریکا تلقی نکرد.",
        "عربستان از قطع رابطه با ایران خودداری کرد.",
    ],
)
def test_a_break_given_up_or_refrained_from_is_no_sanction(text: str) -> None:
    assert "SANCTION" not in [kind for kind, *_ in _events(text)]
    assert "SANCTION" in [kind for kind, *_ in _events("عربستان با ایران قطع رابطه کرد.")]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # a passive sanction: the agent after «از سوی» or inside the predicate acts
        ("بانک ملت ایران از سوی آمریکا مورد تحریم قرار گرفت.", ("SANCTION", {"USA"}, {"IRN"})),
        ("شرکت‌های روسی مورد تحریم‌های اتحادیه اروپا قرار گرفتند.", ("SANCTION", {"EUR"}, {"RUS"})),
    ],
)
def test_passive_sanction(text: str, event: tuple[str, set[str], set[str]]) -> None:
    assert _events(text) == [event]
    assert _events("ایران تحت تحریم‌های آمریکا قرار دارد.") == []  # a state, not a deed


def test_a_statement_before_its_cue_keeps_the_speakers_clause() -> None:
    """«X از توافق با Y خبر داد.»: the statement stands between speaker and cue; the speaker is
    still the subject of the predicate inside it."""
    text = "هوگو چاوز از توافق با مسئولان ایرانی برای ساخت پالایشگاه خبر داد."
    assert _events(text) == [("AGREE", {"VEN", "IRN"}, set())]


@pytest.mark.parametrize(
    "text",
    [
        "وزیر امور خارجه فرانسه در پی بمب‌گذاری در کابل گفت: این اقدام تروریستی است.",
        "سخنگوی وزارت خارجه آمریکا به دنبال بمب‌گذاری در سفارت این کشور در کنیا گفت: عاملان"
        " مجازات می‌شوند.",
        # the scene pattern: the subject is no victim either (it was: «who was there is hit»)
        "نبیه بری چند ساعت پس از وقوع انفجار در جنوب بیروت خواستار آرامش شد.",
        "نیروهای آمریکایی پس از وقوع انفجار وارد بیمارستان شدند",
    ],
)
def test_who_speaks_after_a_bombing_did_not_bomb(text: str) -> None:
    """«X در پی بمب‌گذاری … گفت»: the deed's noun sets the scene of X's verb; X is neither
    attacker nor victim (the deed's own parties would be named after its noun)."""
    assert _events(text) == []
    assert _events("نیروهای آمریکایی در فلوجه بمب‌گذاری کردند.") == [("ASSAULT", {"USA"}, set())]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # «ضمن/با + verbal noun» frames the clause's own verb: condemning without «از»
        (
            "عباس عراقچی ضمن محکوم کردن حمله رژیم صهیونیستی به سوریه، بر لزوم پاسخگویی جامعه"
            " جهانی تاکید کرد.",
            ("ACCUSE", {"IRN"}, {"ISR"}),
        ),
        (
            "سخنگوی وزارت امور خارجه ایران ضمن تقبیح اظهارات وزیر خارجه انگلیس، این سخنان را"
            " نسنجیده دانست.",
            ("ACCUSE", {"IRN"}, {"GBR"}),
        ),
        # the noun's object is what follows it: not the meeting it was said in
        (
            "وزیر امور خارجه ترکیه در نشست سازمان همکاری اسلامی با محکوم کردن جنایات رژیم"
            " صهیونیستی گفت: این جنایات باید متوقف شود.",
            ("ACCUSE", {"TUR"}, {"ISR"}),
        ),
        # … up to the comma, past a loaded word; those killed are no one condemned
        (
            "وزیر امور خارجه ترکیه با محکوم کردن جنایات وحشیانه رژیم صهیونیستی و کشتار کودکان"
            " فلسطینی گفت: این جنایات باید متوقف شود.",
            ("ACCUSE", {"TUR"}, {"ISR"}),
        ),
        (
            "وزیر امور خارجه ترکیه با محکوم کردن حمله رژیم صهیونیستی و کشتار مردم فلسطین گفت:"
            " این جنایات باید متوقف شود.",
            ("ACCUSE", {"TUR"}, {"ISR"}),
        ),
    ],
)
def test_condemning_as_a_frame(text: str, event: tuple[str, set[str], set[str]]) -> None:
    assert event in _events(text)
    assert not [e for e in _events(text) if e[0] == "ACCUSE" and e != event]


@pytest.mark.parametrize(
    "text",
    [
        "رئیس جمهور تاجیکستان از مردم این کشور خواست تا در انتخابات پارلمانی شرکت کنند.",
        "امام رحمانی گفت: مردم ایران باید در برابر دشمنان هوشیار باشند.",
    ],
)
def test_an_appeal_to_the_public_is_no_request(text: str) -> None:
    """House rules: hopes and appeals to the public are not REQUEST; a demand on a named
    body (the government, even one's own) is."""
    assert _events(text) == []
    control = "هوشیار زیباری وزیر امور خارجه عراق گفت: دولت لبنان باید در برابر فشارها مقاومت کند."
    assert _events(control) == [("REQUEST", {"IRQ"}, {"LBN"})]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a leader the clause follows is not criticised by «توطئه»
        (
            "احمد خاتمی گفت: نظام اسلامی در سایه رهبری آیت‌الله خامنه‌ای مسیر پیشرفت را از"
            " میان توطئه و تهدید طی می‌کند.",
            [],
        ),
        # nor is the side backed («در حمایت از مخالفان دولت بشار اسد»)
        (
            "سرگئی لاوروف گفت: حملات هوایی آمریکا در حمایت از مخالفان دولت بشار اسد تجاوز"
            " آشکار است.",
            [("ACCUSE", {"RUS"}, {"USA"})],
        ),
    ],
)
def test_a_loaded_word_spares_the_party_backed(text: str, expected: list) -> None:
    assert [e for e in _events(text) if e[0] == "ACCUSE"] == expected


@pytest.mark.parametrize(
    "text",
    [
        "علی لاریجانی از شرایط نامطلوب بیمارستان‌های استان انتقاد کرد.",
        "علی لاریجانی با انتقاد از برخی مدیران گفت: باید بیشتر کار کرد.",
    ],
)
def test_criticism_of_no_named_party_is_no_accusation(text: str) -> None:
    """House rule: criticism of a named party is ACCUSE; of conditions or unnamed people, an
    opinion."""
    assert _events(text) == []
    control = "علی لاریجانی از سیاست‌های آمریکا در منطقه انتقاد کرد."
    assert _events(control) == [("ACCUSE", {"IRN"}, {"USA"})]


def test_talks_need_two_coded_parties() -> None:
    """«در حال مذاکره هستیم» with no one named: no one is consulted."""
    text = "علی ایمانی معاون هنری وزارت ارشاد گفت: برای اجرای کار بعدی در حال مذاکره هستیم."
    assert _events(text) == []
    control = "محمدجواد ظریف با سرگئی لاوروف گفت‌وگو کرد."
    assert _events(control) == [("CONSULT", {"IRN", "RUS"}, set())]


@pytest.mark.parametrize(
    "text",
    [
        "حسین ساجدی‌نیا فرمانده انتظامی تهران گفت: وارد کردن اتهام به افراد در مرحله اول علامت"
        " قلابی بودن مامور است.",
        "عباس عراقچی گفت: نسل‌کشی کنونی در غزه ادامه دارد.",
    ],
)
def test_a_charge_named_by_its_noun_needs_the_accused(text: str) -> None:
    assert _events(text) == []
    control = "عباس عراقچی گفت: نسل‌کشی رژیم صهیونیستی در غزه ادامه دارد."
    assert _events(control) == [("ACCUSE", {"IRN"}, {"ISR"})]


def test_a_party_listed_with_the_speakers_state_is_no_target() -> None:
    """A loaded word targets whom it is said of, not the co-signatory listed with the
    speaker's own state."""
    text = (
        "عباس عراقچی پس از دیدار با هاکان فیدان گفت: ایران و ترکیه جنایات رژیم صهیونیستی را"
        " محکوم می‌کنند."
    )
    accusations = [e for e in _events(text) if e[0] == "ACCUSE"]
    assert accusations == [("ACCUSE", {"IRN", "TUR"}, {"ISR"})]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # the noun the relative clause hangs on undergoes the arrest, not the main subject
        (
            "وزیر کشور عراق از آزادی دیپلمات‌های ایرانی که ماه گذشته در بغداد بازداشت شدند"
            " خبر داد.",
            ("COERCE", set(), {"IRN"}),
        ),
        # control: the agent after «توسط» acts, the noun undergoes
        (
            "سربازان آمریکایی که توسط پلیس عراق بازداشت شدند به بغداد منتقل شدند.",
            ("COERCE", {"IRQ"}, {"USA"}),
        ),
    ],
)
def test_a_passive_in_a_relative_clause_is_undergone_by_its_noun(
    text: str, event: tuple[str, set[str], set[str]]
) -> None:
    assert event in _events(text)


def test_a_passive_in_a_relative_clause_on_no_party_has_no_victim() -> None:
    """«بیش از ۸۰۰ نفر که … دستگیر شدند»: the people arrested are no party, and the king
    of the main clause did not undergo the arrest."""
    text = (
        "پادشاه بحرین این سخن را در حالی مطرح می‌کند که بیش از ۸۰۰ نفر که از آغاز اعتراضات"
        " دستگیر شدند در زندان به سر می‌برند."
    )
    assert [e for e in _events(text) if e[0] == "COERCE"] == []


def test_greeting_an_occasion_is_no_event() -> None:
    """A day or an occasion congratulated («روز خبرنگار را تبریک گفت») is no party."""
    text = "محمدحسین حمیدی رئیس پلیس راهنمایی و رانندگی تهران روز خبرنگار را تبریک گفت."
    assert _events(text) == []
    control = "حسن روحانی رئیس‌جمهور ایران در پیامی به ولادیمیر پوتین پیروزی وی را تبریک گفت."
    assert _events(control) == [("SUPPORT", {"IRN"}, {"RUS"})]


def test_a_government_asked_beside_its_people_is_still_asked() -> None:
    """«دولت X و مردم این کشور باید …»: the public beside it does not make the demand an
    appeal to the public; the government is asked."""
    text = "حسن روحانی گفت: دولت عراق و مردم این کشور باید با تروریسم مبارزه کنند."
    assert _events(text) == [("REQUEST", {"IRN"}, {"IRQ"})]
    control = "حسن روحانی گفت: مردم عراق باید با تروریسم مبارزه کنند."
    assert _events(control) == []


def test_an_attribution_opening_the_sentence_names_no_party() -> None:
    """«آن‌طور که X گفته، …» tells who reported it, like «به گفته X،»: X did not meet."""
    text = (
        "آنطور که جان کربی سخنگوی وزارت خارجه آمریکا گفته، پامپئو در دیدار با محمد بن سلمان"
        " ولیعهد عربستان درباره ایران گفت‌وگو کرده است."
    )
    (event,) = rasad.extract(text).events
    assert [text[p.start : p.end] for p in event.source] == ["پامپئو", "محمد بن سلمان"]


def test_welcoming_anything_is_a_general_stance() -> None:
    """«از هر اقدامی … استقبال می‌کند» backs whatever may come: no support given."""
    text = "دیمیتری پسکوف سخنگوی کرملین گفت: روسیه از هر اقدامی در مبارزه با تروریسم استقبال می‌کند."
    assert _events(text) == []
    control = (
        "دیمیتری پسکوف سخنگوی کرملین گفت: روسیه از تصمیم انگلیس برای مبارزه با تروریسم"
        " استقبال می‌کند."
    )
    assert _events(control) == [("SUPPORT", {"RUS"}, {"GBR"})]


def test_a_party_right_after_a_title_ending_on_its_state_is_the_object() -> None:
    """«… رئیس‌جمهور ایران آمریکا را محکوم کرد»: the title closed on «ایران»; the party after it
    is whom he condemns, not part of his office."""
    text = "حسن روحانی رئیس‌جمهور ایران آمریکا را محکوم کرد."
    assert _events(text) == [("ACCUSE", {"IRN"}, {"USA"})]
