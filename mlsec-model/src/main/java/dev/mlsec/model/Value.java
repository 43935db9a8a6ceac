package dev.mlsec.model;

import java.util.List;

/**
 * An attribute value as written in the workflow file. {@link Unknown} stands for both the word
 * {@code unknown} and an attribute that was left out: the analysis asks about it rather than
 * guessing.
 */
public sealed interface Value {

  Unknown UNKNOWN = new Unknown();

  // No default methods here: a class implementing an interface that declares one initialises the
  // interface first, and this one's initialiser builds an Unknown, so two threads loading Value
  // and Unknown at once (the catalog warm-up beside the workflow loader) could deadlock.

  /** Whether the value is unknown (written as {@code unknown} or left out). */
  boolean isUnknown();

  record Unknown() implements Value {
    @Override
    public boolean isUnknown() {
      return true;
    }
  }

  record Bool(boolean value) implements Value {
    @Override
    public boolean isUnknown() {
      return false;
    }
  }

  /** One enumerated value, free text, or a rate such as {@code 100/min} or {@code none}. */
  record Text(String value) implements Value {
    @Override
    public boolean isUnknown() {
      return false;
    }
  }

  /** A list attribute; a single value given for a list attribute becomes a one-element list. */
  record Texts(List<String> values) implements Value {
    public Texts {
      values = List.copyOf(values);
    }

    @Override
    public boolean isUnknown() {
      return false;
    }
  }
}
