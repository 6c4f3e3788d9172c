"""Fetching connects to the address it checked: pinned addresses (DNS rebinding defeated) with Host and
SNI kept, IPv4 addresses inside IPv6 ones judged, and proxies from the environment only when asked for.

Every server is real and listens on 127.0.0.1 (one on 127.0.0.2, the address a rebinding DNS would
point to). Names under .example.test never resolve in DNS: only the fetcher's own resolver knows them.
"""

from __future__ import annotations

import datetime
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from pipeline.acquire.fetch import Fetcher
from pipeline.acquire.transport import AddressPins, AddressRefused, PinnedTransport, is_public_address
from pipeline.config import FetchSettings
from pipeline.errors import AcquireError

FAST = FetchSettings(allow_private=True, rate_per_host=0, backoff=0.001, connect_timeout=2, read_timeout=2)
PAGE = b"<html><body><article><p>Served by {who}.</p></article></body></html>"


class Server:
    """A small site on one address: it answers every GET with its name and records the Host headers."""

    def __init__(self, name: str, address: str = "127.0.0.1", port: int = 0) -> None:
        self.name = name
        self.hosts: list[str] = []
        self.paths: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                """Quiet."""

            def do_GET(self) -> None:
                server.hosts.append(self.headers.get("Host", ""))
                server.paths.append(self.path)
                body = PAGE.replace(b"{who}", server.name.encode())
                if self.path.endswith("/robots.txt"):
                    body = b"User-agent: *\nAllow: /\n"
                self.send_response(200)
                self.send_header("Content-Type", "text/html" if b"<html" in body else "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer((address, port), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class Answers:
    """A resolver that answers a name with `first`, then with `later` (what a rebinding DNS does)."""

    def __init__(self, name: str, first: list[str], later: list[str] | None = None) -> None:
        self.name, self.first, self.later = name, first, later if later is not None else first
        self.calls = 0

    def __call__(self, host: str, port: int) -> list[str]:
        if host != self.name:
            raise OSError(f"{host}: no such host")
        self.calls += 1
        return self.first if self.calls == 1 else self.later


def test_connections_go_to_the_checked_address_with_the_name_kept_in_host() -> None:
    with Server("the ministry") as ministry, Server("a box inside", "127.0.0.2", ministry.port) as inside:
        answers = Answers("ministry.example.test", ["127.0.0.1"], later=["127.0.0.2"])
        with Fetcher(FAST, resolve=answers) as fetcher:
            pages = [
                fetcher.fetch(f"http://ministry.example.test:{ministry.port}/press/{n}") for n in (1, 2, 3)
            ]
    assert all(b"Served by the ministry." in page.content for page in pages)
    # robots.txt and three pages, on one answer: the later (rebound) answers were never asked for or used
    assert answers.calls == 1
    assert ministry.paths == ["/robots.txt", "/press/1", "/press/2", "/press/3"]
    assert set(ministry.hosts) == {f"ministry.example.test:{ministry.port}"}
    assert inside.paths == []


def test_the_transport_itself_refuses_a_private_answer() -> None:
    with Server("a box inside") as inside:
        pins = AddressPins(Answers("rebind.example.test", ["127.0.0.1"]), allow_private=False)
        with httpx.Client(transport=PinnedTransport(pins)) as client, pytest.raises(AddressRefused):
            client.get(f"http://rebind.example.test:{inside.port}/")
    assert inside.paths == []


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("2002:7f00:1::1", False),  # 6to4 of 127.0.0.1
        ("2002:a9fe:a9fe::1", False),  # 6to4 of 169.254.169.254 (cloud metadata)
        ("2002:0a00:0001::", False),  # 6to4 of 10.0.0.1
        ("2002:0808:0808::1", True),  # 6to4 of 8.8.8.8
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("64:ff9b::c0a8:1", False),  # NAT64 of 192.168.0.1
        ("64:ff9b::808:808", True),  # NAT64 of 8.8.8.8
        ("64:ff9b:1::a00:1", False),  # local-use NAT64 prefix
        ("::ffff:127.0.0.1", False),  # IPv4-mapped
        ("::ffff:8.8.8.8", True),
    ],
)
def test_ipv4_inside_ipv6_is_judged_by_the_ipv4_address(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_a_name_answering_6to4_of_loopback_is_refused_before_any_connection() -> None:
    strict = FAST.model_copy(update={"allow_private": False})
    answers = Answers("sixtofour.example.test", ["2002:7f00:1::1"])
    with Fetcher(strict, resolve=answers) as fetcher, pytest.raises(AcquireError) as caught:
        fetcher.fetch("http://sixtofour.example.test/")
    assert caught.value.kind == "private_address" and "2002:7f00:1::1" in caught.value.message


# -- TLS: the name goes in SNI and the certificate is checked against it -----------------------------


def _certificate(name: str, folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[Server, Path, list[str | None]]]:
    """An HTTPS server on 127.0.0.1 for secure.example.test; yields it, its certificate and the SNI names."""
    cert, key = _certificate("secure.example.test", tmp_path)
    names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: names.append(name)  # type: ignore[assignment,func-returns-value]
    server = Server("the secure site")
    server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
    with server:
        yield server, cert, names


def test_https_to_a_pinned_address_sends_the_name_as_sni_and_checks_the_certificate_against_it(
    tls_server: tuple[Server, Path, list[str | None]],
) -> None:
    server, cert, names = tls_server
    pins = AddressPins(Answers("secure.example.test", ["127.0.0.1"]), allow_private=True)
    trust = ssl.create_default_context(cafile=str(cert))
    with httpx.Client(transport=PinnedTransport(pins, verify=trust)) as client:
        response = client.get(f"https://secure.example.test:{server.port}/report")
    assert response.status_code == 200 and b"Served by the secure site." in response.content
    assert names == ["secure.example.test"]
    assert server.hosts == [f"secure.example.test:{server.port}"]
    # the certificate names secure.example.test, not 127.0.0.1: asking for the address itself fails
    with httpx.Client(verify=trust) as client, pytest.raises(httpx.ConnectError):
        client.get(f"https://127.0.0.1:{server.port}/report")


# -- proxies from the environment ------------------------------------------------------------------


@pytest.fixture
def env_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """A 'proxy' on 127.0.0.1 named in HTTP_PROXY and ALL_PROXY (it answers every request itself)."""
    with Server("the proxy") as proxy:
        for name in ("NO_PROXY", "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.setenv(name, f"http://127.0.0.1:{proxy.port}")
        yield proxy


def test_a_proxy_in_the_environment_is_ignored_unless_asked_for(env_proxy: Server) -> None:
    with Server("the ministry") as ministry:
        url = f"http://127.0.0.1:{ministry.port}/press/1"
        with Fetcher(FAST) as fetcher:
            direct = fetcher.fetch(url)
        assert b"Served by the ministry." in direct.content and env_proxy.paths == []
        with Fetcher(FAST.model_copy(update={"env_proxy": True})) as fetcher:
            proxied = fetcher.fetch(url)
    assert b"Served by the proxy." in proxied.content
    assert f"http://127.0.0.1:{ministry.port}/press/1" in env_proxy.paths


def test_a_name_the_system_resolves_is_pinned_too(env_proxy: Server) -> None:
    with Server("the ministry") as ministry, Fetcher(FAST) as fetcher:
        page = fetcher.fetch(f"http://localhost:{ministry.port}/press/2")
        pinned = fetcher.addresses.addresses("localhost", ministry.port)
    assert b"Served by the ministry." in page.content and env_proxy.paths == []
    assert "127.0.0.1" in pinned


def test_the_env_proxy_flag_reaches_the_fetch_command(env_proxy: Server, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    with Server("the ministry") as ministry:
        url = f"http://127.0.0.1:{ministry.port}/press/3"
        common = ["fetch", url, "--allow-private", "--rate", "0"]
        plain = CliRunner().invoke(app, [*common, "--archive", str(tmp_path / "a")])
        proxied = CliRunner().invoke(app, [*common, "--archive", str(tmp_path / "b"), "--env-proxy"])
    assert plain.exit_code == 0 and proxied.exit_code == 0, plain.output + proxied.output
    assert ministry.paths.count("/press/3") == 1 and env_proxy.paths[-1] == url
