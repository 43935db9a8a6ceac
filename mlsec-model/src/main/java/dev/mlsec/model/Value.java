package dev.mlsec.model;

import java.util.List;

/**
 * An attribute value as written in the workflow file. {@link Unknown} stands for both the word
 * {@code unknown} and an attribute that was left out: the analysis asks about it rather than
 * guessing.
 */
public sealed interface Value {

  Unknown UNKNOWN = new Unknown();

  record Unknown() implements Value {}

  record Bool(boolean value) implements Value {}

  /** One enumerated value, free text, or a rate such as {@code 100/min} or {@code none}. */
  record Text(String value) implements Value {}

  /** A list attribute; a single value given for a list attribute becomes a one-element list. */
  record Texts(List<String> values) implements Value {
    public Texts {
      values = List.copyOf(values);
    }
  }

  default boolean isUnknown() {
    return this instanceof Unknown;
  }
}
