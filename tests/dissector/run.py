#!/usr/bin/env python3
"""Runs tshark with the mipshop plugin from the build tree, for ctest.

    run.py [--plugin-dir DIR] [--sanitized] MODE ARGS...

Modes:
  load                         tshark -G plugins / -G protocols list mipshop
  fields  EXPECTED PCAP...     -T fields of every mipshop frame (captures
                               merged with mergecap when several), compared
                               with EXPECTED
  verbose EXPECTED PCAP...     the mipshop trees (-V -O mipshop), compared
  table   EXPECTED PCAP...     tshark -q -z mipshop,handovers, compared
  mipsim  MIPSIM SCRIPT [--exact]
                               runs a topology, merges its captures and checks
                               that the handover table has mipsim's handovers
                               with its latencies (to the microsecond with
                               --exact, within 1 ms otherwise)
  stock   PCAP...              every frame stock Wireshark reports malformed
                               (or with an expert error) carries a mipshop note
                               naming the stock mistake, and the plugin adds no
                               error of its own: for captures of correct frames
  fuzz    SEED PCAP...         editcap -E on each capture, tshark -2 -V with the
                               plugin; fails on a crash, a dissector bug or an
                               exception inside the plugin
  reproducible DIR             mkcaptures.py writes exactly the files in DIR
  every   PCAP...              every frame matches the display filter "mipshop"
  coexist PCAP...              stock dissection is the same with the plugin loaded
                               (its MIPSHOP trees aside), and the MIPSHOP trees are
                               the same with stock mipv6 and icmpv6 disabled

tshark ignores WIRESHARK_PLUGIN_DIR and personal plugins when it runs as
root, so as root every tshark runs as "nobody" (setpriv), with HOME and the
plugin folder in a fresh temporary directory it can read.  Exit status 77
(ctest SKIP_RETURN_CODE) when tshark or the plugin is missing.

UPDATE=1 in the environment rewrites EXPECTED instead of comparing: inspect
the diff (git diff tests/dissector/expected) before committing it.
"""

import difflib
import glob
import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = [
    "frame.number", "mipshop.msg", "mipshop.msg.ref", "mipshop.mn.mac", "mipshop.mn.hoa",
    "mipshop.mn.coa", "mipshop.mn.pcoa", "mipshop.mn.ncoa", "mipshop.trans.kind", "mipshop.trans.id",
    "mipshop.trans.request_in", "mipshop.trans.response_in", "mipshop.trans.time",
    "mipshop.trans.copy_of", "mipshop.ho.number", "mipshop.ho.phase", "mipshop.ho.milestone",
    "_ws.expert.message",
]


class Env:
    def __init__(self, plugin_dir, sanitized):
        self.tshark = shutil.which("tshark")
        self.mergecap = shutil.which("mergecap")
        self.editcap = shutil.which("editcap")
        if self.tshark is None:
            print("SKIP: tshark not installed")
            sys.exit(SKIP)
        so = glob.glob(os.path.join(plugin_dir, "*", "epan", "mipshop.so"))
        if not so:
            print("SKIP: plugin not built in %s" % plugin_dir)
            sys.exit(SKIP)
        self.tmp = tempfile.mkdtemp(prefix="mipshop-test-")
        os.chmod(self.tmp, 0o755)
        self.plugins = os.path.join(self.tmp, "plugins")
        rel = os.path.relpath(so[0], plugin_dir)
        os.makedirs(os.path.dirname(os.path.join(self.plugins, rel)))
        shutil.copy(so[0], os.path.join(self.plugins, rel))
        self.home = os.path.join(self.tmp, "home")
        os.makedirs(self.home)
        self.work = os.path.join(self.tmp, "work")
        os.makedirs(self.work)
        self.prefix = []
        if os.geteuid() == 0:
            pw = pwd.getpwnam("nobody")
            self.prefix = ["setpriv", "--reuid=%d" % pw.pw_uid, "--regid=%d" % pw.pw_gid,
                           "--clear-groups"]
        self.sanitized = sanitized
        for root, dirs, files in os.walk(self.tmp):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o777)
            for f in files:
                os.chmod(os.path.join(root, f), 0o755)

    def cleanup(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def env(self, plugin=True):
        # No extcap programs: tshark would start each of them (with the
        # sanitizer runtime preloaded they hang), and the tests need none.
        noextcap = os.path.join(self.tmp, "noextcap")
        os.makedirs(noextcap, exist_ok=True)
        os.chmod(noextcap, 0o755)
        e = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.home,
             "XDG_CONFIG_HOME": os.path.join(self.home, ".config"), "LC_ALL": "C.UTF-8",
             "TZ": "UTC", "WIRESHARK_ABORT_ON_DISSECTOR_BUG": "1",
             "WIRESHARK_EXTCAP_DIR": noextcap}
        if plugin:
            e["WIRESHARK_PLUGIN_DIR"] = self.plugins
        else:
            # Stock Wireshark: an empty plugin folder.
            empty = os.path.join(self.tmp, "noplugins")
            os.makedirs(empty, exist_ok=True)
            os.chmod(empty, 0o777)
            e["WIRESHARK_PLUGIN_DIR"] = empty
        if self.sanitized and plugin:
            # The plugin is built with AddressSanitizer: its runtime must be
            # loaded first into the uninstrumented tshark.
            rt = subprocess.run(["cc", "-print-file-name=libasan.so"], capture_output=True,
                                text=True).stdout.strip()
            e["LD_PRELOAD"] = rt
            e["ASAN_OPTIONS"] = "detect_leaks=0:verify_asan_link_order=0:abort_on_error=1"
            e["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
        return e

    def stage(self, path, name=None):
        """A copy of a capture that "nobody" can read."""
        dst = os.path.join(self.work, name or os.path.basename(path))
        shutil.copy(path, dst)
        os.chmod(dst, 0o644)
        return dst

    def merged(self, pcaps):
        if len(pcaps) == 1:
            return self.stage(pcaps[0])
        staged = [self.stage(p, "%d-%s" % (i, os.path.basename(p))) for i, p in enumerate(pcaps)]
        out = os.path.join(self.work, "merged.pcapng")
        # One interface per input (-I none), as a user merging links would.
        subprocess.run([self.mergecap, "-I", "none", "-w", out] + staged, check=True)
        os.chmod(out, 0o644)
        return out

    def tshark_run(self, args, plugin=True, check=True):
        p = subprocess.run(self.prefix + [self.tshark] + args, env=self.env(plugin),
                           capture_output=True, text=True, errors="replace")
        if check and p.returncode != 0:
            sys.stderr.write(p.stderr)
            raise SystemExit("tshark %s failed with status %d" % (" ".join(args), p.returncode))
        return p


def compare(expected, actual):
    if os.environ.get("UPDATE") == "1":
        os.makedirs(os.path.dirname(expected), exist_ok=True)
        with open(expected, "w") as f:
            f.write(actual)
        print("updated %s: inspect the diff before committing it" % expected)
        return 0
    if not os.path.exists(expected):
        print("missing %s (UPDATE=1 writes it)" % expected)
        return 1
    with open(expected) as f:
        want = f.read()
    if want == actual:
        return 0
    sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), actual.splitlines(True),
                                               expected, "actual"))
    return 1


def clean_verbose(text):
    # Stock summary lines name the frame and the layers; keep them, but not
    # the lines tshark prints about itself.
    return "".join(l for l in text.splitlines(True) if not l.startswith("Running as"))


def mode_load(env, args):
    p = env.tshark_run(["-G", "plugins"])
    if not re.search(r"^mipshop\.so\s", p.stdout, re.M):
        print(p.stdout)
        return 1
    p = env.tshark_run(["-G", "protocols"])
    if not re.search(r"\tmipshop$", p.stdout, re.M):
        return 1
    print("plugin loads; protocol mipshop registered")
    return 0


def mode_fields(env, args):
    expected, pcaps = args[0], args[1:]
    cap = env.merged(pcaps)
    cmd = ["-2", "-r", cap, "-Y", "mipshop || _ws.malformed || _ws.expert.severity == error",
           "-T", "fields", "-E", "header=y", "-E", "occurrence=a", "-E", "aggregator=|"]
    for f in FIELDS:
        cmd += ["-e", f]
    p = env.tshark_run(cmd)
    return compare(expected, p.stdout)


def mode_verbose(env, args):
    expected, pcaps = args[0], args[1:]
    cap = env.merged(pcaps)
    p = env.tshark_run(["-2", "-r", cap, "-Y", "mipshop", "-V", "-O", "mipshop"])
    return compare(expected, clean_verbose(p.stdout))


def mode_table(env, args):
    expected, pcaps = args[0], args[1:]
    cap = env.merged(pcaps)
    p = env.tshark_run(["-q", "-r", cap, "-z", "mipshop,handovers"])
    return compare(expected, p.stdout)


ROW = re.compile(r"^\s+(\d+)\s+(\S+) -> (\S+)\s+(\S+)s\s+\S+\s+\S+\s+\S+\s+(\S+)\s+\S+\s+(\S+)\s")


def ms_to_ns(s):
    if s in ("n/a", "-"):
        return None
    m = re.match(r"^(\d+)\.(\d{3})ms$", s)
    return (int(m.group(1)) * 1000 + int(m.group(2))) * 1000


def ho_begin_ns(h):
    """When mipsim's handover began: its trigger, else its L2 down."""
    at = [h["at_ns"].get(k) for k in ("l2_trigger", "l2_down")]
    at = [v for v in at if v is not None]
    return min(at) if at else 0


def mode_mipsim(env, args):
    mipsim, script = args[0], args[1]
    exact = "--exact" in args[2:]
    out = os.path.join(env.tmp, "run")
    os.makedirs(out)
    js = os.path.join(out, "run.json")
    r = subprocess.run([mipsim, "run", script, "--pcap-dir", out, "--json", js, "--quiet"],
                       capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.stderr.write(r.stderr)
        return 1
    with open(js) as f:
        report = json.load(f)
    cap = env.merged(sorted(glob.glob(os.path.join(out, "*.pcap"))))
    p = env.tshark_run(["-q", "-r", cap, "-z", "mipshop,handovers"])
    print(p.stdout)
    rows = [ROW.match(l) for l in p.stdout.splitlines()]
    rows = [m for m in rows if m]
    # Both in time order (the table groups by mobile node, mipsim's report
    # lists handovers as they begin); ties keep their order.
    rows.sort(key=lambda m: float(m.group(4)))
    want = sorted(report.get("handovers", []), key=ho_begin_ns)
    bad = 0
    if len(rows) != len(want):
        print("mipsim reports %d handovers, the table shows %d" % (len(want), len(rows)))
        return 1
    tol = 0 if exact else 1000000
    for h, m in zip(want, rows):
        got = {"number": int(m.group(1)), "from": m.group(2), "to": m.group(3),
               "latency": ms_to_ns(m.group(5)), "disruption": ms_to_ns(m.group(6))}
        exp = {"number": h["number"], "from": h["from"] or "(none)", "to": h["to"] or "(none)",
               "latency": h["latency_ns"], "disruption": h["disruption_ns"]}
        for k in ("number", "from", "to"):
            if got[k] != exp[k]:
                print("handover %s: %s %r, mipsim %r" % (h["number"], k, got[k], exp[k]))
                bad += 1
        for k in ("latency", "disruption"):
            g, e = got[k], exp[k]
            if e is not None and e >= 0:
                e = e // 1000 * 1000  # mipsim prints microseconds, truncated
            if (g is None) != (e is None or e < 0):
                print("handover %s: %s %s, mipsim %s" % (h["number"], k, g, e))
                bad += 1
            elif g is not None and abs(g - e) > tol:
                print("handover %s: %s %d ns, mipsim %d ns" % (h["number"], k, g, e))
                bad += 1
    print("%d handovers compared with mipsim's report (%s): %d differences" %
          (len(want), "exact" if exact else "within 1 ms", bad))
    return 1 if bad else 0


def frames_where(env, cap, dfilter, plugin, fields=("frame.number",)):
    cmd = ["-2", "-r", cap, "-Y", dfilter, "-T", "fields", "-E", "occurrence=a",
           "-E", "aggregator=|"]
    for f in fields:
        cmd += ["-e", f]
    p = env.tshark_run(cmd, plugin=plugin)
    out = {}
    for line in p.stdout.splitlines():
        parts = line.split("\t")
        out[int(parts[0])] = parts[1:]
    return out


def mode_stock(env, args):
    bad = 0
    for pcap in args:
        cap = env.stage(pcap)
        stock = frames_where(env, cap, "_ws.malformed || _ws.expert.severity == error", False,
                             ("frame.number", "_ws.expert.message"))
        noted = frames_where(env, cap, "mipshop", True, ("frame.number", "_ws.expert.message"))
        ours = frames_where(env, cap, "_ws.malformed || _ws.expert.severity == error", True,
                            ("frame.number", "_ws.expert.message"))
        for n, msg in sorted(stock.items()):
            notes = [m for m in (noted.get(n, [""])[0]).split("|") if m.startswith("Stock ")]
            if not notes:
                print("%s frame %d: stock reports %s, and the plugin names no stock mistake" %
                      (os.path.basename(pcap), n, msg))
                bad += 1
            else:
                print("%s frame %d: stock error explained: %s" % (os.path.basename(pcap), n,
                                                                  notes[0][:100]))
        for n, msg in sorted(ours.items()):
            if n not in stock:
                print("%s frame %d: error with the plugin only: %s" % (os.path.basename(pcap), n, msg))
                bad += 1
        print("%s: %d frames flagged by stock Wireshark" % (os.path.basename(pcap), len(stock)))
    return 1 if bad else 0


def mode_fuzz(env, args):
    seed, pcaps = args[0], args[1:]
    if env.editcap is None:
        print("SKIP: editcap not installed")
        return SKIP
    total = 0
    bad = 0
    for i, pcap in enumerate(pcaps):
        src = env.stage(pcap, "src-%d-%s" % (i, os.path.basename(pcap)))
        fuzzed = os.path.join(env.work, "fuzz-%d.pcap" % i)
        # Skip the 14-octet Ethernet header: mutations then hit IPv6 and up.
        subprocess.run([env.editcap, "-E", "0.02", "-o", "14", "--seed", str(int(seed) + i),
                        src, fuzzed], check=True, capture_output=True)
        os.chmod(fuzzed, 0o644)
        p = env.tshark_run(["-2", "-r", fuzzed, "-V"], check=False)
        n = subprocess.run([shutil.which("capinfos") or "capinfos", "-c", "-M", fuzzed],
                           capture_output=True, text=True).stdout
        m = re.search(r"Number of packets:\s+(\d+)", n)
        frames = int(m.group(1)) if m else 0
        total += frames
        problems = []
        if p.returncode != 0:
            problems.append("tshark exit status %d" % p.returncode)
        for pat in ("Dissector bug", "Malformed Packet: MIPSHOP", "ERROR: AddressSanitizer",
                    "runtime error:"):
            if pat in p.stdout or pat in p.stderr:
                problems.append(pat)
        if problems:
            bad += 1
            keep = os.path.join(tempfile.gettempdir(), "mipshop-fuzz-fail-%d.pcap" % i)
            shutil.copy(fuzzed, keep)
            print("%s: %s (kept %s)" % (os.path.basename(pcap), ", ".join(problems), keep))
            for l in (p.stdout + p.stderr).splitlines():
                if any(x in l for x in ("Dissector bug", "MIPSHOP]", "AddressSanitizer", "runtime error")):
                    print("   ", l.strip())
                    break
    print("fuzz: %d captures, %d mutated frames, %d failures" % (len(pcaps), total, bad))
    return 1 if bad else 0


def mode_reproducible(env, args):
    out = os.path.join(env.tmp, "regen")
    subprocess.run([sys.executable, os.path.join(HERE, "mkcaptures.py"), out], check=True,
                   capture_output=True)
    bad = 0
    for f in sorted(os.listdir(out)):
        mine = os.path.join(args[0], f)
        with open(os.path.join(out, f), "rb") as a:
            new = a.read()
        old = open(mine, "rb").read() if os.path.exists(mine) else None
        if new != old:
            print("%s differs from what mkcaptures.py writes" % mine)
            bad += 1
    return 1 if bad else 0


def split_mipshop(text):
    """(the -V text without the MIPSHOP trees, the MIPSHOP trees alone)."""
    rest, ours, inside = [], [], False
    for line in text.splitlines(True):
        if line.startswith("MIPSHOP analysis"):
            inside = True
        elif not line.startswith(" "):
            inside = False
        if line.startswith("    [Protocols in frame:"):
            line = line.replace(":mipshop", "")
        (ours if inside else rest).append(line)
    return "".join(rest), "".join(ours)


def mode_every(env, args):
    bad = 0
    for pcap in args:
        cap = env.stage(pcap)
        p = env.tshark_run(["-2", "-r", cap, "-Y", "!mipshop"])
        missing = [l for l in p.stdout.splitlines() if l.strip()]
        for l in missing[:20]:
            print("%s: no MIPSHOP tree: %s" % (os.path.basename(pcap), l.strip()))
        print("%s: %d frames without a MIPSHOP tree" % (os.path.basename(pcap), len(missing)))
        bad += len(missing)
    return 1 if bad else 0


def drop_rfc7411(text):
    """The one intended change to stock trees: RFC 7411 options 60/61 in
    stock's mip6.option table (stock shows them as "Unknown")."""
    out, depth = [], None
    for line in text.splitlines(True):
        ind = len(line) - len(line.lstrip(" "))
        if depth is not None and ind > depth:
            continue
        depth = None
        body = line.strip()
        if body in ("Unknown (0x3c)", "Unknown (0x3d)") or \
                body.startswith("MIPv6 Option - Multicast"):
            depth = ind
            continue
        out.append(line)
    return "".join(out)


def mode_coexist(env, args):
    failed = 0
    for pcap in args:
        bad = 0
        cap = env.stage(pcap)
        name = os.path.basename(pcap)
        # IPv6 frames: the L2 event frames are the plugin's own protocol.
        base = ["-2", "-r", cap, "-Y", "ipv6", "-V"]
        stock = env.tshark_run(base, plugin=False).stdout
        withp = env.tshark_run(base).stdout
        rest, ours = split_mipshop(withp)
        rest, stock = drop_rfc7411(rest), drop_rfc7411(stock)
        if rest != stock:
            print("%s: stock dissection changes with the plugin loaded:" % name)
            sys.stdout.writelines(list(difflib.unified_diff(stock.splitlines(True),
                                                            rest.splitlines(True)))[:40])
            bad += 1
        off = env.tshark_run(base + ["--disable-protocol", "mipv6", "--disable-protocol",
                                     "icmpv6"]).stdout
        _, ours_off = split_mipshop(off)
        if ours_off != ours:
            print("%s: the MIPSHOP trees change when stock mipv6/icmpv6 are disabled:" % name)
            sys.stdout.writelines(list(difflib.unified_diff(ours.splitlines(True),
                                                            ours_off.splitlines(True)))[:40])
            bad += 1
        print("%s: %d MIPSHOP trees; stock unchanged: %s" %
              (name, ours.count("MIPSHOP analysis"), "no" if bad else "yes"))
        failed += bad
    return 1 if failed else 0


MODES = {"load": mode_load, "fields": mode_fields, "verbose": mode_verbose, "table": mode_table,
         "mipsim": mode_mipsim, "stock": mode_stock, "fuzz": mode_fuzz,
         "reproducible": mode_reproducible, "coexist": mode_coexist, "every": mode_every}


def main(argv):
    plugin_dir = os.path.join(os.getcwd(), "plugins")
    sanitized = False
    while argv and argv[0].startswith("--"):
        if argv[0] == "--plugin-dir":
            plugin_dir = argv[1]
            argv = argv[2:]
        elif argv[0] == "--sanitized":
            sanitized = True
            argv = argv[1:]
        else:
            break
    if not argv or argv[0] not in MODES:
        print(__doc__)
        return 2
    env = Env(plugin_dir, sanitized)
    try:
        return MODES[argv[0]](env, argv[1:])
    finally:
        env.cleanup()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
