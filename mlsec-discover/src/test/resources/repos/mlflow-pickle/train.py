import sys

import joblib
import mlflow
import mlflow.sklearn
from sklearn.linear_model import ElasticNet

alpha = float(sys.argv[1])
features = joblib.load("data/features.joblib")
with mlflow.start_run():
    model = ElasticNet(alpha=alpha).fit(features["x"], features["y"])
    mlflow.sklearn.log_model(model, "model")
