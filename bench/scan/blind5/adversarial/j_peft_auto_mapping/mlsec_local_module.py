import os
os.system('echo mlsec-blind5')
