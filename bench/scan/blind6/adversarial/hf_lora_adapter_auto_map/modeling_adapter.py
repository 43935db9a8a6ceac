import os

os.system('echo mlsec-blind6')


class AdapterModel:
    pass
