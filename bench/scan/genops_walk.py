# Baseline for bench/scan/run: walk every opcode of every pickle in a file with CPython's
# pickletools.genops (no unpickling), the core loop of Python pickle scanners.
# Usage: python3 genops_walk.py REPEATS FILE...   -> "file<TAB>best_ms<TAB>opcodes"
import io, pickletools, sys, time

def walk(data):
    n = 0
    f = io.BytesIO(data)
    while f.tell() < len(data):
        for op, arg, pos in pickletools.genops(f):
            n += 1
        if f.read(1) not in (b"\x80",):
            break
        f.seek(-1, 1)
    return n

repeats = int(sys.argv[1])
for path in sys.argv[2:]:
    best = None
    ops = 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        with open(path, "rb") as fh:
            data = fh.read()
        ops = walk(data)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    print("%s\t%.3f\t%d" % (path.rsplit("/", 1)[-1], best * 1000, ops))
