#!/usr/bin/env python3
"""Writes tests/golden/broken.pcap: three frames taken from the quickstart
golden capture pcaps/quickstart/ap1.pcap, each damaged in one way that stock
tshark must flag (test tshark.selftest proves scripts/check-capture.sh fails):

  frame 1  Router Advertisement, ICMPv6 checksum off by one      (PI_CHECKSUM, PI_WARN)
  frame 2  Binding Update, IPv6 Payload Length 8 octets too long  (PI_MALFORMED, PI_WARN)
  frame 3  tunnelled UDP datagram, inner UDP checksum off by one (PI_CHECKSUM, PI_ERROR)

  tests/golden/mkbroken.py pcaps/quickstart/ap1.pcap tests/golden/broken.pcap
"""
import struct
import sys

ETH, IP6 = 14, 40


def frames(data):
    pos = 24
    while pos < len(data):
        incl = struct.unpack_from('<I', data, pos + 8)[0]
        yield data[pos:pos + 16], bytearray(data[pos + 16:pos + 16 + incl])
        pos += 16 + incl


def main(src, dst):
    data = open(src, 'rb').read()
    out = bytearray(data[:24])
    done = set()
    for hdr, fr in frames(data):
        if fr[12:14] != b'\x86\xdd':
            continue
        nh = fr[ETH + 6]
        if nh == 41 and 'udp' not in done and fr[ETH + IP6 + 6] == 17:
            fr[ETH + IP6 + IP6 + 7] ^= 0x01          # inner UDP checksum, low octet
            done.add('udp')
        elif nh == 58 and fr[ETH + IP6] == 134 and 'ra' not in done:
            fr[ETH + IP6 + 3] ^= 0x01                 # ICMPv6 checksum, low octet
            done.add('ra')
        elif nh == 60 and 'bu' not in done:
            plen = struct.unpack_from('!H', fr, ETH + 4)[0]
            struct.pack_into('!H', fr, ETH + 4, plen + 8)  # claims 8 octets more than sent
            done.add('bu')
        else:
            continue
        out += hdr + fr
    if len(done) != 3:
        sys.exit('mkbroken: source capture lacks a UDP tunnel, RA or BU frame')
    open(dst, 'wb').write(out)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
