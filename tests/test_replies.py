"""Reply parsing: the table of replies from shared/reference/status-language.md, and more."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.understanding.replies import ParsedReply, normalise, parse_reply
from storage.enums import Status

TODAY = date(2024, 6, 10)
DEADLINE = date(2024, 6, 20)

D, IP, B, X, NS = (
    Status.DONE,
    Status.IN_PROGRESS,
    Status.BLOCKED,
    Status.EXTENSION_REQUESTED,
    Status.NOT_STARTED,
)


def d(day: int, month: int, year: int = 2024) -> date:
    return date(year, month, day)


# (reply, status, percent, new deadline); today is 10/6/2024, the current deadline 20/6/2024.
TABLE = [
    # done: diacritics, none, shorthand, polite forms
    ("Đã hoàn thành", D, None, None),
    ("đã hoàn thành ạ", D, None, None),
    ("hoàn thành", D, None, None),
    ("da hoan thanh", D, None, None),
    ("hoan thanh r", D, None, None),
    ("Xong", D, None, None),
    ("xong r a", D, None, None),
    ("xog", D, None, None),
    ("ht", D, None, None),
    ("HT r", D, None, None),
    ("Dạ em đã gửi BC rồi ạ", D, None, None),
    ("da gui bc roi a", D, None, None),
    ("Đã ban hành QĐ", D, None, None),
    ("đã nộp hồ sơ", D, None, None),
    ("Đã cập nhật lên HT", D, None, None),
    ("done", D, None, None),
    ("ok done", D, None, None),
    ("Đã gửi báo cáo cho Sở Nội vụ", D, None, None),
    ("da gui bc cho so noi vu", D, None, None),
    ("Đã ban hành KH số 45/KH-UBND ngày 15/3/2024", D, None, None),
    ("đã hoàn thành 100%", D, 100, None),
    ("100%", D, 100, None),
    ("Đã hoàn thành 10/10 xã", D, None, None),
    ("Đã gửi qua trục liên thông ngày 2/3", D, None, None),
    ("dạ xong rồi anh", D, None, None),
    # typos and raw Telex
    ("hoan thnah", D, None, None),
    ("xongg", D, None, None),
    ("ddax hoanf thanhf", D, None, None),
    ("xong rooif", D, None, None),
    ("hoàn thàh", D, None, None),
    ("ddang thuwcj hieenj", IP, None, None),
    ("dnag lam", IP, None, None),
    ("vuwowngs macws kinh phis", B, None, None),
    # in progress
    ("đang thực hiện", IP, None, None),
    ("dang thuc hien", IP, None, None),
    ("dang th", IP, None, None),
    ("đang làm", IP, None, None),
    ("dag lam", IP, None, None),
    ("Đang triển khai", IP, None, None),
    ("đang tổng hợp số liệu", IP, None, None),
    ("Đang hoàn thiện dự thảo", IP, None, None),
    ("đang trình ký", IP, None, None),
    ("Đang chờ lãnh đạo ký", IP, None, None),
    ("dang lam 70%", IP, 70, None),
    ("dc 70%", IP, 70, None),
    ("đạt 70 %", IP, 70, None),
    ("70%", IP, 70, None),
    ("được 70 phần trăm", IP, 70, None),
    ("~60%", IP, 60, None),
    ("tầm 40% ạ", IP, 40, None),
    ("đã hoàn thành 80% khối lượng", IP, 80, None),
    ("sắp xong", IP, None, None),
    ("gần xong rồi", IP, None, None),
    ("e đang làm ạ", IP, None, None),
    ("Đã xin ý kiến các sở, đang tổng hợp", IP, None, None),
    # traps
    ("đã nhận", None, None, None),
    ("da nhan", None, None, None),
    ("ok", None, None, None),
    ("ok e", None, None, None),
    ("Vâng ạ", None, None, None),
    ("Dạ", None, None, None),
    ("đã triển khai", IP, None, None),
    ("Đã triển khai tới các phòng", IP, None, None),
    ("cơ bản hoàn thành", IP, None, None),
    ("co ban xong", IP, None, None),
    ("dự thảo xong", IP, None, None),
    ("Đã xong dự thảo, đang lấy ý kiến", IP, None, None),
    ("Đã gửi nhưng bị trả lại để chỉnh sửa", IP, None, None),
    ("da gui BC nhung bi tra lai", IP, None, None),
    ("HT lỗi", B, None, None),
    ("HT đang bị lỗi không gửi được", B, None, None),
    ("hệ thống lỗi", B, None, None),
    ("Đã HT nhưng HT DVC lỗi", B, None, None),
    ("Đã hoàn thành 2/3 nội dung", IP, None, None),
    ("xong 1.200/2.000 hồ sơ", IP, None, None),
    ("2/3 nội dung", None, None, None),
    ("10/10 xã", None, None, None),
    ("không có vướng mắc, đang triển khai", IP, None, None),
    ("ko vuong mac gi, xong r", D, None, None),
    ("chưa xong", IP, None, None),
    ("chua xong a", IP, None, None),
    ("chưa làm xong", IP, None, None),
    ("chưa hoàn thành", IP, None, None),
    ("Đã gửi chưa ạ?", None, None, None),
    ("Thời gian hoàn thành là 30/6 ạ", None, None, None),
    ("Việc này không thuộc chức năng của Sở em", None, None, None),
    ("khong phai nhiem vu cua don vi em, de nghi chuyen STP thuc hien", None, None, None),
    ("đã được gia hạn đến 30/6, đang làm", IP, None, None),
    ("Không cần gia hạn, tuần sau xong", IP, None, None),
    # not started
    ("chưa triển khai", NS, None, None),
    ("chua trien khai", NS, None, None),
    ("chưa thực hiện", NS, None, None),
    ("chưa làm", NS, None, None),
    ("chua bat dau", NS, None, None),
    ("0%", NS, 0, None),
    ("Tuần sau mới bắt đầu", NS, None, None),
    ("Đã nhận, sẽ triển khai", NS, None, None),
    # blocked
    ("vướng mắc do chưa có kinh phí", B, None, None),
    ("gặp vướng mắc", B, None, None),
    ("vuong kinh phi", B, None, None),
    ("vm", B, None, None),
    ("khó khăn về nhân lực", B, None, None),
    ("kho khan", B, None, None),
    ("Chưa có hướng dẫn của Bộ", B, None, None),
    ("thiếu kinh phí", B, None, None),
    ("Đang chờ ý kiến của Sở Tư pháp", B, None, None),
    ("cho y kien STP", B, None, None),
    ("đang chờ số liệu các xã gửi về", B, None, None),
    ("chờ Sở TC cấp kinh phí", B, None, None),
    ("chưa có người làm", B, None, None),
    ("Đang làm 50% thì vướng kinh phí", B, 50, None),
    ("chưa triển khai được do thiếu kinh phí", B, None, None),
    # extension requests and dates
    ("xin gia hạn đến 30/6", X, None, d(30, 6)),
    ("xin gia han den 30/6", X, None, d(30, 6)),
    ("xin gia hạn đến 30-6", X, None, d(30, 6)),
    ("xin gia han den 20.9", X, None, d(20, 9)),
    ("Xin gia hạn đến ngày 30/06/2024", X, None, d(30, 6)),
    ("đề nghị gia hạn đến ngày 15 tháng 7", X, None, d(15, 7)),
    ("xin gia hạn đến 15 thang 7 nam 2024", X, None, d(15, 7)),
    ("xin lùi sang 15/7", X, None, d(15, 7)),
    ("xin lui sang hết tháng 8/2024", X, None, d(31, 8)),
    ("Xin gia hạn đến hết quý 3", X, None, d(30, 9)),
    ("xin gia han den het quy III", X, None, d(30, 9)),
    ("cho em xin đến cuối tháng", X, None, d(30, 6)),
    ("cho e xin den cuoi thang 7", X, None, d(31, 7)),
    ("xin gia hạn đến cuối tháng sau", X, None, d(31, 7)),
    ("xin thêm 10 ngày", X, None, d(30, 6)),
    ("Cho em thêm 1 tuần nữa ạ", X, None, d(27, 6)),
    ("xin thêm 10 ngày làm việc", X, None, None),
    ("đề nghị gia hạn", X, None, None),
    ("xin gh", X, None, None),
    ("xin gia hạn đến 31/6", X, None, None),
    ("xin gia hạn đến đầu tháng sau", X, None, None),
    ("Xin gia hạn đến trước Tết", X, None, d(28, 1, 2025)),  # the eve of Tết 2025
    ("Theo VB số 215/SNV-CCHC ngày 12/3, xin gia hạn đến 15/7", X, None, d(15, 7)),
    ("KH số 45/KH-UBND ngày 15/3/2024 giao, em xin lùi đến 30/9", X, None, d(30, 9)),
    ("Xin gia hạn, mới xong 2/3 nội dung", X, None, None),
    ("xin lùi từ 20/6 sang 5/7", X, None, d(5, 7)),
    ("Hạn 20/6, xin gia hạn đến 10/7", X, None, d(10, 7)),
    ("vướng kinh phí, xin gia hạn đến 30/9", X, None, d(30, 9)),
    ("đã được 60%, xin gia hạn đến 30/6", X, 60, d(30, 6)),
    ("Xin gia hạn đến 30/6/2025", X, None, d(30, 6, 2025)),
    ("xin gia han 30/6", X, None, d(30, 6)),
    ("xin gia hạn đến 15/1", X, None, d(15, 1, 2025)),
    ("Xin được gia hạn đến 30/6 ạ", X, None, d(30, 6)),
    ("xin keo dai thoi han den 25/6", X, None, d(25, 6)),
    ("Do chờ số liệu nên cần thêm thời gian, xin đến 28/6", X, None, d(28, 6)),
    ("xin lui 1 tuan", X, None, d(27, 6)),
    ("Xin lùi hạn sang tháng 8", X, None, d(31, 8)),
    ("cho lùi sang quý 4", X, None, d(31, 12)),
    ("đề nghị cho lùi thời hạn đến 15/8/2024", X, None, d(15, 8)),
    ("xin gia han den 30/6 duoc khong a?", X, None, d(30, 6)),
    ("gia hạn được không anh?", X, None, None),
    # more of each
    ("Đã phát hành văn bản", D, None, None),
    ("Đạt 100% chỉ tiêu", D, 100, None),
    ("Châu đang làm", IP, None, None),
    ("Xong 90%", IP, 90, None),
    ("Tiến độ: 45 %", IP, 45, None),
    ("đã làm được 3/5 xã", IP, None, None),
    ("Đang chờ LĐ duyệt", IP, None, None),
    ("Đã trình lãnh đạo", IP, None, None),
    ("Vướng mắc đã được giải quyết, đang làm", IP, None, None),
    ("dang cho so tc", B, None, None),
    ("chờ UBND tỉnh phê duyệt", B, None, None),
    ("Không hoàn thành được do thiếu người", B, None, None),
    ("Đã ký nhận văn bản", None, None, None),
    ("đã được gia hạn rồi", None, None, None),
    ("khong can gia han", None, None, None),
    ("Em đã chuyển cho đồng chí phụ trách", None, None, None),
    ("khi nào hạn ạ?", None, None, None),
]


@pytest.mark.parametrize(("text", "status", "percent", "new_date"), TABLE)
def test_reply_table(text, status, percent, new_date):
    parsed = parse_reply(text, today=TODAY, current_deadline=DEADLINE)
    assert (parsed.status, parsed.percent, parsed.new_date) == (status, percent, new_date)
    assert parsed.understood is (status is not None or percent is not None)


def test_table_is_large_and_covers_every_status():
    assert len(TABLE) >= 100
    assert {row[1] for row in TABLE} == {*Status, None}


def test_relative_days_need_the_current_deadline():
    assert parse_reply("xin thêm 10 ngày", today=TODAY).new_date is None


def test_next_year_when_date_is_far_in_the_past():
    parsed = parse_reply("xin gia han den 15/1", today=date(2024, 12, 20))
    assert parsed.new_date == date(2025, 1, 15)
    parsed = parse_reply("xin gia han den cuoi thang", today=date(2024, 2, 3))
    assert parsed.new_date == date(2024, 2, 29)


def test_a_date_equal_to_the_current_deadline_is_not_the_new_one():
    parsed = parse_reply("hạn 20/6 ạ, xin gia hạn đến 5/7", today=TODAY, current_deadline=DEADLINE)
    assert parsed.new_date == date(2024, 7, 5)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("vướng mắc do chưa có kinh phí", "chưa có kinh phí"),
        ("Xin gia hạn đến 30/6 vì chờ số liệu của Sở Tài chính ạ", "chờ số liệu của Sở Tài chính"),
        ("Xin gia hạn đến 30/6, chưa có số liệu của các xã ạ", "chưa có số liệu của các xã"),
        ("Lý do: hệ thống lỗi, xin lùi sang 15/7", "hệ thống lỗi, xin lùi sang 15/7"),
        ("Dạ HT đang lỗi không gửi được ạ", "HT đang lỗi không gửi được"),
        ("Báo cáo anh, thiếu kinh phí.", "thiếu kinh phí"),
        ("xin gia han den 30/6", ""),
        ("Xin gia hạn, đến 30/6 ạ. Em cảm ơn", ""),
        ("đã hoàn thành", ""),
        ("đang làm 70%", ""),
    ],
)
def test_reason_keeps_the_original_text(text, reason):
    assert parse_reply(text, today=TODAY).reason == reason


@pytest.mark.parametrize(
    "text", ["", "   ", "👍", "🙏🙏", "???", "abc xyz", "30/6", "123", "Dạ vâng", "☺️ ok ạ"]
)
def test_garbage_is_not_understood(text):
    assert parse_reply(text, today=TODAY) == ParsedReply(None, None, None, "", False)


def test_normalise_repairs_telex_typos_and_shorthand():
    assert normalise("ddang thuwcj hieenj") == "dang thuc hien"
    assert normalise("Dạ HT r ạ") == "da hoan thanh roi a"
    assert normalise("HT lỗi") == "he thong loi"
    assert normalise("45/KH-UBND") == "45/kh-ubnd"  # document numbers untouched


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.dates(), st.one_of(st.none(), st.dates()))
def test_parse_reply_never_raises(text, today, deadline):
    parsed = parse_reply(text, today=today, current_deadline=deadline)
    assert parsed.understood or parsed.status is None


_PIECES = st.sampled_from(
    ["xin gia hạn đến", "hết quý", "cuối tháng", "thêm", "ngày", "tháng", "năm", " ", "/", ".",
     "-", "%", "31", "6", "0", "99", "2024", "9999", "ht", "chờ", "chưa", "xong", "vì", "ạ"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=20).map(" ".join), st.dates(), st.one_of(st.none(), st.dates()))
def test_parse_reply_never_raises_on_date_like_text(text, today, deadline):
    parse_reply(text, today=today, current_deadline=deadline)
