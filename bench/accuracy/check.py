#!/usr/bin/env python3
"""Consistency check of one held-out set's expectation files (does not run mlsec).

usage: check.py SET_DIR PATH/TO/atlas-data/data/techniques.yaml
       (SET_DIR: a folder with workflows/, expected/ and optionally atlas/ and atlas/expected/,
       e.g. bench/accuracy/holdout5)

For every expectation file: the fields score.py reads are present; every ATLAS id
exists in techniques.yaml; every OWASP id is ML01-ML10 or LLM01-LLM10; every
component named exists in the matching workflow; every wrong entry has a `why`;
and no two expected entries share both a ref (an ATLAS sub-technique counting as its
parent) and a component (so one finding
cannot count for two entries by place alone). Prints totals.
"""
import os
import re
import sys

import yaml

OWASP = {"ML%02d" % i for i in range(1, 11)} | {"LLM%02d" % i for i in range(1, 11)}


def family(refs):
    """Refs with ATLAS sub-techniques folded into their parent (score.py lets a parent match a child)."""
    return {".".join(r.split(".")[:2]) if r.startswith("AML.") else r for r in refs}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    set_dir = sys.argv[1]
    text = open(sys.argv[2], encoding="utf-8").read()
    atlas = set(re.findall(r"^  id: (AML\.T\d{4}(?:\.\d{3})?)$", text, re.M))
    problems, totals = [], {}
    for wf_dir, ex_dir in (("workflows", "expected"), ("atlas", os.path.join("atlas", "expected"))):
        n_exp = n_wrong = files = 0
        if wf_dir == "atlas" and not os.path.isdir(os.path.join(set_dir, wf_dir)):
            continue  # the ATLAS part is optional
        for name in sorted(os.listdir(os.path.join(set_dir, wf_dir))):
            if not name.endswith(".yaml"):
                continue
            files += 1
            wf = yaml.safe_load(open(os.path.join(set_dir, wf_dir, name), encoding="utf-8"))
            ex = yaml.safe_load(open(os.path.join(set_dir, ex_dir, name), encoding="utf-8"))
            comps = set(wf["components"])
            for key in ("critical-ceiling", "max-actionable", "expected", "wrong"):
                if key not in ex:
                    problems.append("%s: no %s" % (name, key))
            seen = []
            for kind in ("expected", "wrong"):
                for e in ex.get(kind) or []:
                    where = "%s %s '%s'" % (name, kind, e.get("name"))
                    if not e.get("name") or not e.get("component") or not e.get("refs"):
                        problems.append(where + ": name, component and refs are required")
                    if kind == "wrong" and not e.get("why"):
                        problems.append(where + ": no why")
                    for c in e.get("component") or []:
                        if c not in comps:
                            problems.append("%s: unknown component %s" % (where, c))
                    for r in e.get("refs") or []:
                        if r.startswith("AML."):
                            if r not in atlas:
                                problems.append("%s: ATLAS id %s not in techniques.yaml" % (where, r))
                        elif r not in OWASP:
                            problems.append("%s: %s is not an OWASP ML/LLM Top 10 id" % (where, r))
                    if kind == "expected":
                        for other in seen:
                            if family(other["refs"]) & family(e["refs"]) and set(other["component"]) & set(e["component"]):
                                problems.append("%s: shares a ref and a component with '%s'" % (where, other["name"]))
                        seen.append(e)
            n_exp += len(ex.get("expected") or [])
            n_wrong += len(ex.get("wrong") or [])
        totals[wf_dir] = (files, n_exp, n_wrong)
    for p in problems:
        print("PROBLEM: " + p)
    for k, (f, e, w) in totals.items():
        print("%s: %d files, %d expected, %d wrong" % (k, f, e, w))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
