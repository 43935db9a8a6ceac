package dev.mlsec.bench.hub;

import dev.mlsec.bench.scan.LargeTorchZip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Usage: SyntheticHub DIR FILES CORPUS. Writes a hub of FILES model files in repository folders
 * ({@code org-K/repo-N/}), in the proportions of a public hub where weights dominate the bytes: 2 %
 * sparse PyTorch zip checkpoints of 1-3.9 GB, 3 % sparse safetensors of 0.5-8 GB, 1 % malicious
 * pickles, 0.5 % zips holding a malicious pickle, 0.5 % tars of pickles, and the rest hard links to
 * the benign corpus's real files (pickles, joblib, PyTorch, GGUF, safetensors, ONNX, Keras, npy) in
 * turn. Sparse files are multi-GB to the file system and nearly nothing on disk. Deterministic: the
 * same arguments give the same hub.
 */
public final class SyntheticHub {
  private SyntheticHub() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int files = Integer.parseInt(args[1]);
    List<Path> corpus;
    try (Stream<Path> s = Files.list(Path.of(args[2]))) {
      corpus =
          s.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().endsWith(".tsv"))
              .sorted()
              .toList();
    }
    if (corpus.isEmpty()) throw new IllegalArgumentException("no files in " + args[2]);
    Random r = new Random(12);
    int torch = files / 50;
    int safetensors = files * 3 / 100;
    int evil = files / 100;
    int zips = files / 200;
    int tars = files / 200;
    for (int i = 0; i < files; i++) {
      Path repo = dir.resolve("org-" + (i / 300)).resolve("repo-" + (i / 3));
      Files.createDirectories(repo);
      int k = i;
      if (k < torch) {
        LargeTorchZip.write(repo.resolve("pytorch_model-" + i + ".bin"), gb(r, 1.0, 3.9));
      } else if ((k -= torch) < safetensors) {
        sparseSafetensors(repo.resolve("model-" + i + ".safetensors"), gb(r, 0.5, 8.0));
      } else if ((k -= safetensors) < evil) {
        Files.write(repo.resolve("model-" + i + ".pkl"), evilPickle(i));
      } else if ((k -= evil) < zips) {
        zip(repo.resolve("bundle-" + i + ".zip"), evilPickle(i));
      } else if ((k -= zips) < tars) {
        tar(repo.resolve("bundle-" + i + ".tar"), corpus);
      } else {
        Path source = corpus.get(i % corpus.size());
        Path link = repo.resolve(i + "-" + source.getFileName());
        try {
          Files.createLink(link, source);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(source, link); // another file system, or links not allowed
        }
      }
    }
  }

  private static long gb(Random r, double min, double max) {
    return (long) ((min + r.nextDouble() * (max - min)) * 1e9) & ~7L;
  }

  /** One F32 tensor over {@code bytes} bytes of data, all a hole. */
  static void sparseSafetensors(Path file, long bytes) throws IOException {
    StringBuilder h =
        new StringBuilder(
            "{\"weight\":{\"dtype\":\"F32\",\"shape\":["
                + bytes / 4
                + "],\"data_offsets\":[0,"
                + bytes
                + "]}}");
    while (h.length() % 8 != 0) h.append(' ');
    byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(0);
      for (int i = 0; i < 8; i++) f.write((int) ((long) header.length >>> (8 * i)) & 0xff);
      f.write(header);
      f.setLength(8 + header.length + bytes);
    }
  }

  /** A protocol-2 pickle calling {@code os.system} with a command that differs per file. */
  static byte[] evilPickle(int i) {
    String cmd = "echo " + i;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes("\u0080\u0002cos\nsystem\nq\u0000X".getBytes(StandardCharsets.ISO_8859_1));
    byte[] c = cmd.getBytes(StandardCharsets.UTF_8);
    for (int b = 0; b < 4; b++) o.write((c.length >>> (8 * b)) & 0xff);
    o.writeBytes(c);
    o.writeBytes("\u0085R.".getBytes(StandardCharsets.ISO_8859_1));
    return o.toByteArray();
  }

  private static void zip(Path file, byte[] pickle) throws IOException {
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
      z.putNextEntry(new ZipEntry("archive/data.pkl"));
      z.write(pickle);
      z.closeEntry();
      z.putNextEntry(new ZipEntry("archive/version"));
      z.write("3\n".getBytes(StandardCharsets.US_ASCII));
      z.closeEntry();
    }
  }

  /** A tar of the corpus's small pickles. */
  private static void tar(Path file, List<Path> corpus) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      for (Path p : corpus) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".pkl") || Files.size(p) > 64 * 1024) continue;
        TarArchiveEntry e = new TarArchiveEntry("models/" + name);
        e.setSize(Files.size(p));
        e.setModTime(0);
        t.putArchiveEntry(e);
        t.write(Files.readAllBytes(p));
        t.closeArchiveEntry();
      }
    }
  }
}
