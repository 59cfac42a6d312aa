"""The seven task groups of a provincial CCHC plan (SPEC.md "Who it is for").

Storage knows them by number; their names are texts (``bot.texts``,
``group_1`` … ``group_7``), passed in where a plan records them.
"""

from __future__ import annotations

GROUP_NUMBERS = tuple(range(1, 8))
