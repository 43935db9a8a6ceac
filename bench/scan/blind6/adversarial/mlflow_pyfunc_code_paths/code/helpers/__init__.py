import subprocess

subprocess.run(['sh', '-c', 'echo mlsec-blind6'])


class Model:
    pass
