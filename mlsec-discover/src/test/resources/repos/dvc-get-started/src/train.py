import os
import pickle
import sys

import numpy as np
from sklearn.ensemble import RandomForestClassifier


def main():
    input, output = sys.argv[1], sys.argv[2]
    with open(os.path.join(input, "train.pkl"), "rb") as fd:
        matrix = pickle.load(fd)
    clf = RandomForestClassifier(n_estimators=50, n_jobs=2)
    clf.fit(matrix[:, 2:], np.squeeze(matrix[:, 1].toarray()))
    with open(output, "wb") as fd:
        pickle.dump(clf, fd)


if __name__ == "__main__":
    main()
