package dev.mlsec.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one type for mistakes in what a user supplied (a workflow file, a catalog, a path). It
 * becomes exit code 2 and a single line {@code file:line:column: message (hint)}, never a stack
 * trace.
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Position position;
  private final String hint;
  private final List<InputException> errors;
  private final int omitted;

  public InputException(Position position, String message, String hint) {
    super(message);
    this.position = position == null ? Position.NONE : position;
    this.hint = hint == null ? "" : hint;
    this.errors = List.of(this);
    this.omitted = 0;
  }

  private InputException(List<InputException> errors, int omitted) {
    super(errors.get(0).getMessage());
    this.position = errors.get(0).position;
    this.hint = errors.get(0).hint;
    this.errors = List.copyOf(errors);
    this.omitted = omitted;
  }

  /**
   * Several mistakes found in one pass, reported together in file order; at most {@code limit} are
   * kept and the rest counted. A single mistake is returned as it is.
   */
  public static InputException several(List<InputException> found, int limit) {
    if (found.isEmpty()) throw new IllegalArgumentException("no errors");
    List<InputException> all = new ArrayList<>();
    for (InputException e : found) all.addAll(e.errors);
    all.sort(Comparator.comparing(InputException::position));
    List<InputException> distinct = new ArrayList<>();
    for (InputException e : all)
      if (distinct.stream().noneMatch(d -> d.oneLine().equals(e.oneLine()))) distinct.add(e);
    if (distinct.size() == 1) return distinct.get(0);
    int kept = Math.min(Math.max(1, limit), distinct.size());
    return new InputException(distinct.subList(0, kept), distinct.size() - kept);
  }

  public InputException(Position position, String message) {
    this(position, message, "");
  }

  /**
   * A file that could not be read, said the way a user can act on it: missing, a folder, not
   * permitted, or not UTF-8 text.
   *
   * @param what what the file was meant to be, e.g. "catalog file"
   */
  public static InputException unreadable(
      java.nio.file.Path file, String what, java.io.IOException e) {
    Position at = new Position(file.toString(), 0, 0);
    if (e instanceof java.nio.file.NoSuchFileException)
      return new InputException(at, what + " not found", "check the path");
    if (e instanceof java.nio.file.AccessDeniedException)
      return new InputException(at, what + " cannot be read: permission denied", "");
    if (e instanceof java.nio.charset.CharacterCodingException)
      return new InputException(at, what + " is not UTF-8 text", "save it as UTF-8");
    if (java.nio.file.Files.isDirectory(file))
      return new InputException(at, what + " is a folder", "name a file");
    return new InputException(at, what + " cannot be read: " + e.getMessage(), "check the path");
  }

  public Position position() {
    return position;
  }

  public String hint() {
    return hint;
  }

  /** Every mistake this stands for, in file order: itself alone unless made by {@link #several}. */
  public List<InputException> errors() {
    return errors;
  }

  /**
   * The lines shown to the user: one per mistake, and a last one counting those left out beyond the
   * limit.
   */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    for (InputException e : errors) out.add(e.oneLine());
    if (omitted > 0)
      out.add(
          format(
              new Position(position.file(), 0, 0),
              omitted + " more error" + (omitted == 1 ? "" : "s") + " not shown",
              "fix these first"));
    return out;
  }

  /** The one line shown to the user for the first mistake. */
  public String oneLine() {
    return format(position, getMessage(), hint);
  }

  /**
   * {@code file:line:column: message (hint)}, cleaned for display; parts that are empty left out.
   */
  public static String format(Position position, String message, String hint) {
    StringBuilder b = new StringBuilder();
    if (!position.file().isEmpty()) {
      b.append(DisplayText.clean(position.file()));
      if (position.line() > 0)
        b.append(':').append(position.line()).append(':').append(position.column());
      b.append(": ");
    }
    b.append(DisplayText.clean(message));
    if (!hint.isEmpty()) b.append(" (").append(DisplayText.clean(hint)).append(')');
    return b.toString();
  }
}
