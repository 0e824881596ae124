#!/usr/bin/env bash
# Checks that stock tshark (no mipsim plugin) decodes a capture cleanly: no
# malformed frame, no checksum warning, no dissector bug.  Prints the
# offending expert lines and exits 1 otherwise.
#
#   scripts/check-capture.sh FILE.pcap...
set -uo pipefail
command -v tshark >/dev/null || { echo "check-capture: tshark not installed" >&2; exit 2; }
status=0
errf=$(mktemp)
trap 'rm -f "$errf"' EXIT
for f in "$@"; do
    # Checksum validation is off by default for UDP; turn every check on.
    out=$(tshark -n -r "$f" -o udp.check_checksum:TRUE -o ip.check_checksum:TRUE \
                 -T fields -e frame.number -e _ws.expert.message -e _ws.expert.severity \
                 -Y "_ws.malformed || _ws.expert.severity >= 6291456 || _ws.expert.group == 0x01000000" 2>"$errf")
    rc=$?
    if [ $rc -ne 0 ]; then
        echo "$f: tshark failed ($rc): $out $(grep -v 'Running as user' "$errf")"
        status=1
    elif [ -n "$out" ]; then
        echo "$f: stock tshark reports problems:"
        echo "$out" | sed 's/^/    frame /'
        status=1
    fi
done
exit $status
