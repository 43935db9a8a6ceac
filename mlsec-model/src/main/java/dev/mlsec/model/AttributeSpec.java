package dev.mlsec.model;

import java.util.List;

/**
 * One attribute a component kind may carry: its name, type and, for enums, the allowed words. An
 * attribute with a {@code leftOut} value describes something a workflow has only when it says so
 * (an online experiment, a multi-tenant service, a third-party operator): left out, it takes that
 * value instead of counting as unknown, so that it raises no question; written as {@code unknown},
 * it is unknown like any other.
 */
public record AttributeSpec(String name, AttributeType type, List<String> values, String leftOut) {
  public AttributeSpec {
    values = List.copyOf(values);
    leftOut = leftOut == null ? "" : leftOut;
    if (!leftOut.isEmpty() && !leftOut.equals(NONE) && !values.contains(leftOut))
      throw new IllegalArgumentException(name + ": " + leftOut + " is not one of " + values);
  }

  /** The {@code leftOut} of a list attribute that is empty when left out. */
  public static final String NONE = "[]";

  public AttributeSpec(String name, AttributeType type, List<String> values) {
    this(name, type, values, "");
  }

  /** The value an attribute left out of the file takes: {@link Value#UNKNOWN} unless stated. */
  public Value whenLeftOut() {
    if (leftOut.isEmpty()) return Value.UNKNOWN;
    if (leftOut.equals(NONE)) return new Value.Texts(List.of());
    return type == AttributeType.ENUM_LIST
        ? new Value.Texts(List.of(leftOut))
        : new Value.Text(leftOut);
  }

  /** A list attribute that is empty when the file leaves it out. */
  static AttributeSpec optInList(String name, String... values) {
    return new AttributeSpec(name, AttributeType.ENUM_LIST, List.of(values), NONE);
  }

  /** An enumerated attribute that takes {@code leftOut} when the file leaves it out. */
  static AttributeSpec optIn(String name, String leftOut, String... values) {
    return new AttributeSpec(name, AttributeType.ENUM, List.of(values), leftOut);
  }

  static AttributeSpec bool(String name) {
    return new AttributeSpec(name, AttributeType.BOOL, List.of());
  }

  static AttributeSpec oneOf(String name, String... values) {
    return new AttributeSpec(name, AttributeType.ENUM, List.of(values));
  }

  static AttributeSpec listOf(String name, String... values) {
    return new AttributeSpec(name, AttributeType.ENUM_LIST, List.of(values));
  }

  static AttributeSpec text(String name) {
    return new AttributeSpec(name, AttributeType.TEXT, List.of());
  }

  static AttributeSpec rate(String name) {
    return new AttributeSpec(name, AttributeType.RATE, List.of());
  }
}
