"""``qinglai serve``: refuses an unusable database up front; serves on 127.0.0.1 by default."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from qinglai_rules.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_serve_refuses_a_missing_database(tmp_path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1
    assert "找不到数据库文件" in result.output
    assert "Traceback" not in result.output


def test_serve_runs_the_desk_on_loopback(db_path) -> None:
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "qinglai_rules", "serve", "--db", str(db_path), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        line = ""
        deadline = time.monotonic() + 60
        while "审查台：" not in line and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
        assert line.startswith("审查台：http://127.0.0.1:"), line
        url = line.split("：", 1)[1].split()[0]
        with urllib.request.urlopen(url + "login", timeout=10) as response:
            assert response.status == 200
            assert "登录审查台" in response.read().decode("utf-8")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
