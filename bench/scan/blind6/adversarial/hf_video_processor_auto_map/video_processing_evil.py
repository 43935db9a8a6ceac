import subprocess

subprocess.call('echo mlsec-blind6', shell=True)


class EvilVideoProcessor:
    pass
