"""The 'events' stage: PLOVER events from Persian predicate patterns (event_patterns.yaml).

Each pattern match in a sentence proposes an event of its type; the parties come from the
trigger's own clause (cut at ':'/'؛', the speech cue, and a «درباره …» topic before the cue,
so a reporter's question and the answer keep their own parties): entity mentions, nationality
adjectives («نیروهای آمریکایی» → USA MIL), compound phrases («دو کشور») and, for first-person
speech, the quote's speaker. Reciprocal predicates (meet, agree, sign) make every party an
actor; directed ones make the agent («از سوی X») or the first party not behind a preposition
the actor, falling back to the speaker; `speaker` patterns (criticism, «باید» demands) make
the speaker the actor and need a named recipient; `addressee` patterns («X باید …») make the
speaker demand of the subject before «باید»; a meeting where one side travels is mode `visit`,
visitor → host; `passive` patterns («X مورد انتقاد Y قرار گرفت», «تحت فشار Y») make the agent
inside the predicate (or after «از سوی») the actor and the parties before it the recipients;
`genitive: agent` action nouns («حملات جنگنده‌های انگلیسی», «تظاهرات مردم») take the party they
are construed with as actor. One event per (sentence, type, parties).

Who counts as a party is rasad.extract.parties' business; here a party named only as context
— a reason («بخاطر …»), a cooperative event's topic («در خصوص …»), the target of an action
named inside the clause («جنگ علیه داعش») — is left out, a first-person predicate
(«می‌خواهیم») makes the speaker the actor, and only verbal types fall back on the speaker.
A party marked by «را» or behind a preposition is not
the subject; unidentified attackers («افراد مسلح ناشناس») leave the actor empty; a directed
event's recipients are the parties named since the previous predicate of the sentence. A
further measure stated without parties inherits those of the same-type event just before.

The rest of a paragraph opened by «X گفت:» is still X's speech: its sentences speak with X's
voice (for demands and criticism), but only an event naming a party besides X is coded there.

Negated («نکرد»، «نخواهد») and hypothetical («اگر»، «در صورتی که»، «ممکن است») matches are
skipped rather than emitted with flags: PLOVER drops them and evaluators count every listed
event as a prediction; so are habits («همواره», «هر روزه»), deeds dated two or more years
before publication (background the article recalls), clauses under a negative-polarity
word («هیچ»), and whatever lies inside a span that tells no event (a disputed proposition
«این مطلب را که … رد کرد», a warning about a prospect, an event only pointed to, an
accident), a match inside a longer one (its content: «قصد دارد … نشستی با X … رایزنی کند»),
and a deed told in a relative clause on a noun («پرونده خویی که … کشته شد، …»). The dead of
an attack coded earlier in the sentence join its targets. A demand or threat put to no named
party, or to the public alone, is an appeal or a statement, criticism of no named party an
opinion, and a meeting noun needs a party or office holder right after «با»; a deed's noun in
an adverbial of sequence («X در پی بمب‌گذاری … گفت») sets the scene of X's verb, X did not do
it. An anaphoric meeting («در این دیدار») after a coded meeting is not coded again,
and an event with no coded party is left out (nothing to aggregate on). A meeting noun in a
future clause, dated after publication or «قرار است …», is a scheduled meeting (AGREE); one
hanging on a subjunctive verb («تلاش کرد تا دیداری … برگزار کند») is only wished for, and
what both sides do «در این دیدار» is done by that meeting's parties; a second verb of a
sentence's event by the same actors on no one new («تیراندازی کردند و یکی را کشتند») goes on
telling it. A material deed told in the past tense after a commemoration cue («با اشاره به
هفته دفاع مقدس … صدام به کشورمان حمله کرد») is background too, unless dated to a day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from rasad.extract.anchors import Anchors
from rasad.extract.contexts import contexts_of, load_yaml, sectors_of, tolerant, word_regex
from rasad.extract.coref import (
    Resolved,
    Tracker,
    blank_roles,
    clause_start,
    mentions_in,
    resolve_subject,
)
from rasad.extract.parties import (
    NON_PARTY_SECTORS,
    PHRASE_OPENER,
    WORD,
    dedupe,
    head_start,
    heads_phrase,
    in_own_title,
    is_place,
    is_team,
    lexicon,
    person_party,
    sentence_parties,
    state_codes,
    unknown_agent,
)
from rasad.extract.quotes import cue_matches
from rasad.model import Document, Event, Participant, Quote, Span
from rasad.pipeline import stage

# the public: a demand put only to them is an appeal (house rules), not a REQUEST
PUBLIC_SECTORS = frozenset({"CVL"})
# a deed dated this many calendar years before publication or earlier is background
HISTORY_YEARS = 2
HISTORY_DATE = re.compile(r"(\d{4})(?:-|$)")
NEGATION = re.compile(r"^[\s\u200c]*(?:نه|نیست|نشد|نکرد|نمی|نخواهد|ندارد|نداریم)")
# a noun predicate negated before it: «عدم قطع رابطه» ("not cutting ties"), «بدون توافق»
# «عدم», «بدون», «انصراف از قطع رابطه» (giving up the break): a noun predicate that did not
# happen; so is one refrained from («از قطع رابطه با ایران خودداری کرد»)
NEGATION_BEFORE = re.compile(
    r"(?<![\w\u200c])(?:عدم|بدون|انصراف[\s\u200c]+از|خودداری[\s\u200c]+از)[\s\u200c]+$"
)
REFRAINED = re.compile(
    r"[^.:؛،!؟]{0,60}?(?<![\w\u200c])"
    + tolerant("خودداری (کرد|کردند|کرده|کرده است|کرده اند|می کند|می کنند|ورزید|ورزیدند)")
)
# conditions, possibilities («می‌توان به آن حمله کرد») and hearsay («گفته می‌شود»): not told
# as fact
HYPOTHETICAL = re.compile(
    tolerant("(اگر|در صورتی که|چنانچه|ممکن است|احتمال|گفته می شود|شایع است|شایعه")
    + tolerant("|(ن?می توان(?![\\w\\u200c])))")
)
WHETHER = re.compile(tolerant("که آیا") + r"(?![\w\u200c])[^:؛«»،]*$")  # an embedded question
QUESTION = re.compile(tolerant("آیا") + r"(?![\w\u200c])[^.!؟?]*$")  # «آیا … کرد؟» asks, not tells
# a word of its own: «اما» (but) and «شما» end in «ما» and are no first person
FIRST_PERSON = re.compile(r"(?<![\w\u200c])" + tolerant("(ما|کشورمان|کشور ما)") + r"(?![\w\u200c])")
PAST_VERB = re.compile(tolerant("(کرد|کردند|شد|شدند|داد|دادند|رسید|رسیدند|داشت|داشتند)$"))
_GAP = r"[\s\u200c]+"
_WORDS = r"(?:{gap}[^\s\u200c،,:]+){{0,{n}}}{gap}$"
_BOUND = r"(?<![\w\u200c])"  # a preposition is a word («چهارشنبه» ends in no «به»)
OBLIQUE = re.compile(
    _BOUND + tolerant("(با|به|علیه|از|برای|ضد|نزد|بر|توسط|بوسیله)") + _WORDS.format(gap=_GAP, n=3)
)
# «بیش از ۱۰ هزار دانشجوی انگلیسی», «نزدیک به صد نفر», «شماری از نمایندگان عراقی», «۲۰۰ تن از
# دانشجویان»: a preposition that counts the subject or takes part of it (group «prep» starts
# it) leaves its noun the subject
_COUNTING = {  # preposition: the words it counts or takes part with
    "از": "(بیش|بیشتر|کمتر|فراتر|یکی|برخی|بعضی|بسیاری|شماری|تعدادی|عده ای|گروهی|جمعی|هزاران|صدها"
    "|ده ها|میلیون ها|نفر|تن|اکثر|اغلب)",
    "به": "(نزدیک|قریب)",
    "بر": "بالغ",
}
COUNTED = re.compile(
    _BOUND
    + "(?:"
    + "|".join(
        tolerant(words) + _GAP + f"(?={tolerant(prep)})" for prep, words in _COUNTING.items()
    )
    + r")(?P<prep>)[^\s\u200c]+"
    + _WORDS.format(gap=_GAP, n=3)
)
# «یکی از وزرای عراقی هدف حمله قرار گرفت»: a partitive «از» still names who undergoes it
COMPLEMENT = re.compile(
    _BOUND + tolerant("(با|به|علیه|برای|ضد|نزد)") + _WORDS.format(gap=_GAP, n=3)
)
REPORTED = re.compile(  # a speech noun, its speaker, «مبنی بر (اینکه)» and the content
    tolerant("(اظهارات|سخنان|درخواست|ادعای|گفته های|پیشنهاد)")
    + r"([^.:؛«»]{1,80}?)"
    + tolerant("(مبنی بر)")
    + r"(?:[\s\u200c]+"
    + tolerant("(اینکه|این که|آنکه)")
    + r")?(?![\w\u200c])"
)
# «خواهان غرامت از عراق است», «خواستار گفت‌وگو با گروه‌های عراقی است»: the party a stance
# is put to, behind «از», or the one it seeks dealings with, behind «با»
FROM = re.compile(_BOUND + tolerant("(از|با)") + _WORDS.format(gap=_GAP, n=3))
SOURCE = re.compile(_BOUND + tolerant("از") + _WORDS.format(gap=_GAP, n=3))  # «از قطار رومانی»
ADVERBIAL = re.compile(  # a noun inside a phrase of time or setting: «در دیدار با …»
    _BOUND + tolerant("(در|طی|ضمن|حین|هنگام|پس از|پیش از|بعد از|قبل از)") + r"[\s\u200c]+$"
)
RESTATED = re.compile(
    r"[\s\u200c]+" + tolerant("(این|آن|همین)") + r"[\s\u200c]+\S+"
)  # «که این خواسته»
VICTIM = re.compile(_BOUND + tolerant("(به|علیه|برای|ضد)") + _WORDS.format(gap=_GAP, n=1))
BACKED = re.compile(
    _BOUND
    + tolerant("((در|به) (حمایت|پشتیبانی|طرفداری) از|در سایه|به رهبری|تحت رهبری)")
    + _WORDS.format(gap=_GAP, n=5)
)
# «کشتار بی‌رحمانه زنان و کودکان فلسطینی»: the genitive of a killing noun is who was killed
SLAIN = re.compile(
    _BOUND + tolerant("(کشتار|کشتن|قتل|قتل عام|آوارگی|سرکوب|محاصره)") + _WORDS.format(gap=_GAP, n=4)
)
NOT_BEFORE = re.compile(r"(?<![\w\u200c])" + tolerant("(نه|نه تنها)") + r"[\s\u200c]+$")
AFTER_PREDICATE = re.compile(r"[\s\u200c]+" + tolerant("که") + r"[\s\u200c]")  # «کشید که …»
PHRASE_CUT = re.compile(r"[:؛،,.!؟]")  # the phrase a habit word governs ends at a comma
# «این حمله»: bounded, so «ایران » (آ folded to ا) is no «آن »
DEMONSTRATIVE = re.compile(r"(?<![\w\u200c])" + tolerant("(این|آن|همین)") + r"[\s\u200c]+$")
ASKED = re.compile(r"[^.!؟?]*[؟?]")  # the rest of the sentence ends in a question mark
BOUNDARY = re.compile(r"[:؛]|[.!؟](?=\s)")  # a full stop inside a quote ends a clause
TOPIC = re.compile(tolerant("(درباره|در باره|در خصوص|در مورد|در پاسخ به|با اشاره به) "))
OBJECT = re.compile(r"[\s\u200c]+" + tolerant("را") + r"(?![\w\u200c])")
OBJECT_AHEAD = re.compile(r"[^،,:؛.«»\n]{0,60}?[\s\u200c](?P<ra>را)(?![\w\u200c])")
CLAUSE_TOPIC = re.compile(tolerant("(اینکه|این که|آنکه|آن که)") + r"(?![\w\u200c])")
COMPLEMENTIZER = re.compile(tolerant("(اینکه|این که|آنکه|آن که)") + _WORDS.format(gap=_GAP, n=3))
FINITE = re.compile(
    tolerant("(است|بود|شد|کرد|کند|دارد|داشت|نیست|باشد|هستند|بودند|شدند|کردند)") + r"(?![\w\u200c])"
)
# «سندی که توسط شورای حکومتی تهیه شده … است و برمر خواستار …»: a finite verb and «و» end
# the clause before; its parties are not the next predicate's
JOINED = re.compile(r"(?<![\w\u200c])" + FINITE.pattern + _GAP + tolerant("و") + _GAP)
# «باید … بدهیم»: a first-person verb ends its clause («تحریم‌ها را» is a noun)
FIRST_PERSON_VERB = re.compile(
    r"[^.؟!:«»]{0,60}?[\w\u200c]*(?:یم|ییم)(?![\w\u200c])"
    r"(?=[\s\u200c]*(?:[.،,؛:!؟?»\n]|$|(?:و|تا|که)[\s\u200c]))"
)
# «باید … گرفته شود»: a passive verb (participle + شدن) makes its subject the one acted on;
# only an agent («توسط دولت») is then asked to act
PASSIVE_VERB = re.compile(
    r"[^.؟!:،؛]{0,80}?[\w\u200c]+ه[\s\u200c]+" + tolerant("(شود|شوند)") + r"(?![\w\u200c])"
)
COORDINATED = re.compile(r"\S+[\s\u200c]+و[\s\u200c]+$")  # «X … است و باید»: one subject
# verbs FINITE leaves out that still end a clause before «باید» («… نفوذ دارند، باید»,
# «… حساب می‌شود و حمایت از … نباید»): a party before one is not the one asked
CLAUSE_VERB = re.compile(tolerant("(دارند|کنند|شود|شوند|باشند|ندارد|ندارند)") + r"(?![\w\u200c])")
# «میان X و Y», «بین X و Y»: the second member of a pair a preposition governs is no subject
PAIR_MEMBER = re.compile(
    r"(?<![\w\u200c])" + tolerant("(میان|بین)") + r"[\s\u200c][^،,:؛.«»()]{1,60}?[\s\u200c]"
    + tolerant("و") + r"[\s\u200c]*$"
)
FIRST_PERSON_PREDICATE = re.compile(  # «می‌خواهیم», «حاضریم», «هستیم»: the speaker acts
    r"(?<![\w\u200c])(?:"
    + tolerant("(ن?می ?[^\\s]*یم|هستیم|داریم|نداریم|کنیم|کردیم|حاضریم|شدیم|دادیم|کردم|شدم|دادم)")
    + r")(?![\w\u200c])"
)
# «ضمن بزرگداشت روز قدس و آرمان آزادی فلسطین، …»: a side phrase closed by a comma
SIDE = re.compile(tolerant("ضمن") + r"[\s\u200c][^،,:؛.]*[،,]")
REASON = re.compile(tolerant("(به خاطر|بخاطر|به دلیل|به علت|به منظور|به سبب) "))
# «… آغاز شد در پی رای پارلمان این کشور»: a preceding event named after the predicate (not
# «به دنبال … است», "seeks")
SEQUEL = re.compile(
    tolerant("(در پی|به دنبال) ")
    + r"(?![^.،:؛]*?[\s\u200c]"
    + tolerant("(است|هستند|هستیم|بود|بودند)")
    + r"(?![\w\u200c]))"
)
# «درگیری‌ها یک روز پس از آن که نیروهای آمریکایی … ترک گفتند، رخ داد»: the deed before
PRIOR = re.compile(
    tolerant("(پس|بعد|قبل|پیش) از آن")
    + r"(?:[\s\u200c]+[^\s\u200c.،:؛]+){0,3}?[\s\u200c]*"
    + tolerant("که")
    + r"(?![\w\u200c])"
)
EMBEDDED = re.compile(
    tolerant("(جنگ|مبارزه|مقابله|حمله|حملات|عملیات)")
    + r"(?:[\s\u200c]+\S+){0,3}?[\s\u200c]+"
    + tolerant("(علیه|با|ضد)")
    + r"[\s\u200c]+"
)
# a predicate ending on a finite light verb closes its clause: what follows is another
# clause (a copula does not: «آماده است همکاری‌های خود را با ایران …»)
VERB_END = re.compile(
    tolerant("(کرد|کردند|کرده اند|کند|کنند|کنیم|شد|شدند|داد|دادند|رساند|رساندند|کشید|کشیدند|کشتند")
    + tolerant("|خواست|خواستند)")  # «از پارلمان خواست درباره اعزام نیرو …»: what is asked
    + "$"
)
CONTENT = re.compile(r"[\s\u200c]+" + tolerant("(که|تا)") + "$")  # a predicate taking a clause
GENITIVE = re.compile(r"[\s\u200c]*(?:[^\s\u200c]+[\s\u200c]+)?")
DESTINATION = re.compile(tolerant("به") + r"[\s\u200c]+$")
WITH = re.compile(r"(?<![\w\u200c])" + tolerant("با") + r"[\s\u200c]+")
# nouns taking a «با» complement inside a topic phrase («در خصوص همکاری با X», «مبارزه با X»)
RELATION = re.compile(
    tolerant("(مبارزه|جنگ|مقابله|درگیری|همکاری|همکاری ها|رابطه|روابط|مناسبات|توافق|مذاکره")
    + tolerant("|مذاکرات|گفت و گو|تماس|ارتباط|تجارت|مخالفت|موافقت)")
    + r"[\s\u200c]*$"
)
COUNTERPART = re.compile(tolerant("با") + r"[\s\u200c]+$")
COUNTERPART_GAP = re.compile(r"[\s\u200c«\"]*(?:[^\s\u200c.،:]+[\s\u200c«\"]+){0,2}")
# «با ایران، روسیه و ترکیه», «با همتای عراقی خود و وزیر خارجه سوریه»: the next side of a list
LISTED = re.compile(
    r"(?:[\s\u200c]+[^\s\u200c.،,:]+)?[\s\u200c»\"]*(?:[،,]|"
    + tolerant("و")
    + r")(?:[\s\u200c«\"]+[^\s\u200c.،:]+){0,2}[\s\u200c«\"]*"
)
# «به وسیله بالگردهای اسرائیل», «به ضرب گلوله نظامیان صهیونیست»
_BY = "(از سوی|از طرف|از جانب|توسط|به وسیله|بوسیله|به دست|به ضرب گلوله)"
AGENT = re.compile(tolerant(_BY + " ") + "$")
BY = re.compile(tolerant(_BY) + r"(?:[\s\u200c]+\S+){0,4}[\s\u200c]+$")
# «بنابر اعلام X،», «به گفته X،», «به نقل از X،», «آن‌طور که X گفته،» opening a clause: X
# tells, he does not act; «بنا بر این خبر» (the report just told) needs no comma to end
ATTRIBUTION = re.compile(
    r"[\W_]*(?:"
    + tolerant("((بنابر|بنا بر|طبق|بر اساس|براساس|بر پایه) (اعلام|گزارش|اظهارات|بیانیه)")
    + tolerant("|به گفته|به نقل از|به گزارش|به نوشته|(آن|همان) ?(طور|گونه) که|چنان ?که)")
    + r"[^،,:؛.]*[،,]|"
    + tolerant("(بنابر|بنا بر|طبق|بر اساس|براساس|بر پایه) (این|همین) (گزارش|خبر)")
    + r"(?![\w\u200c])[\s\u200c]*[،,]?)"
)
SPEECH_OPENS = re.compile(r"[\s\u200c]*:(?![\s\u200c]*[«\"])")  # «گفت: …», not «گفت: «…»»
# «خویی که در صحن … کشته شد، …», «جلسه‌ای که … برگزار شد»: a «که» opening a clause on a noun
KE = re.compile(r"(?<![\w\u200c])" + tolerant("که") + r"(?![\w\u200c])")
# «جلسه‌ای», «کسانی», «نیروهای آمریکایی», «تظاهرکنندگان», «این جلسه»
NOUN_END = re.compile(
    r"(?:ی|ای|ها|های|ان)$|(?<![\w\u200c])" + tolerant("(این|آن|همان|همین)") + r"[\s\u200c]+\S+$"
)
# «X کشوری است که …», «همان رژیمی است که …»: a clause that characterises X (a past cleft,
# «X و Y دو کشوری بودند که … خودداری کردند», tells its event)
CHARACTERISING = re.compile(r"ی[\s\u200c]+" + tolerant("(است|هستند)") + "$")
FUTURE = re.compile(  # «خواهد کرد», not «می‌خواهد» (wants)
    r"(?<![\w\u200c])" + tolerant("(خواهد|خواهند|خواهیم|خواهم)") + r"(?![\w\u200c])"
)
# «خواستار آن خواهند شد»: a predicate whose last verb a future auxiliary governs
FUTURE_VERB = re.compile(FUTURE.pattern + r"[\s\u200c]+\S+$")
# «بمب‌گذاری در سفارت … را محکوم کرد»: a deed named by its noun, the object of a condemnation
CONDEMNED = re.compile(
    r"[^.:؛،,«»!؟?]{0,90}?[\s\u200c]"
    + tolerant("را")
    + r"[\s\u200c]+(?:\S+[\s\u200c]+){0,2}?"
    + tolerant("(محکوم|تقبیح|نکوهش) (کرد|کردند|کرده|می کند|می کنند|می کنیم|نمود|نمودند)")
    + r"(?![\w\u200c])"
)
# «بمب‌گذاری در سفارت آمریکا», «حمله به سفارت آمریکا»: a party in the «در/به X» phrase of a
# deed's noun is where it struck or whom it hit, not who is condemned for it
DEED_SITE = re.compile(
    r"(?<![\w\u200c])"
    + tolerant("(بمب گذاری|بمب گذاری های|انفجار|انفجارهای|حمله|حملات|بمباران|تیراندازی|ترور")
    + tolerant("|کشتار|قتل|شلیک|یورش|هجوم|تجاوز)")
    + r"(?:[\s\u200c]+[^\s\u200c.،,:؛«»]+){0,3}?[\s\u200c]+"
    + tolerant("(در|به|علیه|بر ضد|به سوی|به سمت)")
    + r"(?:[\s\u200c]+[^\s\u200c.،,:؛«»]+){0,2}?[\s\u200c]+$"
)
# «با محکوم کردن بمب‌گذاری …», «ضمن تقبیح انفجار …»: the deed's noun right after a condemnation
CONDEMNING = re.compile(
    r"(?<![\w\u200c])"
    + tolerant("(محکوم کردن|تقبیح|نکوهش|محکومیت)")
    + r"(?:[\s\u200c]+"
    + tolerant("(شدید|شدیدا|قاطعانه)")
    + r")?[\s\u200c]+$"
)
# «ضمن محکوم کردن …», «با انتقاد از …»: a verbal noun framing the clause's own verb
FRAME = re.compile(tolerant("(ضمن|با)") + r"[\s\u200c]")
# «در پی بمب‌گذاری …», «پس از وقوع انفجار …»: a deed named as what came before («پس از آن
# با شلیک …» is "after that")
_SEQUENCE = tolerant("(در پی|پس از|بعد از|قبل از|پیش از|به دنبال|متعاقب)")
SEQUENCE = re.compile(_SEQUENCE)  # a trigger that is itself the adverbial («پس از وقوع انفجار»)
AFTERMATH = re.compile(
    _BOUND
    + _SEQUENCE
    + r"(?:[\s\u200c]+(?!"
    + tolerant("(آن|این|همین|با|به|از|در)")
    + r"(?![\w\u200c]))[^\s\u200c،,:؛.]+)?[\s\u200c]+$"
)
# the verb a meeting noun hangs on: «… برگزار کند» (subjunctive) wishes, «… برگزار می‌کند» tells
VERB_AHEAD = re.compile(
    r"(?<![\w\u200c])(?P<durative>"
    + tolerant("(ن?می)")
    + r"[\s\u200c]*)?(?P<verb>"
    + tolerant("(است|بود|شد|شدند|کرد|کردند|دارد|داشت|داد|دادند|گرفت|کند|کنند|شود|شوند")
    + tolerant("|باشد|باشند|دهد|دهند|نماید|نمایند)")
    + r")(?![\w\u200c])"
)
SUBJUNCTIVE = re.compile(tolerant("(کند|کنند|شود|شوند|باشد|باشند|دهد|دهند|نماید|نمایند)"))
PLANNED = re.compile(tolerant("قرار (است|شد|بود|شده)") + r"(?![\w\u200c])")
# «می‌خواهیم», «عازم الجزایر می‌شود»: a verb, not a noun
DURATIVE = re.compile(r"(?<![\w\u200c])" + tolerant("(می|نمی)") + r"[\s\u200c]")
LEADING_PREPOSITION = re.compile(tolerant("(با|در|به|از|را|برای)") + r"[\s\u200c]")
# «در حالی که», «زمانی که», «بلکه»: adverbial clauses still tell their event
SUBORDINATOR = re.compile(
    tolerant("(حالی|زمانی|هنگامی|وقتی|جایی|طوری|صورتی|حدی|شرایطی|روزی|آنجایی|چنان|همچنان)") + "$"
)
LIST_COMMA = re.compile(r"[\s\u200c»\"]*[،,][\s\u200c«\"]*")  # «پاکستان، عربستان»
LIST_AND = re.compile(r"[\s\u200c»\"]+" + tolerant("و") + r"[\s\u200c«\"]+")  # «… و مصر»
CLAUSE_BREAK = re.compile(r"[،,:؛«»\"]")
# a relative clause closed by its verb and a comma («… که … پذیرفته‌اند، …»)
CLAUSE_CLOSED = re.compile(r"(?:د|ند|است|ست)[\s\u200c]*[،,]")
# «حکایت دارد که», «در حالیست که»: a «که» after a verb opens its complement, not a relative
VERB_BEFORE = re.compile(
    r"(?:" + FINITE.pattern + r"|" + VERB_END.pattern + r"|" + tolerant("(حالیست|است|اند)") + r")$"
)
MAIN_GOES_ON = re.compile(r"[\s\u200c،,]*(?:[^\s\u200c.!؟?:؛]+[\s\u200c]+)+[^\s\u200c.!؟?:؛]")


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    type: str
    mode: str | None
    regex: re.Pattern[str]
    parties: str  # reciprocal, directed, or speaker (the speaker judges the named parties)
    confidence: float
    contexts: tuple[str, ...]
    cameo: str | None
    min_parties: int  # nominal patterns («دیدار X و Y») need both sides named
    genitive: bool  # an action noun construed with its agent («حملات جنگنده‌های انگلیسی»)
    named_subject: bool  # the actor must be a named subject, never the speaker by default
    own_agent: bool  # a bare action noun («تحصن») is coded only with the party it is construed with
    needs_recipient: bool  # a demand put to no named party is an appeal, not a REQUEST
    counterpart_after: bool  # «ملاقات با X»: X, right after the match, must be a party
    casualties: bool  # the dead of an attack told before in the sentence are its victims
    construed: bool  # an epithet («دشمن») criticises only the party it is said of
    from_addressee: bool  # a stance («خواهان … است») is put only to a party behind «از»


@lru_cache(maxsize=1)
def plover() -> dict[str, dict]:
    """The PLOVER type table (quad, CAMEO root, base score, modes)."""
    return load_yaml("plover.yaml")


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[Pattern, ...], re.Pattern[str]]:
    """Compiled event patterns and the travel regex that turns a meeting into a visit."""
    data = lexicon()
    table = plover()
    compiled = tuple(
        Pattern(
            id=row["id"],
            type=row["type"],
            mode=row.get("mode"),
            regex=word_regex(row["pattern"]),
            parties=row["parties"],
            confidence=float(row["confidence"]),
            contexts=tuple(row.get("contexts", [])),
            cameo=table[row["type"]]["cameo"],
            min_parties=int(row.get("min_parties", 1)),
            genitive=row.get("genitive") == "agent",
            named_subject=row.get("subject") == "named",
            own_agent=row.get("subject") == "genitive",
            needs_recipient=row.get("recipient") == "required",
            counterpart_after=row.get("counterpart") == "after",
            casualties=row.get("casualties", False),
            construed=row.get("target") == "construed",
            from_addressee=row.get("addressee") == "from",
        )
        for row in data["patterns"]
    )
    return compiled, word_regex(data["travel"])


def _speaker(doc: Document, quote: Quote) -> Participant | None:
    if quote.speaker_actor_id is None or quote.speaker_actor_id not in doc.actors:
        return None
    actor = doc.actors[quote.speaker_actor_id]
    if not actor.country:
        return None
    named = quote.speaker_mention or (quote.speaker_start, quote.speaker_end)
    party = person_party(doc, *named, actor)
    return replace(party, start=quote.speaker_start, end=quote.speaker_end)


def _subject(doc: Document, sent: Span, trigger: int, tracker: Tracker) -> Participant | None:
    who = resolve_subject(doc, _opening(doc, sent), trigger, tracker)
    if who is None or who.actor_id is None or who.actor_id not in doc.actors:
        return None
    actor = doc.actors[who.actor_id]
    if not actor.country or actor.sector in NON_PARTY_SECTORS or is_team(doc, who.as_written[0]):
        return None
    named = (who.mention.start, who.mention.end) if who.mention else who.as_written
    party = person_party(doc, *named, actor)
    if _in_object(doc, party, _opening(doc, sent), trigger):
        return None  # «واجپایی پیشنهاد پاکستان را رد کرد»: a possessor inside the object
    return replace(party, start=who.as_written[0], end=who.as_written[1])


def _opening(doc: Document, sent: Span) -> int:
    """Where a sentence's own clause starts, past every leading attribution («به گزارش
    فارس به نقل از …، بنابر اعلام پسکوف …، وی …»)."""
    begin = clause_start(doc, sent.start, sent.end)
    while found := ATTRIBUTION.match(doc.text, begin, sent.end):
        begin = found.end()
    return begin


def _clause(
    doc: Document, sent: Span, match: tuple[int, int], quote: Quote | None
) -> tuple[int, int]:
    """The clause around a trigger `match` (start, end): bounded by ':'/'؛', a topic phrase
    («درباره …»), the quote cue and the quoted text, so a question's topic and the answer keep
    their parties."""
    trigger, trigger_end = match
    begin = _opening(doc, sent)
    end = sent.end
    cues = [m.start() for m, _ in cue_matches(doc.text, begin, end)]
    cues += [q.cue_start for q in doc.quotes if begin <= q.cue_start < end]
    # a cue inside the trigger («خواستار … شد», «از X خواست تا»: a demand both said and a
    # REQUEST) is the predicate, not a boundary cutting its parties off
    cues = [cue for cue in cues if not trigger <= cue < trigger_end]
    cuts = [m.start() for m in BOUNDARY.finditer(doc.text, begin, end)] + cues
    # what was said after the cue is a clause of its own; a statement before the cue («وی از
    # حمله … خبر داد») is the cue's own clause, whose subject it keeps
    if quote and quote.start >= quote.cue_end:
        cuts += [quote.start, quote.end]
    # «درباره X گفت:»: the topic before a speech cue is a clause of its own (one clause: a
    # «در مورد» inside it, «درباره اتهام آمریکا در مورد شرکت‌های آلمانی», is not). A topic
    # that is a noun phrase holds no finite verb: a verb trigger after it is the main
    # predicate («از X درباره Y انتقاد کرد و خواستار … شد»); «درباره اینکه …» may hold one.
    topic = next(TOPIC.finditer(doc.text, begin, max(cues)), None) if cues else None
    if topic and (
        not _verbal(doc.text[trigger:trigger_end]) or CLAUSE_TOPIC.match(doc.text, topic.end())
    ):
        cuts.append(topic.start())
    for cut in cuts:
        if cut <= trigger:
            begin = max(begin, cut)
        else:
            end = min(end, cut)
    return begin, end


def _oblique(doc: Document, part: Participant, begin: int, trigger: int) -> bool:
    """A party introduced by a preposition (با/به/علیه/از …) is not the clause's subject,
    nor is the object marked by «را»; but the subject of a subordinate clause opened by
    «(پس) از اینکه» is the subject of a trigger inside that clause (no verb in between)."""
    before = doc.text[max(begin, part.start - 40) : part.start]
    if OBJECT.match(doc.text, part.end) and part.end < trigger:
        return True
    if _in_object(doc, part, begin, trigger):
        return True
    if not _governing(OBLIQUE, before):
        return False
    if not COMPLEMENTIZER.search(before):
        return True
    return bool(FINITE.search(doc.text, part.end, trigger))


def _oblique_list(
    doc: Document, part: Participant, named: list[Participant], begin: int, trigger: int
) -> bool:
    """«از حکومت‌های پاکستان، عربستان سعودی و مصر … انتقاد کرد»: a party listed by comma
    after an oblique one, in a list that «و» closes, shares its preposition."""
    spans: list[tuple[int, int]] = []  # the members: outermost spans («عربستان سعودی»)
    for p in sorted(named, key=lambda p: (p.start, -p.end)):
        if not spans or p.start >= spans[-1][1]:
            spans.append((p.start, p.end))
    at = next(i for i, (a, b) in enumerate(spans) if a <= part.start < b)

    def gap(i: int, rx: re.Pattern[str]) -> bool:  # spans i and i + 1 are joined by rx
        return 0 <= i < len(spans) - 1 and bool(
            rx.fullmatch(doc.text, spans[i][1], spans[i + 1][0])
        )

    first = last = at
    closed = gap(at - 1, LIST_AND)  # the member after «و» closes the list
    first -= closed
    while gap(first - 1, LIST_COMMA):
        first -= 1
    while not closed and gap(last, LIST_COMMA):
        last += 1
    closed = closed or gap(last, LIST_AND)
    head = next(p for p in named if p.start == spans[first][0])
    return first < at and bool(closed) and _oblique(doc, head, begin, trigger)


def _in_object(doc: Document, part: Participant, begin: int, trigger: int) -> bool:
    """«وی پیشنهاد پاکستان … را رد کرد»: a party modifying a noun inside a «را» object is
    the object's possessor, never the subject; one opening its phrase («هند پیشنهاد …
    را»), or whose noun does («سیاست آمریکا ثبات منطقه را»: the subject's possessor), is not."""
    ahead = OBJECT_AHEAD.match(doc.text, part.end)
    if ahead is None or ahead.start("ra") > trigger or FINITE.search(ahead.group(0)):
        return False
    if _opens_phrase(doc, part.start, begin) or heads_phrase(doc, part.start, begin):
        return False
    noun = list(WORD.finditer(doc.text, max(begin, part.start - 30), part.start))[-1:]
    return bool(noun) and not _opens_phrase(doc, noun[0].start(), begin)


def _opens_phrase(doc: Document, pos: int, begin: int) -> bool:
    """Whether a noun phrase starts at `pos`: at the clause start, after punctuation or a
    conjunction, or after a date («روز گذشته ایران …»)."""
    if not doc.text[begin:pos].strip(" \u200c") or PHRASE_OPENER.search(doc.text, begin, pos):
        return True
    return any(begin <= d.start and 0 <= pos - d.end <= 1 for d in doc.dates)


def _state_actor(pat: Pattern, part: Participant) -> Participant:
    """A bare state acting as a type's actor stands for the body that does it: only a
    government imposes sanctions (GOV), a state attacks through its forces (MIL)."""
    sector = plover()[pat.type].get("state_actor")
    if part.sector or not sector or part.country not in state_codes():
        return part
    return Participant(part.start, part.end, part.actor_id, part.country, sector)


def _sides(
    doc: Document,
    sent: Span,
    pat: Pattern,
    mode: str | None,
    span: tuple[int, int, int],
    quote: Quote | None,
    tracker: Tracker,
) -> tuple[list[Participant], list[Participant]]:
    """(actors, recipients) of one match, read from the trigger's own clause; `span` is
    (end of the previous trigger, this trigger's start, start of the next one): a directed
    event's recipients are the parties named between its neighbouring predicates."""
    since, trigger, trigger_end, until = span
    if content := CONTENT.search(doc.text, trigger, trigger_end):
        until = min(until, content.start())  # «از بحرین خواست تا …»: what is asked, not of whom
    if (
        pat.parties == "directed"
        and mode != "visit"
        and VERB_END.search(doc.text, trigger, trigger_end)
    ):
        until = min(until, trigger_end)  # «… را محکوم می‌کنیم و یقین داریم که … فلسطین»
    begin, end = _clause(doc, sent, (trigger, trigger_end), quote)
    named = _parties_of(doc, pat, begin, end, (trigger, trigger_end))
    speaker = _speaker(doc, quote) if quote else None
    mine = bool(speaker and FIRST_PERSON_PREDICATE.search(doc.text, trigger, trigger_end))
    if speaker and (mine or FIRST_PERSON.search(doc.text, begin, end)):
        named.insert(0, speaker)
    # «وزیر خارجه استرالیا بمب‌گذاری … را محکوم کرد», «با محکوم کردن بمب‌گذاری …»: who
    # condemns a deed did not do it; only what the deed's noun names after it takes part in it
    condemned = (
        pat.parties == "directed"
        and not _verbal(doc.text[trigger:trigger_end])
        and (
            CONDEMNED.match(doc.text, trigger_end, end) is not None
            or CONDEMNING.search(doc.text, max(begin, trigger - 30), trigger) is not None
        )
    )
    if condemned:
        named = [p for p in named if p.start >= trigger]
    # «وزیر خارجه فرانسه در پی بمب‌گذاری در کابل گفت»: a deed's noun in an adverbial of
    # sequence is the setting of the clause's own verb; its subject did not do the deed
    # (the scene pattern «پس از وقوع انفجار» holds the adverbial itself)
    if pat.type == "ASSAULT" and not _verbal(doc.text[trigger:trigger_end]):
        after = AFTERMATH.search(doc.text, max(begin, trigger - 40), trigger)
        if after or SEQUENCE.match(doc.text, trigger, trigger_end):
            named = [p for p in named if p.start >= (after.start() if after else trigger)]
    if pat.parties == "reciprocal" and mode != "visit":
        if pat.counterpart_after:
            named = _met(doc, named, trigger_end)
        if speaker and not named:
            named = [speaker]
        return dedupe(named), []
    opening = _opening(doc, sent)
    main = begin <= opening or (not quote and BOUNDARY.match(doc.text, begin) is not None)
    unknown = unknown_agent(doc, begin, trigger)
    if pat.parties == "addressee":
        return _addressee(doc, begin, trigger, speaker)
    if pat.parties == "passive":
        return _passive(doc, pat, named, begin, (trigger, trigger_end))
    if pat.parties == "speaker":  # the reporter's own loaded words are not an accusation
        said = any(sent.start <= q.cue_start < sent.end for q in doc.quotes)
        source = speaker or (_subject(doc, sent, trigger, tracker) if main and said else None)
    elif unknown is not None and not _subject_before(doc, named, begin, unknown, trigger):
        source = None
    else:
        agents = [  # «سندی که توسط شورای حکومتی تهیه شده … است و برمر خواستار …»: not his
            p
            for p in named
            if AGENT.search(doc.text[max(0, p.start - 12) : p.start])
            and not (p.end < trigger and FINITE.search(doc.text, p.end, trigger))
        ]
        subjects = [
            p
            for p in named
            if p.start < trigger
            and not _oblique(doc, p, begin, trigger)
            and not _oblique_list(doc, p, named, begin, trigger)
        ]
        # «با وجود آنکه اوباما …»: the subject of the adverbial clause holding the trigger
        if opener := _inner_opening(doc, begin, max(begin, since), trigger):
            subjects = [p for p in subjects if p.start >= opener] or subjects
            named = [p for p in named if p.start >= opener or p in subjects]
        if mode == "visit" and not subjects:  # «سفر امروز شرودر به الجزایر»: visitor after
            subjects = [p for p in named if p.start >= trigger_end][:1]
        if pat.genitive:  # «در پی حملات جنگنده‌های انگلیسی»: the noun's own agent first
            own = _genitive(doc, named, trigger, trigger_end)
            subjects = own if pat.own_agent else own or subjects
            agents = [] if pat.own_agent else agents
        verbal = plover()[pat.type]["quad"] in (1, 3)  # only words fall back on who said them
        fallback = [speaker if verbal and not pat.named_subject and not condemned else None]
        source = ([speaker] if mine else agents or subjects or fallback)[0]
        source = _sharpen(doc, source, [p for p in named if p.start < trigger])
        if source is None and main and not pat.own_agent and not condemned:
            source = _subject(doc, sent, trigger, tracker)
    if source is None:  # an attack keeps its victims; words and pledges need their author
        keep = pat.parties == "speaker" or pat.named_subject or pat.own_agent
        # «از رهبران سوریه می‌خواهیم که به حزب بعث …»: what is asked names no one asked
        asked = [p for p in named if p.start < until and _addressed(doc, pat, p, trigger_end)]
        return [], [] if keep else dedupe(asked)
    framed = (
        pat.type == "ACCUSE"
        and FRAME.match(doc.text, trigger, trigger_end) is not None
        and not _verbal(doc.text[trigger:trigger_end])
    )
    if framed:  # «X در جلسه شورای … با محکوم کردن جنایات Y، …»: the noun's object, to the comma
        cut = PHRASE_CUT.search(doc.text, trigger_end, end)
        since, until = trigger, cut.start() if cut else end
        named = [p for p in named if p.start >= trigger]
    others = [
        p
        for p in named
        if (p.country, p.sector) != (source.country, source.sector)
        and (p.country != source.country or (p.sector and p.sector != source.sector))
        and (since <= p.start < until or p.start < source.start or pat.parties == "speaker")
        and not p.start < trigger < source.start  # a noun's agent acts on what follows it
        and (pat.parties == "speaker" or not JOINED.search(doc.text, p.end, trigger))
        and not ((pat.parties == "speaker" or framed) and _wronged(doc, p, trigger))
        and not (pat.parties == "speaker" and _backed(doc, p, begin))
        and not (pat.construed and not _said_of(doc, p, trigger, trigger_end))
        and _addressed(doc, pat, p, trigger_end)
        and not (p.start < trigger and in_own_title(doc, source, p))
        and not (pat.type == "ACCUSE" and _deed_site(doc, p, begin))
    ]
    if mode == "visit":  # the host is who the visitor meets («با X دیدار»), else where he goes
        met = [  # «با X دیدار کرد»: the counterpart is named before the meeting verb
            p
            for p in others
            if p.start < trigger and COUNTERPART.search(doc.text, p.start - 4, p.start)
        ]
        went = [p for p in others if DESTINATION.search(doc.text, p.start - 4, p.start)]
        others = met or went or others
        if not others and any(  # «بوتینا … وارد مسکو شد»: coming home is no visit
            trigger <= p.start < trigger_end and p.country == source.country for p in named
        ):
            return [], []
        others = others or _host(doc, source, trigger, trigger_end)
    joint = [p for p in others if p.start == source.start]  # «نیروهای ارتش و پلیس عراق»
    joint += _listed_with(doc, source, others, begin, trigger)
    if pat.parties == "speaker":
        # «ایران و ترکیه جنایات رژیم صهیونیستی را محکوم می‌کنند» in an Iranian's words: a
        # party listed with the speaker's own state acts with it, it is not criticised
        for own in (p for p in named if p.start < trigger and p.country == source.country):
            joint += _listed_with(doc, own, others, begin, trigger)
    actors = [_state_actor(pat, _voice(doc, source, speaker))] + joint
    recipients = dedupe([p for p in others if p not in joint])
    # «تجاوز نیروهای اسرائیلی به حاکمیت لبنان» in a Lebanese's words: beside a foreign party,
    # the actor's own state is what is wronged or talked about, not a recipient
    home = actors[0].country
    foreign = [p for p in recipients if p.country and p.country != home]
    return actors, foreign if home and foreign else recipients


def _deed_site(doc: Document, part: Participant, begin: int) -> bool:
    """«بمب‌گذاری در سفارت آمریکا را محکوم کرد»: the party is where the condemned deed struck
    or whom it hit (a «در/به X» phrase of the deed's noun), not the one condemned."""
    return DEED_SITE.search(doc.text, max(begin, part.start - 80), part.start) is not None


def _host(doc: Document, source: Participant, trigger: int, trigger_end: int) -> list[Participant]:
    """«به نواکشوت سفر کرده بود»: a city travelled to (no party itself, unless a capital that
    stands for its state) names the host state of a visit when it lies abroad."""
    for ment in mentions_in(doc, trigger, trigger_end, frozenset({"GPE"})):
        actor = doc.actor_of(ment)
        if actor and actor.country and actor.country != source.country:
            return [Participant(ment.start, ment.end, ment.actor_id, actor.country)]
    return []


def _subject_before(
    doc: Document, named: list[Participant], begin: int, unknown: int, trigger: int
) -> bool:
    """«مقامات روسی از تصمیم انگلیس، به شرط آنکه مواضع تروریست‌ها هدف قرار بگیرد، استقبال
    کردند»: an unknown agent named after the clause's own subject, in the same clause (a
    possessor, a conditional), does not hide that subject."""
    return any(
        p.start < unknown
        and not FINITE.search(doc.text, p.end, unknown)
        and not _oblique(doc, p, begin, trigger)
        for p in named
    )


def _listed_with(
    doc: Document, source: Participant, others: list[Participant], begin: int, trigger: int
) -> list[Participant]:
    """Parties listed right after the source, before the predicate, act with it: «عربستان و
    روسیه … دو محموله کمک به قرقیزستان ارسال کردند» (Russia is no recipient), «ناتو و
    نیروهای افغان … کشتند» (a listed party with its head noun, when the source opens its
    phrase: «درگیری رژیم صهیونیستی و گروه‌های مقاومت» names the sides of a noun). The list
    must close with «و», and a list marked by «را» is the object («مسئولان عراقی، دمشق را
    متهم کردند»)."""
    out, end, closed = [], source.end, False
    headed = heads_phrase(doc, source.start, begin)
    for p in sorted((p for p in others if end <= p.start < trigger), key=lambda p: p.start):
        at = max(end, head_start(doc, p.start)) if headed else p.start
        joined_by_and = bool(LIST_AND.fullmatch(doc.text, end, at))
        if not (joined_by_and or LIST_COMMA.fullmatch(doc.text, end, at)):
            break
        out.append(p)
        end, closed = p.end, joined_by_and
    return out if closed and not OBJECT.match(doc.text, end) else []


def _met(doc: Document, named: list[Participant], trigger_end: int) -> list[Participant]:
    """«مذاکرات ایران با پاکستان به اطلاع هند رسانده شده»: after a meeting noun's «با», the
    sides are the counterpart named at once — a party or an office holder («با وزیر ارشاد»)
    — and those listed with it («با ایران، روسیه و ترکیه»), not a party of the rest of the
    clause."""
    kept = [p for p in named if p.start < trigger_end]
    after = [p for p in named if p.start >= trigger_end]
    after += [
        Participant(r.start, r.end, r.holder_actor_id, r.country, r.sector)
        for r in doc.roles
        if r.country
        and r.start >= trigger_end
        and not any(r.start <= p.start < r.end for p in after)
    ]
    at = trigger_end
    for part in sorted(after, key=lambda p: p.start):
        gap = COUNTERPART_GAP if at == trigger_end else LISTED
        between = blank_roles(doc, at, part.start)  # «رحمانی فضلی رئیس دیوان محاسبات و …»
        if between.strip() and not gap.fullmatch(between):
            break
        kept.append(part)
        at = part.start if part.start == at else part.end
    return kept


def _wronged(doc: Document, part: Participant, trigger: int) -> bool:
    """«تجاوز دشمن به ملت فلسطین», «توطئه علیه ایران», «کشتار کودکان فلسطینی»: a party the
    criticised deed is done to (or for) after the criticism word is its victim, not the one
    criticised."""
    return part.start > trigger and bool(
        VICTIM.search(doc.text, max(0, part.start - 30), part.start)
        or SLAIN.search(doc.text, max(trigger, part.start - 60), part.start)
    )


def _backed(doc: Document, part: Participant, begin: int) -> bool:
    """«در سایه رهبری … خامنه‌ای», «در حمایت از نیروهای مخالف دولت بشار اسد»: a party the
    clause backs or follows is not the one a loaded word criticises."""
    return BACKED.search(doc.text, max(begin, part.start - 60), part.start) is not None


def _addressed(doc: Document, pat: Pattern, part: Participant, trigger_end: int) -> bool:
    """«کویت خواهان … غرامت از عراق است»: a stance is put to the party behind «از» (or
    seeks dealings with the one behind «با») alone, named before its copula («ما خواهان لبنانی
    با نشاط هستیم» is a wish put to no one)."""
    if not pat.from_addressee:
        return True
    return part.start < trigger_end and bool(
        FROM.search(doc.text, max(0, part.start - 40), part.start)
    )


def _said_of(doc: Document, part: Participant, trigger: int, trigger_end: int) -> bool:
    """«اسرائیل دشمن منطقه است», «دشمن صهیونیستی»: the party an epithet is said of is the
    subject right before it or a nationality adjective right after it («دشمن ایران», the
    enemy of Iran, is said of no one named)."""
    if part.end <= trigger:
        return not doc.text[part.end : trigger].strip(" \u200c")
    return (
        part.actor_id is None
        and part.start >= trigger_end
        and not doc.text[trigger_end : part.start].strip(" \u200c")
    )


def _genitive(
    doc: Document, named: list[Participant], trigger: int, trigger_end: int
) -> list[Participant]:
    """«حملات جنگنده‌های انگلیسی علیه …», «تظاهرات مردم عراق»: a nominal predicate's agent is
    the party its noun is construed with: a phrase running on past the noun or named at most
    one word after it."""
    return [
        p
        for p in named
        if trigger < p.start < trigger_end < p.end
        or (p.start >= trigger_end and GENITIVE.fullmatch(doc.text, trigger_end, p.start))
    ][:1]


def _sharpen(
    doc: Document, source: Participant | None, before: list[Participant]
) -> Participant | None:
    """«لیبی، دولت این کشور … خواستار شد», «در پی تیرگی روابط روسیه با غرب پوتین … سفر
    می‌کند»: a bare state subject takes the sector of a sectored party of the same state
    named before the predicate (it is that state's acting body, not a second party); a
    person keeps his own standing («علیخانی … از طرح خاتمی استقبال کرد»)."""
    actor = doc.actors.get(source.actor_id) if source and source.actor_id else None
    if source is None or source.sector or (actor is not None and actor.kind == "PER"):
        return source
    same = [p for p in before if p.country == source.country and p.sector]
    return same[0] if same else source


@lru_cache(maxsize=1)
def _protest_cause() -> re.Pattern[str]:
    """«به حمایت از …»: the cause a protest backs."""
    return re.compile(r"(?<![\w\u200c])" + tolerant(lexicon()["protest_cause"]) + r"[\s\u200c]")


def _context_spans(doc: Document, pat: Pattern, begin: int, end: int, trigger: tuple[int, int]):
    """Stretches of a clause whose parties are context, not parties: a reason («بخاطر …») or
    a charge («به اتهام …»), a cooperative event's topic («در خصوص …»), the target of an
    action named inside it («جنگ علیه داعش» when the trigger is a congratulation), a
    prior event named after the predicate («… آغاز شد در پی رای پارلمان»), the cause a
    protest backs («به حمایت از …»), and a «که» clause closed by a comma before the trigger
    («از حکومت‌های X که دیدگاه‌های آمریکایی‌ها را پذیرفته‌اند، انتقاد کرد»: who the clause
    tells of is not a party of the predicate)."""
    for ke in KE.finditer(doc.text, begin, trigger[0]):
        lead = doc.text[begin : ke.start()].rstrip(" \u200c")
        if SUBORDINATOR.search(lead) or VERB_BEFORE.search(lead):
            continue  # «در حالی که …», «حکایت دارد که …»: the clause of the predicate
        if closed := CLAUSE_CLOSED.search(doc.text, ke.end(), trigger[0]):
            yield ke.start(), closed.end()
    openers = list(REASON.finditer(doc.text, begin, end))
    openers += _charges().finditer(doc.text, begin, end)
    openers += SEQUEL.finditer(doc.text, trigger[1], end)
    openers += PRIOR.finditer(doc.text, trigger[1], end)
    if pat.type == "PROTEST":
        openers += _protest_cause().finditer(doc.text, begin, end)
    if plover()[pat.type]["quad"] == 1:  # «درباره دیدار X و Y، گفت»: a topic clause is kept
        openers += (m for m in TOPIC.finditer(doc.text, begin, end) if m.start() > begin + 1)
    for match in openers:
        if match.start() >= trigger[0]:
            yield match.start(), end
            continue
        # «درباره X با سران Y وارد گفت‌وگو شد»: the «با» phrase before the verb is a party
        partner = [
            m.start()
            for m in WITH.finditer(doc.text, match.end(), trigger[0])
            if not RELATION.search(doc.text, max(0, m.start() - 20), m.start())
        ]
        yield match.start(), max(partner, default=trigger[0])
    for match in EMBEDDED.finditer(doc.text, begin, end):
        inside = match.start() <= trigger[0] < match.end()
        if not (inside or trigger[0] <= match.start() < trigger[1]):  # «علیه مواضع داعش»
            yield match.end(), GENITIVE.match(doc.text, match.end()).end() + 1


def _parties_of(
    doc: Document, pat: Pattern, begin: int, end: int, trigger: tuple[int, int]
) -> list[Participant]:
    """The clause's parties, less those named only as context, and less those of a side
    phrase («ضمن بزرگداشت … فلسطین، … رژیم صهیونیستی را محکوم می‌کنیم») when the predicate
    names a party of its own after it."""
    spans = list(_context_spans(doc, pat, begin, end, trigger))
    parties = [
        p for p in sentence_parties(doc, begin, end) if not any(a <= p.start < b for a, b in spans)
    ]
    for side in SIDE.finditer(doc.text, begin, trigger[0]):
        # «ضمن اعلام حمایت از دولت افغانستان، از جامعه بین‌المللی درخواست کرد»: the predicate's
        # own «از/به» complement, a party or not, is whom it addresses
        own = _own_complement().search(doc.text, side.end(), trigger[1])
        if own or any(side.end() <= p.start < trigger[1] for p in parties):
            parties = [p for p in parties if not side.start() <= p.start < side.end()]
    return parties


@lru_cache(maxsize=1)
def _own_complement() -> re.Pattern[str]:
    return re.compile(r"(?<![\w\u200c])" + tolerant(lexicon()["own_complement"]))


def _addressee(
    doc: Document, begin: int, trigger: int, speaker: Participant | None
) -> tuple[list[Participant], list[Participant]]:
    """«X باید …» in a speaker's words: the speaker demands of X, the subject before «باید»
    (or the agent «توسط X»; with a passive verb only the agent); a first-person «باید …
    دهیم» is the speaker's own pledge, and «باید» said of the speaker's own side is advice.
    «اظهارات X مبنی بر اینکه Y باید …» reports X's demand, wherever it stands."""
    if reported := _reported(doc, begin, trigger):
        speaker, begin = reported
    if speaker is None or FIRST_PERSON_VERB.match(doc.text, trigger, trigger + 60):
        return [], []
    named = sentence_parties(doc, begin, trigger)
    passive = PASSIVE_VERB.match(doc.text, trigger)  # «X نباید … در نظر گرفته شود»
    addressed = [
        p
        for p in named
        if AGENT.search(doc.text[max(0, p.start - 12) : p.start])
        or (
            not passive
            and not _oblique(doc, p, begin, trigger)
            and heads_phrase(doc, p.start, begin)
        )
    ]
    addressed = [  # the subject nearest «باید»; the speaker's own side is advised, not asked
        p
        for p in _conjoined(doc, addressed)
        if (p.country, p.sector) != (speaker.country, speaker.sector)
        and not _clause_ends(COORDINATED.sub("", doc.text[p.end : trigger]))
        and not PAIR_MEMBER.search(doc.text, max(begin, p.start - 80), head_start(doc, p.start))
    ]
    return ([speaker], dedupe(addressed)) if addressed else ([], [])


def _clause_ends(between: str) -> bool:
    """A verb between a party and «باید» ends the party's clause; «X … دارند و باید» (the
    verb joined by «و» to «باید», stripped before) keeps one subject."""
    return bool(FINITE.search(between) or CLAUSE_VERB.search(between))


def _conjoined(doc: Document, named: list[Participant]) -> list[Participant]:
    """The last of `named` with those listed with it («دولت لبنان و مردم این کشور باید»,
    «عراق، سوریه و ترکیه باید»): a subject joined by «و» or a comma is one subject, all
    of whom the demand is put to — the government stays asked beside its people."""
    joined = named[-1:]
    for prev in reversed(named[:-1]):
        gap = doc.text[prev.end : head_start(doc, joined[0].start)]
        if not (LIST_AND.fullmatch(gap) or LIST_COMMA.fullmatch(gap)):
            break
        joined.insert(0, prev)
    return joined


def _reported(doc: Document, begin: int, trigger: int) -> tuple[Participant, int] | None:
    """«اظهارات بولتون … مبنی بر اینکه …»: the first party named between a speech noun and
    «مبنی بر» said what follows, and the content clause starts after «مبنی بر»."""
    found = list(REPORTED.finditer(doc.text, begin, trigger))
    if not found:
        return None
    said = found[-1]
    who = sentence_parties(doc, said.end(1), said.start(3))
    return (who[0], said.end()) if who else None


def _passive(
    doc: Document, pat: Pattern, named: list[Participant], begin: int, trigger: tuple[int, int]
) -> tuple[list[Participant], list[Participant]]:
    """«X مورد انتقاد Y قرار گرفت», «X از سوی Y مورد حمله قرار گرفت»: the agent is named inside
    the predicate, after «از سوی/توسط», or as the owner of an operation («در عملیات ارتش
    سوریه … کشته شدند»); the other parties before the predicate undergo it. An unnamed
    attacker leaves the actor empty (the event keeps its victims)."""
    agents = [
        p
        for p in named
        if trigger[0] < p.start < trigger[1]
        or BY.search(doc.text[max(begin, p.start - 40) : p.start])
        or _operation().search(doc.text[max(begin, p.start - 30) : p.start])
    ]
    actors = dedupe(agents[:1])
    keys = {(p.country, p.sector) for p in actors}
    keys |= {(p.country, None) for p in actors}  # «تحت تعقیب وزارت دفاع آمریکا»: the agent's own
    undergoing = [
        p
        for p in named
        if p.start < trigger[0]
        and p not in agents
        and (p.country, p.sector) not in keys
        and not COMPLEMENT.search(doc.text[max(begin, p.start - 40) : p.start])
        and not _taken_from(doc, p, begin)
    ]
    head = _relative_head(doc, named, agents, begin, trigger[0])
    undergoing = _relative_undergoer(doc, named, undergoing, begin, trigger[0])
    undergoing = undergoing if head is None else head
    # «… را ربوده است و … ربوده شدند»: the parties of the clause closed before, unless the
    # subject is shared («فوجیموری … وارد شیلی شد و … بازداشت شد»: no one of its own)
    own = [p for p in undergoing if not JOINED.search(doc.text, p.end, trigger[0])]
    undergoing = own or undergoing
    material = plover()[pat.type]["quad"] == 4
    if not (undergoing or (actors and material)) or not (actors or material):
        return [], []  # words need a speaker and a target; an attack its victim or attacker
    return actors, dedupe(undergoing)


def _taken_from(doc: Document, part: Participant, begin: int) -> bool:
    """«۶۴ کلاهک موشکی از قطار رومانی ربوده شد»: a party behind «از» is where something was
    taken or sent away from, not who undergoes it; a partitive «از» («یکی از وزرای عراقی
    هدف حمله قرار گرفت») still names who does."""
    before = doc.text[max(begin, part.start - 40) : part.start]
    return _governing(SOURCE, before)


def _governing(preposition: re.Pattern[str], before: str) -> bool:
    """Whether `before` ends in `preposition` governing the party, not one that counts or
    takes part of it («بیش از ۱۰ هزار دانشجوی», «یکی از وزرای»: see COUNTED)."""
    found, counted = preposition.search(before), COUNTED.search(before)
    return found is not None and not (counted and counted.start("prep") == found.start())


def _relative_head(
    doc: Document, named: list[Participant], agents: list[Participant], begin: int, at: int
) -> list[Participant] | None:
    """«دیپلمات‌های ایرانی که ماه گذشته در بغداد بازداشت شدند»: a passive predicate in a
    relative clause on a noun is undergone by that noun — the party ending right before
    «که», or no one when the noun is no party («بیش از ۸۰۰ نفر که … دستگیر شدند») — not by
    the parties of the main clause around it nor the places inside the relative clause.
    None when the trigger is in no such clause (a «که» after a verb or a subordinator
    opens a clause of the predicate; a verb or a break after «که» closed the clause)."""
    ke = list(KE.finditer(doc.text, begin, at))[-1:]
    if not ke:
        return None
    lead = doc.text[begin : ke[0].start()].rstrip(" \u200c")
    if not lead or CLAUSE_BREAK.search(lead[-1]) or SUBORDINATOR.search(lead):
        return None
    if VERB_BEFORE.search(lead) or _has_verb(doc.text[ke[0].end() : at]):
        return None
    return [
        p
        for p in named
        if p not in agents and p.end <= ke[0].start()
        and not doc.text[p.end : ke[0].start()].strip(" \u200c«»\"'")
    ][-1:]


def _relative_undergoer(
    doc: Document, named: list[Participant], undergoing: list[Participant], begin: int, at: int
) -> list[Participant]:
    """«واشنگتن تلاش کرد … دیداری را بین رئیس‌جمهور آمریکا و رئیس‌جمهور ایران برگزار کند که
    این خواسته با مخالفت ایران مواجه شد»: a «که» after a verb opens the clause of a passive
    predicate; only its own parties undergo it, and a demonstrative subject («این خواسته»)
    restates the deed before, whose doer (the first party of the sentence not behind a
    preposition) undergoes it — not everyone the deed names."""
    ke = list(KE.finditer(doc.text, begin, at))[-1:]
    if not ke or not VERB_BEFORE.search(doc.text[begin : ke[0].start()].rstrip(" \u200c")):
        return undergoing
    inside = [p for p in undergoing if p.start >= ke[0].end()]
    if inside or not RESTATED.match(doc.text, ke[0].end()):
        return inside
    doer = [
        p
        for p in named
        if begin <= p.start < ke[0].start() and not _oblique(doc, p, begin, ke[0].start())
    ]
    return doer[:1]


@lru_cache(maxsize=1)
def _operation() -> re.Pattern[str]:
    """An operation or attack noun right before a party (or its head noun, «تهاجم نیروهای
    اسرائیلی»): the party carries it out."""
    nouns = tolerant(lexicon()["operation_nouns"])
    return re.compile(rf"(?<![\w\u200c]){nouns}(?:[\s\u200c]+[^\s\u200c]+)?[\s\u200c]+$")


def _voice(doc: Document, source: Participant, speaker: Participant | None) -> Participant:
    """An official saying «جمهوری اسلامی ایران آماده است» speaks for his own government: a
    bare state of the speaker's country takes the speaker's sector (a news outlet reporting
    what someone of its country did does not make him a journalist)."""
    if source.sector or speaker is None or speaker.country != source.country:
        return source
    actor = doc.actors.get(source.actor_id or "")
    if actor is None or actor.kind != "GPE":  # a body («دولت دهم») is not the bare state
        return source
    if speaker.sector in NON_PARTY_SECTORS:
        return source
    return Participant(source.start, source.end, source.actor_id, source.country, speaker.sector)


def _date(doc: Document, sent: Span, trigger_start: int, trigger_text: str) -> str | None:
    """The date stated nearest before the trigger in its sentence (else the nearest after),
    so «روز گذشته … وارد تهران شد، امروز … دیدار کرد» dates each verb by its own phrase."""
    inside = [d for d in doc.dates if sent.start <= d.start < sent.end]
    before = [d for d in inside if d.end <= trigger_start]
    if before:  # its own phrase, even unresolved («روز گذشته» with no publication date)
        return max(before, key=lambda d: d.end).value
    if inside:
        return min(inside, key=lambda d: d.start).value
    if doc.published and PAST_VERB.search(trigger_text) and "خواهد" not in trigger_text:
        return doc.published.isoformat()
    return None


def _historical(doc: Document, when: str | None) -> bool:
    """«جلوگیری از تکرار حمله هوایی سال ۱۹۸۱ اسرائیل»: a deed dated in a year at least
    HISTORY_YEARS before publication is background the article recalls, not its news."""
    if doc.published is None or not when or not (year := HISTORY_DATE.match(when.split("/")[-1])):
        return False
    return int(year.group(1)) <= doc.published.year - HISTORY_YEARS


@lru_cache(maxsize=1)
def _commemoration() -> re.Pattern[str]:
    """Commemoration cues («گرامیداشت», «سالگرد», «به مناسبت», «هفته دفاع مقدس»)."""
    return word_regex(lexicon()["commemoration"])


def _commemorated(doc: Document, sent: Span, pat: Pattern, match: re.Match[str]) -> bool:
    """«… با اشاره به هفته دفاع مقدس، اظهار کرد: صدام … به کشورمان حمله کرد», «سالگرد نک محمد
    را که … کشته شد گرامی داشتند»: a material deed told in the past tense after a sentence's
    commemoration cue is what the occasion recalls, not news — unless a date naming a day
    stands between the cue and the deed («روز گذشته …»)."""
    said = match.group(0)
    if plover()[pat.type]["quad"] != 4 or not PAST_VERB.search(said) or FUTURE.search(said):
        return False
    cues = list(_commemoration().finditer(doc.text, sent.start, match.start()))
    if not cues:
        return False
    since = cues[-1].end()
    return not any(
        since <= d.start < match.start() and d.value and len(d.value) == 10 for d in doc.dates
    )


def _place(doc: Document, sent: Span) -> Participant | None:
    for ment in mentions_in(doc, sent.start, sent.end, frozenset({"GPE", "LOC"})):
        if is_place(doc, ment):
            actor = doc.actor_of(ment)
            return Participant(
                ment.start, ment.end, ment.actor_id, actor.country if actor else None
            )
    return None


@lru_cache(maxsize=1)
def _anything() -> re.Pattern[str]:
    """«از هر …», «از هرگونه …»: an object quantified over whatever may come."""
    return word_regex(lexicon()["any_object"])


@lru_cache(maxsize=1)
def _habitual() -> re.Pattern[str]:
    """Habit words («همواره», «هر روزه»)."""
    return word_regex(lexicon()["habitual"])


@lru_cache(maxsize=1)
def _clause_openers() -> re.Pattern[str]:
    """Words opening an adverbial clause with a subject of its own («با وجود آنکه»)."""
    return word_regex(lexicon()["clause_openers"])


def _inner_opening(doc: Document, begin: int, since: int, trigger: int) -> int | None:
    """Where the adverbial clause holding the trigger starts («با وجود آنکه …», «در حالی که
    …», or «که» right after the previous predicate `since`: «… را به خاک و خون کشید که
    گروه‌های مقاومت … هدف حمله قرار دادند»), when no comma closes it before the trigger:
    parties named earlier belong to the clause it hangs on, not to this predicate. An opener
    before the previous predicate still holds when that one is a noun inside its clause («اما
    ترکیه قبل از موافقت با اعزام نیرو … خواستار … است»)."""
    starts = [m.start() for m in _clause_openers().finditer(doc.text, begin, trigger)]
    if AFTER_PREDICATE.match(doc.text, since, trigger):
        starts.append(since)
    if not starts or PHRASE_CUT.search(doc.text, max(starts), trigger):
        return None
    return max(starts)


@lru_cache(maxsize=1)
def _planned() -> re.Pattern[str]:
    """«تصمیم انگلیس برای انجام حملات هوایی»: the deed a plan is for, right before it."""
    return re.compile(r"(?<![\w\u200c])" + tolerant(lexicon()["planned"]) + r"[\s\u200c]+$")


@lru_cache(maxsize=1)
def _charged() -> re.Pattern[str]:
    """«به اتهام ارتباط با بمب‌گذاری …»: the deed a charge names, right before it."""
    charge = tolerant(lexicon()["charged"])
    return re.compile(rf"(?<![\w\u200c]){charge}(?:[\s\u200c]+\S+){{0,3}}[\s\u200c]+$")


@lru_cache(maxsize=1)
def _charges() -> re.Pattern[str]:
    """«به اتهام …», «به جرم …»: a charge, like a reason, opens a stretch of context."""
    return re.compile(r"(?<![\w\u200c])" + tolerant(lexicon()["charged"]) + r"[\s\u200c]")


@lru_cache(maxsize=1)
def _negative_polarity() -> re.Pattern[str]:
    """«هیچ», «هرگز»: the verb is negated further on («هیچ یک … دشمن … تلقی نمی‌شوند»)."""
    return word_regex(lexicon()["negative_polarity"])


def _skipped(doc: Document, sent: Span, pat: Pattern, match: re.Match[str]) -> bool:
    """Negated or hypothetical matches are not events, nor the predicate of a yes/no
    question (or of an embedded «که آیا» one), nor one the text does not assert."""
    after = doc.text[match.end() : match.end() + 12]
    before = doc.text[sent.start : match.start()]
    asked = QUESTION.search(before) and ASKED.match(doc.text, match.end(), sent.end)
    asked = asked or WHETHER.search(before)  # «در پاسخ به این پرسش که آیا … حمله کرده است»
    return bool(
        NEGATION.match(after)
        or NEGATION_BEFORE.search(before)
        or (not _verbal(match.group(0)) and REFRAINED.match(doc.text, match.end(), sent.end))
        or HYPOTHETICAL.search(before)
        or asked
        or _unasserted(pat, before, match.group(0))
        or _future(pat, match.group(0))
        or _in_relative(doc, sent, pat, match)
        or (pat.parties != "speaker" and _judged(doc, sent, match))
        or (pat.type == "SUPPORT" and _backs_anything(before))
    )


def _backs_anything(before: str) -> bool:
    """«کرملین از هر اقدامی در مبارزه با تروریسم استقبال می‌کند», «از هرگونه اقدامی که …
    کاملا استقبال می‌کنیم»: welcoming or backing whatever may come is a general stance (house
    rules: general opinions are not coded), not support given to anyone; the quantified «از
    هر …» must be the trigger's own object, with no verb or ':' closing a clause between."""
    found = list(_anything().finditer(before))
    if not found:
        return False
    rest = before[found[-1].end() :]
    return not (":" in rest or FINITE.search(rest))


def _future(pat: Pattern, said: str) -> bool:
    """«از سازمان ملل خواستار آن خواهند شد که …», «خواستار تحقیق … خواهد شد»: a predicate
    reached through a gap whose verb a future auxiliary governs has not been done yet; only
    the patterns of pledges and plans (AGREE) code the future themselves."""
    return pat.type != "AGREE" and FUTURE_VERB.search(said) is not None


@lru_cache(maxsize=1)
def _judging() -> re.Pattern[str]:
    """A noun phrase's «را» and the verb judging it, in one clause («… را یک موفقیت
    می‌خوانند», «… را «تابویی دیگر» خوانده»: a judgement may be quoted)."""
    verbs = tolerant(lexicon()["evaluative"])
    return re.compile(
        r"[^.:؛،,«»!؟?]{0,60}?[\s\u200c]"
        + tolerant("را")
        + rf"[\s\u200c][^.:؛،,!؟?]{{0,90}}?(?<![\w\u200c]){verbs}(?![\w\u200c])"
    )


def _judged(doc: Document, sent: Span, match: re.Match[str]) -> bool:
    """«ترامپ … برگزاری نشست با رهبر کره شمالی را یک موفقیت چشمگیر می‌خوانند»: a deed named
    by its noun, the object of a verb that judges it, is not told as having happened (a loaded
    word in a speaker's judgement, «تجاوز … را …», is still his criticism)."""
    if _verbal(match.group(0)) or ADVERBIAL.search(doc.text, sent.start, match.start()):
        return False  # «در دیدار با X، Y را مهم دانست»: the meeting frames the judgement
    return _judging().match(doc.text, match.end(), sent.end) is not None


def _in_relative(doc: Document, sent: Span, pat: Pattern, match: re.Match[str]) -> bool:
    """«پرونده خویی که در صحن … کشته شد، به توافق رسیدیم», «اسرائیل رژیمی است که … تصرف
    کرد»: a deed told in a relative clause on a noun, inside the sentence's own predicate or
    characterising someone, is background, not news («در حالی که …» still tells its event);
    loaded words («رژیمی که تجاوز کرده», «کشورهایی که تحریم‌های ظالمانه …») are the
    criticism itself."""
    verbs = list(FINITE.finditer(match.group(0)))  # «جلسه‌ای که … برگزار شد»: up to its verb
    if pat.parties == "speaker" or not verbs:
        return False
    before = doc.text[sent.start : match.start() + verbs[-1].start()]
    ke = list(KE.finditer(before))[-1:]
    if not ke or _has_verb(before[ke[0].end() :]):
        return False
    lead = before[: ke[0].start()].rstrip(" \u200c")
    if CHARACTERISING.search(lead):
        return True
    if not NOUN_END.search(lead) or SUBORDINATOR.search(lead):
        return False
    return MAIN_GOES_ON.match(doc.text, match.end(), sent.end) is not None


def _has_verb(text: str) -> bool:
    """A clause break, a finite verb or a speech verb: the «که» clause ended before."""
    speech = bool(cue_matches(text))
    return bool(CLAUSE_BREAK.search(text) or FINITE.search(text) or speech)


def _unasserted(pat: Pattern, before: str, said: str) -> bool:
    """What the words before a trigger take back: a habit («همواره آماده است», «هر روزه …
    کشته می‌شوند») — though a demand may ask for one («دولت باید هر سال …») — a
    negative-polarity word in its clause («هیچ یک … دشمن … تلقی نمی‌شوند»), «نه …» right
    before it, the plan it is the object of («تصمیم … برای انجام حملات»), and for a loaded
    word or an action noun a demonstrative («عوامل این جنایت», «صحنه‌های این انفجار»: a deed
    already told names no one new) or a charge («به اتهام … بمب‌گذاری»)."""
    phrase = PHRASE_CUT.split(before)[-1]  # «که همواره آماده است به … تجاوز»
    clause = phrase[max((m.end() for m in FINITE.finditer(phrase)), default=0) :]  # «… نشد و»
    habit = pat.type != "REQUEST" and (
        _habitual().search(phrase) or _negative_polarity().search(clause)
    )
    nominal = not (_verbal(said) or LEADING_PREPOSITION.match(said))  # «پس از آن با شلیک»
    nominal = nominal or pat.parties == "speaker"
    told = nominal and (DEMONSTRATIVE.search(before[-8:]) or _charged().search(before[-60:]))
    return bool(habit or told or NOT_BEFORE.search(before) or _planned().search(before))


def _verbal(said: str) -> bool:
    """Whether a match holds a finite or durative verb («از آن می‌خواهیم»: «آن» is «it»)
    rather than naming an action by its noun."""
    return bool(FINITE.search(said) or DURATIVE.search(said))


def _quote_at(quotes: list[Quote], pos: int) -> Quote | None:
    return next((q for q in quotes if q.start <= pos < q.end), None)


def _continued(doc: Document, sent: Span) -> Quote | None:
    """«وی گفت: … . مسئولین مربوطه نباید …»: the rest of a paragraph opened by «X گفت:» is
    still X's speech, so a later sentence of it with no cue of its own speaks with X's voice
    (a closed «…» quote or a new cue ends it)."""
    last = max((q for q in doc.quotes if q.end <= sent.start), key=lambda q: q.end, default=None)
    if last is None or "\n" in doc.text[last.cue_start : sent.start]:
        return None
    if not SPEECH_OPENS.match(doc.text, last.cue_end):
        return None
    if cue_matches(doc.text, last.end, sent.end):
        return None
    return replace(last, start=sent.start, end=sent.end)


def _matches(doc: Document, sent: Span) -> list[tuple[Pattern, re.Match[str]]]:
    """Every pattern match in the sentence that is neither negated nor hypothetical, in
    text order. Matches ending on the same verb are one predicate: the pattern listed first
    reads it («ادعا را رد کرد» is a denial, not a refusal), even when that reading is
    skipped («این اتهامات را رد کرده بود» is then no refusal either)."""
    table, _ = patterns()
    possible = _anchors().possible(doc.text[sent.start : sent.end])
    by_end: dict[int, tuple[Pattern, re.Match[str]] | None] = {}
    for pat in (pat for pat, maybe in zip(table, possible, strict=True) if maybe):
        for match in pat.regex.finditer(doc.text, sent.start, sent.end):
            read = None if _skipped(doc, sent, pat, match) else (pat, match)
            by_end.setdefault(match.end(), read)
    # «این مطلب را که … رد کرد», «در اثر برخورد قطار … کشته شدند»: spans telling no event
    said = _non_event_spans(doc, sent)
    kept = [
        pm
        for pm in by_end.values()
        if pm is not None and not any(a <= pm[1].start() < b for a, b in said)
    ]
    # «قصد دارد … نشستی با بان کی‌مون … رایزنی کند»: a match inside a longer one is its content
    spans = [m.span() for _, m in kept]
    kept = [pm for pm in kept if not any(_nested(pm[1].span(), span) for span in spans)]
    return sorted(kept, key=lambda pm: pm[1].start())


def _nested(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    """Whether one span lies inside another, longer one."""
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


@lru_cache(maxsize=1)
def _anchors() -> Anchors:
    """The patterns' anchor words: most patterns are not run on a sentence lacking them."""
    return Anchors(row["pattern"] for row in lexicon()["patterns"])


@lru_cache(maxsize=1)
def _non_events() -> tuple[tuple[re.Pattern[str], ...], Anchors]:
    """The non-event regexes and their anchor words (as the trigger patterns')."""
    sources = list(lexicon()["non_events"].values())
    return tuple(word_regex(rx) for rx in sources), Anchors(sources)


def _non_event_spans(doc: Document, sent: Span) -> list[tuple[int, int]]:
    """Spans of the sentence that tell no event («این مطلب را که … رد کرد»)."""
    regexes, anchors = _non_events()
    possible = anchors.possible(doc.text[sent.start : sent.end])
    return [
        m.span()
        for rx, maybe in zip(regexes, possible, strict=True)
        if maybe
        for m in rx.finditer(doc.text, sent.start, sent.end)
    ]


@lru_cache(maxsize=1)
def _mode_cues() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    cues = lexicon()["mode_cues"]
    return {
        kind: [(mode, word_regex(rx)) for mode, rx in modes.items()] for kind, modes in cues.items()
    }


def _mode(doc: Document, pat: Pattern, begin: int, end: int, visiting: bool) -> str | None:
    """The pattern's mode, else the first mode cue in the clause («راکتی» → heavy-weapons)."""
    if pat.mode:
        return pat.mode
    if pat.type == "CONSULT" and visiting:
        return "visit"
    for mode, rx in _mode_cues().get(pat.type, []):
        if rx.search(doc.text, begin, end):
            return mode
    return None


def _inherited(found: list[Event], pat: Pattern, sent: Span, doc: Document, at: int):
    """A further measure told without its parties («همچنین آنها به تحریم های ثانویه محکوم
    شدند») continues the same-type event of the sentence before; a demonstrative restatement
    («این حمله») is not coded again."""
    if pat.parties != "directed" or DEMONSTRATIVE.search(doc.text, max(sent.start, at - 8), at):
        return None
    for prev in reversed(found[-3:]):
        if prev.type == pat.type and sent.start - prev.evidence_end <= 2:
            return prev
    return None


def _in_meeting(
    found: list[Event], pat: Pattern, sent: Span, doc: Document, at: int
) -> Event | None:
    """«در این دیدار توافق شد …»: what both sides do «in this meeting», naming no one, is done
    by the parties of the meeting coded last."""
    meeting = _anaphors()["CONSULT"]
    if pat.parties != "reciprocal" or not meeting.search(doc.text, sent.start, at):
        return None
    return next((e for e in reversed(found) if e.type == "CONSULT"), None)


@lru_cache(maxsize=1)
def _anaphors() -> dict[str, re.Pattern[str]]:
    return {kind: word_regex(rx) for kind, rx in lexicon()["anaphors"].items()}


def _restated(doc: Document, sent: Span, pat: Pattern, at: int, found: list[Event]) -> bool:
    """«در این دیدار …», «بر اثر این انفجار … کشته شدند»: a demonstrative restatement of an
    event of the same type coded earlier in the article is not a new event."""
    anaphor = _anaphors().get(pat.type)
    if anaphor is None or not any(e.type == pat.type for e in found):
        return False
    return bool(anaphor.search(doc.text, sent.start, at))


def _counterpart(doc: Document, sent: Span, at: int) -> bool:
    """«دیدار دیروز خود با بشار اسد»: a meeting noun's «با» complement is a party or an
    office holder named at once (within two words); «ملاقات با اسرا» (prisoners' families)
    is no political meeting."""
    stop = min(sent.end, at + 60)
    starts = [p.start for p in sentence_parties(doc, at, stop)]
    starts += [r.start for r in doc.roles if at <= r.start < stop]  # «با وزیر ارشاد»
    return any(COUNTERPART_GAP.fullmatch(doc.text, at, start) for start in starts)


def _attack_before(out: dict[tuple, Event], pat: Pattern) -> tuple | None:
    """«… را بمباران کردند که در پی آن ۱۲ نفر کشته شدند»: the key of the sentence's attack
    already coded, whose dead these are."""
    return next((key for key, event in out.items() if event.type == pat.type), None)


def _with_victims(attack: Event, victims: list[Participant]) -> Event:
    """The attack with the dead among its targets (never its own attackers)."""
    sides = {(p.country, p.sector) for p in attack.source + attack.target}
    new = [p for p in victims if (p.country, p.sector) not in sides]
    return replace(attack, target=dedupe(attack.target + new)) if new else attack


def _scheduled(
    doc: Document, sent: Span, match: re.Match[str], quote: Quote | None, when: str | None
) -> bool:
    """«در ملاقات روز دوشنبه با لاوروف … گفت‌وگو خواهد کرد»: a meeting noun whose clause goes
    on in the future tense, is dated after publication or «قرار است … برگزار شود», is a
    scheduled meeting (AGREE in the house rules), not one that took place."""
    if _verbal(match.group(0)):
        return False
    end = _clause(doc, sent, match.span(), quote)[1]
    # up to the meeting's own verb: «در حال مذاکره با X هستند و مشکل … حل خواهد شد» is held
    own = FINITE.search(doc.text, match.end(), end)
    if FUTURE.search(doc.text, match.end(), own.end() if own else end):
        return True
    if doc.published and when and len(when) == 10 and when > doc.published.isoformat():
        return True
    return _subjunctive(doc, match, end) and _planned_meeting(doc, sent, match)


def _wished(doc: Document, sent: Span, match: re.Match[str], quote: Quote | None) -> bool:
    """«تلاش کرد تا دیداری … برگزار کند», «تمایل دارد مذاکراتی با X داشته باشد»: a meeting
    noun hanging on a subjunctive verb (not one «قرار است») is only wished for: no meeting,
    and its counterparts belong to the predicate that wishes it."""
    if _verbal(match.group(0)):
        return False
    end = _clause(doc, sent, match.span(), quote)[1]
    return _subjunctive(doc, match, end) and not _planned_meeting(doc, sent, match)


def _planned_meeting(doc: Document, sent: Span, match: re.Match[str]) -> bool:
    """«قرار است دیدار … انجام شود»: the meeting is arranged, earlier in its sentence."""
    return bool(PLANNED.search(doc.text, sent.start, match.start()))


def _subjunctive(doc: Document, match: re.Match[str], end: int) -> bool:
    """Whether the first verb after a noun in its clause is a subjunctive («برگزار کند», not
    «برگزار می‌کند» nor the verb of a «که» clause on a noun)."""
    verb = VERB_AHEAD.search(doc.text, match.end(), end)
    return bool(
        verb is not None
        and not verb.group("durative")
        and SUBJUNCTIVE.fullmatch(verb.group("verb"))
        and not KE.search(doc.text, match.end(), verb.start())
    )


def _continues(
    events: Iterable[Event], key: tuple, actors: list[Participant], recipients: list[Participant]
) -> bool:
    """«به دو جوان فلسطینی تیراندازی کردند و یکی از آنها را به شهادت رساندند»: a further
    predicate of a sentence's event, by the same actors on no one it does not already name,
    goes on telling that event."""
    kind, _, when = key
    mine = {(p.country, p.sector) for p in actors}
    to = {(p.country, p.sector) for p in recipients}
    return any(
        e.type == kind
        and e.date == when
        and {(p.country, p.sector) for p in e.source} == mine
        and to <= {(p.country, p.sector) for p in e.target}
        for e in events
    )


def _sentence_events(
    doc: Document, sent: Span, tracker: Tracker, found: list[Event]
) -> list[Event]:
    _, travel = patterns()
    text = doc.text[sent.start : sent.end]
    visiting = bool(travel.search(text))
    out: dict[tuple, Event] = {}
    since = sent.start
    last: tuple[str, int] = ("", sent.start)
    matches = _matches(doc, sent)
    continued = _continued(doc, sent) if matches else None
    matches = [
        (pat, match)
        for pat, match in matches
        if pat.type != "CONSULT"
        or not _wished(doc, sent, match, _quote_at(doc.quotes, match.start()) or continued)
    ]
    for pat, match in matches:
        if _restated(doc, sent, pat, match.start(), found):
            continue
        quote = _quote_at(doc.quotes, match.start()) or continued
        when = _date(doc, sent, match.start(), match.group(0))
        if _historical(doc, when) or _commemorated(doc, sent, pat, match):
            continue
        if pat.type == "CONSULT" and _scheduled(doc, sent, match, quote, when):
            pat = replace(pat, type="AGREE", mode=None, cameo=plover()["AGREE"]["cameo"])
        if (pat.type, match.start() < last[1]) == (last[0], True):
            continue  # «دیدار و گفت و گو کرد»: one predicate matched by two patterns
        last = (pat.type, max(last[1], match.end()))
        mode = "visit" if pat.type == "CONSULT" and visiting and pat.mode is None else pat.mode
        later = [m.start() for _, m in matches if m.start() >= match.end()]
        span = (since, match.start(), match.end(), min(later, default=sent.end))
        since = max(since, match.end())
        actors, recipients = _sides(doc, sent, pat, mode, span, quote, tracker)
        if pat.type == "REQUEST" and recipients:
            # house rule: an appeal to the public («مردم … باید», «از مردم این کشور خواست») is
            # no REQUEST; the named bodies beside it («مردم و دولت باید») are still asked
            recipients = [p for p in recipients if p.sector not in PUBLIC_SECTORS]
            if not recipients:
                continue
        if pat.casualties and (attack := _attack_before(out, pat)):
            out[attack] = _with_victims(out[attack], recipients)
            continue
        if not (actors or recipients) and (
            prev := _inherited(found, pat, sent, doc, match.start())
            or _in_meeting(found, pat, sent, doc, match.start())
        ):
            actors, recipients = list(prev.source), list(prev.target)
        if not (actors or recipients) or (pat.parties == "speaker" and not recipients):
            continue
        if continued is not None and quote is continued and not recipients:
            continue  # a voice carried over from an earlier cue says what, not who to
        if len(actors) + len(recipients) < pat.min_parties:
            continue
        if (pat.needs_recipient and not recipients) or (
            pat.counterpart_after and not _counterpart(doc, sent, match.end())
        ):
            continue
        # one event per (sentence, type, parties); a different stated date is another event
        # («روز گذشته … وارد تهران شد، امروز … دیدار کرد»)
        key = (pat.type, frozenset((p.country, p.sector) for p in actors + recipients), when)
        if key in out or _continues(out.values(), key, actors, recipients):
            continue
        begin, end = _clause(doc, sent, match.span(), quote)
        event = Event(
            type=pat.type,
            evidence_start=sent.start,
            evidence_end=sent.end,
            trigger_start=match.start(),
            trigger_end=match.end(),
            mode=_mode(doc, pat, begin, end, visiting),
            source=actors,
            target=recipients,
            date=when,
            place=_place(doc, sent),
            contexts=contexts_of(text, list(pat.contexts)),
            sectors=sectors_of(text),
            confidence=pat.confidence if actors else round(pat.confidence * 0.8, 2),
            cameo=pat.cameo,
            pattern_id=pat.id,
        )
        # a date phrase in the sentence dates each predicate by its own phrase, even unresolved
        stated = any(sent.start <= d.start < sent.end for d in doc.dates)
        twin = next((k for k, e in out.items() if _same_deed(e, event, stated)), None)
        if twin is None:
            out[key] = event
        else:  # «درگیری‌ها … آغاز شد که … به کاروان آمریکا حمله کردند»: one attack, told twice
            out[twin] = _merged(doc.text, out[twin], event)
    return list(out.values())


def _sectors(event: Event) -> dict[str | None, set[str | None]]:
    """The sectors each country of an event's parties is named with."""
    out: dict[str | None, set[str | None]] = {}
    for part in event.source + event.target:
        out.setdefault(part.country, set()).add(part.sector)
    return out


def _same_deed(one: Event, other: Event, stated: bool = False) -> bool:
    """Two predicates of one sentence telling one deed: the same type, the same countries,
    each named with the same sectors or once without any («IRN» beside «IRN GOV»), and the
    same date, or one undated when the sentence `stated` none (a noun gets no date, a past
    verb the publication date; «روز گذشته» unresolved is a date of its own)."""
    loose = not stated and None in (one.date, other.date)
    if one.type != other.type or not (loose or one.date == other.date):
        return False
    mine, theirs = _sectors(one), _sectors(other)
    return mine.keys() == theirs.keys() and all(
        mine[c] == theirs[c] or {None} in (mine[c], theirs[c]) for c in mine
    )


def _merged(text: str, one: Event, other: Event) -> Event:
    """One event of two telling the same deed: the stronger reading (higher confidence, then a
    verb over a noun, then the first) with the other's parties, sectors and date added."""

    def strength(e: Event) -> tuple[float, bool]:
        return e.confidence, _verbal(text[e.trigger_start : e.trigger_end])

    first, second = (one, other) if strength(one) >= strength(other) else (other, one)

    def joined(side: list[Participant], more: list[Participant], opposite: list[Participant]):
        """This side with the other reading's parties, but none the stronger puts opposite."""
        against = {(p.country, p.sector) for p in opposite}
        return dedupe(side + [p for p in more if (p.country, p.sector) not in against])

    return replace(
        first,
        source=joined(first.source, second.source, first.target),
        target=joined(first.target, second.target, first.source),
        date=first.date or second.date,
        sectors=first.sectors + [s for s in second.sectors if s not in first.sectors],
    )


def find_events(doc: Document) -> list[Event]:
    """All events of a document in text order."""
    tracker = Tracker()
    speakers = {q.cue_start: q for q in doc.quotes}
    found: list[Event] = []
    for sent in doc.sentences:
        found.extend(_sentence_events(doc, sent, tracker, found))
        for pos in sorted(p for p in speakers if sent.start <= p < sent.end):
            quote = speakers[pos]
            ment = doc.mention_at(*quote.speaker_mention) if quote.speaker_mention else None
            span = (quote.speaker_start, quote.speaker_end)
            tracker.spoke(Resolved(quote.speaker_actor_id, ment, span), pos)
    return found


@stage("events", requires={"sentences", "entities", "dates"}, assigns={"events"})
def events(doc: Document) -> Document:
    doc.events = find_events(doc)
    return doc
