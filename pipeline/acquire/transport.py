"""The fetcher's transport: connect to the address that was checked, never to a fresh DNS answer.

A host name is resolved once per run (AddressPins), its addresses judged once (public, unless
--allow-private), and every connection to that host goes to those addresses: a DNS server that answers
"public" for the check and "127.0.0.1" for the connection (DNS rebinding) gets nowhere. The URL's host
still goes in the Host header and in TLS (SNI and the certificate check), so virtual hosts and HTTPS work
as with any client. A leaf of the acquire stage: it uses httpx and httpcore, nothing of the fetcher.

An address is public when it is globally routable; an IPv6 address that carries an IPv4 one (mapped
::ffff:a.b.c.d, 6to4 2002::/16, NAT64 64:ff9b::/96) is judged by the IPv4 address it carries.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
from collections.abc import Callable, Iterable
from typing import Any

import httpcore
import httpx

Resolver = Callable[[str, int], list[str]]

_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052's well-known prefix: IPv4 in the low 32 bits
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: for local use, never public


def resolve_host(host: str, port: int) -> list[str]:
    """Every address a host name resolves to (an IP literal resolves to itself)."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries: IPv4-mapped, 6to4 or NAT64 (None if none)."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public_address(address: str) -> bool:
    """Whether an address is globally routable (not loopback, private, link-local, reserved, multicast),
    an IPv6 address that carries an IPv4 one judged by that IPv4 address."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _NAT64_LOCAL:
            return False
        ip = embedded_ipv4(ip) or ip
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


class AddressRefused(Exception):
    """A host resolves to an address the fetcher may not connect to."""

    def __init__(self, host: str, refused: list[str]) -> None:
        super().__init__(f"{host} resolves to a non-public address ({', '.join(refused) or 'none'})")
        self.host = host
        self.refused = refused


class AddressPins:
    """The run's host -> addresses table: each host resolved once and judged once; thread-safe."""

    def __init__(self, resolve: Resolver = resolve_host, *, allow_private: bool = False) -> None:
        self._resolve = resolve
        self.allow_private = allow_private
        self._pins: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses to connect to for a host; raises AddressRefused, or OSError if it cannot resolve.

        Resolution failures are not kept (the next try may succeed); an answer, once judged, is.
        """
        key = host.lower().rstrip(".")
        with self._lock:
            pinned = self._pins.get(key)
        if pinned is not None:
            return pinned
        found = self._resolve(host, port)
        refused = [a for a in found if not is_public_address(a)]
        if not found or (refused and not self.allow_private):
            raise AddressRefused(host, refused)
        with self._lock:
            return self._pins.setdefault(key, found)


class _PinnedBackend(httpcore.NetworkBackend):
    """httpcore's network backend with the name resolution replaced by the pins."""

    def __init__(self, pins: AddressPins) -> None:
        self.pins = pins
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """A connection to the first of the host's pinned addresses that answers."""
        try:
            addresses = self.pins.addresses(host, port)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        last: Exception | None = None
        for address in addresses:
            try:
                stream: httpcore.NetworkStream = self._sockets.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
                return stream
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None  # AddressPins never returns an empty list
        raise last

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        """Not used: the fetcher speaks TCP only."""
        raise httpcore.ConnectError("the fetcher does not connect to Unix sockets")


class PinnedTransport(httpx.HTTPTransport):
    """An httpx transport whose connections go to the pinned addresses of a host (Host and SNI kept)."""

    def __init__(
        self, pins: AddressPins, *, verify: ssl.SSLContext | bool = True, limits: httpx.Limits | None = None
    ) -> None:
        # The parent's __init__ would build a pool that resolves names itself: build ours instead.
        limits = limits or httpx.Limits(max_connections=100, max_keepalive_connections=20)
        self.pins = pins
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_PinnedBackend(pins),
        )
