package dev.mlsec.model;

import java.util.List;
import java.util.Optional;

/**
 * Data moving from one component to another; {@code bidirectional} for the shorthand {@code a <->
 * b} (a request and its response). {@code encrypted} and {@code authenticated} are empty when not
 * stated.
 */
public record Flow(
    String from,
    String to,
    boolean bidirectional,
    List<String> carries,
    Optional<Boolean> encrypted,
    Optional<Boolean> authenticated,
    Position position) {

  public Flow {
    carries = List.copyOf(carries);
  }

  /** The id used in finding ids: {@code from->to}. */
  public String id() {
    return from + "->" + to;
  }
}
