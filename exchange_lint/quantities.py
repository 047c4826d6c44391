"""Values the Exchange 2007+ cmdlets write in their own notations, read once: message sizes, time
spans, IP address ranges and Receive connector bindings (shared by the 2007–SE and online
generations).

Each reader returns the value, or raises `BadValue` with a message that says what was expected;
the model keeps the message and a rule reports it at the value (EXL205).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ipaddress import IPv4Address, IPv6Address

UNLIMITED = "unlimited"
# ByteQuantifiedSize units are binary (1 KB = 1,024 bytes), as `Get-SendConnector` prints them.
_UNITS = {"B": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30, "TB": 1 << 40}
# `35MB`, `35 MB`, `1.5 GB`, and what the cmdlets print: `35 MB (36,700,160 bytes)`.
_SIZE = re.compile(
    r"^\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>B|KB|MB|GB|TB)?\s*(?:\((?P<bytes>[\d,]+)\s*bytes\))?\s*$",
    re.IGNORECASE,
)
# A .NET TimeSpan as the cmdlets take and print it: `00:10:00`, `1.00:00:00` (days.hours:minutes:seconds).
_TIMESPAN = re.compile(r"^\s*(?:(?P<days>\d{1,3})\.)?(?P<hours>\d{1,2}):(?P<minutes>\d{1,2}):(?P<seconds>\d{1,2})\s*$")
MAX_SIZE = 1 << 50  # far above any limit Exchange accepts (2 TB); a larger number is a typo
_MAX_DIGITS = len(str(MAX_SIZE))


class BadValue(ValueError):
    """A value that cannot be read; the message says what was expected."""


class Size(NamedTuple):
    """A message size limit in bytes; None bytes is `unlimited`."""

    bytes: int | None

    def allows(self, size: int) -> bool:
        return self.bytes is None or size <= self.bytes

    def __str__(self) -> str:
        if self.bytes is None:
            return UNLIMITED
        for unit in ("GB", "MB", "KB"):
            if self.bytes >= _UNITS[unit] and self.bytes % _UNITS[unit] == 0:
                return f"{self.bytes // _UNITS[unit]} {unit}"
        return f"{self.bytes:,} bytes"


def _shown(value: Any) -> str:
    """`value` as a message quotes it: a fuzzer's 5,000-digit size is shown by its start."""
    if isinstance(value, int) and value.bit_length() > 64:  # repr() refuses ints over 4,300 digits
        return f"of {value.bit_length():,} bits"
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:50]}… ({len(text) - 2:,} characters)"


def parse_size(value: Any) -> Size:
    """`35MB`, `35 MB (36,700,160 bytes)`, `unlimited`, or a number of bytes."""
    if isinstance(value, bool):
        raise BadValue(f"size {_shown(value)} is not a size: write bytes, KB, MB or GB (35MB), or `unlimited`")
    if isinstance(value, int):
        if not 0 <= value <= MAX_SIZE:
            shown = f"{value:,}" if value.bit_length() <= 64 else _shown(value)
            raise BadValue(f"size {shown} is out of range (0 to {MAX_SIZE:,} bytes)")
        return Size(value)
    if not isinstance(value, str):
        raise BadValue(f"size {_shown(value)} is not a size: write bytes, KB, MB or GB (35MB), or `unlimited`")
    if value.strip().lower() == UNLIMITED:
        return Size(None)
    match = _SIZE.match(value)
    if match is None:
        raise BadValue(f"size {_shown(value)} is not a size: write bytes, KB, MB or GB (35MB), or `unlimited`")
    # Too many digits for any size: refused before converting, as float() of a 400-digit number is
    # infinite (no int) and int() of a 5,000-digit one exceeds Python's conversion limit.
    digits = match["bytes"].replace(",", "") if match["bytes"] else match["number"].partition(".")[0]
    if len(digits.lstrip("0")) > _MAX_DIGITS:
        raise BadValue(f"size {_shown(value)} is out of range (at most {MAX_SIZE:,} bytes)")
    unit = _UNITS[(match["unit"] or "B").upper()]
    total = int(digits) if match["bytes"] else int(float(match["number"]) * unit)
    if total > MAX_SIZE:
        raise BadValue(f"size {_shown(value)} is out of range (at most {MAX_SIZE:,} bytes)")
    return Size(total)


def parse_timespan(value: Any) -> int:
    """`00:10:00` or `1.00:00:00` (days.hh:mm:ss, as `Get-SendConnector` prints a TimeSpan), in seconds."""
    match = _TIMESPAN.match(value) if isinstance(value, str) else None
    if match is None:
        raise BadValue(f"time span {_shown(value)} is not hh:mm:ss (00:10:00) or d.hh:mm:ss (1.00:00:00)")
    hours, minutes, seconds = (int(match[name]) for name in ("hours", "minutes", "seconds"))
    if hours > 23 or minutes > 59 or seconds > 59:
        raise BadValue(f"time span {_shown(value)} is out of range: hours 0-23, minutes and seconds 0-59")
    return ((int(match["days"] or 0) * 24 + hours) * 60 + minutes) * 60 + seconds


class AddressRange(NamedTuple):
    """An inclusive range of IP addresses of one version, as integers."""

    version: int
    first: int
    last: int
    text: str

    def contains(self, other: AddressRange) -> bool:
        return self.version == other.version and self.first <= other.first and other.last <= self.last

    def overlaps(self, other: AddressRange) -> bool:
        return self.version == other.version and self.first <= other.last and other.first <= self.last

    def has(self, address: int, version: int) -> bool:
        return self.version == version and self.first <= address <= self.last

    @property
    def size(self) -> int:
        return self.last - self.first + 1


def _address(text: str) -> IPv4Address | IPv6Address:
    import ipaddress

    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        raise BadValue(f"{text.strip()!r} is not an IPv4 or IPv6 address") from None


def parse_address(text: str) -> tuple[int, int]:
    """(version, integer) of one IP address."""
    address = _address(text)
    return address.version, int(address)


def parse_range(value: Any) -> AddressRange:
    """A remote IP range as the cmdlets take it: `10.0.0.0/24`, `10.0.0.1-10.0.0.50`, a single
    address; IPv4 or IPv6 (`::/0`, `fe80::1-fe80::ff`)."""
    import ipaddress

    if not isinstance(value, str) or not value.strip():
        raise BadValue(f"{value!r} is not an IP range: write CIDR (10.0.0.0/24), a range (a-b) or one address")
    text = value.strip()
    if "/" in text:
        try:
            network = ipaddress.ip_network(text, strict=False)
        except ValueError:
            raise BadValue(f"{text!r} is not an IP range in CIDR form (10.0.0.0/24, ::/0)") from None
        return AddressRange(network.version, int(network.network_address), int(network.broadcast_address), text)
    if "-" in text:
        low, _, high = text.partition("-")
        first, last = _address(low), _address(high)
        if first.version != last.version:
            raise BadValue(f"{text!r} mixes an IPv4 and an IPv6 address")
        if int(first) > int(last):
            raise BadValue(f"{text!r} ends before it starts")
        return AddressRange(first.version, int(first), int(last), text)
    address = _address(text)
    return AddressRange(address.version, int(address), int(address), text)


class Binding(NamedTuple):
    """A local IP address and port a Receive connector listens on; `any` for 0.0.0.0 or [::]."""

    version: int
    address: int
    port: int
    any: bool
    text: str

    def clashes(self, other: Binding) -> bool:
        """Whether both listen on some same address and port (`0.0.0.0` covers every IPv4 address)."""
        if self.port != other.port or self.version != other.version:
            return False
        return self.any or other.any or self.address == other.address


_BINDING = re.compile(r"^\s*(?:\[(?P<v6>[^\]]*)\]|(?P<plain>[^\[\]]*?)):(?P<port>\d{1,5})\s*$")


def parse_binding(value: Any) -> Binding:
    """`0.0.0.0:25`, `10.0.0.11:587`, `[::]:25`, `[fe80::1]:2525`."""
    if not isinstance(value, str):
        raise BadValue(f"{value!r} is not a binding: write IP:port (0.0.0.0:25) or [IPv6]:port ([::]:25)")
    match = _BINDING.match(value)
    if match is None:
        raise BadValue(f"{value!r} is not a binding: write IP:port (0.0.0.0:25) or [IPv6]:port ([::]:25)")
    port = int(match["port"])
    if not 1 <= port <= 65535:
        raise BadValue(f"{value!r}: port {port} is out of range (1-65535)")
    text = match["v6"] if match["v6"] is not None else match["plain"]
    if match["v6"] is None and ":" in text:
        raise BadValue(f"{value!r}: write an IPv6 address in brackets ([::]:25)")
    address = _address(text)
    return Binding(address.version, int(address), port, int(address) == 0, value.strip())
