"""The folded, repaired form of a reply that the reader matches (see ``bot.understanding.reader``).

One pass over the words of the folded text (lower-case, no diacritics, đ→d). Each word that
is not part of a number, date or document code ("05/kh-ubnd", "15/8", "1.250") is repaired
in this order, each step only when the word is not already a known one:

1. **Numbers glued to words**: "50phantram" → "50 phantram".
2. **VNI residue** (tone and letter keys typed as digits with the input method off):
   "d9a4" → "da", "hoa2n" → "hoan".
3. **Telex residue**: "dd" → "d", a doubled vowel or a vowel + "w" → the vowel, a tone key
   (s f r x j) at the end or between the vowel and the final consonant dropped:
   "ddax hoanf" → "da hoan", "hoafn" → "hoan". No Vietnamese syllable ends in s f r x j or
   carries one before its final consonant, so real words are safe.
4. **Chat shorthand**: "xg" → "xong", "chx" → "chua", "lm" → "lam", "j" → "gi", "dc" →
   "duoc", "vg" → "vang", "nhg" → "nhung" …; "ht" is "he thong" next to a fault word or
   before "báo"/"hiện"/"vẫn" ("ht báo chưa tiếp nhận"; not "ht báo cáo"), else "hoan thanh".
5. **Slips**: a doubled or stretched letter ("xongg", "xonggg") or two swapped ones in a
   long word ("thnah").
6. **Words run together**: a word that is not a syllable is cut into known syllables,
   fewest pieces first ("dahoanthanh" → "da hoan thanh"); nothing is cut otherwise.
7. **A dropped last letter** after the first half of a known pair: "hoan than" → "hoan
   thanh", "thuc hie" → "thuc hien".

Before the words, a web address ("drive.google.com/…", "https://…") becomes "link", and a
month written short ("t8", "th8", "T.8", "thg 8", "t8/2026") or in words ("tháng tám") becomes
"thang 8", so that dates read it ("cuối t8": the end of August); a weekday written short after
"xong"/"hôm" ("xong t2 r") becomes "thu 2"; a chat placeholder ("[hình ảnh]",
"[sticker]") is dropped; a percent in words ("bảy chục phần trăm") becomes digits, and
"p.KT" (phòng) loses its dot, which would split a clause.
Regional words are read for what they mean: "hông" (không), "mần" (làm), "ngóng"
(đợi), central "ni" (này) after what it points to, "rứa" (thế), southern "liền" (ngay) and
"dô" (vô), "gởi" (gửi) and northern "nàm" (làm) as written. A place's capitalised name after
"xã", "phường", "thôn" … is one word ("xã Hòa Lợi": "hòa_lợi", no "lỗi" in it).

When the reply carries diacritics, the words whose folded form is ambiguous are marked: a
"cho" that was not "chờ" becomes "cho_" and a "doi" that was not "đợi" becomes "doi_", so that
"gửi cho Sở" never reads as waiting and "đổi mẫu" never as "đợi"; "đăng" (post) becomes
"dang_", so that "đã đăng lên cổng" is never "đang" (under way); the asking particles "à" and
"chứ" become "a_q" and "chu_q", so that "xong rồi à" is a question and "xong rồi ạ" is not.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from storage.textfold import fold as _slow_fold

_STRETCHED = re.compile(r"(.)\1{2,}")
# a letter or digit not after [\w/.-], then the rest of the word: (?<![\w/.-])[a-z0-9]+ with
# its first character taken before the look-behind, so the engine skips to it (faster, same)
_WORD = re.compile(r"[a-z0-9](?<![\w/.-][a-z0-9])[a-z0-9]*(?![\w/-]|\.\d)")
# every "cho" but "chờ"; not after an unaccented "dang", "van", "con": a writer who left the
# accents out there ("submit lên Sở r, dang cho duyet") still means waiting
_CHO = re.compile(r"(?i)(?<!\w)(?<!dang )(?<!van )(?<!con )(?<!dg )ch[oòóỏõọôồốổỗộơớởỡợ](?!\w)")
_ASKING = re.compile(  # "xong rồi à?", "xong rồi chứ": asking, not "ạ" (nor "à mà": by the way)
    r"(?<!\w)(à|chứ)(?!\w)(?! (?:mà|quên|với lại|còn)(?!\w))"
)
_DOI = re.compile(r"(?i)(?<!\w)[đd][òóỏõọôồốổỗộơờớởỡ]i(?!\w)")  # every accented "doi" but "đợi"
_MONTH = re.compile(  # "t8", "th8", "T.8", "thg 8", "t8/2026", "thang8": tháng 8 (not "t80",
    # "th8x"; "thang1" is VNI "tháng" as well as tháng 1: left to the VNI repair)
    r"(?<![\w/.-])(?:thang(?=[2-9]|1[0-2])|thg ?|th|t\.?)(1[0-2]|0?[1-9])"
    r"(?=/(?:20)?\d\d(?![\d/])|(?![\w/%-]|[.,]\d))"
)
_WEEKDAY = re.compile(  # "t6 tuần trước", "xong t2 r": a weekday, not June
    r"(?<![\w/.-])t([2-7]) (?=tuan(?!\w))|(?:(?<=xong )|(?<=hom ))t([2-7])(?!\w)"
)
_DANG = re.compile(r"(?<!\w)đăng(?!\w)")
_HA = re.compile(r"(?<!\w)hà(?!\w)")  # southern "xong hà": a softener, not "hả" (asking)
_URL = re.compile(
    r"(?:https?://)?(?:[a-z0-9-]+\.)+(?:com|vn|net|org|gov|gle|io|me|ly|info|edu)(?:/\S*)?"
    r"|https?://\S+"
)
_URL_HINT = re.compile(r"\.(?:com|vn|net|org|gov|gle|io|me|ly|info|edu)\b")
# "giữa tháng tám": a month in words (not "tháng sau", next month, nor "tháng năm")
_MONTH_NUMBER = {"gieng": 1, "hai": 2, "ba": 3, "tu": 4, "bay": 7, "tam": 8, "chin": 9,
                 "muoi": 10, "muoi mot": 11, "muoi hai": 12, "chap": 12}  # fmt: skip
_MONTH_WORD = re.compile(
    r"(?<!\w)thang (muoi mot|muoi hai|gieng|hai|ba|tu|bay|tam|chin|muoi|chap)(?!\w)"
)
_MONTH_HINT = re.compile(r"t(?:[hg. ]{0,3}|hang)\d")  # what every _MONTH match holds: a pre-check
_VNI = re.compile(r"^[a-z]+[1-9][a-z1-9]*$")
_DIGITS = re.compile(r"[1-9]")
_LETTERS = re.compile(r"[a-z]+")
_GLUED = re.compile(r"^(\d+)([a-z]{2,})$")
_TONE_MID = re.compile(r"(?<=[aeiouy])[sfrxj](?=(?:ng|nh|ch|[nmctp])$)")
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|tr|th|ph|kh|gh|gi|qu|[bcdghklmnpqrstvx])?"
    r"[aeiouy]{1,3}"
    r"(?:ng|nh|ch|[cmnpt])?$"
)

SHORTHAND = {
    "dc": "duoc", "dk": "duoc", "k": "khong", "ko": "khong", "kg": "khong", "khg": "khong",
    "hok": "khong", "hk": "khong", "wa": "qua", "hum": "hom", "kq": "ket qua", "bh": "ban hanh",
    "r": "roi", "rui": "roi", "roai": "roi", "e": "em", "zoi": "roi",
    "dzoi": "roi", "zui": "roi", "dzay": "vay", "zay": "vay", "tui": "toi", "hqua": "hom qua",
    "hnay": "hom nay", "chiu": "chieu",
    "vm": "vuong mac", "xog": "xong", "xg": "xong", "dag": "dang", "dg": "dang", "thm": "them",
    "bc": "bao cao", "vb": "van ban", "cv": "cong van", "qd": "quyet dinh", "kh": "ke hoach",
    "tg": "thoi gian", "ktr": "kiem tra", "ld": "lanh dao", "gd": "giam doc", "gh": "gia han",
    "hthanh": "hoan thanh", "htanh": "hoan thanh", "tc": "tai chinh", "lm": "lam", "j": "gi",
    "ch": "chua", "chx": "chua", "cx": "chua", "vg": "vang", "kp": "kinh phi", "ng": "nguoi",
    "sl": "so lieu", "hs": "ho so", "ak": "a", "ah": "a", "thui": "thoi",
    "vs": "voi", "mk": "minh", "bt": "biet", "bik": "biet", "bit": "biet", "ntn": "the nao",
    "nx": "nua", "ms": "moi", "trc": "truoc", "lq": "lien quan", "bd": "bat dau",
    "mag": "mang", "xn": "xac nhan", "nhg": "nhung", "nhug": "nhung",
}  # fmt: skip
# English words of a mixed reply ("Đã submit rồi", "chưa start"), read as their Vietnamese
# sense before any Telex repair could bend them ("start" would lose its "r").
ENGLISH = {
    "submit": "nop", "submitted": "nop", "start": "bat dau", "started": "bat dau",
    "finish": "hoan thanh", "finished": "hoan thanh", "complete": "hoan thanh",
    "completed": "hoan thanh", "pending": "dang cho", "review": "ra soat", "draft": "du thao",
    "feedback": "gop y", "update": "cap nhat", "check": "kiem tra", "down": "loi",
    "approve": "phe duyet", "extend": "gia han", "percent": "phan tram", "meeting": "hop",
    "noted": "da ro", "task": "nhiem vu", "deadline": "han", "finalize": "hoan thien",
    "sent": "da gui", "send": "gui", "upload": "upload", "delay": "lui", "budget": "kinh phi",
    "fix": "sua", "process": "xu ly", "done": "xong", "stuck": "vuong", "confirm": "xac nhan",
    "comfirm": "xac nhan", "confim": "xac nhan", "final": "hoan thien",
}  # fmt: skip
_TYPOS = {
    "xogn": "xong", "xnog": "xong", "xongg": "xong", "roii": "roi", "dangg": "dang",
    "dnag": "dang", "dagn": "dang", "thah": "thanh", "thnh": "thanh", "vuog": "vuong",
    "hoanh": "hoan",
}  # fmt: skip
_VG_BEFORE = frozenset({"dang", "bi", "con", "van", "hoi", "co", "khong", "ko", "k", "kg", "het"})
# What follows "vướng" and never "vâng": its object or cause, right after it
_VG_AFTER = re.compile(
    r" (?:kinh|kp|vi|do|mac|so|sl|huong|hd|thu|quy|nhan|o|phan|khau|ho|hs|tien|chut|xiu|nho"
    r"|qua|nhieu|gi|van|cho|ve|pm|ht|he|may|mang|tk|ns|dl|du|ng|nguoi)(?![\w])"
)
_FAULT_WORDS = frozenset({"loi", "hong", "treo", "sap", "cham", "khoa"})

# Pairs whose second half loses its last letter in a hurry ("hoàn thàn", "thực hiệ").
PAIRS = {
    "hoan": "thanh", "thuc": "hien", "trien": "khai", "bat": "dau", "vuong": "mac",
    "kho": "khan", "gia": "han", "tong": "hop", "xay": "dung", "ra": "soat",
    "tien": "hanh", "ban": "hanh", "cap": "nhat", "kinh": "phi", "tham": "dinh",
}  # fmt: skip

_SECOND_HALVES = frozenset(PAIRS.values())

# Syllables the reader's tables use, and common ones around them: the pieces that words run
# together are cut into, and the words that are never "repaired".
VOCABULARY = (
    frozenset(
        """
    da dang xong roi hoan thanh tat thuc hien trien khai lam bat dau chua khong duoc em anh chi
    vuong mac kho khan gia han xin lui them ngay tuan thang nam quy cuoi het den toi sang gui nop
    ban hanh cap nhat bao cao van cong ke hoach quyet dinh tong hop du thao soan xay dung ra soat
    chinh sua bo sung xu ly trinh ky cho doi lanh dao giam doc so lieu kinh phi huong dan tien do
    phan tram dat tham dinh lay y kien tiep thu tiep tuc co ban gan sap se moi mai sau nay truoc
    phong xa huyen tinh ubnd he loi mang phan mem tai khoan nhan vien nguoi can thieu chut xiu
    hoi nho vang ok cam on a nhe nha minh ben viec nhiem vu nay rat dc tot roi ro ngan hop
    """.split()
    )
    | frozenset("lau khoi nhac noi tra sep".split())  # ("sonoivu traloi": Sở Nội vụ trả lời)
    | (
        ACRONYMS := frozenset(  # names and acronyms of the field; some end like a tone key
            "sipas papi cchc tthc dvc dvctt vneid ioffice egov excel pdf zalo email gmail drive"
            " link online bhxh kbnn hdnd snv stp stc cntt iso".split()
        )
    )
)


def _fold_table() -> list[str | None]:
    marks = (c for c in range(0x300, 0x370) if unicodedata.combining(chr(c)))
    table: dict[int, str | None] = dict.fromkeys(marks)  # combining marks
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        if unicodedata.category(char).startswith("L") and (folded := _slow_fold(char)) != char:
            table[code] = folded
    # indexed by code point, every letter up to the last folded one: str.translate then finds
    # the letters it keeps too, where a dict raises (and clears) a KeyError for each of them
    return [table.get(code, chr(code)) for code in range(max(table) + 1)]


_FOLD = _fold_table()


def fold(text: str) -> str:
    """``storage.textfold.fold`` for Latin-script text with collapsed spaces, in one table
    lookup (letters of other scripts keep their marks)."""
    folded = text.lower().translate(_FOLD)
    if "  " in folded or folded[:1] == " " or folded[-1:] == " ":  # a lone mark was dropped
        folded = " ".join(folded.split())
    return folded


_PLACE_HINT = re.compile(r"(?:xã|phường|thôn|làng|buôn|bản|xóm|ấp|xa|phuong|thon) \S")
_NOT_A_NAME = frozenset(
    "xong đã đang chưa hoàn rồi em bên vẫn còn đợi chờ mới cũ không ko dạ vâng".split()
)
_PLACE_WORDS = frozenset("xã phường thôn làng buôn bản xóm ấp xa phuong thon".split())


_NOT_A_FAULT = re.compile(r"(?<!\w)(?:lợi|lội)(?!\w)")
# "… còn Phuoc Loi": a capitalised "Loi" after a capitalised word ends a name, not "lỗi"
_NAME_ENDING_LOI = re.compile(r"(?<!\w)[A-ZĐÀ-Ỹ][a-zđà-ỹ]+( )L(?:oi|ợi)(?!\w)")


def _named_places(display: str, lower: str) -> str:
    """ "Xã Hòa Lợi cũ": the capitalised words after a place word are its name, joined into one
    word ("hòa_lợi") so that none of them is read ("lợi" is no fault, "lỗi")."""
    spaces = []
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", display)]
    for k, (_, word) in enumerate(words[:-1]):
        if word.lower() not in _PLACE_WORDS:
            continue
        name = []
        for start, after in words[k + 1 : k + 4]:
            if not (after[0].isupper() and after[1:].islower() and after.isalpha()):
                break
            if after.lower() in _NOT_A_NAME:
                break  # "Phường Trường Chinh Xong rồi": the report, capitalised
            name.append((start, after))
        spaces += [start + len(after) for start, after in name[:-1]]  # (each but the last)
    return _join_at(lower, spaces)


_HEARD_AS = re.compile(r"(?<!\w)(?:(da han)(?= (?:den|toi|sang|them|\d))|tham dich)(?!\w)")
# an elder addressed by kin ("o", "chú", "bác", "dì", "cậu", "thím"): the writer is "con"
_KIN_ADDRESS = re.compile(
    r"(?<!\w)(?:do|roi|a|nhe|nha|oi|da|thua|voi) (?:o|chu|bac|di|cau|thim)(?=$|[ ,.!?])"
    r"|^(?:da |thua )?(?:o|chu|bac|di|cau|thim)(?: oi)?[ ,.!?]"
)
_CON_SPEAKING = re.compile(
    r"(?<!\w)con(?= (?:gui|lam|nop|da|dang|se|xin|bao|chua|moi|vua|dinh|tinh|xong|hoan|lo|ghi"
    r"|nhan|cam)(?!\w))"
)


def _join_at(lower: str, spaces: list[int]) -> str:
    """``lower`` with the spaces at ``spaces`` (offsets into the display) made "_"."""
    chars = list(lower)
    for at in spaces:
        chars[at] = "_"
    return "".join(chars)


DIGIT_WORDS = {  # the digits in words, folded ("lăm", "nhăm": five after "mươi")
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "nham": 5, "sau": 6,
    "bay": 7, "tam": 8, "chin": 9,
}  # fmt: skip
_WORDED_PERCENT = re.compile(
    r"(?<!\w)(?:(mot|hai|ba|bon|nam|sau|bay|tam|chin) (?:muoi|chuc)(?: (mot|hai|ba|bon|tu|lam"
    r"|nam|nham|sau|bay|tam|chin))?|(mot tram)) phan tram(?!\w)"
)


def _percent_in_digits(m: re.Match[str]) -> str:
    if m[3]:
        return "100 phan tram"
    tens, ones = DIGIT_WORDS[m[1]], DIGIT_WORDS.get(m[2] or "", 0)
    return f"{10 * tens + ones} phan tram"


_ONES = "mot|hai|ba|bon|tu|lam|nam|sau|bay|tam|chin"
_DAY_IN_WORDS = re.compile(  # "đến ngày hai mươi tháng tám": the day in words, before a month
    rf"(?<!\w)(ngay|mung|mong) (?:(hai|ba) muoi(?: ({_ONES}))?|(hai|ba) (mot|lam|tu)"
    rf"|muoi(?: ({_ONES}))?|({_ONES}))(?= thang \d)"
)


def _day_in_digits(m: re.Match[str]) -> str:
    if m[2] or m[4]:  # "hai mươi mốt", "hai mốt": tens then ones
        day = 10 * DIGIT_WORDS[m[2] or m[4]] + DIGIT_WORDS.get(m[3] or m[5] or "", 0)
    elif m[0].split()[1] == "muoi":
        day = 10 + DIGIT_WORDS.get(m[6] or "", 0)
    else:
        day = DIGIT_WORDS[m[7]]
    return f"{m[1]} {day}" if day <= 31 else m[0]


_ROOM_DOT = re.compile(r"(?<![\w.])p\.(?=[a-z]{2,6}(?![\w.]))")
_KEEP = VOCABULARY - SHORTHAND.keys() - _SECOND_HALVES - {"ht", "th", "tk"}


def normalise(display: str) -> str:
    """The folded, repaired form of an NFC reply (see the module docstring)."""
    lower = display.lower()
    if _PLACE_HINT.search(lower):
        lower = _named_places(display, lower)
    if "Loi" in display or "Lợi" in display:
        lower = _join_at(lower, [m.start(1) for m in _NAME_ENDING_LOI.finditer(display)])
    folded = lower if lower.isascii() else lower.translate(_FOLD)  # (ASCII kept)
    accented = folded != lower
    if accented:  # diacritics written: mark the ambiguous folds
        if "ch" in lower:
            lower = _CHO.sub("cho_", lower)
        if "đ" in lower or "d" in lower:
            lower = _DOI.sub("doi_", lower)
        if "đăng" in lower:  # "đã đăng lên cổng": posted, never "đang" (under way)
            lower = _DANG.sub("dang_", lower)
        if "lợi" in lower or "lội" in lower:  # "Lê Lợi", "thuận lợi", "lội suối": never
            lower = _NOT_A_FAULT.sub("loi_", lower)  # "lỗi" (a fault), which folds alike
        if "hà" in lower:  # (not "chị Hà": a name, written capitalised)
            lower = _HA.sub(lambda m: "nha" if display[m.start()] == "h" else m.group(), lower)
        if "trông" in lower:  # "trông bên Sở trả lời mà chưa thấy": waiting for them (not
            lower = _LOOKED_FOR.sub("đợi", lower)  # "trông nhà", "trông có vẻ")
        if "gởi" in lower or "nàm" in lower:  # southern "gởi" (gửi, never "gọi"); northern
            lower = _SPELT.sub(lambda m: _RESPELT[m.group()], lower)  # "nàm" (làm, l/n)
        if "à" in lower or "chứ" in lower:
            lower = _ASKING.sub(lambda m: "a_q" if m.group() == "à" else "chu_q", lower)
        folded = lower.translate(_FOLD)
    if "da han " in folded or "tham dich" in folded:  # dictation: "da hạn đến", "thẩm địch"
        folded = _HEARD_AS.sub(lambda m: "gia han" if m[1] else "tham dinh", folded)
    if "con " in folded and _KIN_ADDRESS.search(folded):  # "Xong rồi đó o, hôm qua con gửi
        folded = _CON_SPEAKING.sub("em", folded)  # lên rồi": "con" (I), to an elder
    if "xin" in folded and _VACCINE.search(folded):
        folded = _VACCINE.sub("vacxin", folded)  # "tiêm vắc xin sởi": no request ("xin")
    if "thang " in folded:
        folded = _MONTH_WORD.sub(lambda m: f"thang {_MONTH_NUMBER[m.group(1)]}", folded)
    if "ngay " in folded or "mung " in folded:
        folded = _DAY_IN_WORDS.sub(_day_in_digits, folded)  # "ngày hai mươi tháng 8": 20
    if _MONTH_HINT.search(folded):
        folded = _WEEKDAY.sub(lambda m: f"thu {m[1] or m[2]}", folded)
        folded = _MONTH.sub(r"thang \1", folded)
    if "." in folded and (":/" in folded or _URL_HINT.search(folded)):
        folded = _URL.sub("link", folded)  # "drive.google.com/…": one word, not clauses
    if "[" in folded:
        folded = _PLACEHOLDER.sub(" ", folded)  # "[hình ảnh]", "[sticker]": what the chat sent
    if "phan tram" in folded and _WORDED_PERCENT.search(folded):
        folded = _WORDED_PERCENT.sub(_percent_in_digits, folded)  # "bảy chục phần trăm": 70%
    if "p." in folded:
        folded = _ROOM_DOT.sub("phong ", folded)  # "chờ p.KT gửi": phòng, not a full stop
    pieces, last, previous = [], 0, ""  # pieces: only around the words that change
    for match in _WORD.finditer(folded):
        word = written = match.group()
        if (
            word in _REGIONAL
            and not (word == "goi" and accented)  # written "gọi" (a call); "gởi" is respelt
            and (said := _regional(word, previous, folded, match.end()))
        ):
            pieces += [folded[last : match.start()], said]
            last, previous = match.end(), said
            continue
        if word in _KEEP or _as_is(word):
            previous = word
            continue
        if word == "vg" and (previous in _VG_BEFORE or _VG_AFTER.match(folded, match.end())):
            word = "vuong"  # "dg vg kp", "vg kinh phi": đang vướng kinh phí; else "vg" is "vâng"
        elif word.endswith("ng") and word[:-2].isdigit():  # "thêm 10ng": days; "thiếu 2ng": people
            word = f"{word[:-2]} {'nguoi' if previous in _PEOPLE_BEFORE else 'ngay'}"
        elif word == "ng" and previous.isdigit() and _MORE_OF.search(folded, 0, match.start()):
            word = "ngay"  # "cho e thêm 10 ng": days
        elif word[-1:] == "t" and word[:-1].isdigit() and previous in ("them", "lui", "xin"):
            word = f"{word[:-1]} tuan"  # "xin gh thêm 1t": a week
        else:
            word = _in_context(_repair(word), previous, folded, match.end())
        if word != written:
            pieces += [folded[last : match.start()], word]
            last = match.end()
        previous = word.rpartition(" ")[2]
    out = "".join([*pieces, folded[last:]]) if pieces else folded
    if " nham" in out:  # "được 40%, à nhầm, 60%": the figure said again, set right
        out = _SET_RIGHT.sub(_set_right, out)
    return out


_FIGURE = (
    r"\d{1,3}%|\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    r"|thu (?:hai|ba|tu|nam|sau|bay|[2-7])(?: (?:tuan truoc|tuan nay|tuan sau|tuan roi))?"
)
_SET_RIGHT = re.compile(
    rf"(?<![\w/])({_FIGURE})[,.]? a(?:_q)? nham[,.]? (?:ngay |la |dung ra (?:la )?)?({_FIGURE})"
    r"(?![\w/])"
)


def _set_right(m: re.Match[str]) -> str:
    """The corrected figure in place of the slip, when both are of a kind (percent, day,
    weekday); else the text as written."""

    def kind(figure: str) -> str:
        return "%" if figure.endswith("%") else "/" if "/" in figure else "thu"

    return m[2] if kind(m[1]) == kind(m[2]) else m[0]


_LOOKED_FOR = re.compile(
    r"(?<!\w)trông(?= (?:vào )?(?:bên|sở|xã|phường|phòng|các|mấy|họ|tỉnh|ubnd|vp|văn phòng"
    r"|trung tâm|văn bản"
    r"|công văn|kết quả|ý kiến|hướng dẫn|kinh phí|số liệu|tin)(?!\w))"
)
_COUNTED = re.compile(r"\d+ (?:ho so|hs|don|viec|file|ban) $")  # "8 hồ sơ …"
_VACCINE = re.compile(r"(?<!\w)vac[ -]?xin(?!\w)")
_PLACEHOLDER = re.compile(r"\[[^\]]{0,30}\]")
_PEOPLE_BEFORE = frozenset({"thieu", "can", "co", "cu", "chi", "mat", "nghi", "duoc"})


_REGIONAL = frozenset(  # words read for what they mean in a region (see ``_regional``)
    "hong hem man chi rang pending bua ngong ni rua nam lua na loi goi mo con do lien dia"
    " trong".split()
)
_AT_ONCE_AFTER = frozenset("ky nop gui lam trinh bao sua bo sung xong chuyen".split())
_END_PARTICLES = frozenset({"", "nha", "nhe", "a", "ah", "anh", "chi", "luon", "do", "lien"})
_SPELT = re.compile(r"(?<!\w)(?:gởi|nàm)(?!\w)")
_RESPELT = {"gởi": "gửi", "nàm": "làm"}
# after "gọi": a call, a name, a bid ("gọi điện", "gọi anh", "gọi thầu"), not "gởi" (gửi)
_CALLED = frozenset("cho dien dt lai hoi ten la y thau anh chi a c em nhe".split())
_MORE_OF = re.compile(r"(?:them|lui|xin|gia han) \d+ $")
_LN_AFTER = frozenset({"mot", "phan", "chung", "lua", "nua"})  # "một lửa lữa": một nửa nữa
_THIS_AFTER = frozenset(  # central "ni" (này) after what it points to: "vụ ni", "bữa ni"
    "vu viec cai bua dot nam thang tuan cho xa nguoi dip hom ngay lan ke hoach nhiem sang chieu"
    " toi ben".split()
)
_NOT_BEFORE = frozenset(  # "hông/hổng có làm được": không, before what it negates
    (
        "co lam biet duoc phai kip can sao thay nhan gui nop xong ky trien thuc bat dong ai thuoc"
        " thieu con vuong sot"  # "hổng thiếu cái nào", "hổng còn tồn cái nào": none left
    ).split()
)
_MO_AFTER = frozenset({"lam", "ai", "gi", "xong", "co"})  # "… làm mô anh": đâu, at the end
_COUNTS = frozenset("chuc muoi vai may mot hai ba bon nam sau bay tam chin".split())
_DOING = frozenset(
    {"chua", "dang", "da", "se", "khong", "moi", "phai", "can", "di", "dang_", "toi", "em", "minh"}
    | {"ai"}  # "hổng có ai mần": nobody to do it
)


_BACK_THEN = frozenset({"moi", "roi", "la", "thi", "nha", "nhe", "ha", "lien", "ky", "gui", "se"})
_SENT_INTO = frozenset({"gui", "nop", "dua", "chuyen", "up", "day", "nhap", "bo"})
_SENT_TO = frozenset(
    {"so", "phong", "ubnd", "tinh", "xa", "phuong", "van", "cong", "mail", "email"}
)


def _regional(word: str, previous: str, text: str, end: int) -> str | None:
    """Southern and central words folded into others: "hông/hổng" (không) before a verb,
    "mần" (làm) after an aspect word, "chi" (gì) after a verb and before "hết/cả"."""
    following = _LETTERS.match(text, end + 1) if text[end : end + 1] == " " else None
    after = following.group() if following else ""
    if word in ("hong", "hem") and after in _NOT_BEFORE:
        return "khong"
    if word == "man" and previous in _DOING:
        return "lam"
    # l and n swapped, as some northern officials write: "đang nàm", "xong một lửa", "nà xong"
    if (
        word == "nam"
        and previous == "dang"
        and after not in ("nay", "sau", "truoc", "ngoai", "vien", "benh", "o", "tai", "trong")
    ):  # (not "đang nằm viện", "đang nằm ở Sở": lying, where)
        return "lam"  # (only after "đang": "đã", "chưa nắm" and "Dạ năm nay" fold alike)
    if word == "lien" and previous in _AT_ONCE_AFTER and after in _END_PARTICLES:
        return "ngay"  # southern "liền" after a verb, at the end: at once ("trình ký liền")
    if word == "do" and previous == "tay" and after in ("lam", "viec"):
        return "vo"  # southern "bắt tay dô làm": vô (into)
    if word == "dia" and (after in _BACK_THEN or previous in ("di", "chay", "moi", "vua", "chua")):
        return "ve"  # southern "dìa mới ký được": về (back), not "địa" (địa chính, địa bàn)
    if word == "do" and previous in _SENT_INTO and after in _SENT_TO and previous != "day":
        return "vo"  # "gửi dô Sở hồi tuần rồi": into, not "do" (because; nor "trước đây do")
    if word == "nam" and previous == "chua" and after in ("chi", "gi", "j"):
        return "lam"  # "chưa nàm chi cả" (not "chưa nắm được")
    if word == "lua" and previous in _LN_AFTER:
        return "nua"
    if word == "na" and after in ("xong", "do", "vi", "dung", "sao"):
        return "la"
    if word == "goi" and after not in _CALLED:
        return "gui"  # southern "gởi" (gửi), not "gọi điện/gọi cho anh"
    if word == "loi" and (after == "dung" or (after == "vu" and previous in ("so", "phong"))):
        return "noi"  # "lội dung": nội dung; "sở lội vụ": Sở Nội vụ
    if word == "mo" and (
        after == "co" or (after in ("", "anh", "chi", "a", "ah") and previous in _MO_AFTER)
    ):
        return "dau"  # central "mô có ai làm mô anh": đâu (a denial), not "mở"
    if (
        word == "con"
        and after in ("lam", "bat", "trien", "xong")
        and (previous.isdigit() or previous in ("sau", "toi", "mai", "tet"))
    ):
        return "moi"  # central "để qua tháng tám còn làm": only then (mới)
    if word == "ni" and previous in _THIS_AFTER:
        return "nay"  # central "vụ ni", "bữa ni": this
    if word == "rua" and previous in ("", "la", "nhu", "vay", "the", "sao", "rang", "da"):
        return "the"  # central "rứa là xong", "răng rứa": so
    if word == "bua" and after == "thu":
        return "hom"  # "bữa thứ 2 em nộp": that day, gone by
    if word == "trong" and previous in ("con", "dang", "van") and after == "ben":
        return "doi"  # unaccented "còn trông bên Trung tâm gửi số liệu": still waiting
    if word == "ngong":
        return "doi"  # "còn ngóng mấy xã bển gửi số liệu": waiting for them
    if word == "pending" and (after in ("gi", "j", "nua") or _COUNTED.search(text, 0, end - 7)):
        return "ton"  # "có 8 hồ sơ pending bên một cửa", "ko còn pending gì": a backlog, no wait
    if word == "pending" and after in ("", "a", "ah", "nhe", "nha", "anh", "chi"):
        return "chua xong"  # "phần báo cáo vẫn pending": not done (not "pending Sở phản hồi")
    if word == "bua" and after in ("qua", "nay", "truoc", "kia", "hom"):
        return "hom"  # southern "bữa qua": hôm qua
    if word == "bua" and (previous.isdigit() or previous in _COUNTS):
        return "ngay"  # "thêm chục bữa": days
    if word == "rang" and after in ("ma", "lai", "khong", "roi", "chua"):
        return "sao"  # central "răng mà lại hỏi": why
    if word == "chi" and previous in ("lam", "co", "duoc", "biet") and after in ("", "het", "ca"):
        return "gi"
    return None


def _in_context(word: str, previous: str, text: str, end: int) -> str:
    """What a repaired word means next to its neighbours ("ht", "th", "hoan than")."""
    if word == "ht":  # hoàn thành, or hệ thống when something is broken
        following = _LETTERS.findall(text[end : end + 24])[:3]
        after = set(following)
        system = _FAULT_WORDS & after or previous in ("tren", "vao", "len")
        system = (
            system
            or (  # "ht báo chưa tiếp nhận", "ht vẫn hiện …" (not "ht báo cáo")
                following[:1] in (["bao"], ["hien"], ["van"]) and following[1:2] != ["cao"]
            )
        )
        return "he thong" if system else "hoan thanh"
    if word in ("th", "tk"):
        if previous in ("dang", "chua", "da", "se"):
            return "thuc hien" if word == "th" else "trien khai"
        return word
    if previous in PAIRS and PAIRS[previous][:-1] == word:
        return PAIRS[previous]
    return word


# the first halves' partners less their last letter: "than", "hie" (see ``_in_context``)
_TRUNCATED = frozenset(second[:-1] for second in PAIRS.values())


@lru_cache(maxsize=65536)
def _as_is(word: str) -> bool:
    """Whether ``word`` leaves the loop of ``normalise`` as written whatever stands around it
    (its ``else`` branch, for a word none of the branches before it takes); cached per word
    like ``_repair``, so that a known word costs one look-up."""
    if word in ("vg", "ng", "ht", "th", "tk") or word in _TRUNCATED:
        return False
    if (word.endswith("ng") and word[:-2].isdigit()) or (word[-1:] == "t" and word[:-1].isdigit()):
        return False
    return _repair(word) == word


@lru_cache(maxsize=65536)
def _repair(word: str) -> str:
    """A word on its own repaired (steps 1-6 of the module docstring); cached: the words of
    replies repeat."""
    if word.isdigit():
        return word
    if word in ENGLISH:
        return ENGLISH[word]
    if word[:-1].isdigit() and word[-1] == "w":  # "xin thêm 1w": weeks
        return f"{word[:-1]} tuan"
    if glued := _GLUED.match(word):
        return f"{glued[1]} {_repair(glued[2])}"
    if _VNI.match(word):
        word = _DIGITS.sub("", word)
    word = _untelex(word)
    if word in ("ht", "th", "tk"):
        return word
    if word in SHORTHAND:
        return SHORTHAND[word]
    if word in VOCABULARY:
        return word
    word = _fix_typo(word)
    if len(word) >= 5 and not _SYLLABLE.match(word):
        return _segment(word) or word
    return word


def _untelex(word: str) -> str:
    """Undo Telex keys typed with the input method off: "thuwcj" → "thuc"."""
    if len(word) > 2 and word[-1] in "sfrxj" and re.search("[aeiouy]", word[:-1]):
        word = word[:-1]  # a tone key: no Vietnamese syllable ends in s f r x j
    word = _TONE_MID.sub("", word)
    if "w" in word and (vowel := re.search("[aou]", word)) and vowel.start() < word.rindex("w"):
        word = word[: vowel.start()] + word[vowel.start() :].replace("w", "")  # aw ow uw: ă ơ ư
    if word.startswith("dd"):
        word = word[1:]
    return re.sub(r"([aeo])\1", r"\1", word)  # aa ee oo = â ê ô


def _fix_typo(word: str) -> str:
    """A doubled letter ("xongg") or, in a long word, two swapped ones ("thnah")."""
    if word in _TYPOS:
        return _TYPOS[word]
    if (squeezed := _STRETCHED.sub(r"\1", word)) != word and squeezed in VOCABULARY:
        return squeezed  # "xonggg", "okkk": a letter held down, never Vietnamese
    if len(word) < 4:
        return word
    edits = {word[:i] + word[i + 1 :] for i in range(1, len(word)) if word[i] == word[i - 1]}
    if len(word) >= 5:
        edits |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    hits = edits & VOCABULARY
    return hits.pop() if len(hits) == 1 else word


def _segment(word: str) -> str | None:
    """``word`` cut into known syllables, fewest pieces first; None when it cannot be."""
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            head, known = best[start], best[end]
            if head is not None and word[start:end] in VOCABULARY:
                if known is None or len(head) + 1 < len(known):
                    best[end] = [*head, word[start:end]]
    pieces = best[-1]
    return " ".join(pieces) if pieces and len(pieces) > 1 else None
