"""The ``nhacviec`` console script run as a subprocess, with none of the caller's settings."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("nhacviec")


OURS = ("NHACVIEC_", "TELEGRAM_", "ZALO_", "WEBHOOK_", "DATABASE_")


def clean_env(**values: str) -> dict[str, str]:
    """The caller's environment without any setting of ours, plus ``values``."""
    return {k: v for k, v in os.environ.items() if not k.startswith(OURS)} | values


def run(
    cwd: Path, *args: str, env: dict | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess:
    clean = clean_env()
    return subprocess.run(
        [str(SCRIPT), *args],
        cwd=cwd,
        env=clean | (env or {}),
        capture_output=True,
        text=True,
        timeout=120,
        input=stdin or "",
    )


async def start_run(
    cwd: Path, env: dict, *, stdout: int = asyncio.subprocess.DEVNULL
) -> asyncio.subprocess.Process:
    """``nhacviec run`` in the background, ``env`` its whole environment; stderr piped."""
    return await asyncio.create_subprocess_exec(
        str(SCRIPT), "run", cwd=cwd, env=env, stdout=stdout,
        stderr=asyncio.subprocess.PIPE, stdin=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


async def call(cwd: Path, env: dict, *args: str) -> tuple[int, str, str]:
    """``nhacviec ARGS`` from async code, with ``env`` as the whole environment:
    (exit status, stdout, stderr)."""
    process = await asyncio.create_subprocess_exec(
        str(SCRIPT), *args, cwd=cwd, env=env, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, stdin=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def call_ok(cwd: Path, env: dict, *args: str) -> str:
    """``call`` that must succeed: its stdout."""
    code, out, err = await call(cwd, env, *args)
    assert code == 0, err
    return out
