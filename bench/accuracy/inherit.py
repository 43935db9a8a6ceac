#!/usr/bin/env python3
"""Carry a blind judge's verdicts over to a later run of the same set.

    python3 bench/accuracy/inherit.py SETDIR LABEL

SETDIR is a held-out set folder with the judge's verdicts.tsv (set, file, finding, severity,
verdict, note); LABEL names the run whose JSON reports `bench/accuracy/run --set S --label LABEL
--keep-json` wrote under SETDIR/out/LABEL/{workflows,atlas}/. A finding of the later run inherits
the verdict of the judged finding with the same id or, failing that, of its first judged alias (a
grouped finding keeps the ids of the findings it folds in as aliases; those count as still
reported, not gone). Prints, per half: the actionable findings counted
by inherited verdict, the findings the judge never saw (new, by severity: they need a verdict of
their own), and the judged findings that are gone (a gone `right` or `question` is a lost true
positive and is listed by name). Actionable is score.py's: status not accepted, mitigated or
false-positive.
"""
import collections
import csv
import json
import os
import sys

NOT_ACTIONABLE = {"accepted", "mitigated", "false-positive"}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    setdir, label = sys.argv[1], sys.argv[2]
    verdicts = {}
    with open(os.path.join(setdir, "verdicts.tsv"), newline="") as fh:
        rows = csv.reader(fh, delimiter="\t")
        next(rows)
        for row in rows:
            if len(row) >= 5:
                verdicts[(row[0], row[1], row[2])] = row[4]
    counts = collections.Counter()
    new = []
    seen = set()
    for part in ("workflows", "atlas"):
        folder = os.path.join(setdir, "out", label, part)
        if not os.path.isdir(folder):
            continue
        for fn in sorted(os.listdir(folder)):
            if not fn.endswith(".json"):
                continue
            name = fn[: -len(".json")]
            with open(os.path.join(folder, fn)) as fh:
                report = json.load(fh)
            for f in report["findings"]:
                if f.get("status") in NOT_ACTIONABLE:
                    continue
                keys = [k for k in ((part, name, i) for i in [f["id"]] + list(f.get("aliases", [])))
                        if k in verdicts]
                if keys:
                    # counted once, by the verdict of its own id (else of its first judged alias);
                    # every judged finding it folds in is still reported, so none of them is gone
                    seen.update(keys)
                    counts[(part, verdicts[keys[0]])] += 1
                else:
                    counts[(part, "new-" + f["severity"])] += 1
                    new.append((part, name, f["id"], f["severity"]))
    if not seen and not new:
        sys.exit("no reports under %s/out/%s (run bench/accuracy/run --set S --label %s --keep-json)"
                 % (setdir, label, label))
    for part in ("workflows", "atlas"):
        print(part, dict(sorted((k[1], n) for k, n in counts.items() if k[0] == part)))
        gone = [(k, x) for k, x in sorted(verdicts.items()) if k[0] == part and k not in seen]
        print("  judged findings gone:", dict(sorted(collections.Counter(x for _, x in gone).items())))
        for k, x in gone:
            if x in ("right", "question"):
                print("    LOST", x, k[1], k[2])
    print("findings the judge never saw:")
    for n in new:
        print("  ", *n)


if __name__ == "__main__":
    main()
