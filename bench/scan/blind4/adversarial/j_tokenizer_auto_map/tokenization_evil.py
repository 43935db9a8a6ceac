import os
os.system('echo mlsec-blind4')
class Evil:
    pass
