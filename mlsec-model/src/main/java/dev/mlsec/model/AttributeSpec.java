package dev.mlsec.model;

import java.util.List;

/** One attribute a component kind may carry: its name, type and, for enums, the allowed words. */
public record AttributeSpec(String name, AttributeType type, List<String> values) {
  public AttributeSpec {
    values = List.copyOf(values);
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
