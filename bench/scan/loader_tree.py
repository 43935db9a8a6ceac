#!/usr/bin/env python3
"""Writes a Hugging Face-style repository where loader configs sit beside many modules.

Three levels (DIR, DIR/models, DIR/models/impl), each with 64 JSON configs (the most the
scanner reads per directory) and an equal share of 2,000 .py files; the root also holds an
MLmodel with a shipped loader. Some configs' auto_map name modules at their own level and
below, so some modules are flagged and most are not. With --pipelines every level also holds a
diffusers model_index.json and a sentence-transformers modules.json, each naming one shipped
module of that level. Deterministic: same bytes every run.

    loader_tree.py DIR [--modules 2000] [--configs 64] [--pipelines]
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
    ap.add_argument("--pipelines", action="store_true")
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
        if a.pipelines:
            index = {"_class_name": "StableDiffusionPipeline", "_diffusers_version": "0.27.0"}
            for comp in ["scheduler", "text_encoder", "tokenizer", "vae", "feature_extractor"]:
                index[comp] = ["diffusers" if comp in ("scheduler", "vae") else "transformers",
                               comp.title().replace("_", "")]
            index["safety_checker"] = ["stable_diffusion", "StableDiffusionSafetyChecker"]
            index["unet"] = ["modeling_1", "ToyUNet"]  # a shipped module of this level
            with open(os.path.join(d, "model_index.json"), "w") as f:
                json.dump(index, f, indent=2, sort_keys=True)
            mods = [
                {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                {"idx": 2, "name": "2", "path": "", "type": "modeling_2.ToyModule"},
            ]
            with open(os.path.join(d, "modules.json"), "w") as f:
                json.dump(mods, f, indent=2)
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
