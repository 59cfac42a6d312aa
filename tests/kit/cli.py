"""The ``nhacviec`` console script run as a subprocess, with none of the caller's settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("nhacviec")


def run(
    cwd: Path, *args: str, env: dict | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NHACVIEC_", "TELEGRAM_", "ZALO_", "WEBHOOK_", "DATABASE_"))
    }
    return subprocess.run(
        [str(SCRIPT), *args],
        cwd=cwd,
        env=clean | (env or {}),
        capture_output=True,
        text=True,
        timeout=120,
        input=stdin or "",
    )
