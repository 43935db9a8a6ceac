package dev.mlsec.scan.format.jinja;

/**
 * One token of a Jinja template, as Jinja's lexer produces it; {@code value} is the decoded value
 * of a string literal (escapes resolved as Python's {@code unicode-escape} does).
 */
record Token(Kind kind, String text, String value, int pos) {
  enum Kind {
    DATA,
    VARIABLE_BEGIN,
    VARIABLE_END,
    BLOCK_BEGIN,
    BLOCK_END,
    NAME,
    STRING,
    NUMBER,
    OPERATOR,
    EOF
  }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }

  boolean op(String t) {
    return is(Kind.OPERATOR, t);
  }

  boolean name(String t) {
    return is(Kind.NAME, t);
  }
}
