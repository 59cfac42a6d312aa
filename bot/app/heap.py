"""The start-up heap kept out of the garbage collector's full passes.

A full (generation 2) collection walks every tracked object and holds the loop the
whole time: with SQLAlchemy's metadata, PTB, the holidays tables and the plan's
first reads that is about 200,000 objects, 100-200 ms a pass, several passes a
minute while replies and nudges pour in. What is alive once the service has started
lives as long as the process, so it is collected once and frozen
(``gc.freeze``): later full passes walk only what came after.
"""

from __future__ import annotations

import gc


def settle() -> int:
    """Collect, then freeze what survived; the number of objects frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def release() -> None:
    """The frozen objects back to the collector (a process opening services again)."""
    gc.unfreeze()
