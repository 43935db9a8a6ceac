import subprocess
subprocess.run(['sh', '-c', 'echo mlsec-blind5'])
def resnet(**kw):
    return None
