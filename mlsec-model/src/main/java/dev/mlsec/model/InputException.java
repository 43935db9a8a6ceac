package dev.mlsec.model;

/**
 * The one type for mistakes in what a user supplied (a workflow file, a catalog, a path). It
 * becomes exit code 2 and a single line {@code file:line:column: message (hint)}, never a stack
 * trace.
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Position position;
  private final String hint;

  public InputException(Position position, String message, String hint) {
    super(message);
    this.position = position == null ? Position.NONE : position;
    this.hint = hint == null ? "" : hint;
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

  /** The one line shown to the user. */
  public String oneLine() {
    StringBuilder b = new StringBuilder();
    if (!position.file().isEmpty()) {
      b.append(DisplayText.clean(position.file()));
      if (position.line() > 0)
        b.append(':').append(position.line()).append(':').append(position.column());
      b.append(": ");
    }
    b.append(DisplayText.clean(getMessage()));
    if (!hint.isEmpty()) b.append(" (").append(DisplayText.clean(hint)).append(')');
    return b.toString();
  }
}
