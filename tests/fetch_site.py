"""A ministry-like web site served on 127.0.0.1 for the fetch tests (a real server, no mocked transport).

    /press/index.html             release index: three releases, an article, an old release, furniture links
    /bare/index.html              an index that is a list of links alone (no text to read)
    /press/2025-03-0N-*.html      releases; 1 and 2 attach a PDF fact sheet (made with reportlab)
    /files/*.pdf                  the fact sheets
    /news/article.html            a news article
    /private/secret.html          disallowed by robots.txt
    /flaky/<id>                   503 (Retry-After: 0) twice, then 200
    /down/<id>                    503 without Retry-After, always
    /ratelimited/<id>             429 with Retry-After: 7 once, then 200
    /slow                         answers after `slow_seconds` (longer than a test's read timeout)
    /loop/a <-> /loop/b           a redirect loop; /chain/<n> redirects to /chain/<n+1> forever
    /redirect                     302 to release 1;  /redirect-ftp  302 to an ftp:// URL
    /big, /big-declared           2 MB bodies, without and with a Content-Length
    /etag/<id>                    ETag + Last-Modified; answers 304 to a matching If-None-Match
    /notfound                     404
Every request is counted per path (`hits`), and full bodies sent per path (`bodies`).
"""

from __future__ import annotations

import io
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
LAST_MODIFIED = "Mon, 03 Mar 2025 09:00:00 GMT"
PDF_SENTENCES = {
    "factsheet-transformers.pdf": (
        "Fact Sheet: Investment in the Power Grid",
        "Example Heavy Industries Corp. plans to invest up to $2 billion in a transformer plant in Ohio.",
    ),
    "factsheet-cables.pdf": (
        "Fact Sheet: Cable Manufacturing",
        "Northwind Cable Systems Inc. will invest $500 million to build a cable factory in Texas.",
    ),
}


def make_pdf(title: str, sentence: str) -> bytes:
    """A one-page PDF fact sheet with a title and one sentence."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, 770, title)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 740, "March 3, 2025")
    pdf.drawString(72, 710, sentence)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _page(title: str, body: str) -> bytes:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Ministry of Example Affairs</title></head>
<body>
<header><a href="/">Ministry of Example Affairs</a></header>
<nav><ul><li><a href="/about.html">About</a></li><li><a href="/contact.html">Contact</a></li></ul></nav>
<main><article><h1>{title}</h1>
{body}
</article></main>
<footer><a href="/privacy.html">Privacy</a> <a href="https://elsewhere.example/">Partner site</a></footer>
</body></html>""".encode()


RELEASES = {
    "/press/2025-03-01-grid-investment.html": _page(
        "Ministry welcomes investment in transformer manufacturing",
        """<p class="date">March 1, 2025</p>
<p>The Ministry today welcomed plans by Example Heavy Industries to expand transformer manufacturing
in the United States. The company plans to invest up to $2 billion in a new plant in Ohio, which is
expected to create 800 jobs.</p>
<p>Details are in the <a href="/files/factsheet-transformers.pdf">fact sheet (PDF)</a>.</p>""",
    ),
    "/press/2025-03-02-cable-plant.html": _page(
        "New cable factory announced",
        """<p class="date">March 2, 2025</p>
<p>Northwind Cable Systems will build a cable factory in Texas, the Ministry said.</p>
<p><a href="/files/factsheet-cables.pdf">Download the fact sheet</a></p>
<p>See also <a href="/press/2025-03-01-grid-investment.html">yesterday's release</a>.</p>""",
    ),
    "/press/2025-03-03-trade-talks.html": _page(
        "Trade talks conclude",
        """<p class="date">March 3, 2025</p>
<p>The Minister concluded two days of trade talks with counterparts from partner economies. The talks
covered supply chains, standards and the training of engineers, and will continue in the autumn.</p>""",
    ),
    "/press/2019-05-01-old-release.html": _page(
        "An old release",
        "<p>Northwind Cable Systems opened an office in 2019; it did not announce any investment.</p>",
    ),
}

INDEX = _page(
    "Press releases",
    """<ul class="releases">
<li><span>2025-03-03</span> <a href="/press/2025-03-03-trade-talks.html">Trade talks conclude</a></li>
<li><span>2025-03-02</span> <a href="/press/2025-03-02-cable-plant.html">New cable factory</a></li>
<li><span>2025-03-01</span> <a href="2025-03-01-grid-investment.html#top">Welcome to investment</a></li>
<li><span>2025-03-04</span> <a href="/news/article.html">In the news: the grid build-out</a></li>
<li><span>2019-05-01</span> <a href="/press/2019-05-01-old-release.html">An old release</a></li>
</ul>
<p><a href="/private/secret.html">Internal notes</a> <a href="/images/logo.png">Logo</a></p>""",
)

# A bare index, as many sites have: a list of links and nothing else to read.
BARE_INDEX = b"""<!DOCTYPE html><html><head><title>Releases</title></head><body><ul>
<li><a href="/press/2025-03-02-cable-plant.html">2025-03-02</a></li>
<li><a href="/files/factsheet-cables.pdf">Fact sheet (PDF)</a></li>
</ul></body></html>"""

ARTICLE = _page(
    "Grid makers race to expand",
    """<p>By A. Reporter, March 4, 2025</p>
<p>Example Heavy Industries said on Tuesday it would spend up to $2 billion on a transformer plant in
Ohio, the largest of several grid-equipment projects announced this year.</p>
<p>Analysts said demand for transformers has outstripped supply since 2022.</p>""",
)

ETAG_BODY = _page("A page that does not change", "<p>The same words on every visit, for the cache test.</p>")


class _QuietServer(ThreadingHTTPServer):
    """A server that does not print the resets of clients that hang up early (they do, at a limit)."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class FetchSite:
    """The running site: its base URL, hit counters and knobs the tests may turn."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.bodies: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self.slow_seconds = 5.0
        self.release = threading.Event()  # set at shutdown so a slow answer does not hold the thread
        self.pdfs = {name: make_pdf(*lines) for name, lines in PDF_SENTENCES.items()}
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        """The absolute URL of a path on this site."""
        return self.base + path

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and release the socket."""
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def count(self, path: str, body: bool) -> int:
        """Count a request (and a full body sent); returns the request number for this path."""
        with self._lock:
            self.hits[path] += 1
            if body:
                self.bodies[path] += 1
            return self.hits[path]


def _handler_for(site: FetchSite) -> type[BaseHTTPRequestHandler]:  # noqa: C901 - one branch a page
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            """Keep the test output quiet."""

        def send(
            self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **hdrs: str
        ) -> None:
            site.count(self.path, bool(body))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            for name, value in hdrs.items():
                self.send_header(name.replace("_", "-"), value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client stopped reading at its limit, as it should

        def redirect(self, location: str, status: int = 302) -> None:
            self.send(status, Location=location)

        def do_GET(self) -> None:  # noqa: C901 - one branch per test page is the clearest map
            path = self.path
            site.user_agents.append(self.headers.get("User-Agent", ""))
            if path == "/robots.txt":
                self.send(200, ROBOTS, "text/plain")
            elif path == "/press/index.html":
                self.send(200, INDEX)
            elif path == "/bare/index.html":
                self.send(200, BARE_INDEX)
            elif path in RELEASES:
                self.send(200, RELEASES[path])
            elif path.startswith("/files/") and path[7:] in site.pdfs:
                self.send(200, site.pdfs[path[7:]], "application/pdf")
            elif path == "/news/article.html":
                self.send(200, ARTICLE)
            elif path.startswith("/private/"):
                self.send(200, _page("Secret", "<p>Nobody should fetch this.</p>"))
            elif path.startswith("/flaky/"):
                if site.hits[path] < 2:
                    self.send(503, b"", Retry_After="0")
                else:
                    self.send(200, _page("Back again", "<p>The service recovered after two failures.</p>"))
            elif path.startswith("/down/"):
                self.send(503, b"")
            elif path.startswith("/ratelimited/"):
                if site.hits[path] < 1:
                    self.send(429, b"", Retry_After="7")
                else:
                    self.send(200, _page("Rate limit over", "<p>Thank you for waiting as asked.</p>"))
            elif path == "/slow":
                site.release.wait(site.slow_seconds)
                self.send(200, _page("Slow", "<p>Finally.</p>"))
            elif path == "/loop/a":
                self.redirect("/loop/b")
            elif path == "/loop/b":
                self.redirect("/loop/a")
            elif path.startswith("/chain/"):
                self.redirect(f"/chain/{int(path[7:]) + 1}", 301)
            elif path == "/redirect":
                self.redirect("/press/2025-03-01-grid-investment.html")
            elif path == "/redirect-ftp":
                self.redirect("ftp://127.0.0.1/file.txt")
            elif path == "/big-declared":
                self.send(200, b"x" * 2_000_000, "text/plain")
            elif path == "/big":
                self.stream_without_length(2_000_000)
            elif path.startswith("/etag/"):
                self.conditional(path)
            else:
                self.send(404, b"", Connection="close")

        def stream_without_length(self, size: int) -> None:
            site.count(self.path, True)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            chunk = b"y" * 65536
            try:
                for _ in range(size // len(chunk)):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading at its limit, as it should

        def conditional(self, path: str) -> None:
            etag = f'"{path.rsplit("/", 1)[-1]}-v1"'
            if self.headers.get("If-None-Match") == etag:
                self.send(304, b"", ETag=etag, Last_Modified=LAST_MODIFIED)
            else:
                self.send(200, ETAG_BODY, ETag=etag, Last_Modified=LAST_MODIFIED)

    return Handler
