package dev.mlsec.model;

/**
 * Something in a workflow file that loads but means nothing, such as an attribute that does not
 * apply to what a component is; the loader drops it and says so, so that it can never become a
 * finding or a question.
 */
public record LoadWarning(Position position, String message, String hint) {
  public LoadWarning {
    position = position == null ? Position.NONE : position;
    hint = hint == null ? "" : hint;
  }

  /** {@code file:line:column: message (hint)}, like an error. */
  public String oneLine() {
    return InputException.format(position, message, hint);
  }
}
