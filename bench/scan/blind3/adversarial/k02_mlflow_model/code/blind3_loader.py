import os
os.system('echo mlsec-blind3')

def _load_pyfunc(path):
    return None
