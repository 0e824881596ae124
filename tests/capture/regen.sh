#!/bin/sh
# capture.all-messages: regenerates the capture of every MIPSHOP message, the
# capture of the plain IPv6 frames (ipv6-basics) and the capture of malformed
# frames with their manifests (tests/capture/mkallmessages.c, whose
# self-check decodes every frame), twice, and compares
# each file with its checked-in twin byte for byte.  With --update, copies the
# regenerated files over the checked-in ones instead.
#
#   regen.sh [--update] MKALLMESSAGES OUTDIR CHECKED-IN-FILE...
update=0
if [ "$1" = "--update" ]; then
    update=1
    shift
fi
gen=$1
out=$2
shift 2
rm -rf "$out"
mkdir -p "$out/again" || exit 1
"$gen" "$out" || { echo "mkallmessages failed"; exit 1; }
"$gen" "$out/again" >/dev/null || { echo "mkallmessages failed on the second run"; exit 1; }
status=0
for f in "$@"; do
    b=$(basename "$f")
    if ! cmp -s "$out/$b" "$out/again/$b"; then
        echo "$b: two runs wrote different files"
        status=1
    fi
    if [ $update -eq 1 ]; then
        cp "$out/$b" "$f" && echo "updated $f"
        continue
    fi
    if [ ! -f "$f" ]; then
        echo "$f: missing (run the update-capture target)"
        status=1
    elif ! cmp -s "$out/$b" "$f"; then
        echo "$f differs from the regenerated $out/$b:"
        case "$b" in
        *.manifest) diff -u "$f" "$out/$b" | head -60 ;;
        *) cmp "$f" "$out/$b" ;;
        esac
        status=1
    fi
done
exit $status
