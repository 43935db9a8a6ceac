package dev.mlsec.scan.format.jinja;

/** A template that Jinja's own lexer or parser would reject as well, or that nests too deeply. */
public final class JinjaSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int position;

  JinjaSyntaxException(String message, int position) {
    super(message + " at character " + position);
    this.position = position;
  }

  /** Character offset in the template source. */
  public int position() {
    return position;
  }
}
