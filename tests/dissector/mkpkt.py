"""Hand-assembled IPv6 / MH / ICMPv6 frames for the dissector tests.

mipsim's own encoders write the golden captures in pcaps/.  This module
builds what they do not write (RFC 4068 encodings before the codec
contributors land them, deliberately malformed frames, a capture with known
timings), byte by byte from the RFC figures, so that each test capture is
reproducible from this text.  Only the Python 3 standard library is used.

Numbers are read from mipsim/wire/codepoints.h (the X-macro lists), so this
file types no codepoint number either: cp("MH_TYPE", "BU") -> 5.
"""

import os
import re
import struct

_HERE = os.path.dirname(os.path.abspath(__file__))
_CODEPOINTS = os.path.join(_HERE, "..", "..", "mipsim", "wire", "codepoints.h")
_TABLES = {}


def _load_codepoints():
    text = open(_CODEPOINTS, encoding="utf-8").read()
    for m in re.finditer(r"#define MS_(\w+)_MAP\(X\)(.*?)(?:\n\s*\n|\n/\*)", text, re.S):
        table = m.group(1)
        entries = {}
        for e in re.finditer(r"X\((\w+),\s*(0x[0-9A-Fa-f]+|\d+)u?,", m.group(2)):
            entries[e.group(1)] = int(e.group(2), 0)
        _TABLES[table] = entries


def cp(table, name):
    """Codepoint NAME of list MS_<table>_MAP in codepoints.h."""
    if not _TABLES:
        _load_codepoints()
    return _TABLES[table][name]


# ---------------------------------------------------------------- helpers

def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


def ip6(s):
    import ipaddress
    return ipaddress.IPv6Address(s).packed


def csum16(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def pseudo(src, dst, length, nh):
    return src + dst + struct.pack("!IxxxB", length, nh)


# ---------------------------------------------------------------- layers

def eth(dst, src, etype, payload):
    frame = mac(dst) + mac(src) + struct.pack("!H", etype) + payload
    if len(frame) < 60:
        frame += b"\0" * (60 - len(frame))
    return frame


def ipv6(src, dst, nh, payload, hlim=64, plen=None):
    if plen is None:
        plen = len(payload)
    return struct.pack("!IHBB", 6 << 28, plen, nh, hlim) + ip6(src) + ip6(dst) + payload


def dstopts_hoa(hoa, nh, pad_before=4):
    """Destination Options header with a Home Address option (RFC 6275
    s6.3): PadN to reach the 8n+6 alignment, then type 201, length 16."""
    pad = b""
    if pad_before == 4:
        pad = bytes([cp("IP6OPT", "PADN"), 2, 0, 0])
    elif pad_before:
        pad = bytes([cp("IP6OPT", "PADN"), pad_before - 2]) + b"\0" * (pad_before - 2)
    body = pad + bytes([cp("IP6OPT", "HOME_ADDRESS"), 16]) + ip6(hoa)
    total = 2 + len(body)
    if total % 8:
        body += b"\0" * (8 - total % 8)  # never happens with the default pad
    return bytes([nh, (2 + len(body)) // 8 - 1]) + body


def rh2(addr, nh, segleft=1):
    """Type 2 Routing Header (RFC 6275 s6.4)."""
    return bytes([nh, 2, cp("RH_TYPE", "TYPE2"), segleft]) + b"\0" * 4 + ip6(addr)


def icmpv6(src, dst, typ, code, body, fix=True, bad_cksum=False):
    msg = bytes([typ, code]) + b"\0\0" + body
    if fix:
        c = csum16(pseudo(ip6(src), ip6(dst), len(msg), cp("IPPROTO", "ICMPV6")) + msg)
        if bad_cksum:
            c ^= 0x5A5A
        msg = msg[:2] + struct.pack("!H", c) + msg[4:]
    return msg


def mh(src, dst, mhtype, data, proto=None, bad_cksum=False, hlen=None, pad=True):
    """Mobility Header (RFC 6275 s6.1.1).  src is the address the checksum
    uses: the home address when a Home Address option is present."""
    if proto is None:
        proto = cp("IPPROTO", "NONE")
    body = data
    if pad:
        total = 6 + len(body)
        if total % 8:
            need = 8 - total % 8
            body += padding(need)
    if hlen is None:
        hlen = (6 + len(body)) // 8 - 1
    msg = bytes([proto, hlen, mhtype, 0]) + b"\0\0" + body
    c = csum16(pseudo(ip6(src), ip6(dst), len(msg), cp("IPPROTO", "MH")) + msg)
    if bad_cksum:
        c ^= 0x5A5A
    return msg[:4] + struct.pack("!H", c) + msg[6:]


def padding(n):
    """Mobility option padding (Pad1 or PadN) of n octets."""
    if n == 0:
        return b""
    if n == 1:
        return bytes([cp("MH_OPT", "PAD1")])
    return bytes([cp("MH_OPT", "PADN"), n - 2]) + b"\0" * (n - 2)


def mhopt(typ, data):
    return bytes([typ, len(data)]) + data


def ndopt(typ, data):
    """ND option: the Length counts 8 octets including Type and Length;
    data is zero-padded to fit."""
    total = 2 + len(data)
    if total % 8:
        data += b"\0" * (8 - total % 8)
        total = 2 + len(data)
    return bytes([typ, total // 8]) + data


# ---------------------------------------------------------------- pcap

def write_pcap(path, frames):
    """frames: list of (t_ns, bytes).  Nanosecond pcap, DLT_EN10MB, like
    mipsim/core/pcapw.c."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, 65535, 1))
        for t, data in frames:
            f.write(struct.pack("<IIII", t // 1000000000, t % 1000000000, len(data), len(data)))
            f.write(data)
