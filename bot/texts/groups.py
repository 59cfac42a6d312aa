"""The seven task groups of a provincial CCHC plan (SPEC.md "Who it is for").

``group_{n}``: the group's name; ``group_short_{n}``: the chart's shorter one.
"""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    # group_{n}
    "group_1": {
        "vi": "Công tác chỉ đạo, điều hành và thông tin, tuyên truyền CCHC",
        "en": "Direction, management and communication of CCHC",
    },
    "group_2": {"vi": "Cải cách thể chế", "en": "Institutional reform"},
    "group_3": {
        "vi": "Cải cách thủ tục hành chính",
        "en": "Administrative-procedure (TTHC) reform",
    },
    "group_4": {
        "vi": "Cải cách tổ chức bộ máy hành chính nhà nước",
        "en": "Reform of the state administrative apparatus",
    },
    "group_5": {"vi": "Cải cách chế độ công vụ", "en": "Civil-service reform"},
    "group_6": {"vi": "Cải cách tài chính công", "en": "Public-finance reform"},
    "group_7": {
        "vi": "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
        "en": "E-government and digital government",
    },
    # group_short_{n}
    "group_short_1": {
        "vi": "Chỉ đạo, điều hành, tuyên truyền CCHC",
        "en": "Direction and communication",
    },
    "group_short_2": {"vi": "Cải cách thể chế", "en": "Institutional reform"},
    "group_short_3": {"vi": "Cải cách thủ tục hành chính", "en": "Administrative procedures"},
    "group_short_4": {"vi": "Cải cách tổ chức bộ máy", "en": "Administrative apparatus"},
    "group_short_5": {"vi": "Cải cách chế độ công vụ", "en": "Civil service"},
    "group_short_6": {"vi": "Cải cách tài chính công", "en": "Public finance"},
    "group_short_7": {
        "vi": "Chính quyền điện tử, chính quyền số",
        "en": "E-government, digital government",
    },
}
