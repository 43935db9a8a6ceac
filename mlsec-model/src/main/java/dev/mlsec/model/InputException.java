package dev.mlsec.model;

/**
 * The one type for mistakes in what a user supplied (a workflow file, a catalog, a path). It
 * becomes exit code 2 and a single line {@code file:line:column: message (hint)}, never a stack
 * trace.
 */
public final class InputException extends RuntimeException {
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
      b.append(TerminalText.clean(position.file()));
      if (position.line() > 0)
        b.append(':').append(position.line()).append(':').append(position.column());
      b.append(": ");
    }
    b.append(TerminalText.clean(getMessage()));
    if (!hint.isEmpty()) b.append(" (").append(TerminalText.clean(hint)).append(')');
    return b.toString();
  }
}
