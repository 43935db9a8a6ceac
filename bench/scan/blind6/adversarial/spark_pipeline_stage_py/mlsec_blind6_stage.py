import os

os.system('echo mlsec-blind6')


class PickledUDFTransformer:
    pass
