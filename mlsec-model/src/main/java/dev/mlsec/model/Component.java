package dev.mlsec.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One part of the workflow. {@code attributes} holds every attribute of the kind, in the format's
 * order; those the file left out are {@link Value#UNKNOWN}. {@code attributePositions} has the
 * position of each attribute the file wrote.
 */
public record Component(
    String id,
    ComponentKind kind,
    String name,
    String description,
    List<String> contains,
    Map<String, Value> attributes,
    Position position,
    Map<String, Position> attributePositions) {

  public Component {
    contains = List.copyOf(contains);
    attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    attributePositions =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributePositions));
  }

  public Value attribute(String name) {
    return attributes.getOrDefault(name, Value.UNKNOWN);
  }

  /** The position of an attribute if written, else of the component. */
  public Position positionOf(String attribute) {
    return attributePositions.getOrDefault(attribute, position);
  }

  /** The display name: {@code name} when given, else the id. */
  public String label() {
    return name == null || name.isBlank() ? id : name;
  }

  public Optional<String> text(String attribute) {
    return attribute(attribute) instanceof Value.Text t ? Optional.of(t.value()) : Optional.empty();
  }

  public Optional<Boolean> bool(String attribute) {
    return attribute(attribute) instanceof Value.Bool b ? Optional.of(b.value()) : Optional.empty();
  }

  /** A list attribute's values, or a text attribute as a one-element list; empty when unknown. */
  public List<String> texts(String attribute) {
    Value v = attribute(attribute);
    if (v instanceof Value.Texts t) return t.values();
    if (v instanceof Value.Text t) return List.of(t.value());
    return List.of();
  }
}
