#!/usr/bin/python3
"""Reads the two `mlsec scan --format json` reports and the MANIFESTs; prints counts
(and with --markdown the per-file tables used in RESULTS.md). Standard library only."""
import json, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))

def manifest(name):
    rows = {}
    with open(os.path.join(HERE, name, "MANIFEST.tsv")) as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(head, line.rstrip("\n").split("\t")))
            rows[r["file"]] = r
    return rows

def report(path, setname):
    out = {}
    for f in json.load(open(path))["files"]:
        rel = f["path"].replace("\\", "/").split(setname + "/", 1)[-1]
        out[rel] = f
    return out

def rules(f):
    seen = []
    for x in f["findings"]:
        if x["rule"] not in seen:
            seen.append(x["rule"])
    return seen

def main(bjson, ajson, markdown=False):
    bm, am = manifest("benign"), manifest("adversarial")
    br, ar = report(bjson, "benign"), report(ajson, "adversarial")
    missing = [n for n in list(bm) + list(am) if n not in br and n not in ar]
    exp_clean = [n for n, r in bm.items() if r["expected"] == "clean"]
    fp = [n for n in exp_clean if br[n]["verdict"] != "clean"]
    own = [n for n, r in bm.items() if r["expected"] != "clean"]
    fn = [n for n in am if ar[n]["verdict"] == "clean"]
    under = [n for n in am if am[n]["expected"] == "malicious" and ar[n]["verdict"] in ("suspicious", "inconclusive")]
    print(f"benign: {len(exp_clean) - len(fp)}/{len(exp_clean)} expected-clean files clean "
          f"({100 * (len(exp_clean) - len(fp)) / len(exp_clean):.1f}%), {len(fp)} false positives")
    print(f"benign own-code (expected not clean): {sum(br[n]['verdict'] != 'clean' for n in own)}/{len(own)} not clean")
    print(f"adversarial: {len(am) - len(fn)}/{len(am)} caught ({100 * (len(am) - len(fn)) / len(am):.1f}%), {len(fn)} false negatives (clean)")
    print(f"adversarial expected malicious but only suspicious/inconclusive: {len(under)}")
    if missing:
        print("MISSING from the reports:", missing)
    for n in fp:
        print(f"  FP {n}: {br[n]['verdict']} {rules(br[n])}")
    for n in fn:
        print(f"  FN {n}: [{am[n]['class']}]")
    if markdown:
        print("\n### Benign set, per file\n\n| file | library | what | expected | verdict | rules |\n|---|---|---|---|---|---|")
        for n, r in bm.items():
            f = br[n]
            print(f"| {n} | {r['library']} | {r['what']} | {r['expected']} | {f['verdict']} | {' '.join(rules(f))} |")
        print("\n### Adversarial set, per file\n\n| file | class | source | expected | verdict | rules | first finding |\n|---|---|---|---|---|---|---|")
        for n, r in am.items():
            f = ar[n]
            msg = (f["findings"][0]["message"] if f["findings"] else "").replace("|", "\\|").replace("\n", " ")[:110]
            print(f"| {n} | {r['class']} | {r['source'].replace('|', '/')} | {r['expected']} | {f['verdict']} | {' '.join(rules(f))} | {msg} |")

if __name__ == "__main__":
    a = [x for x in sys.argv[1:] if not x.startswith("--")]
    main(a[0], a[1], "--markdown" in sys.argv)
