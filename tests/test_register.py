"""The register of a provincial office (issue 13, point 2): every Vietnamese text
addresses people as "Anh/Chị" (or "đồng chí"), the bot speaks as "Hệ thống", and
no English word slips into a Vietnamese message."""

from __future__ import annotations

import re

import pytest

import bot.texts as texts

# A Vietnamese syllable written without its marks: onset, vowel nucleus, final.
ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x|"
NUCLEUS = (
    "uye|uya|uyu|uy|ieu|ie|yeu|ye|uou|uoi|uo|ua|ue|ui|oai|oay|oa|oe|oi|ai|ao|au|ay|eo|eu|"
    "ia|iu|oo|ou|uu|a|e|i|o|u|y"
)
SYLLABLE = re.compile(rf"^({ONSET})({NUCLEUS})(ch|nh|ng|c|m|n|p|t)?$", re.IGNORECASE)
# English words that happen to spell a Vietnamese syllable.
ENGLISH_LOOKALIKES = {"the", "to", "no", "not", "on", "at", "but", "done", "please", "via"}
# What a Vietnamese text may name in ASCII: products and platforms, file formats, the
# columns and values of the files the operator writes (they are typed as shown).
NAMES = {
    # products, platforms, software
    "nhacviec",
    "telegram",
    "zalo",
    "excel",
    "sqlite",
    "aiosqlite",
    "postgresql",
    "asyncpg",
    "alembic",
    "botfather",
    "console",
    "ctrl",
    "iana",
    "asia",
    "byte",
    "token",
    "secret",
    "http",
    "https",
    "bot_id",
    "pg_dump",
    "pg_restore",
    # formats and the report's --format values
    "csv",
    "xlsx",
    "docx",
    "tsv",
    "text",
    "png",
    # the columns of the people, plan and agency files
    "full_name",
    "title",
    "agency",
    "role",
    "phone",
    "name",
    "short_code",
    "kind",
    "parent",
    "group_label",
    "member",
    "member_type",
    "deadline",
    "recurrence",
    # date patterns, command arguments, template kinds and example short codes
    "dd",
    "mm",
    "yyyy",
    "tudong",
    "z",
    "plan",
    "people",
    "agencies",
    "sonv",
    "dak",
    "quarterly",
    "month_of_quarter",
    # encodings and tools an office knows by these names
    "unicode",
    "unikey",
    "email",
    "webhook",
    "word",  # office software known by its name, beside Excel
}


def _ascii_words(text: str) -> list[str]:
    # Placeholders, `commands`, /commands, --flags, «quoted examples», URLs and paths
    # are what a person types or sees named, not prose.
    text = re.sub(
        r"\{[^}]*\}|`[^`]*`|«[^»]*»|\S*://\S*|\S*/\S*\.\w+|/\w+|--[\w-]+|nhacviec [\w-]+|<[^>]*>"
        r"|pg_dump -\w+|\b[\w-]+-client\b|Ctrl-\w|\.db\b"
        r"|\S+@\S+|\b[\w-]+(?:\.[\w-]+){2,}\b",  # an address or a host name, as typed
        " ",
        text,
    )
    words = re.findall(r"\w+", text)
    return [w for w in words if w.isascii() and not w.isdigit() and w.strip("_")]


def english_words(text: str) -> list[str]:
    words = []
    for word in _ascii_words(text):
        lower = word.lower()
        if word.isupper() and len(word) > 1:  # an acronym: CCHC, UBND, XLSX, STT
            continue
        if lower in ENGLISH_LOOKALIKES or not (SYLLABLE.match(word) or lower in NAMES):
            words.append(word)
    return words


def vietnamese() -> dict[str, str]:
    return {key: entry["vi"] for key, entry in texts.TEXTS.items()}


def test_nobody_is_called_ban_and_the_bot_never_says_toi():
    assert {k: v for k, v in vietnamese().items() if re.search(r"\bbạn\b", v, re.I)} == {}
    assert {k: v for k, v in vietnamese().items() if re.search(r"\bTôi ", v)} == {}


def test_no_english_word_in_a_vietnamese_text():
    found = {k: english_words(v) for k, v in vietnamese().items()}
    assert {k: words for k, words in found.items() if words} == {}


def test_the_check_catches_english():
    assert english_words("— unreachable: no linked chat") == ["unreachable", "no", "linked"]
    assert english_words("Đã ghi nhận 2.1: done") == ["done"]
    assert english_words("Tải tệp CSV qua Telegram, «dang lam 60%»") == []


def test_tasks_are_nhiem_vu_not_viec():
    # "việc" only inside "làm việc" (working day), "nhắc việc" (the product) and the like.
    allowed = r"(làm|nhắc|công|khóa) việc|việc (giao|nhập)"
    found = {
        k: v
        for k, v in vietnamese().items()
        if re.search(r"\bviệc\b", re.sub(allowed, "", v, flags=re.I), re.I)
    }
    assert found == {}


@pytest.fixture
def dong_chi():
    texts.use_address("dong_chi")
    yield
    texts.use_address("anh_chi")


def test_the_address_is_a_setting(dong_chi):
    welcome = texts.t("vi", "welcome", name="Nguyễn Văn A", agency="Sở Nội vụ")
    assert welcome.startswith("Kính chào đồng chí Nguyễn Văn A (Sở Nội vụ)!")
    assert "Đồng chí gửi /viec" in welcome  # a sentence starts with the capital
    assert "Anh/Chị" not in texts.t("vi", "not_linked")
    assert texts.t("en", "welcome", name="A", agency="B").startswith("Hello A (B)!")
    with pytest.raises(ValueError, match="address"):
        texts.use_address("ban")


def test_escalation_is_a_report_to_the_leader():
    text = texts.t(
        "vi",
        "nudge_escalation",
        code="3.12",
        title="Số hóa hồ sơ",
        agency="Sở Tư pháp",
        n=176,
        unit=texts.t("vi", "unit_calendar"),
    )
    assert text == (
        "🔺 Kính báo lãnh đạo: nhiệm vụ 3.12 — Số hóa hồ sơ do Sở Tư pháp chủ trì đã quá hạn "
        "176 ngày, đề nghị chỉ đạo, đôn đốc."
    )
