import sys

print("featurize", sys.argv[1])
