"""A real browser and Mermaid's own renderer for the tests that need them.

Both are found on the machine: Debian's `chromium` (or `RELROT_CHROMIUM`), and mermaid-cli in
the project's `.tools/` folder (`make tools`). Locally a missing tool skips its tests with a
one-line reason saying how to get it; in CI (`CI=true`) a missing tool fails them, so the
browser tests can never pass by not running.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import struct
import subprocess
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

GET_CHROMIUM = "no headless browser: install Debian's chromium (`apt-get install chromium`)"
GET_MERMAID = "no mermaid-cli: run `make tools` (needs npm) to install it into .tools/"
QUIET = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-features=NetworkTimeServiceQuerying",
    "--no-pings",
)


def missing(reason: str) -> None:
    """Fail in CI, where the tools are installed on purpose; skip elsewhere."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI must run the tests that need it)", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str:
    found = os.environ.get("RELROT_CHROMIUM") or shutil.which("chromium")
    if not found:
        missing(GET_CHROMIUM)
    assert found is not None
    return found


def mermaid_cli() -> Path:
    found = ROOT / ".tools" / "node_modules" / ".bin" / "mmdc"
    if not found.exists():
        missing(GET_MERMAID)
    return found


def run_chromium(browser: str, url: str, *options: str, timeout: int = 90) -> bytes:
    """Run one headless browser in a fresh profile; returns its standard output."""
    with tempfile.TemporaryDirectory(prefix="relrot-browser-") as profile:
        done = subprocess.run(
            [browser, *QUIET, f"--user-data-dir={profile}", *options, url],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    return done.stdout


class DevTools:
    """One headless browser driven over the DevTools protocol on a pipe (fds 3 and 4), with
    no network port: the page's own requests are read from its Network domain, so what the
    browser process fetches for itself (updates, sign-in, whatever a new release adds) is
    never counted, and every host name resolves to nothing."""

    def __init__(self, browser: str, profile: str) -> None:
        to_browser, self._commands = os.pipe()
        self._events, from_browser = os.pipe()

        def onto_fds_3_and_4() -> None:
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        self.process = subprocess.Popen(
            [
                browser,
                *QUIET,
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # dup2 leaves fds 3 and 4 inheritable; everything Python opened is not, so
            # nothing else reaches the browser even without close_fds.
            close_fds=False,
            preexec_fn=onto_fds_3_and_4,  # noqa: PLW1509 - the child runs no Python threads
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0

    def send(self, method: str, session: str | None = None, **params: object) -> int:
        self._next_id += 1
        message: dict[str, object] = {"id": self._next_id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        return self._next_id

    def messages(self, timeout: float) -> Iterator[dict[str, Any]]:
        """Every message the browser sends, until it closes the pipe or falls silent."""
        while True:
            while b"\0" not in self._buffer:
                ready, _, _ = select.select([self._events], [], [], timeout)
                chunk = os.read(self._events, 1 << 16) if ready else b""
                if not chunk:
                    return
                self._buffer += chunk
            message, self._buffer = self._buffer.split(b"\0", 1)
            yield json.loads(message)

    def call(self, method: str, session: str | None = None, **params: object) -> dict[str, Any]:
        sent = self.send(method, session, **params)
        for message in self.messages(timeout=60):
            if message.get("id") == sent:
                assert "error" not in message, message
                return dict(message.get("result", {}))
        raise AssertionError(f"the browser did not answer {method}")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._events)


def page_requests(browser: str, url: str) -> list[str]:
    """The URLs the page at `url` asks for while it loads (the document itself left out): its
    images, stylesheets, fonts, imports, scripts and frames, whether they load or fail."""
    with tempfile.TemporaryDirectory(prefix="relrot-browser-") as profile:
        tools = DevTools(browser, profile)
        try:
            target = tools.call("Target.createTarget", url="about:blank")["targetId"]
            session = tools.call("Target.attachToTarget", targetId=target, flatten=True)[
                "sessionId"
            ]
            tools.call("Network.enable", session)
            tools.call("Page.enable", session)
            tools.send("Page.navigate", session, url=url)
            requested: dict[str, str] = {}
            settled: set[str] = set()
            loaded = False
            for message in tools.messages(timeout=60):
                if message.get("sessionId") != session:
                    continue
                method, params = message.get("method"), message.get("params", {})
                if method == "Network.requestWillBeSent":
                    requested[params["requestId"]] = params["request"]["url"]
                elif method in ("Network.loadingFinished", "Network.loadingFailed"):
                    settled.add(params["requestId"])
                elif method == "Page.loadEventFired":
                    loaded = True
                if loaded and settled >= requested.keys():
                    break
            assert loaded, "the page never finished loading"
        finally:
            tools.close()
    return [found for found in requested.values() if found != url]


def render_mermaid(source: str, folder: Path) -> Path:
    """Render Mermaid text to SVG with mermaid-cli in the same browser; fails on a parse
    error with Mermaid's own message."""
    tool = mermaid_cli()
    config = folder / "puppeteer.json"
    config.write_text(
        json.dumps({"executablePath": chromium_path(), "args": ["--no-sandbox", *QUIET[1:]]}),
        encoding="utf-8",
    )
    given, drawn = folder / "chart.mmd", folder / "chart.svg"
    given.write_text(source, encoding="utf-8")
    done = subprocess.run(
        [str(tool), "--puppeteerConfigFile", str(config), "-i", str(given), "-o", str(drawn)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return drawn


def png_pixels(data: bytes) -> list[bytes]:
    """The pixels of an 8-bit RGB or RGBA PNG (what Chromium writes), one bytes per pixel."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks, header = 8, [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8, f"unexpected PNG bit depth {depth}"
    assert colour in (2, 6), f"unexpected PNG colour type {colour}"
    size = 4 if colour == 6 else 3
    raw = zlib.decompress(b"".join(chunks))
    stride = width * size
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up = previous[i]
            corner = previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                near = min(
                    (abs(guess - left), 0, left),
                    (abs(guess - up), 1, up),
                    (abs(guess - corner), 2, corner),
                )[2]
                line[i] = (line[i] + near) & 0xFF
        rows.append(line)
        previous = line
    return [bytes(row[x : x + size]) for row in rows for x in range(0, stride, size)]
