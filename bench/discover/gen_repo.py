"""Writes a synthetic repository of N files for timing `mlsec discover` (deterministic).

Mix per 100 files: 60 Python modules (imports, loads, hub calls, LLM clients), 15 YAML
manifests (KServe, Services, plain config), 10 JSON files, 10 Markdown files, 5 data files;
plus one dvc.yaml with a stage per 100 files, .mcp.json and requirements.txt at the root.
"""
import os
import random
import sys

root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(10_000)
os.makedirs(root, exist_ok=True)
made = 0


def write(rel, text):
    global made
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)
    made += 1


PY = [
    'import torch\nm = torch.load("models/m{i}.pt")\n',
    'import joblib\nclf = joblib.load("models/c{i}.joblib")\n',
    'from transformers import AutoModel\nm = AutoModel.from_pretrained("org{i}/model-{i}", revision="main")\n',
    'import anthropic\nclient = anthropic.Anthropic()\n',
    'import pickle\n# pickle.load(x) in a comment\ns = "torch.load(y)"\n',
]
stages = []
write("requirements.txt", "torch==2.4.0\ntransformers==4.44.0\n")
write(".mcp.json", '{"mcpServers": {"fs": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem"]}}}\n')
i = 0
while made < n - 1:
    pkg = "pkg%03d/sub%02d" % (i // 200, (i // 20) % 10)
    k = i % 100
    if k < 60:
        body = "".join(
            "def f%d(x):\n    return x + %d  # helper\n\n" % (j, j) for j in range(rnd.randint(5, 40))
        )
        write("%s/mod%d.py" % (pkg, i), PY[i % len(PY)].format(i=i) + body)
    elif k < 75:
        if k == 60:
            write(
                "%s/isvc%d.yaml" % (pkg, i),
                "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: svc%d\n"
                "spec:\n  predictor:\n    model:\n      modelFormat: {name: sklearn}\n      storageUri: s3://b/m%d\n" % (i, i),
            )
        else:
            write("%s/conf%d.yaml" % (pkg, i), "name: c%d\nvalues: [1, 2, 3]\nnested: {a: 1, b: [x, y]}\n" % i)
    elif k < 85:
        write("%s/data%d.json" % (pkg, i), '{"id": %d, "tags": ["a", "b"], "nested": {"x": 1}}\n' % i)
    elif k < 95:
        write("%s/notes%d.md" % (pkg, i), "# Notes %d\n\nSome text about the module.\n" % i)
    else:
        write("%s/data%d.csv" % (pkg, i), "a,b\n1,2\n")
    if k == 0:
        stages.append(
            "  s%d:\n    cmd: python %s/mod%d.py\n    deps:\n    - data/in%d.csv\n    outs:\n    - data/out%d\n"
            % (i, pkg, i, i, i)
        )
    i += 1
write("dvc.yaml", "stages:\n" + "".join(stages))
print(made)
