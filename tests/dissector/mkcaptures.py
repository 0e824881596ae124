#!/usr/bin/env python3
"""Writes the dissector tests' own captures into tests/dissector/captures/.

    python3 tests/dissector/mkcaptures.py [OUTDIR]

mipsim's topologies write the golden captures in pcaps/; these complete them
with what mipsim does not send (yet): the RFC 4068 encodings, every FMIPv6
option layout stock Wireshark misreads, deliberately broken frames, and a
handover with timings chosen by hand.  Every frame is assembled from the RFC
figures (mkpkt.py); the output is byte-for-byte reproducible and the test
"dissector.captures.reproducible" checks that the checked-in files match it.

Times: nanosecond pcap, 2000-01-01 00:00:00 UTC + the offsets below (mipsim's
virtual-clock epoch), so the handover table prints them as mipsim would.
"""

import os
import struct
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mkpkt import (cp, dstopts_hoa, eth, icmpv6, ip6, ipv6, mac, mh, mhopt, ndopt,  # noqa: E402
                   padding, rh2, write_pcap)

EPOCH = 946684800 * 1000000000
MS = 1000000

MN = "02:00:00:05:00:01"
AR1 = "02:00:00:02:00:02"
AR1_CORE = "02:00:00:02:00:01"
AR2 = "02:00:00:03:00:02"
AR2_CORE = "02:00:00:03:00:01"
HA_CORE = "02:00:00:01:00:02"
AP1 = "02:aa:00:00:00:01"
AP2 = "02:aa:00:00:00:02"
BCAST = "ff:ff:ff:ff:ff:ff"

HOA = "2001:db8:aa::10"
HA = "2001:db8:aa::1"
CN = "2001:db8:ff01::1"
COA1 = "2001:db8:1::ff:fe05:1"
COA2 = "2001:db8:2::ff:fe05:1"
AR1_IP = "2001:db8:1::1"
AR2_IP = "2001:db8:2::1"
AR1_LL = "fe80::ff:fe02:2"
AR2_LL = "fe80::ff:fe03:2"
MN_LL = "fe80::ff:fe05:1"
MAP_IP = "2001:db8:ff::1"
RCOA = "2001:db8:ff::10"

IPV6 = 0x86DD
ICMP = cp("IPPROTO", "ICMPV6")
MHP = cp("IPPROTO", "MH")
UDP = cp("IPPROTO", "UDP")
T_FMIP = cp("ICMP6_TYPE", "FMIP")
T_EXP = cp("ICMP6_TYPE", "EXP_MOBILITY")
SUB = {n: cp("FMIP_SUBTYPE", n) for n in ("RTSOLPR", "PRRTADV", "HI", "HACK")}
MT = {n: cp("MH_TYPE", n) for n in ("BRR", "HOTI", "COTI", "HOT", "COT", "BU", "BA", "BE", "FBU",
                                    "FBACK", "FNA", "HI", "HACK")}
O = {n: cp("MH_OPT", n) for n in ("ALT_COA", "NONCE_INDICES", "BAD", "LLA", "BADF", "IP_ADDR_PREFIX",
                                  "MCAST_MOBILITY", "MCAST_ACK", "BRA")}
N = {n: cp("ND_OPT", n) for n in ("IP_ADDR_PREFIX", "NEW_ROUTER_PREFIX", "LLA", "NAACK", "MAP",
                                  "HK_REQUEST", "HK_REPLY", "HANDOVER_ASSIST", "MN_ID", "TLLA",
                                  "SLLA", "PREFIX_INFO", "ADV_INTERVAL", "HA_INFO")}
BU_A = cp("BU_FLAG", "A")
BU_H = cp("BU_FLAG", "H")
BU_M = cp("BU_FLAG", "M")


# ------------------------------------------------------------- builders

def l2ev(evtype, ap_id, target=None, time_ns=None, mn=MN, profile=0):
    tlv = bytes([cp("L2EV_TLV", "MN_MAC"), 6]) + mac(mn)
    tlv += bytes([cp("L2EV_TLV", "AP_ID"), len(ap_id)]) + ap_id.encode()
    if target:
        tlv += bytes([cp("L2EV_TLV", "TARGET_AP_ID"), len(target)]) + target.encode()
    tlv += bytes([cp("L2EV_TLV", "LINK_TYPE"), 1, profile])
    if time_ns is not None:
        tlv += bytes([cp("L2EV_TLV", "TIME_NS"), 8]) + struct.pack("!Q", time_ns)
    return bytes([1, cp("L2EV_TYPE", evtype)]) + struct.pack("!H", len(tlv)) + tlv


def l2frame(ap_mac, payload):
    return eth(BCAST, ap_mac, cp("ETHERTYPE", "L2EV"), payload)


def frame(esrc, edst, src, dst, nh, payload, hlim=64):
    return eth(edst, esrc, IPV6, ipv6(src, dst, nh, payload, hlim=hlim))


def pad_to(cur, x, y):
    """Mobility option padding so that the next option starts at xn+y from
    the start of the Mobility Header, cur octets in."""
    need = (y - cur) % x
    return padding(need)


def bu_data(seq, flags, lifetime_units, opts=b""):
    return struct.pack("!HHH", seq, flags, lifetime_units) + opts


def ba_data(status, seq, lifetime_units, opts=b""):
    return bytes([status, 0]) + struct.pack("!HH", seq, lifetime_units) + opts


def fmip_icmp(src, dst, typ, code, sub, flags, ident, opts, bad_cksum=False):
    return icmpv6(src, dst, typ, code, bytes([sub, flags]) + struct.pack("!H", ident) + opts,
                  bad_cksum=bad_cksum)


def lla(code, m):
    return ndopt(N["LLA"], bytes([code]) + mac(m))


def ipaddr(code, plen, addr, typ=None):
    return ndopt(typ or N["IP_ADDR_PREFIX"], bytes([code, plen]) + b"\0" * 4 + ip6(addr))


def ra(opts, flags=0):
    return bytes([64, flags]) + struct.pack("!HII", 1800, 0, 0) + opts


def udp(src, dst, payload, sport=40001, dport=40001):
    length = 8 + len(payload)
    seg = struct.pack("!HHHH", sport, dport, length, 0) + payload
    from mkpkt import csum16, pseudo
    c = csum16(pseudo(ip6(src), ip6(dst), length, UDP) + seg) or 0xFFFF
    return seg[:6] + struct.pack("!H", c) + seg[8:]


def badf(auth_len=12, spi=0x100, auth_only=False):
    data = struct.pack("!I", spi) + bytes(range(auth_len))
    length = auth_len if auth_only else len(data)
    return bytes([O["BADF"], length]) + data


def pad_mh_end(opts, fixed):
    """Trailing padding so that the MH (6 + fixed + opts) is 8n octets."""
    total = 6 + fixed + len(opts)
    return opts + padding((8 - total % 8) % 8)


# ------------------------------------------------------------- captures

def handover():
    """One MIPv6 handover with hand-picked times on three links: the two
    cells (with the layer-2 events) and the HA side of the new AR.

    Expected (tests/dissector/expected/handover.table.txt), handover 1:
      L2 going down 1.000 s, down 1.050 s, up 1.080 s (gap 30 ms)
      BU sent 1.200 s (+150 ms); BA sent on the cell 1.220 s, received 2 ms
      later (access delay from the NS/NA at 1.216/1.218 s): +172 ms;
      first data sent on the cell 1.235 s, received +187 ms.
    """
    ap1, ap2, core = [], [], []
    t = lambda ms: int(ms * MS)  # noqa: E731
    ap1.append((t(0), l2frame(AP1, l2ev("LINK_UP", "ap1"))))
    # Registration from the first link (not a handover: the first attachment).
    bu1 = mh(HOA, HA, MT["BU"], bu_data(1, BU_A | BU_H, 100,
                                        pad_to(12, 8, 6) + mhopt(O["ALT_COA"], ip6(COA1))))
    ap1.append((t(100), frame(MN, AR1, COA1, HA, 60, dstopts_hoa(HOA, MHP) + bu1)))
    core.append((t(105), frame(AR1_CORE, HA_CORE, COA1, HA, 60, dstopts_hoa(HOA, MHP) + bu1, 63)))
    ba1 = mh(HA, HOA, MT["BA"], ba_data(0, 1, 100))
    core.append((t(110), frame(HA_CORE, AR1_CORE, HA, COA1, 43, rh2(HOA, MHP) + ba1)))
    ns = lambda s, d, tgt, sl: icmpv6(s, d, 135, 0, b"\0" * 4 + ip6(tgt) + ndopt(N["SLLA"], mac(sl)))  # noqa: E731
    na = lambda s, d, tgt, tl: icmpv6(s, d, 136, 0, struct.pack("!I", 0x60000000) + ip6(tgt) +  # noqa: E731
                                      ndopt(N["TLLA"], mac(tl)))
    ap1.append((t(112), frame(AR1, "33:33:ff:05:00:01", AR1_IP, "ff02::1:ff05:1", ICMP,
                              ns(AR1_IP, "ff02::1:ff05:1", COA1, AR1), 255)))
    ap1.append((t(114), frame(MN, AR1, COA1, AR1_IP, ICMP, na(COA1, AR1_IP, COA1, MN), 255)))
    ap1.append((t(115), frame(AR1, MN, HA, COA1, 43, rh2(HOA, MHP) + ba1, 63)))
    # The handover: trigger, down, up.
    ap1.append((t(1000), l2frame(AP1, l2ev("LINK_GOING_DOWN", "ap1", "ap2", 50 * MS))))
    ap1.append((t(1050), l2frame(AP1, l2ev("LINK_DOWN", "ap1"))))
    ap2.append((t(1080), l2frame(AP2, l2ev("LINK_UP", "ap2"))))
    bu2 = mh(HOA, HA, MT["BU"], bu_data(2, BU_A | BU_H, 100,
                                        pad_to(12, 8, 6) + mhopt(O["ALT_COA"], ip6(COA2))))
    ap2.append((t(1200), frame(MN, AR2, COA2, HA, 60, dstopts_hoa(HOA, MHP) + bu2)))
    core.append((t(1205), frame(AR2_CORE, HA_CORE, COA2, HA, 60, dstopts_hoa(HOA, MHP) + bu2, 63)))
    ba2 = mh(HA, HOA, MT["BA"], ba_data(0, 2, 100))
    core.append((t(1215), frame(HA_CORE, AR2_CORE, HA, COA2, 43, rh2(HOA, MHP) + ba2)))
    ap2.append((t(1216), frame(AR2, "33:33:ff:05:00:01", AR2_IP, "ff02::1:ff05:1", ICMP,
                               ns(AR2_IP, "ff02::1:ff05:1", COA2, AR2), 255)))
    ap2.append((t(1218), frame(MN, AR2, COA2, AR2_IP, ICMP, na(COA2, AR2_IP, COA2, MN), 255)))
    ap2.append((t(1220), frame(AR2, MN, HA, COA2, 43, rh2(HOA, MHP) + ba2, 63)))
    # Data through the tunnel, to the new CoA.
    inner = ipv6(CN, HOA, UDP, udp(CN, HOA, b"d" * 32), hlim=63)
    core.append((t(1230), frame(HA_CORE, AR2_CORE, HA, COA2, cp("IPPROTO", "IPV6"), inner)))
    ap2.append((t(1235), frame(AR2, MN, HA, COA2, cp("IPPROTO", "IPV6"), inner, 63)))
    # A predictive FMIPv6 handover back to ap1 (RFC 5568 s3.1): AR2 is the
    # PAR, AR1 the NAR, COA1B the NCoA.
    #   trigger 2.000, RtSolPr/PrRtAdv, FBU, HI/HAck between the ARs, FBack;
    #   down 2.050, up on ap1 2.080 (gap 30 ms), UNA; the PAR's tunnel
    #   delivers data to the NCoA at 2.085 (+37 ms with the 2 ms access
    #   delay); the home registration follows: BU 2.100 (+50 ms), BA sent
    #   2.115 (+67 ms).
    coa1b = "2001:db8:1::ff:fe05:2"
    ap2.append((t(2000), l2frame(AP2, l2ev("LINK_GOING_DOWN", "ap2", "ap1", 50 * MS))))
    ap2.append((t(2005), frame(MN, AR2, MN_LL, AR2_LL, ICMP, fmip_icmp(MN_LL, AR2_LL, T_FMIP, 0, SUB["RTSOLPR"], 0, 31,
                                                                       lla(4, MN) + lla(1, AP1)), 255)))
    pr = lla(1, AP1) + lla(3, AR1) + ipaddr(3, 128, AR1_IP) + ipaddr(4, 64, "2001:db8:1::") + ipaddr(2, 128, coa1b)
    ap2.append((t(2010), frame(AR2, MN, AR2_LL, MN_LL, ICMP,
                               fmip_icmp(AR2_LL, MN_LL, T_FMIP, 0, SUB["PRRTADV"], 0, 31, pr), 255)))
    opts = pad_to(12, 8, 6) + mhopt(O["ALT_COA"], ip6(coa1b)) + pad_to(30, 8, 6) + badf()
    fbu = mh(COA2, AR2_IP, MT["FBU"], bu_data(7, BU_A | BU_H, 10, opts))
    ap2.append((t(2020), frame(MN, AR2, COA2, AR2_IP, 60, dstopts_hoa(COA2, MHP) + fbu)))
    hi_opts = lla_mh = mhopt(O["LLA"], bytes([cp("LLA_OPTCODE", "MN")]) + mac(MN))
    hi_opts += pad_to(10 + len(hi_opts), 8, 4) + mhopt(O["IP_ADDR_PREFIX"], bytes([1, 128]) + ip6(COA2))
    hi_opts += pad_to(10 + len(hi_opts), 8, 4) + mhopt(O["IP_ADDR_PREFIX"], bytes([2, 128]) + ip6(coa1b))
    core.append((t(2025), frame(AR2_CORE, AR1_CORE, AR2_IP, AR1_IP, MHP,
                                mh(AR2_IP, AR1_IP, MT["HI"], struct.pack("!HBB", 50, 0, 0) + hi_opts))))
    core.append((t(2030), frame(AR1_CORE, AR2_CORE, AR1_IP, AR2_IP, MHP,
                                mh(AR1_IP, AR2_IP, MT["HACK"], struct.pack("!HBB", 50, 0, 0)))))
    fb = mh(AR2_IP, COA2, MT["FBACK"], ba_data(0, 7, 10, pad_to(12, 8, 6) + badf()))
    ap2.append((t(2035), frame(AR2, MN, AR2_IP, COA2, MHP, fb)))
    ap2.append((t(2050), l2frame(AP2, l2ev("LINK_DOWN", "ap2"))))
    ap1.append((t(2080), l2frame(AP1, l2ev("LINK_UP", "ap1"))))
    una = icmpv6(coa1b, "ff02::1", 136, 0, b"\0" * 4 + ip6(coa1b) + ndopt(N["TLLA"], mac(MN)))
    ap1.append((t(2081), frame(MN, "33:33:00:00:00:01", coa1b, "ff02::1", ICMP, una, 255)))
    # HA -> PCoA tunnel, re-tunnelled by the PAR to the NCoA.
    inner2 = ipv6(HA, COA2, cp("IPPROTO", "IPV6"), ipv6(CN, HOA, UDP, udp(CN, HOA, b"e" * 32), hlim=63), hlim=63)
    ap1.append((t(2085), frame(AR1, MN, AR2_IP, coa1b, cp("IPPROTO", "IPV6"), inner2, 62)))
    bu3 = mh(HOA, HA, MT["BU"], bu_data(3, BU_A | BU_H, 100,
                                        pad_to(12, 8, 6) + mhopt(O["ALT_COA"], ip6(coa1b))))
    ap1.append((t(2100), frame(MN, AR1, coa1b, HA, 60, dstopts_hoa(HOA, MHP) + bu3)))
    ba3 = mh(HA, HOA, MT["BA"], ba_data(0, 3, 100))
    ap1.append((t(2115), frame(AR1, MN, HA, coa1b, 43, rh2(HOA, MHP) + ba3, 63)))
    return {"handover-ap1.pcap": ap1, "handover-ap2.pcap": ap2, "handover-core.pcap": core}


def mipv6():
    """MIPv6 / HMIPv6 messages with pairing, sequence and status cases."""
    F = []
    t = [0]

    def add(f):
        t[0] += 10 * MS
        F.append((t[0], f))

    hoa_bu = lambda seq, coa, lt=100, flags=BU_A | BU_H, opts=b"": mh(  # noqa: E731
        HOA, HA, MT["BU"], bu_data(seq, flags, lt, opts))
    # 1-2: BU/BA pair.
    add(frame(MN, AR1, COA1, HA, 60, dstopts_hoa(HOA, MHP) + hoa_bu(10, COA1)))
    add(frame(AR1, MN, HA, COA1, 43, rh2(HOA, MHP) + mh(HA, HOA, MT["BA"], ba_data(0, 10, 100))))
    # 3: BU never answered; 4: sequence regression (9 after 10... after 11).
    add(frame(MN, AR1, COA1, HA, 60, dstopts_hoa(HOA, MHP) + hoa_bu(11, COA1)))
    add(frame(MN, AR1, COA1, HA, 60, dstopts_hoa(HOA, MHP) + hoa_bu(9, COA1)))
    # 5-6: a rejected BU (status 135 carries the last accepted number).
    add(frame(AR1, MN, HA, COA1, 43, rh2(HOA, MHP) + mh(HA, HOA, MT["BA"],
                                                           ba_data(cp("BA_STATUS", "SEQ_OUT_OF_WINDOW"), 9, 0))))
    # 6: sequence number reuse: 12 twice with different lifetimes.
    add(frame(MN, AR1, COA1, HA, 60, dstopts_hoa(HOA, MHP) + hoa_bu(12, COA1, 100)))
    add(frame(MN, AR1, COA1, HA, 60, dstopts_hoa(HOA, MHP) + hoa_bu(12, COA1, 50)))
    add(frame(AR1, MN, HA, COA1, 43, rh2(HOA, MHP) + mh(HA, HOA, MT["BA"], ba_data(0, 12, 50))))
    # BRR from the HA, answered by a BU.
    add(frame(AR1, MN, HA, COA1, 43, rh2(HOA, MHP) + mh(HA, HOA, MT["BRR"], b"\0\0")))
    add(frame(MN, AR1, COA1, HA, 60, dstopts_hoa(HOA, MHP) + hoa_bu(13, COA1)))
    add(frame(AR1, MN, HA, COA1, 43, rh2(HOA, MHP) + mh(HA, HOA, MT["BA"], ba_data(0, 13, 100))))
    # Return routability: HoTI through the tunnel, CoTI direct, HoT, CoT.
    hoti = ipv6(HOA, CN, MHP, mh(HOA, CN, MT["HOTI"], b"\0\0" + struct.pack("!Q", 0x1111)))
    add(frame(MN, AR1, COA1, HA, cp("IPPROTO", "IPV6"), hoti))
    add(frame(MN, AR1, COA1, CN, MHP, mh(COA1, CN, MT["COTI"], b"\0\0" + struct.pack("!Q", 0x2222))))
    hot = ipv6(CN, HOA, MHP, mh(CN, HOA, MT["HOT"], struct.pack("!HQQ", 1, 0x1111, 0xAAAA)))
    add(frame(AR1, MN, HA, COA1, cp("IPPROTO", "IPV6"), hot))
    add(frame(AR1, MN, CN, COA1, MHP, mh(CN, COA1, MT["COT"], struct.pack("!HQQ", 2, 0x2222, 0xBBBB))))
    # BU to the CN with Nonce Indices and BAD (last, 8n+2), its BA.
    opts = pad_to(12, 2, 0) + mhopt(O["NONCE_INDICES"], struct.pack("!HH", 1, 2))
    cur = 12 + len(opts)
    opts += pad_to(cur, 8, 2) + mhopt(O["BAD"], bytes(range(12)))
    bu_cn = mh(HOA, CN, MT["BU"], bu_data(20, BU_A, 10, opts))
    add(frame(MN, AR1, COA1, CN, 60, dstopts_hoa(HOA, MHP) + bu_cn))
    add(frame(AR1, MN, CN, COA1, 43, rh2(HOA, MHP) + mh(CN, HOA, MT["BA"], ba_data(0, 20, 10))))
    # Binding Error.
    add(frame(AR1, MN, CN, COA1, MHP, mh(CN, COA1, MT["BE"], bytes([1, 0]) + ip6(HOA))))
    # Misaligned Alternate CoA (8n+4 instead of 8n+6) and BAD not last.
    bad_opts = padding(4) + mhopt(O["ALT_COA"], ip6(COA1))
    cur = 12 + len(bad_opts)
    bad_opts += pad_to(cur, 8, 2) + mhopt(O["BAD"], bytes(range(12))) + mhopt(O["BRA"], b"\0\x10")
    add(frame(MN, AR1, COA1, CN, 60, dstopts_hoa(HOA, MHP) +
              mh(HOA, CN, MT["BU"], bu_data(21, BU_A, 10, pad_mh_end(bad_opts, 6)))))
    # Bad MH checksum.
    add(frame(MN, AR1, COA1, HA, 60, dstopts_hoa(HOA, MHP) +
              mh(HOA, HA, MT["BU"], bu_data(22, BU_A | BU_H, 100), bad_cksum=True)))
    # Home deregistration from home (lifetime 0, no HoA option).
    add(frame(MN, HA_CORE, HOA, HA, MHP, mh(HOA, HA, MT["BU"], bu_data(23, BU_A | BU_H, 0))))
    add(frame(HA_CORE, MN, HA, HOA, MHP, mh(HA, HOA, MT["BA"], ba_data(0, 23, 0))))
    # DHAAD, MPS/MPA.
    anycast = "2001:db8:aa::fdff:ffff:ffff:fffe"
    add(frame(MN, AR1, COA1, anycast, ICMP, icmpv6(COA1, anycast, cp("ICMP6_TYPE", "DHAAD_REQUEST"), 0,
                                                   struct.pack("!HH", 77, 0))))
    add(frame(AR1, MN, HA, COA1, ICMP, icmpv6(HA, COA1, cp("ICMP6_TYPE", "DHAAD_REPLY"), 0,
                                              struct.pack("!HH", 77, 0) + ip6(HA))))
    mps = icmpv6(HOA, HA, cp("ICMP6_TYPE", "MPS"), 0, struct.pack("!HH", 78, 0))
    add(frame(MN, AR1, COA1, HA, 60, dstopts_hoa(HOA, ICMP) + mps))
    pi = ndopt(N["PREFIX_INFO"], bytes([64, 0xC0]) + struct.pack("!III", 3600, 1800, 0) +
               ip6("2001:db8:aa::"))
    mpa = icmpv6(HA, HOA, cp("ICMP6_TYPE", "MPA"), 0, struct.pack("!HH", 78, 0) + pi)
    add(frame(AR1, MN, HA, COA1, 43, rh2(HOA, ICMP) + mpa))
    # Data with a Home Address option and with a Type 2 Routing Header.
    add(frame(MN, AR1, COA1, CN, 60, dstopts_hoa(HOA, UDP) + udp(HOA, CN, b"x" * 16)))
    add(frame(AR1, MN, CN, COA1, 43, rh2(HOA, UDP) + udp(CN, HOA, b"y" * 16)))
    # HMIPv6: RA with the MAP option, local BU (M flag) with the RCoA, BA.
    mapopt = bytes([N["MAP"], 3, 0x1A, 0x80]) + struct.pack("!I", 3600) + ip6(MAP_IP)
    add(frame(AR1, "33:33:00:00:00:01", AR1_LL, "ff02::1", ICMP,
              icmpv6(AR1_LL, "ff02::1", 134, 0, ra(mapopt)), 255))
    lbu = mh(RCOA, MAP_IP, MT["BU"], bu_data(1, BU_A | BU_M, 50))
    add(frame(MN, AR1, COA1, MAP_IP, 60, dstopts_hoa(RCOA, MHP) + lbu))
    add(frame(AR1, MN, MAP_IP, COA1, 43, rh2(RCOA, MHP) + mh(MAP_IP, RCOA, MT["BA"], ba_data(0, 1, 50))))
    # RA from the home agent (H flag, Advertisement Interval, HA Information).
    haopts = bytes([N["ADV_INTERVAL"], 1, 0, 0]) + struct.pack("!I", 1000)
    haopts += bytes([N["HA_INFO"], 1, 0, 0]) + struct.pack("!HH", 5, 1800)
    add(frame(HA_CORE, "33:33:00:00:00:01", "fe80::ff:fe01:2", "ff02::1", ICMP,
              icmpv6("fe80::ff:fe01:2", "ff02::1", 134, 0, ra(haopts, cp("RA_FLAG", "H"))), 255))
    return {"mipv6.pcap": F}


def fmip5568():
    """FMIPv6 as RFC 5568 / RFC 5268 encode it, including every option
    layout stock Wireshark 4.0 misreads."""
    F = []
    t = [0]

    def add(f):
        t[0] += 10 * MS
        F.append((t[0], f))

    # RtSolPr / PrRtAdv (RFC 5568 s6.1), the PrRtAdv with R/M set.
    add(frame(MN, AR1, MN_LL, AR1_LL, ICMP, fmip_icmp(MN_LL, AR1_LL, T_FMIP, 0, SUB["RTSOLPR"], 0, 7,
                                                      lla(4, MN) + lla(1, AP2)), 255))
    pr = lla(4, AR1) + lla(1, AP2) + lla(3, AR2) + ipaddr(3, 128, AR2_IP) + ipaddr(4, 64, "2001:db8:2::")
    add(frame(AR1, MN, AR1_LL, MN_LL, ICMP, fmip_icmp(AR1_LL, MN_LL, T_FMIP, 0, SUB["PRRTADV"], 0x80, 7, pr), 255))
    # Unsolicited PrRtAdv, code 5 (use DHCP).
    add(frame(AR1, MN, AR1_LL, MN_LL, ICMP, fmip_icmp(AR1_LL, MN_LL, T_FMIP, cp("PRRTADV_CODE", "DHCP"),
                                                      SUB["PRRTADV"], 0, 0, lla(1, AP2)), 255))
    # FBU from the PAR's link: HoA option = PCoA, Alternate CoA = NCoA, MH-LLA,
    # BADF last (Option Length = SPI + Authenticator).
    opts = pad_to(12, 8, 6) + mhopt(O["ALT_COA"], ip6(COA2))
    opts += mhopt(O["LLA"], bytes([cp("LLA_OPTCODE", "MN")]) + mac(MN))
    opts += pad_to(12 + len(opts), 8, 6) + badf()
    fbu = mh(COA1, AR1_IP, MT["FBU"], bu_data(3, BU_A | BU_H, 30, opts))
    add(frame(MN, AR1, COA1, AR1_IP, 60, dstopts_hoa(COA1, MHP) + fbu))
    # HI / HAck, MH form, with option 34 (8n+4) and MH-LLA.
    hi_opts = pad_to(10, 8, 4) + mhopt(O["IP_ADDR_PREFIX"], bytes([1, 128]) + ip6(COA1))
    hi_opts += pad_to(10 + len(hi_opts), 8, 4) + mhopt(O["IP_ADDR_PREFIX"], bytes([2, 128]) + ip6(COA2))
    hi_opts += mhopt(O["LLA"], bytes([cp("LLA_OPTCODE", "MN")]) + mac(MN))
    add(frame(AR1_CORE, AR2_CORE, AR1_IP, AR2_IP, MHP,
              mh(AR1_IP, AR2_IP, MT["HI"], struct.pack("!HBB", 40, cp("HI_FLAG", "S") | cp("HI_FLAG", "U"), 0) + hi_opts)))
    hack_opts = pad_to(10, 8, 4) + mhopt(O["IP_ADDR_PREFIX"], bytes([2, 128]) + ip6(COA2))
    add(frame(AR2_CORE, AR1_CORE, AR2_IP, AR1_IP, MHP,
              mh(AR2_IP, AR1_IP, MT["HACK"], struct.pack("!HBB", 40, 0, cp("HACK_CODE", "ACCEPTED_NCOA_ASSIGNED")) + hack_opts)))
    # FBack (Lifetime in seconds) with BADF.
    fb_opts = pad_to(12, 8, 6) + badf()
    add(frame(AR1, MN, AR1_IP, COA2, MHP, mh(AR1_IP, COA2, MT["FBACK"], ba_data(0, 3, 30, fb_opts))))
    # ICMP-form HI/HAck on type 154 (RFC 5268 s6.2), HAck codes 2 and 3.
    add(frame(AR1_CORE, AR2_CORE, AR1_IP, AR2_IP, ICMP,
              fmip_icmp(AR1_IP, AR2_IP, T_FMIP, 0, SUB["HI"], 0x80, 41,
                        lla(2, MN) + ipaddr(1, 128, COA1) + ipaddr(2, 128, COA2))))
    add(frame(AR2_CORE, AR1_CORE, AR2_IP, AR1_IP, ICMP,
              fmip_icmp(AR2_IP, AR1_IP, T_FMIP, cp("HACK_CODE", "ACCEPTED_NCOA_ASSIGNED"), SUB["HACK"], 0, 41,
                        ipaddr(2, 128, COA2))))
    add(frame(AR1_CORE, AR2_CORE, AR1_IP, AR2_IP, ICMP,
              fmip_icmp(AR1_IP, AR2_IP, T_FMIP, 0, SUB["HI"], 0, 42, lla(2, MN) + ipaddr(1, 128, COA1))))
    add(frame(AR2_CORE, AR1_CORE, AR2_IP, AR1_IP, ICMP,
              fmip_icmp(AR2_IP, AR1_IP, T_FMIP, cp("HACK_CODE", "ACCEPTED_USE_PCOA"), SUB["HACK"], 0, 42, b"")))
    # UNA on the new link, answered by an RA with a NAACK (Length 3, Status 2,
    # the NCoA right after the Reserved field: RFC 5568 s6.4.6).
    una = icmpv6(COA2, "ff02::1", 136, 0, b"\0" * 4 + ip6(COA2) + ndopt(N["TLLA"], mac(MN)))
    add(frame(MN, "33:33:00:00:00:01", COA2, "ff02::1", ICMP, una, 255))
    naack = bytes([N["NAACK"], 3, 0, cp("NAACK_STATUS", "NCOA_INVALID_USE_SUPPLIED")]) + b"\0" * 4 + \
        ip6("2001:db8:2::300")
    add(frame(AR2, MN, AR2_LL, COA2, ICMP, icmpv6(AR2_LL, COA2, 134, 0, ra(naack)), 255))
    naack1 = bytes([N["NAACK"], 1, 0, cp("NAACK_STATUS", "PCOA_SUPPLIED")]) + b"\0" * 4
    add(frame(AR2, MN, AR2_LL, COA2, ICMP, icmpv6(AR2_LL, COA2, 134, 0, ra(naack1)), 255))
    # FBU sent from the NAR's link with BADF whose Option Length counts the
    # Authenticator only (the RFC 5568 s6.4.5 text).
    opts = pad_to(12, 8, 6) + badf(auth_only=True)
    add(frame(MN, AR2, COA2, AR1_IP, 60, dstopts_hoa(COA1, MHP) +
              mh(COA1, AR1_IP, MT["FBU"], bu_data(4, BU_A | BU_H, 30, opts))))
    # Handover keys (RFC 5269 s4.1-4.2) with Pad Length 0, 1, 2, 3.
    for pad in (0, 1, 2, 3):
        key = b"\x30" * (16 - 4 - pad + 8)
        req = bytes([N["HK_REQUEST"], 0, pad, 0x10]) + key + b"\0" * pad
        req = req[:1] + bytes([len(req) // 8]) + req[2:]
        add(frame(MN, AR1, MN_LL, AR1_LL, ICMP, fmip_icmp(MN_LL, AR1_LL, T_FMIP, 0, SUB["RTSOLPR"], 0,
                                                          50 + pad, lla(1, AP2) + req), 255))
        ekey = b"\x44" * (16 - 6 - pad + 8)
        rep = bytes([N["HK_REPLY"], 0, pad, 0x10]) + struct.pack("!H", 43200) + ekey + b"\0" * pad
        rep = rep[:1] + bytes([len(rep) // 8]) + rep[2:]
        add(frame(AR1, MN, AR1_LL, MN_LL, ICMP, fmip_icmp(AR1_LL, MN_LL, T_FMIP, 0, SUB["PRRTADV"], 0,
                                                          50 + pad, lla(1, AP2) + rep), 255))
    # RFC 5271 options: Handover Assist Information and Mobile Node Identifier.
    hai = bytes([N["HANDOVER_ASSIST"], 1, cp("HAI_OPTCODE", "ANID"), 4]) + b"\x0a\x0b\x0c\x0d"
    nai = b"mn@example.org"
    mnid = bytes([N["MN_ID"], 0, cp("ND_MNID_OPTCODE", "NAI"), len(nai)]) + nai
    mnid += b"\0" * ((8 - len(mnid) % 8) % 8)
    mnid = mnid[:1] + bytes([len(mnid) // 8]) + mnid[2:]
    add(frame(MN, AR1, MN_LL, AR1_LL, ICMP, fmip_icmp(MN_LL, AR1_LL, T_FMIP, 0, SUB["RTSOLPR"], 0, 60,
                                                      hai + mnid), 255))
    # Multicast Mobility / Acknowledgement (RFC 7411 s5.3-5.4): Length in
    # 32-bit words.  MLDv2 report payload: Reserved, one record.
    rec = bytes([4, 0, 0, 0]) + ip6("ff3e::1234")
    payload = b"\0\0\0\x01" + rec
    mc = bytes([O["MCAST_MOBILITY"], len(payload) // 4, cp("MCAST_OPTCODE", "MLDV2"), 0]) + payload
    opts = pad_to(10, 4, 0) + mc
    add(frame(AR1_CORE, AR2_CORE, AR1_IP, AR2_IP, MHP,
              mh(AR1_IP, AR2_IP, MT["HI"], struct.pack("!HBB", 43, 0, 0) + opts)))
    ack = bytes([O["MCAST_ACK"], 1, 0, cp("MCAST_ACK_STATUS", "PAYLOAD_UNSUPPORTED")]) + b"\0\0\0\0"
    opts = pad_to(10, 4, 0) + ack
    add(frame(AR2_CORE, AR1_CORE, AR2_IP, AR1_IP, MHP,
              mh(AR2_IP, AR1_IP, MT["HACK"], struct.pack("!HBB", 43, 0, 0) + opts)))
    # A rejected HAck and an FBack refusing the FBU.
    add(frame(AR2_CORE, AR1_CORE, AR2_IP, AR1_IP, MHP,
              mh(AR2_IP, AR1_IP, MT["HACK"], struct.pack("!HBB", 40, 0, cp("HACK_CODE", "INSUFFICIENT_RESOURCES")))))
    add(frame(AR1, MN, AR1_IP, COA2, MHP, mh(AR1_IP, COA2, MT["FBACK"],
                                             ba_data(cp("FBACK_STATUS", "PROHIBITED"), 4, 0, pad_to(12, 8, 6) + badf()))))
    return {"fmip5568.pcap": F}


def fmip4068():
    """FMIPv6 as RFC 4068 encodes it: ICMPv6 type 150, option 18, the FNA
    with the RFC 4068 MH-LLA layout, FBU Lifetime in 4-second units."""
    F = []
    t = [0]

    def add(f):
        t[0] += 10 * MS
        F.append((t[0], f))

    add(frame(MN, AR1, MN_LL, AR1_LL, ICMP, fmip_icmp(MN_LL, AR1_LL, T_EXP, 0, SUB["RTSOLPR"], 0, 9,
                                                      lla(4, MN) + lla(1, AP2)), 255))
    pr = lla(1, AP2) + lla(3, AR2) + ipaddr(3, 128, AR2_IP) + \
        ipaddr(0, 64, "2001:db8:2::", N["NEW_ROUTER_PREFIX"]) + ipaddr(2, 128, COA2)
    add(frame(AR1, MN, AR1_LL, MN_LL, ICMP, fmip_icmp(AR1_LL, MN_LL, T_EXP, 0, SUB["PRRTADV"], 0, 9, pr), 255))
    add(frame(AR1_CORE, AR2_CORE, AR1_IP, AR2_IP, ICMP,
              fmip_icmp(AR1_IP, AR2_IP, T_EXP, 0, SUB["HI"], 0x80, 21,
                        lla(2, MN) + ipaddr(1, 128, COA1) + ipaddr(2, 128, COA2))))
    # HAck code 3: "NCoA assigned" under RFC 4068 s6.2.2.
    add(frame(AR2_CORE, AR1_CORE, AR2_IP, AR1_IP, ICMP,
              fmip_icmp(AR2_IP, AR1_IP, T_EXP, cp("HACK4068_CODE", "ACCEPTED_NCOA_ASSIGNED"), SUB["HACK"], 0, 21,
                        ipaddr(2, 128, COA2))))
    # FNA from the new link (RFC 4068 s6.3.3): MH-LLA with Pad0, Length 7.
    mhlla = bytes([O["LLA"], 7, cp("LLA_OPTCODE", "MN"), 0]) + mac(MN)
    fna_opts = pad_to(8, 8, 6) + mhlla
    add(frame(MN, AR2, COA2, AR2_IP, MHP, mh(COA2, AR2_IP, MT["FNA"], b"\0\0" + fna_opts)))
    # FBU (no BADF in RFC 4068), Lifetime 30 units of 4 s, MH-LLA 4068 layout.
    opts = pad_to(12, 8, 6) + mhopt(O["ALT_COA"], ip6(COA2)) + pad_to(30, 8, 6) + mhlla
    add(frame(MN, AR1, COA1, AR1_IP, 60, dstopts_hoa(COA1, MHP) +
              mh(COA1, AR1_IP, MT["FBU"], bu_data(5, BU_A | BU_H, 30, opts))))
    add(frame(AR1, MN, AR1_IP, COA2, MHP, mh(AR1_IP, COA2, MT["FBACK"], ba_data(0, 5, 120))))
    # NAACK with the RFC 4068 statuses (reply to the FNA).
    naack = bytes([N["NAACK"], 1, 0, cp("NAACK4068_STATUS", "LLA_UNRECOGNIZED")]) + b"\0" * 4
    add(frame(AR2, MN, AR2_LL, COA2, ICMP, icmpv6(AR2_LL, COA2, 134, 0, ra(naack)), 255))
    # PrRtAdv code 5 does not exist in RFC 4068.
    add(frame(AR1, MN, AR1_LL, MN_LL, ICMP, fmip_icmp(AR1_LL, MN_LL, T_EXP, 5, SUB["PRRTADV"], 0, 0,
                                                      lla(1, AP2)), 255))
    return {"fmip4068.pcap": F}


def malformed():
    """Broken frames: every prefix of a few valid ones (the capture keeps
    the original length), and lengths that lie."""
    F = []
    t = [0]

    def add(data, orig=None):
        t[0] += MS
        F.append((t[0], data, orig if orig is not None else len(data)))

    base = [
        l2frame(AP1, l2ev("LINK_GOING_DOWN", "ap1", "ap2", 50 * MS)),
        frame(MN, AR1, COA1, HA, 60, dstopts_hoa(HOA, MHP) + mh(HOA, HA, MT["BU"], bu_data(
            1, BU_A | BU_H, 100, pad_to(12, 8, 6) + mhopt(O["ALT_COA"], ip6(COA1))))),
        frame(MN, AR1, MN_LL, AR1_LL, ICMP, fmip_icmp(MN_LL, AR1_LL, T_EXP, 0, SUB["RTSOLPR"], 0, 9,
                                                      lla(4, MN) + lla(1, AP2)), 255),
        frame(MN, AR1, COA1, AR1_IP, 60, dstopts_hoa(COA1, MHP) + mh(COA1, AR1_IP, MT["FBU"], bu_data(
            3, BU_A | BU_H, 30, pad_to(12, 8, 6) + badf()))),
    ]
    for f in base:
        for n in range(14, len(f)):
            add(f[:n], len(f))
    # L2 events: bad version, unknown type, TLV overrun, zero and wrong
    # lengths, a duplicate, a bad AP ID, an unknown TLV, Length past the frame.
    good = l2ev("LINK_UP", "ap1")
    add(l2frame(AP1, bytes([2]) + good[1:]))
    add(l2frame(AP1, good[:1] + bytes([99]) + good[2:]))
    add(l2frame(AP1, good[:2] + struct.pack("!H", len(good) - 4 + 3) + good[4:] + b"\x02\x09ap"))
    add(l2frame(AP1, good[:2] + struct.pack("!H", 2 + len(good) - 4) + good[4:] + b"\x05\x00"))
    add(l2frame(AP1, good[:2] + struct.pack("!H", 5 + len(good) - 4) + good[4:] + b"\x04\x03abc"))
    add(l2frame(AP1, good[:2] + struct.pack("!H", 5 + len(good) - 4) + good[4:] + b"\x02\x03ap2"))
    add(l2frame(AP1, good[:2] + struct.pack("!H", 5) + b"\x02\x03a\x00b"))
    add(l2frame(AP1, good[:2] + struct.pack("!H", 4 + len(good) - 4) + good[4:] + b"\x63\x02hi"))
    add(l2frame(AP1, good[:2] + struct.pack("!H", 200) + good[4:]))
    # MH: Header Len larger than the packet, too small for a BU.
    bu = mh(HOA, HA, MT["BU"], bu_data(1, BU_A | BU_H, 100))
    add(frame(MN, AR1, HOA, HA, MHP, bu[:1] + bytes([9]) + bu[2:]))
    add(frame(MN, AR1, HOA, HA, MHP, mh(HOA, HA, MT["BU"], b"\0\0", pad=False, hlen=0)))
    # MH option crossing the end of the header.
    add(frame(MN, AR1, HOA, HA, MHP, mh(HOA, HA, MT["BU"], bu_data(1, BU_A | BU_H, 100, bytes([3, 40]) + b"\0" * 8),
                                        pad=False)))
    # ND: zero-length option, an option past the end, a short FMIPv6 message.
    add(frame(MN, AR1, MN_LL, AR1_LL, ICMP, fmip_icmp(MN_LL, AR1_LL, T_FMIP, 0, SUB["RTSOLPR"], 0, 1,
                                                      bytes([N["LLA"], 0]) + b"\0" * 6), 255))
    add(frame(MN, AR1, MN_LL, AR1_LL, ICMP, fmip_icmp(MN_LL, AR1_LL, T_FMIP, 0, SUB["RTSOLPR"], 0, 2,
                                                      bytes([N["LLA"], 4]) + b"\0" * 6), 255))
    add(frame(MN, AR1, MN_LL, AR1_LL, ICMP, icmpv6(MN_LL, AR1_LL, T_FMIP, 0, bytes([SUB["RTSOLPR"]])), 255))
    # HK option with a Pad Length past its room, HAI with a length past it.
    add(frame(MN, AR1, MN_LL, AR1_LL, ICMP, fmip_icmp(MN_LL, AR1_LL, T_FMIP, 0, SUB["RTSOLPR"], 0, 3,
                                                      bytes([N["HK_REQUEST"], 1, 9, 0]) + b"\0" * 4), 255))
    add(frame(MN, AR1, MN_LL, AR1_LL, ICMP, fmip_icmp(MN_LL, AR1_LL, T_FMIP, 0, SUB["RTSOLPR"], 0, 4,
                                                      bytes([N["HANDOVER_ASSIST"], 1, 1, 9]) + b"\0" * 4), 255))
    # Bad ICMPv6 checksum on an FMIPv6 message.
    add(frame(MN, AR1, MN_LL, AR1_LL, ICMP, fmip_icmp(MN_LL, AR1_LL, T_FMIP, 0, SUB["RTSOLPR"], 0, 5,
                                                      lla(1, AP2), bad_cksum=True), 255))
    # IPv6 Payload Length shorter than the MH it carries.
    f = frame(MN, AR1, HOA, HA, MHP, bu)
    add(f[:18] + struct.pack("!H", 8) + f[20:])
    return {"malformed.pcap": F}


def write_all(outdir):
    os.makedirs(outdir, exist_ok=True)
    caps = {}
    for gen in (handover, mipv6, fmip5568, fmip4068, malformed):
        caps.update(gen())
    for name, frames in sorted(caps.items()):
        recs = []
        for f in frames:
            if len(f) == 2:
                recs.append((EPOCH + f[0], f[1], len(f[1])))
            else:
                recs.append((EPOCH + f[0], f[1], f[2]))
        write_pcap_orig(os.path.join(outdir, name), recs)
    return sorted(caps)


def write_pcap_orig(path, recs):
    """Like mkpkt.write_pcap, with an original length per record (to model
    a capture cut short by the snap length)."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, 65535, 1))
        for ts, data, orig in recs:
            f.write(struct.pack("<IIII", ts // 1000000000, ts % 1000000000, len(data), orig))
            f.write(data)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "captures")
    for n in write_all(out):
        print(os.path.join(out, n))
