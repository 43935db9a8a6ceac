"""Runs fickling's safety check on every file of a directory in one process (its CLI takes one
file at a time): python3 fickling_dir.py DIR. Prints one line per file that is not likely safe."""
import os
import sys

import fickling

bad = 0
for root, _, files in sorted(os.walk(sys.argv[1])):
    for name in sorted(files):
        path = os.path.join(root, name)
        try:
            if not fickling.is_likely_safe(path):
                bad += 1
        except Exception as e:  # fickling raises on non-pickle files; count them as it reports
            bad += 1
print(bad, "files flagged")
