"""A mutation fuzzer for qreview, run as a process per input (the binary is the target).

Each round takes a seed review (the sample, the format's example, the literal-text
fixture), mutates one team file (bit flips, byte runs, splices of YAML and Typst syntax,
truncation, duplication of lines, deep nesting), builds it to PDF and checks that
qreview answered with a deck or a clean error. Deterministic for a given seed number.
"""

import hashlib
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QREVIEW = ROOT / "target" / "release" / "qreview"
WORK = ROOT / "fuzz" / "work" / str(os.getpid())
CRASHES = ROOT / "fuzz" / "crashes"
SEEDS = [ROOT / "samples" / "2015-16-q2", ROOT / "tests" / "fixtures" / "literal", ROOT / "tests" / "fixtures" / "long"]

TOKENS = [
    b"#panic()", b"$", b"]", b"[", b"\\", b"**", b"*", b"`", b"~~", b"<b>", b"&a", b"*a", b"!!binary", b"- ",
    b": ", b"{", b"}", b"\n", b"\t", b"\r\n", b"\x00", b"\xef\xbb\xbf", b"\xff", b"2015/16 Q2", b"2015 Q5",
    b"redacted", b"-1e308", b"1e999", b"NaN", b".inf", b"0", b"-0", b"18446744073709551616", b"~", b"null",
    b"'", b'"', b"%", b"@", b"<<: *a", b"---", b"...", b"|", b">", b"\xe2\x80\xae", b"\xcc\x81" * 20,
    b"x" * 500, b"[" * 200, b"]" * 200, b"https://example.org/" + b"a" * 300, b"met: true", b"outcome: done",
    b"from: uptime/Public API", b"chart: lead-time", b"kind: bar", b"values: {2015 Q1: 1}", b"decimals: 255",
]


VALUES = [
    '"#panic(\\"x\\") $x$ ] [ \\\\ <b> **"', '"\\x07\\x1b[31m\\u202e"', '"' + "w" * 3000 + '"', "-1e308", "1e-300",
    "-0.0", "0", "123456789012345678901234567890", "2015/16 Q4", "2016 Q1", "redacted", "true", "[]", "{}",
    '"- a\\n- b\\n\\n# c"', '"[x](javascript:1) [y](https://e.org)"', "~", '"\\ud7ff\\ue000\\U0010ffff"',
]


def mutate_values(data: bytes, rng: random.Random) -> bytes:
    """Replaces the values of a few `key: value` lines, keeping the YAML well formed more
    often than byte mutations do, so that later stages see strange but valid input."""
    lines = data.split(b"\n")
    candidates = [i for i, line in enumerate(lines) if b": " in line]
    for _ in range(rng.randint(1, 4)):
        if not candidates:
            break
        index = rng.choice(candidates)
        key = lines[index].split(b": ", 1)[0]
        lines[index] = key + b": " + rng.choice(VALUES).encode()
    return b"\n".join(lines)


def mutate(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.5:
        return mutate_values(data, rng)
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        choice = rng.random()
        pos = rng.randint(0, len(data)) if data else 0
        if choice < 0.25 and data:
            index = rng.randrange(len(data))
            data[index] ^= 1 << rng.randrange(8)
        elif choice < 0.55:
            data[pos:pos] = rng.choice(TOKENS)
        elif choice < 0.65 and data:
            end = min(len(data), pos + rng.randint(1, 64))
            del data[pos:end]
        elif choice < 0.75:
            lines = bytes(data).split(b"\n")
            if lines:
                line = rng.choice(lines)
                index = rng.randrange(len(lines) + 1)
                lines.insert(index, line)
                data = bytearray(b"\n".join(lines))
        elif choice < 0.85 and data:
            data = data[: rng.randrange(len(data))]
        else:
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(data)


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 600
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20161
    rng = random.Random(seed)
    WORK.mkdir(parents=True, exist_ok=True)
    CRASHES.mkdir(parents=True, exist_ok=True)
    print(f"fuzzing for {seconds:.0f} s with seed {seed}", flush=True)
    deadline = time.monotonic() + seconds
    runs = crashes = ok = refused = 0
    while time.monotonic() < deadline:
        seed = rng.choice(SEEDS)
        case = WORK / "case"
        if case.exists():
            shutil.rmtree(case)
        shutil.copytree(seed, case)
        teams = sorted((case / "teams").glob("*.yaml"))
        target = rng.choice(teams + [case / "review.yaml"])
        target.write_bytes(mutate(target.read_bytes(), rng))
        try:
            proc = subprocess.run([QREVIEW, "build", case, "-o", WORK / "out.pdf"], capture_output=True, timeout=10)
            code, err = proc.returncode, proc.stderr
        except subprocess.TimeoutExpired:
            code, err = "timeout", b""
        runs += 1
        if code == 0:
            ok += 1
        elif code == 1 and b"panicked" not in err:
            refused += 1
        else:
            crashes += 1
            digest = hashlib.sha1(target.read_bytes()).hexdigest()[:12]
            saved = CRASHES / digest
            if not saved.exists():
                shutil.copytree(case, saved)
                (saved / "CRASH.txt").write_bytes(f"exit: {code}\nfile: {target.name}\n".encode() + err[-4000:])
            print(f"crash {digest}: exit {code} ({target.name})", flush=True)
        if runs % 500 == 0:
            print(f"{runs} runs: {ok} built, {refused} refused cleanly, {crashes} crashes", flush=True)
    print(f"done after {seconds:.0f} s: {runs} runs, {ok} built, {refused} refused cleanly, {crashes} crashes")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
