package dev.mlsec.discover;

import dev.mlsec.discover.read.PythonCalls;
import dev.mlsec.discover.read.Tree;
import dev.mlsec.discover.read.TreeReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The files of one repository, listed once within the limits and read on demand. Symbolic links are
 * never followed, whether they point inside or outside: the walk lists regular files only, and
 * every path a source asks for is checked again to be a regular file, not a link, below the root.
 * Folders that hold no configuration of the project ({@code .git}, installed packages, caches) are
 * skipped.
 */
public final class Repository {
  /** Folder names that hold tools' state or installed third-party code, not the project's. */
  static final Set<String> SKIPPED =
      Set.of(
          ".git",
          ".hg",
          ".svn",
          "node_modules",
          ".venv",
          "venv",
          "site-packages",
          "__pycache__",
          ".mypy_cache",
          ".pytest_cache",
          ".tox",
          ".dvc-cache");

  private final Path root;
  private final DiscoverLimits limits;
  private final List<String> files;
  private final Map<String, Long> sizes = new HashMap<>();
  private final Draft draft;
  private final Map<String, Optional<PythonCalls>> python =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, List<Tree>> documents = new java.util.concurrent.ConcurrentHashMap<>();

  Repository(Path root, DiscoverLimits limits, Draft draft) throws IOException {
    this.root = root.toRealPath();
    this.limits = limits;
    this.draft = draft;
    this.files = Collections.unmodifiableList(walk());
  }

  private List<String> walk() throws IOException {
    List<String> found = new ArrayList<>();
    boolean[] stopped = {false};
    Files.walkFileTree(
        root,
        EnumSet.noneOf(java.nio.file.FileVisitOption.class),
        limits.maxDepth(),
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root) && SKIPPED.contains(dir.getFileName().toString()))
              return FileVisitResult.SKIP_SUBTREE;
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isDirectory()) {
              // a folder at the depth limit arrives here, unvisited
              draft.warn(
                  rel(file), 0, "not read: deeper than " + limits.maxDepth() + " folder levels");
              return FileVisitResult.CONTINUE;
            }
            if (attrs.isSymbolicLink()) {
              draft.warn(rel(file), 0, "not followed: a symbolic link");
              return FileVisitResult.CONTINUE;
            }
            if (!attrs.isRegularFile()) return FileVisitResult.CONTINUE;
            if (found.size() >= limits.maxFiles()) {
              stopped[0] = true;
              return FileVisitResult.TERMINATE;
            }
            String r = rel(file);
            found.add(r);
            sizes.put(r, attrs.size());
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            draft.warn(rel(file), 0, "cannot be read: " + e.getClass().getSimpleName());
            return FileVisitResult.CONTINUE;
          }
        });
    if (stopped[0])
      draft.warn(
          ".",
          0,
          "stopped after "
              + limits.maxFiles()
              + " files (the file limit): the draft covers only those");
    Collections.sort(found);
    return found;
  }

  private String rel(Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  public Path root() {
    return root;
  }

  /** Every listed file, relative to the root with {@code /}, sorted. */
  public List<String> files() {
    return files;
  }

  public List<String> files(Predicate<String> which) {
    return files.stream().filter(which).toList();
  }

  /** The file name of a relative path. */
  public static String name(String rel) {
    return rel.substring(rel.lastIndexOf('/') + 1);
  }

  /** The folder of a relative path ({@code ""} for the root). */
  public static String folder(String rel) {
    int s = rel.lastIndexOf('/');
    return s < 0 ? "" : rel.substring(0, s);
  }

  public boolean exists(String rel) {
    return sizes.containsKey(rel);
  }

  /**
   * The text of a listed file as UTF-8, or empty with a warning when it is too large, not UTF-8 or
   * no longer a regular file below the root.
   */
  public Optional<String> text(String rel) {
    Long size = sizes.get(rel);
    if (size == null) return Optional.empty();
    if (size > limits.maxFileBytes()) {
      draft.warn(rel, 0, "not read: larger than " + limits.maxFileBytes() + " bytes");
      return Optional.empty();
    }
    Path p = root.resolve(rel);
    try {
      BasicFileAttributes a =
          Files.readAttributes(
              p, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile() || !p.normalize().startsWith(root)) {
        draft.warn(rel, 0, "not read: no longer a regular file");
        return Optional.empty();
      }
      byte[] bytes;
      try (var in = Files.newInputStream(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readNBytes((int) limits.maxFileBytes() + 1);
      }
      if (bytes.length > limits.maxFileBytes()) {
        draft.warn(rel, 0, "not read: larger than " + limits.maxFileBytes() + " bytes");
        return Optional.empty();
      }
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      if (s.startsWith("\uFEFF")) s = s.substring(1);
      draft.read(rel);
      use(rel);
      return Optional.of(s);
    } catch (CharacterCodingException e) {
      draft.warn(rel, 1, "not read: not UTF-8 text");
    } catch (IOException e) {
      draft.warn(rel, 0, "cannot be read: " + e.getClass().getSimpleName());
    }
    return Optional.empty();
  }

  /** A YAML file's first document, or empty with a warning line when it is malformed. */
  public Optional<Tree> yaml(String rel) {
    return text(rel).flatMap(t -> parsed(rel, () -> TreeReader.yaml(t)));
  }

  /** Every document of a YAML file, read once and shared by every source. */
  public List<Tree> yamlDocuments(String rel) {
    if (documents.containsKey(rel)) use(rel);
    return documents.computeIfAbsent(
        rel,
        r -> text(r).flatMap(t -> parsed(r, () -> TreeReader.yamlDocuments(t))).orElse(List.of()));
  }

  public Optional<Tree> json(String rel) {
    return text(rel).flatMap(t -> parsed(rel, () -> TreeReader.json(t)));
  }

  public Optional<Tree> toml(String rel) {
    return text(rel).flatMap(t -> parsed(rel, () -> TreeReader.toml(t)));
  }

  /** The calls and imports of a Python file, read once and shared by every source. */
  public Optional<PythonCalls> python(String rel) {
    Optional<PythonCalls> p = python.computeIfAbsent(rel, r -> text(r).map(PythonCalls::read));
    if (p.isPresent()) use(rel);
    return p;
  }

  private final Map<String, java.util.Set<String>> used = new TreeMap<>();
  private String user = "";

  /** The source reading from now on; what it reads is counted for it in the summary. */
  void user(String source) {
    user = source;
  }

  private void use(String rel) {
    if (!user.isEmpty()) used.computeIfAbsent(user, k -> new java.util.TreeSet<>()).add(rel);
  }

  /** Files each source read, by source name. */
  Map<String, Integer> usedBySource() {
    Map<String, Integer> m = new TreeMap<>();
    used.forEach((k, v) -> m.put(k, v.size()));
    return m;
  }

  /**
   * Reads and parses every Python file on all cores before the sources run (three sources read them
   * all); the sources then find them parsed. Only the order of work changes: results and warnings
   * are kept sorted.
   */
  void prepare() {
    files.parallelStream()
        .forEach(
            f -> {
              if (f.endsWith(".py")) python.computeIfAbsent(f, r -> text(r).map(PythonCalls::read));
            });
  }

  private interface Parsing<T> {
    T parse() throws TreeReader.Malformed;
  }

  private <T> Optional<T> parsed(String rel, Parsing<T> p) {
    try {
      return Optional.of(p.parse());
    } catch (TreeReader.Malformed m) {
      draft.warn(rel, m.line, m.getMessage());
      return Optional.empty();
    } catch (RuntimeException e) {
      // a parser library's own failure on hostile bytes is still only a malformed file
      draft.warn(rel, 1, "unreadable: " + e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  /** Files by folder, for sources that look at a folder's contents together. */
  public Map<String, List<String>> byFolder(Predicate<String> which) {
    Map<String, List<String>> m = new TreeMap<>();
    for (String f : files)
      if (which.test(f)) m.computeIfAbsent(folder(f), k -> new ArrayList<>()).add(f);
    return m;
  }
}
