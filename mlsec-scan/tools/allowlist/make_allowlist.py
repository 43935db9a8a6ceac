#!/usr/bin/python3
"""Turns record.tsv (what the real libraries pickle) and families.tsv (the review) into the
scanner's allowlist resource, and review.tsv: for every allowlisted callable the hazard words
found in its Python source, for the reviewer to read.

    /usr/bin/python3 make_allowlist.py        # after make_stack.py

Fails, naming them, when a recorded global has no reviewed family. Importing the libraries'
own modules to find a callable's source is safe here: they are the installed Debian packages,
not a file under scan.
"""
import importlib
import inspect
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.dirname(os.path.dirname(HERE))
RESOURCE = os.path.join(MODULE, "src", "main", "resources", "dev", "mlsec", "scan", "policy",
                        "allowlist.tsv")
TYPING_FORMS = os.path.join(MODULE, "src", "main", "resources", "dev", "mlsec", "scan", "pickle",
                            "typing-forms.tsv")
GETITEM = ("_operator.getitem", "operator.getitem")
HAZARDS = re.compile(r"\b(open|__import__|import_module|exec|eval|compile|subprocess|socket|"
                     r"urlopen|system|popen|getattr|load|loads|requests)\b\s*\(?")

USES = {"REDUCE": "call", "INST": "call", "OBJ": "call", "NEW": "new", "BUILD": "new",
        "REF": "ref", "GETATTR": "ref"}


def rows(path):
    with open(os.path.join(HERE, path)) as fh:
        lines = [l.rstrip("\n") for l in fh if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, l.split("\t"))) for l in lines[1:]]


def glob_match(q, pattern):
    """The scanner's glob: a trailing '.*' matches a whole package at any depth; any other '*'
    stays inside one dotted segment (so 'torch.q*' cannot reach 'torch.quantization.x')."""
    if pattern.endswith(".*") and "*" not in pattern[:-2]:
        return q.startswith(pattern[:-1])
    return re.fullmatch(re.escape(pattern).replace(r"\*", "[^.]*"), q) is not None


def resolve(q):
    parts = q.split(".")
    for i in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except Exception:
            continue
        try:
            for p in parts[i:]:
                obj = getattr(obj, p)
            return obj
        except AttributeError:
            return None
    return None


def arg_kind(k):
    if k.startswith("global:"):
        obj = resolve(k[len("global:"):])
        return "class" if isinstance(obj, type) else "fn"
    if k.startswith("obj:"):
        return "obj"
    if k.startswith("*"):
        return "*"
    return k


def hints(q):
    obj = resolve(q)
    if obj is None:
        return "unresolvable here"
    try:
        src = inspect.getsource(obj)
    except (TypeError, OSError):
        return "compiled (C/Cython): judged by its recorded shape"
    found = sorted({m.group(1) for m in HAZARDS.finditer(src)})
    return "source: " + (", ".join(found) if found else "no hazard words")


def entry(fam, e, seen):
    """(uses, args) of one allowlist row from its family's argument policy and the record."""
    policy = fam["args"]
    uses = set(e["uses"])
    if policy == "any":
        return "call,new,ref", "*"
    if policy == "rebuild":
        uses |= {"new", "ref"}
        return ",".join(sorted(uses)), "*" if "call" in uses else "-"
    shapes = e["shapes"]
    if policy.startswith("like:"):
        other = seen.get(policy[len("like:"):])
        shapes = other["shapes"] if other else set()
        if shapes:
            uses |= {"call", "ref"}
    elif policy.startswith("record+"):
        # the recorded shapes plus hand-written ones (other library versions), named in the reason
        shapes = set(shapes) | set(policy[len("record+"):].split("|"))
        uses |= {"call", "ref"}
    elif policy != "record":
        sys.exit("unknown args policy %r for %s" % (policy, fam["pattern"]))
    if "call" in uses and shapes:
        return ",".join(sorted(uses)), "|".join(sorted(shapes))
    uses.discard("call")
    return ",".join(sorted(uses)), "-"


def main():
    families = rows("families.tsv")
    record = rows("record.tsv")
    seen = {}
    for r in record:
        q = r["global"]
        e = seen.setdefault(q, {"uses": set(), "shapes": set()})
        e["uses"].add(USES[r["use"]])
        if USES[r["use"]] == "call":
            e["shapes"].add(",".join(arg_kind(k) for k in r["args"].split(",")) if r["args"] else "")
    unreviewed = []
    out = []
    review = []
    for q in sorted(seen):
        fam = next((f for f in families if glob_match(q, f["pattern"])), None)
        if fam is None:
            unreviewed.append(q)
            continue
        if fam["family"] == "scanner":
            continue
        e = seen[q]
        uses, args = entry(fam, e, seen)
        out.append((q, q.split(".")[0], uses, args, fam["family"], fam["reason"]))
        if "call" in uses:
            review.append((q, fam["family"], args, hints(q)))
    if unreviewed:
        sys.exit("globals without a reviewed family in families.tsv:\n  " + "\n  ".join(unreviewed))
    names = {o[0] for o in out}
    # Reviewed names and package globs the record did not reach are hand-written rows: each needs
    # a reason in unrecorded.tsv a reviewer can check (where the name comes from, why the recorded
    # versions do not emit it); a glob also says which recorded globals it covers.
    why = rows("unrecorded.tsv")
    used = set()
    missing = []
    for f in families:
        p = f["pattern"]
        if f["family"] == "scanner" or p in names:
            continue
        uses, args = entry(f, {"uses": set(), "shapes": set()}, seen)
        if not uses:
            continue
        glob = any(c in p for c in "*?[")
        covered = sorted(q for q in seen if glob and glob_match(q, p))
        w = next((u for u in why if glob_match(p, u["pattern"]) or u["pattern"] == p), None)
        if w is not None:
            used.add(w["pattern"])
            note = "; hand-written, not recorded: " + w["reason"]
        elif covered:
            note = "; pattern over %d recorded globals, e.g. %s" % (len(covered), covered[0])
        else:
            missing.append(p)
            continue
        out.append((p, p.split(".")[0], uses, args, f["family"], f["reason"] + note))
    if missing:
        sys.exit("hand-written allowlist rows without a reason in unrecorded.tsv:\n  "
                 + "\n  ".join(missing))
    stale = [u["pattern"] for u in why if u["pattern"] not in used]
    if stale:
        sys.exit("unrecorded.tsv rows that match no hand-written row (recorded now?):\n  "
                 + "\n  ".join(stale))
    os.makedirs(os.path.dirname(RESOURCE), exist_ok=True)
    with open(RESOURCE, "w") as fh:
        fh.write("# GENERATED by mlsec-scan/tools/allowlist/make_allowlist.py from record.tsv and the\n"
                 "# review in families.tsv; do not edit by hand (see docs/scanning.md, Allowlist).\n"
                 "# uses: call (REDUCE/INST/OBJ), new (NEWOBJ, copyreg rebuild, BUILD), ref (referenced).\n"
                 "# args: '*' any data arguments (stored or computed with, never called), '-' never\n"
                 "# called, else the recorded argument kinds per position, alternatives split by '|':\n"
                 "# 'class' is judged as a rebuilt class, 'fn' must be an allowlisted callable.\n"
                 "# 'pkg.*' matches a package at any depth (one segment deep when it may be called);\n"
                 "# another '*' stays inside one dotted segment.\n")
        fh.write("global\tlibrary\tuses\targs\tfamily\treason\n")
        for o in sorted(out):
            fh.write("\t".join(o) + "\n")
    with open(os.path.join(HERE, "review.tsv"), "w") as fh:
        fh.write("# callables of the allowlist and the hazard words in their source, by make_allowlist.py\n")
        fh.write("global\tfamily\targs\tsource check\n")
        for r in review:
            fh.write("\t".join(r) + "\n")
    forms = typing_forms(record)
    with open(TYPING_FORMS, "w") as fh:
        fh.write("# GENERATED by mlsec-scan/tools/allowlist/make_allowlist.py from record.tsv: every\n"
                 "# typing form the stack's pickles subscript (operator.getitem(form, args), see\n"
                 "# make_stack.py typing_values); the scanner accepts these shapes (docs/scanning.md).\n")
        fh.write("form\tcount\texample\n")
        for q, (n, ex) in sorted(forms.items()):
            fh.write("%s\t%d\t%s\n" % (q, n, ex))
    print("%d allowlist entries (%d callables reviewed), %d typing forms"
          % (len(out), len(review), len(forms)))


def typing_forms(record):
    """form -> (count, example) of the recorded operator.getitem calls on a typing global."""
    forms = {}
    for r in record:
        first = r["args"].split(",")[0]
        if r["global"] in GETITEM and r["use"] == "REDUCE" and first.startswith("global:typing."):
            q = first[len("global:"):]
            n, ex = forms.get(q, (0, r["example"]))
            forms[q] = (n + int(r["count"]), ex)
    return forms


if __name__ == "__main__":
    main()
