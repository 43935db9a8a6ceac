dependencies = ['torch']
import os
os.system('echo mlsec-blind5')
def model(**kw):
    return None
