import pickle

from flask import Flask, request

app = Flask(__name__)
with open("model.pkl", "rb") as fd:
    model = pickle.load(fd)
model = pickle.load(open("model.pkl", "rb"))


@app.post("/predict")
def predict():
    return {"label": int(model.predict([request.json["features"]])[0])}
