#!/usr/bin/env python3
"""Score `mlsec analyze` against the blind expectations in bench/accuracy.

Standard library plus PyYAML (to read the workflow-shaped expectation files).
See docs/accuracy.md for the method and the matching rule.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("bench/accuracy: needs PyYAML (apt-get install python3-yaml)")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SETS = [  # (title, workflow folder, expectation folder)
    ("Blind workflows", "workflows", "expected"),
    ("ATLAS case-study architectures", "atlas", os.path.join("atlas", "expected")),
]
NOT_ACTIONABLE = {"accepted", "mitigated", "false-positive"}


def norm_ref(ref):
    """'ML05:2023' -> 'ML05', 'LLM01:2025' -> 'LLM01', ATLAS ids unchanged."""
    return ref.split(":")[0].strip().upper()


def atlas_parent(ref):
    return ref.split(".")[0] + "." + ref.split(".")[1] if ref.startswith("AML.") else ref


STRICT = False  # --strict: a finding's parent technique does not stand for an expected sub-technique


def refs_overlap(expected_refs, finding_refs):
    for e in expected_refs:
        for f in finding_refs:
            if e == f:
                return True
            # a sub-technique matches its parent (not its siblings): both ways by default; under
            # --strict only an expected parent takes a finding's sub-technique, so a finding that
            # names the whole family (AML.T0051) no longer counts for one member (AML.T0051.000)
            if e.startswith("AML.") and f.startswith("AML."):
                if (not STRICT and len(e) > 9 and len(f) == 9 and atlas_parent(e) == f) or \
                   (len(f) > 9 and len(e) == 9 and atlas_parent(f) == e):
                    return True
    return False


def finding_refs(finding):
    refs = finding.get("refs") or {}
    out = []
    for key in ("atlas", "owasp-ml", "owasp-llm"):
        out += [norm_ref(r) for r in refs.get(key) or []]
    return out


def ends(value):
    """Component ids named by a component id, a flow 'a->b', or a target object."""
    if isinstance(value, dict):
        value = value.get("component") or value.get("flow") or value.get("id") or ""
    if not isinstance(value, str):
        return []
    return [p.strip() for p in value.split("->") if p.strip()]


def finding_nodes(finding):
    nodes = set()
    for key in ("component", "flow"):
        nodes.update(ends(finding.get(key)))
    for target in finding.get("targets") or []:
        nodes.update(ends(target))
    for node in finding.get("path") or []:
        nodes.update(ends(node))
    return nodes


def as_list(value):
    return [value] if isinstance(value, str) else list(value or [])


def matches(entry, finding):
    """A grouped finding matches through one of its variants, each with its own refs and places
    (the group's refs are the union of its variants', which would let one threat's ids and
    another's component make a match)."""
    refs = [norm_ref(r) for r in as_list(entry.get("refs"))]
    comps = set(as_list(entry.get("component")))
    variants = finding.get("variants") or []
    if not variants:
        return refs_overlap(refs, finding_refs(finding)) and bool(comps & finding_nodes(finding))
    for v in variants:
        nodes = finding_nodes(v) | set(ends(finding.get("component"))) | set(ends(finding.get("flow")))
        if refs_overlap(refs, finding_refs(v)) and bool(comps & nodes):
            return True
    return False


def analyze(mlsec, path, keep_dir):
    proc = subprocess.run([mlsec, "analyze", path, "--format", "json", "--fail-on", "none"],
                          cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:  # scored as a workflow with no findings, and said so
        sys.stderr.write("mlsec analyze %s failed (exit %d): %s\n" % (path, proc.returncode, proc.stderr.strip()))
        return {"findings": [], "error": proc.stderr.strip() or "exit %d" % proc.returncode}
    if keep_dir:
        os.makedirs(keep_dir, exist_ok=True)
        name = os.path.splitext(os.path.basename(path))[0] + ".json"
        with open(os.path.join(keep_dir, name), "w", encoding="utf-8") as out:
            out.write(proc.stdout)
    return json.loads(proc.stdout)


def score_one(report, expectation):
    findings = report.get("findings") or []
    actionable = [f for f in findings if f.get("status") not in NOT_ACTIONABLE]
    criticals = [f for f in actionable if f.get("severity") == "critical"]
    expected = expectation.get("expected") or []
    wrong = expectation.get("wrong") or []
    covered = [e for e in expected if any(matches(e, f) for f in findings)]
    missed = [e for e in expected if e not in covered]
    wrong_findings = sorted({f["id"] for f in actionable for w in wrong if matches(w, f)})
    wrong_entries = [w for w in wrong if any(matches(w, f) for f in actionable)]
    unmatched = sorted(f["id"] for f in actionable
                       if not any(matches(e, f) for e in expected + wrong))
    return {
        "findings": len(findings), "actionable": len(actionable),
        "criticals": len(criticals), "ceiling": int(expectation.get("critical-ceiling", 3)),
        "max-actionable": int(expectation.get("max-actionable", 30)),
        "expected": len(expected), "covered": len(covered), "missed": [e["name"] for e in missed],
        "wrong-findings": wrong_findings, "wrong-entries": [w["name"] for w in wrong_entries],
        "unmatched": unmatched, "error": report.get("error"),
        "titles": {f["id"]: "%s, %s" % (f.get("severity"), f.get("title", "")) for f in findings},
    }


def fmt_ratio(a, b):
    return "%d/%d = %.2f" % (a, b, a / b if b else 0.0)


def render_set(title, rows):
    lines = ["## " + title, "",
             "| workflow | findings | actionable (max) | criticals (ceiling) | recall | wrong hits | unmatched |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, r in rows:
        over = " **over**" if r["criticals"] > r["ceiling"] else ""
        aover = " **over**" if r["actionable"] > r["max-actionable"] else ""
        lines.append("| %s | %d | %d (%d)%s | %d (%d)%s | %d/%d | %d | %d |" % (
            name, r["findings"], r["actionable"], r["max-actionable"], aover,
            r["criticals"], r["ceiling"], over, r["covered"], r["expected"],
            len(r["wrong-findings"]), len(r["unmatched"])))
    cov = sum(r["covered"] for _, r in rows)
    exp = sum(r["expected"] for _, r in rows)
    counts = [r["findings"] for _, r in rows]
    lines += ["",
              "- recall over all: " + fmt_ratio(cov, exp),
              "- wrong hits over all (actionable findings matching a `wrong:` entry): %d"
              % sum(len(r["wrong-findings"]) for _, r in rows),
              "- workflows over their CRITICAL ceiling: %d of %d"
              % (sum(1 for _, r in rows if r["criticals"] > r["ceiling"]), len(rows)),
              "- workflows over their max-actionable: %d of %d"
              % (sum(1 for _, r in rows if r["actionable"] > r["max-actionable"]), len(rows)),
              "- findings per workflow: median %g, max %d; actionable max %d; criticals total %d"
              % (statistics.median(counts), max(counts), max(r["actionable"] for _, r in rows),
                 sum(r["criticals"] for _, r in rows)),
              "- workflows mlsec refused (scored as empty): %d" % sum(1 for _, r in rows if r.get("error")),
              ""]
    for name, r in rows:
        lines.append("### " + name)
        lines.append("")
        for m in r["missed"]:
            lines.append("- missed: " + m)
        for w in r["wrong-findings"]:
            lines.append("- WRONG: `%s` (%s)" % (w, r["titles"][w]))
        for w in r["wrong-entries"]:
            lines.append("- wrong entry hit: " + w)
        for u in r["unmatched"]:
            lines.append("- unmatched: `%s` (%s)" % (u, r["titles"][u]))
        if r.get("error"):
            lines.append("- ERROR, analyze failed: " + r["error"])
        if not (r["missed"] or r["wrong-findings"] or r["unmatched"]):
            lines.append("- all expected covered, nothing wrong or unmatched")
        lines.append("")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--label", help="also write bench/accuracy/RESULTS-<label>.md")
    parser.add_argument("--mlsec", default=os.path.join(ROOT, "mlsec"))
    sets = ["tuning"] + sorted((d for d in os.listdir(HERE) if re.fullmatch(r"holdout\d*", d)
                                and os.path.isdir(os.path.join(HERE, d, "workflows"))),
                               key=lambda d: int(d[7:] or 1))
    parser.add_argument("--set", default="tuning", choices=sets,
                        help="tuning: bench/accuracy/{workflows,atlas} (the set the engine was fixed against); "
                             "holdout, holdout2, ...: bench/accuracy/<set>/{workflows,atlas}, each written later by "
                             "another blind session")
    parser.add_argument("--strict", action="store_true",
                        help="a finding's ATLAS parent technique does not match an expected sub-technique")
    parser.add_argument("--keep-json", action="store_true",
                        help="keep each JSON report under bench/accuracy/out/<label or run>/")
    args = parser.parse_args()
    global STRICT
    STRICT = args.strict
    if args.label and not re.fullmatch(r"[A-Za-z0-9._-]+", args.label):
        sys.exit("label: letters, digits, '.', '_' and '-' only")
    base = HERE if args.set == "tuning" else os.path.join(HERE, args.set)
    keep = os.path.join(base, "out", args.label or "run") if args.keep_json else None
    ordinals = ["", "second ", "third ", "fourth ", "fifth ", "sixth ", "seventh ", "eighth ", "ninth ",
                "tenth ", "eleventh ", "twelfth "]
    if args.set == "tuning":
        title_set = "blind evaluation set"
    else:
        n = int(args.set[7:] or 1)
        title_set = (ordinals[n - 1] if n <= len(ordinals) else "%dth " % n) + "held-out blind evaluation set"
    title_set += ", strict parent rule" if STRICT else ""
    lines = ["# mlsec accuracy on the " + title_set + (" (%s)" % args.label if args.label else ""), "",
             "Generated by `bench/accuracy/run`; method in docs/accuracy.md. catalog: %s", ""]
    catalog = "?"
    for title, wf_dir, ex_dir in SETS:
        if not os.path.isdir(os.path.join(base, wf_dir)):
            continue  # a set may have no ATLAS part (the twelfth: every case study was used)
        rows = []
        for fname in sorted(os.listdir(os.path.join(base, wf_dir))):
            if not fname.endswith(".yaml"):
                continue
            rel = os.path.relpath(os.path.join(base, wf_dir, fname), ROOT)
            with open(os.path.join(base, ex_dir, fname), encoding="utf-8") as fh:
                expectation = yaml.safe_load(fh)
            report = analyze(args.mlsec, rel, keep and os.path.join(keep, wf_dir))
            catalog = (report.get("catalog") or {}).get("version", catalog)
            rows.append((fname[:-5], score_one(report, expectation)))
        lines += render_set(title, rows)
    lines[2] = lines[2] % catalog
    text = "\n".join(lines).rstrip() + "\n"
    sys.stdout.write(text)
    if args.label:
        with open(os.path.join(base, "RESULTS-%s.md" % args.label), "w", encoding="utf-8") as out:
            out.write(text)


if __name__ == "__main__":
    main()
