"""Rebuild the bad-input catalogue from the seed article: `python tests/data/bad/make.py`.

Each file is one way Persian news arrives broken; tests/test_bad_inputs.py has one test each.
The 10 MB article is made by its test at run time instead of being committed.
"""

import codecs
import json
from pathlib import Path

HERE = Path(__file__).parent
SEED = (HERE.parents[1] / "data" / "fars_sample.jsonl").read_text(encoding="utf-8")
TEXT = json.loads(SEED.splitlines()[2])["text"].split("\n")[0]  # a Persian-letter Fars article
# Windows-1256 has neither Persian yeh nor Persian digits: old archives used ي and ASCII digits.
CP1256_TEXT = TEXT.replace("ی", "ي").translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))

FILES: dict[str, bytes] = {
    "cp1256.txt": CP1256_TEXT.encode("cp1256"),
    "utf16le_bom.txt": codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    "utf16be_bom.txt": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    "utf16le_nobom.txt": TEXT.encode("utf-16-le"),
    "utf16be_nobom.txt": TEXT.encode("utf-16-be"),
    "binary.txt": bytes(range(256)) * 16,
    "empty.txt": b"",
    "whitespace.txt": " \n\t\u200c \n".encode(),
    "nul_bytes.txt": TEXT[:60].encode() + b"\x00\x00\x00" + TEXT[60:].encode(),
    "english.txt": b"The speaker of the Belarusian parliament met his Iranian counterpart in "
    b"Tehran on Wednesday and discussed trade, banking and education cooperation.",
    "arabic.txt": "قال رئيس البرلمان البيلاروسي في طهران يوم الأربعاء إن العلاقات الاقتصادية بين "
    "البلدين يجب أن تتطور، وأكد على أن التعاون في مجال التعليم هو من الأولويات التي تم "
    "الاتفاق عليها.".encode(),
    "bidi_controls.txt": (
        "\u202b" + TEXT[:80] + "\u202c\u200f" + TEXT[80:] + "\x07\x1b[0m"
    ).encode(),
    "long_line.txt": ((TEXT + " ") * 300).encode(),
    "malformed.html": (
        "<html><body><div><p>" + TEXT + "<p><b>" + TEXT[:50] + "</i></div></span><table><tr><td>"
    ).encode(),
    "deeply_nested.html": (
        "<html><body>" + "<div>" * 5000 + "<p>" + TEXT + "</p>" + "</div>" * 5000 + "</body></html>"
    ).encode(),
    "missing_fields.rss": (
        '<?xml version="1.0"?><rss version="2.0"><channel><item><description>' + TEXT
        + "</description></item><item><title>فقط عنوان</title></item></channel></rss>"
    ).encode(),
}

RECORDS = [
    json.dumps({"id": "ok-1", "text": TEXT, "published": "2013-05-25"}, ensure_ascii=False),
    '{"id": "broken", "text": "متن',
    json.dumps(["not", "an", "object"]),
    json.dumps({"id": "no-text"}),
    json.dumps({"id": "wrong-type", "text": ["a", "b"]}),
    json.dumps({"id": 3.5, "text": TEXT}, ensure_ascii=False),
    json.dumps({"id": "bad-date", "text": TEXT, "published": "1403/05/10"}, ensure_ascii=False),
    json.dumps({"id": "ok-2", "text": TEXT}, ensure_ascii=False),
    '{"id": "truncated-last", "text": "ای',
]

if __name__ == "__main__":
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)
    (HERE / "records.jsonl").write_text("\n".join(RECORDS), encoding="utf-8")
