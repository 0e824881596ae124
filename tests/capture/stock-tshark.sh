#!/bin/sh
# capture.stock-tshark: stock tshark (no plugin) over each capture given
# (pcaps/all-messages.pcap, pcaps/ipv6-basics.pcap), frame by frame against
# its manifest (tests/capture/<name>.manifest):
#   - every frame decodes as the message the manifest expects (its "expect"
#     column: field=value pairs, values as `tshark -T fields` prints them
#     with every occurrence, comma-separated);
#   - no frame is malformed or carries a checksum expert item;
#   - "ok" frames carry no expert item of severity warning or above;
#   - "unknown" frames (stock does not know the message): nothing more;
#   - "stock-bug:ID[,ID]" frames: each mistake is still there, as
#     tests/capture/stock-bugs.txt describes it, and every ID is explained
#     under "## Stock Wireshark 4.0 mistakes" in docs/WIRESHARK-NOTES.md;
#   - every ID of STOCK-BUGS is used by a frame of one of the captures.
#
#   stock-tshark.sh STOCK-BUGS DOC PCAP MANIFEST [PCAP MANIFEST]...
#
# Exit 77 (ctest SKIP_RETURN_CODE) when tshark is not installed.
bugs=$1
doc=$2
if [ $# -lt 4 ] || [ $(($# % 2)) -ne 0 ]; then
    echo "usage: stock-tshark.sh STOCK-BUGS DOC PCAP MANIFEST [PCAP MANIFEST]..."
    exit 2
fi
shift 2
if ! command -v tshark >/dev/null 2>&1; then
    echo "tshark not installed: skipped"
    exit 77
fi
top=$(mktemp -d) || exit 1
trap 'rm -rf "$top"' EXIT INT TERM
tmp=$top
# Stock means stock: an empty plugin directory and an empty configuration
# directory (no personal plugins, preferences or protocol settings).
mkdir -p "$tmp/plugins" "$tmp/config"
WIRESHARK_PLUGIN_DIR=$tmp/plugins
WIRESHARK_CONFIG_DIR=$tmp/config
export WIRESHARK_PLUGIN_DIR WIRESHARK_CONFIG_DIR
tsk() {
    tshark -n -r "$pcap" -o udp.check_checksum:TRUE "$@" 2>"$tmp/stderr"
    rc=$?
    if [ $rc -ne 0 ]; then
        echo "tshark failed ($rc):"
        grep -v "Running as user" "$tmp/stderr"
        exit 1
    fi
}

# One capture against its manifest, in its own directory under $top (the
# function has its own positional parameters: "set --" below is local).
check_capture() {
    pcap=$1
    manifest=$2
    name=$(basename "$pcap")
    n=$((n + 1))
    tmp=$top/$n
    mkdir -p "$tmp/frames"

    # The fields the manifest names, in first-use order.
    fields=$(awk -F'\t' '!/^#/ { n = split($4, a, " "); for (i = 1; i <= n; i++) {
                 sub(/=.*/, "", a[i]); if (!(a[i] in seen)) { seen[a[i]] = 1; print a[i] } } }' \
             "$manifest")
    set --
    for f in $fields; do
        set -- "$@" -e "$f"
    done
    tsk -T fields -E separator=/t -E occurrence=a -E aggregator=, -e frame.number \
        -e _ws.malformed -e _ws.expert.severity -e _ws.expert.group "$@" >"$tmp/fields.txt"
    echo "$fields" >"$tmp/names.txt"
    tsk -V >"$tmp/verbose.txt"
    awk -v dir="$tmp/frames" '/^Frame [0-9]+:/ { if (f) close(f); n = $2; sub(/:/, "", n); f = dir "/" n ".txt" }
                             f { print > f }' "$tmp/verbose.txt"

    # Per-frame checks that need only the fields: expectations, malformed,
    # checksum and severity.  Prints one line per frame that needs a probe:
    # "frame<TAB>ids".
    awk -F'\t' -v cap="$name" -v names="$tmp/names.txt" -v fieldsf="$tmp/fields.txt" -v out="$tmp/probes.txt" '
        BEGIN {
            k = 0
            while ((getline l < names) > 0) col[l] = 5 + k++
            while ((getline l < fieldsf) > 0) { nf = split(l, v, "\t"); row[v[1]] = l; nrows++ }
            WARN = 6291456; ERR = 8388608; CKSUM = 16777216
        }
        function has_sev(s, min,   a, n, i) {
            n = split(s, a, ","); for (i = 1; i <= n; i++) if (a[i] + 0 >= min) return 1; return 0
        }
        function has_group(s, g,   a, n, i) {
            n = split(s, a, ","); for (i = 1; i <= n; i++) if (a[i] + 0 == g) return 1; return 0
        }
        /^#/ { next }
        {
            frames++
            fr = $1
            if (!(fr in row)) { printf "%s frame %s: not in the capture\n", cap, fr; bad++; next }
            split(row[fr], v, "\t")
            malformed = v[2]; sev = v[3]; grp = v[4]
            n = split($4, ex, " ")
            for (i = 1; i <= n; i++) {
                name = ex[i]; want = ex[i]; sub(/=.*/, "", name); sub(/^[^=]*=/, "", want)
                got = v[col[name]]
                if (got != want) {
                    printf "%s frame %s (%s): %s is \"%s\", expected \"%s\"\n", cap, fr, $5, name, got, want
                    bad++
                }
            }
            if (has_group(grp, CKSUM)) { printf "%s frame %s (%s): checksum problem\n", cap, fr, $5; bad++ }
            if ($3 == "ok") {
                if (malformed != "" || has_sev(sev, WARN)) {
                    printf "%s frame %s (%s): marked ok, but stock tshark flags it (severities %s)\n",
                           cap, fr, $5, sev
                    bad++
                }
            } else if ($3 == "unknown") {
                if (malformed != "") { printf "%s frame %s (%s): malformed\n", cap, fr, $5; bad++ }
            } else if ($3 ~ /^stock-bug:/) {
                ids = $3; sub(/^stock-bug:/, "", ids)
                printf "%s\t%s\t%s\t%s\t%s\n", fr, ids, (malformed != "" ? 1 : 0),
                       (has_sev(sev, ERR) ? 2 : has_sev(sev, WARN) ? 1 : 0), $5 > out
            } else {
                printf "%s frame %s: unknown stock status \"%s\"\n", cap, fr, $3; bad++
            }
        }
        END {
            if (frames != nrows) { printf "%s: manifest lists %d frames, the capture has %d\n", cap, frames, nrows; bad++ }
            exit bad > 0
        }' "$manifest" || status=1

    # Stock-bug frames: every mistake still shows.
    touch "$tmp/probes.txt"
    while IFS="$(printf '\t')" read -r fr ids malformed sev what; do
        for id in $(echo "$ids" | tr ',' ' '); do
            used="$used $id"
            line=$(awk -F'\t' -v id="$id" '!/^#/ && $1 == id' "$bugs")
            if [ -z "$line" ]; then
                echo "$name frame $fr ($what): $id is not in $bugs"
                status=1
                continue
            fi
            flag=$(printf '%s\n' "$line" | cut -f2)
            pat=$(printf '%s\n' "$line" | cut -f3-)
            case $flag in
            malformed) [ "$malformed" = 1 ] || [ "$sev" = 2 ] || {
                echo "$name frame $fr ($what): $id: stock tshark no longer reports it malformed"
                status=1
            } ;;
            warn) [ "$malformed" = 1 ] || [ "$sev" -ge 1 ] || {
                echo "$name frame $fr ($what): $id: stock tshark no longer warns"
                status=1
            } ;;
            none) ;;
            *) echo "$bugs: $id: bad flag $flag"; status=1 ;;
            esac
            if ! grep -Eq -- "$pat" "$tmp/frames/$fr.txt"; then
                echo "$name frame $fr ($what): $id: stock tshark no longer shows /$pat/"
                status=1
            fi
        done
    done <"$tmp/probes.txt"

    total=$(grep -vc '^#' "$manifest")
    nbug=$(wc -l <"$tmp/probes.txt")
    summary="$summary
stock tshark: $name: $total frames as the manifest expects ($nbug with known stock mistakes)"
    tmp=$top
}

status=0
used=""
summary=""
n=0
# The section of the documentation that explains the mistakes.
awk '/^## / { in_s = ($0 == "## Stock Wireshark 4.0 mistakes") } in_s' "$doc" >"$tmp/doc.txt"
[ -s "$tmp/doc.txt" ] || { echo "$doc: no \"## Stock Wireshark 4.0 mistakes\" section"; status=1; }

while [ $# -gt 0 ]; do
    check_capture "$1" "$2"
    shift 2
done
for id in $(awk -F'\t' '!/^#/ && NF { print $1 }' "$bugs"); do
    case " $used " in
    *" $id "*) ;;
    *) echo "$bugs: $id is used by no frame of any manifest"; status=1 ;;
    esac
    if ! grep -q "^### $id[: ]" "$tmp/doc.txt"; then
        echo "$id: not explained under \"## Stock Wireshark 4.0 mistakes\" in $doc"
        status=1
    fi
done
if [ $status -eq 0 ]; then
    printf '%s\n' "$summary" | sed 1d
fi
exit $status
