#!/bin/sh
# tshark.<name>: stock tshark on every golden capture of one topology;
# tshark.selftest: the check must fail, naming every frame, on a capture
# damaged on purpose (tests/golden/broken.pcap, made by mkbroken.py).
#
#   tshark.sh scripts/check-capture.sh pcaps/<name>
#   tshark.sh scripts/check-capture.sh --must-fail FILE.pcap FRAMES
#
# Exit 77 (ctest SKIP_RETURN_CODE) when tshark is not installed.
check=$1
shift
if ! command -v tshark >/dev/null 2>&1; then
    echo "tshark not installed: skipped"
    exit 77
fi
if [ "$1" = "--must-fail" ]; then
    out=$(bash "$check" "$2")
    rc=$?
    echo "$out"
    if [ $rc -ne 1 ]; then
        echo "check-capture.sh exited $rc on $2, expected 1"
        exit 1
    fi
    for f in $(seq 1 "$3"); do
        if ! printf '%s\n' "$out" | grep -q "^    frame $f	"; then
            echo "check-capture.sh did not report frame $f"
            exit 1
        fi
    done
    exit 0
fi
dir=$1
set -- "$dir"/*.pcap
if [ ! -e "$1" ]; then
    echo "no golden captures in $dir"
    exit 1
fi
exec bash "$check" "$@"
