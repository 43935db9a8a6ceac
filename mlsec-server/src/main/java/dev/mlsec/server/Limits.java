package dev.mlsec.server;

/** Every bound on what a client may send; exceeding one is a 400 (or 413) saying which. */
public final class Limits {
  /** An upload: the analysis JSON and the workflow source together. */
  public static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;

  public static final int MAX_FINDINGS = 20_000;
  public static final int MAX_NAME = 200;
  public static final int MAX_TEXT = 2_000;
  public static final int MAX_FINGERPRINT = 400;
  public static final int MAX_JSON_DEPTH = 64;
  public static final int MAX_PAGE = 500;

  private Limits() {}

  /** A bounded single-line text: no control characters, 1..max characters. */
  public static String text(String field, String value, int max) {
    if (value == null) throw HttpError.bad(field + " is required");
    if (value.isEmpty()) throw HttpError.bad(field + " is empty");
    if (value.length() > max)
      throw HttpError.bad(field + " has " + value.length() + " characters, more than " + max);
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i)))
        throw HttpError.bad(field + " contains a control character");
    }
    return value;
  }
}
