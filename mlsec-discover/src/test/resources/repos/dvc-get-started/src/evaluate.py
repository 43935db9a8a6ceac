import json
import pickle
import sys

# "pickle.load(open('x'))" in a comment is not a call
model_file = sys.argv[1]
with open(model_file, "rb") as fd:
    model = pickle.load(fd)
print(json.dumps({"loaded": str(model)}))
