"""A real browser and Mermaid's own renderer for the tests that need them.

Both are found on the machine: Debian's `chromium` (or `RELROT_CHROMIUM`), and mermaid-cli in
the project's `.tools/` folder (`make tools`). Locally a missing tool skips its tests with a
one-line reason saying how to get it; in CI (`CI=true`) a missing tool fails them, so the
browser tests can never pass by not running.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

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
# Chromium's own calls home (component updates, sign-in), made whatever the page holds;
# fonts and other resources on these companies' hosts still count as the page's.
BROWSER_SERVICES = ("update.googleapis.com", "accounts.google.com", "clients2.google.com")


def missing(reason: str) -> None:
    """Fail in CI, where the tools are installed on purpose; skip elsewhere."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI must run the browser tests)", pytrace=False)
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


@dataclass
class Listener:
    """A TCP port that counts who connects: a proxy that answers nothing."""

    port: int
    connections: list[bytes] = field(default_factory=list)

    def page_requests(self) -> list[bytes]:
        """The requests that came from the page, not from the browser's own services."""
        return [
            request
            for request in self.connections
            if not any(host.encode() in request.split(b"\r\n")[0] for host in BROWSER_SERVICES)
        ]


@contextmanager
def counting_proxy() -> Iterator[Listener]:
    """A local port to point the browser's proxy at; every request the page makes lands
    here (and fails), so an empty count means the page fetched nothing from the network."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    listener = Listener(server.getsockname()[1])
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                client, _ = server.accept()
            except OSError:
                continue
            with client:
                client.settimeout(1)
                try:
                    listener.connections.append(client.recv(512))
                except OSError:
                    listener.connections.append(b"")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener
    finally:
        stop.set()
        thread.join()
        server.close()


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
