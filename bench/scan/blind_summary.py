#!/usr/bin/env python3
"""Summary of one blind scan set: reads the two `mlsec scan --format json` reports and the set's
MANIFESTs; prints counts, false positives and false negatives (--markdown FILE: the same as tables).

Usage: blind_summary.py SETDIR BENIGN.json ADVERSARIAL.json [--markdown FILE]
Used by the `run` script of blind3/, blind4/ and later sets."""
import collections, json, os, sys

SET_DIR = None


def manifest(set_):
    rows = {}
    with open(os.path.join(SET_DIR, set_, "MANIFEST.tsv")) as f:
        next(f)
        for line in f:
            p = line.rstrip("\n").split("\t")
            rows[p[0]] = p
    return rows


def load(path, set_):
    out = {}
    for f in json.load(open(path))["files"]:
        name = f["path"].split(f"/{set_}/", 1)[1]
        if name == "MANIFEST.tsv":
            continue
        rules = sorted({x["rule"] for x in f.get("findings", [])})
        msg = f["findings"][0]["message"] if f.get("findings") else ""
        out[name] = (f["verdict"], rules, msg)
    return out


def main():
    global SET_DIR
    args = sys.argv[1:]
    md = None
    if "--markdown" in args:
        k = args.index("--markdown"); md = args[k + 1]; del args[k:k + 2]
    SET_DIR = os.path.abspath(args[0])
    name = os.path.basename(SET_DIR)
    number = name[len("blind"):] if name.startswith("blind") else name
    ben, adv = load(args[1], "benign"), load(args[2], "adversarial")
    mb, ma = manifest("benign"), manifest("adversarial")
    lines = []
    pr = lines.append
    for set_, res, man in (("benign", ben, mb), ("adversarial", adv, ma)):
        c = collections.Counter(v[0] for v in res.values())
        missing = sorted(set(man) - set(res))
        pr(f"{set_}: {len(res)} files scanned ({len(man)} in MANIFEST{', missing from report: ' + str(missing) if missing else ''}): " + ", ".join(f"{k} {c[k]}" for k in ("clean", "suspicious", "malicious", "inconclusive") if k in c))
    fp = [(n, mb.get(n, [n, "?", "?"]), v) for n, v in sorted(ben.items()) if v[0] != "clean"]
    fn = [(n, ma.get(n, [n, "?", "?"]), v) for n, v in sorted(adv.items()) if v[0] == "clean"]
    pr(f"false positives (benign not clean): {len(fp)} of {len(ben)}")
    pr(f"false negatives (adversarial clean): {len(fn)} of {len(adv)}")
    for title, lst in (("FALSE POSITIVES", fp), ("FALSE NEGATIVES", fn)):
        pr(f"\n{title}")
        for n, m, v in lst:
            pr(f"  {n}\t{m[1]} / {m[2]}\t{v[0]}\t{','.join(v[1])}\t{v[2][:140]}")
    print("\n".join(lines))
    if md:
        with open(md, "w") as f:
            base = os.path.basename(md)
            when = "after the fixes by class" if "after" in base else "before any fix"
            f.write(f"# Blind set {number}: verdicts of `mlsec scan` {when}\n\n")
            f.write(f"Made by `bench/scan/{name}/run --markdown bench/scan/{name}/{base}` (from the repo root).\n\n")
            for l in lines[:4]:
                f.write(f"- {l}\n")
            for title, lst, head in (("False positives (benign, not clean)", fp, "library/class / how made"), ("False negatives (adversarial, clean)", fn, "class / what")):
                f.write(f"\n## {title}: {len(lst)}\n\n| file | {head} | verdict | rules | first message |\n|---|---|---|---|---|\n")
                for n, m, v in lst:
                    f.write(f"| `{n}` | {m[1]} / {m[2]} | {v[0]} | {', '.join(v[1])} | {v[2][:140].replace('|', '/')} |\n")
            notc = [(n, ma.get(n, [n, '?', '?']), v) for n, v in sorted(adv.items()) if v[0] in ("suspicious", "inconclusive")]
            f.write(f"\n## Adversarial files only suspicious or inconclusive (not misses, for the record): {len(notc)}\n\n| file | class / what | verdict | rules |\n|---|---|---|---|\n")
            for n, m, v in notc:
                f.write(f"| `{n}` | {m[1]} / {m[2]} | {v[0]} | {', '.join(v[1])} |\n")


if __name__ == "__main__":
    main()
