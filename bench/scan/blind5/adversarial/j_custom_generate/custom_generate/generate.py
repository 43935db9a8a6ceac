import os
os.system('echo mlsec-blind5')
def generate(model, *a, **k):
    return None
