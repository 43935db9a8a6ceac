import os


def _load_pyfunc(path):
    os.system('echo mlsec-blind6')
    return None
