"""Writes a sparse PyTorch-style zip64 file whose tensor storage is SIZE bytes (never written):
/usr/bin/python3 zip64_large.py PATH SIZE. For the 20 GB check in docs/performance.md."""
import pickle, struct, zlib, sys
path, size = sys.argv[1], int(sys.argv[2])
pkl = pickle.dumps({"w": 1}, protocol=2)  # stand-in data.pkl; storage is the big part
f = open(path, "wb")
entries = []
def local(name, data_len, crc, zip64):
    off = f.tell()
    n = name.encode()
    extra = struct.pack("<HHQQ", 1, 16, data_len, data_len) if zip64 else b""
    f.write(struct.pack("<IHHHHHIIIHH", 0x04034b50, 45, 0, 0, 0, 0, crc,
                        0xffffffff if zip64 else data_len, 0xffffffff if zip64 else data_len, len(n), len(extra)))
    f.write(n + extra)
    return off
o1 = local("archive/data.pkl", len(pkl), zlib.crc32(pkl), False); f.write(pkl)
entries.append(("archive/data.pkl", o1, len(pkl), zlib.crc32(pkl), False))
o2 = local("archive/data/0", size, 0, True)
f.seek(size, 1)  # sparse: never written
entries.append(("archive/data/0", o2, size, 0, True))
cd = f.tell()
for name, off, ln, crc, z in entries:
    n = name.encode()
    extra = struct.pack("<HHQQQ", 1, 24, ln, ln, off) if z else b""
    f.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 45, 45, 0, 0, 0, 0, crc,
                        0xffffffff if z else ln, 0xffffffff if z else ln, len(n), len(extra), 0, 0, 0, 0,
                        0xffffffff if z else off))
    f.write(n + extra)
cd_size = f.tell() - cd
z64 = f.tell()
f.write(struct.pack("<IQHHIIQQQQ", 0x06064b50, 44, 45, 45, 0, 0, 2, 2, cd_size, cd))
f.write(struct.pack("<IIQI", 0x07064b50, 0, z64, 1))
f.write(struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, 0xffff, 0xffff, 0xffffffff, 0xffffffff, 0))
f.close()
