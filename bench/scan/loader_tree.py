#!/usr/bin/env python3
"""Writes a Hugging Face-style repository where loader configs sit beside many modules.

Three levels (DIR, DIR/models, DIR/models/impl), each with 64 JSON configs (the most the
scanner reads per directory) and an equal share of 2,000 .py files; the root also holds an
MLmodel with a shipped loader. Some configs' auto_map name modules at their own level and
below, so some modules are flagged and most are not. Deterministic: same bytes every run.

    loader_tree.py DIR [--modules 2000] [--configs 64]
"""
import argparse
import json
import os

LEVELS = ["", "models/", "models/impl/"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--modules", type=int, default=2000)
    ap.add_argument("--configs", type=int, default=64)
    a = ap.parse_args()
    per = [a.modules // len(LEVELS)] * len(LEVELS)
    per[-1] += a.modules - sum(per)
    for lv, rel in enumerate(LEVELS):
        d = os.path.join(a.dir, rel)
        os.makedirs(d, exist_ok=True)
        for c in range(a.configs):
            cfg = {
                "architectures": ["ToyModel"],
                "model_type": "toy",
                "hidden_size": 64 + c,
                "num_hidden_layers": 2,
                # a realistic config carries a vocabulary-sized map or two: a few KB to read
                "id2label": {str(i): "LABEL_%d" % i for i in range(100)},
            }
            if c % 8 == 0:  # one config in eight names shipped code at every level below it
                cfg["auto_map"] = {
                    "Auto%d_%d" % (lv, k): LEVELS[k][len(rel):].replace("/", ".")
                    + "modeling_%d.ToyModel" % c
                    for k in range(lv, len(LEVELS))
                }
            with open(os.path.join(d, "config_%02d.json" % c), "w") as f:
                json.dump(cfg, f, indent=2, sort_keys=True)
        for i in range(per[lv]):
            with open(os.path.join(d, "modeling_%d.py" % i), "w") as f:
                f.write("import torch\n\n\nclass ToyModel%d(torch.nn.Module):\n    pass\n" % i)
    code = os.path.join(a.dir, "code", "toy")
    os.makedirs(code, exist_ok=True)
    with open(os.path.join(a.dir, "MLmodel"), "w") as f:
        f.write("flavors:\n  python_function:\n    loader_module: toy.loader\n    code: code\n")
    with open(os.path.join(code, "loader.py"), "w") as f:
        f.write("def _load_pyfunc(path):\n    return None\n")


if __name__ == "__main__":
    main()
