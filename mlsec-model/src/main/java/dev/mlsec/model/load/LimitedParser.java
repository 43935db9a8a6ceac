package dev.mlsec.model.load;

import dev.mlsec.model.InputException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Sits between the YAML parser and the composer and enforces depth, alias and expansion limits on
 * the event stream, before any tree is built: the composer recurses once per nesting level and a
 * composed tree shares aliased nodes, so both must be bounded here.
 */
final class LimitedParser implements Parser {
  private final Parser inner;
  private final LoadLimits limits;
  private final Positions positions;

  private int depth;
  private int aliases;

  /** Nodes seen so far, counting every node an alias repeats. */
  private long expanded;

  /** For each open collection: the value of {@code expanded} at its start, and its anchor. */
  private long[] starts = new long[16];

  private final Anchor[] openAnchors;
  private final Map<Anchor, Long> sizes = new HashMap<>();
  private final Set<Anchor> building = new HashSet<>();

  LimitedParser(Parser inner, LoadLimits limits, Positions positions) {
    this.inner = inner;
    this.limits = limits;
    this.positions = positions;
    this.starts = new long[limits.maxDepth() + 1];
    this.openAnchors = new Anchor[limits.maxDepth() + 1];
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return inner.checkEvent(choice);
  }

  @Override
  public Event peekEvent() {
    return inner.peekEvent();
  }

  @Override
  public boolean hasNext() {
    return inner.hasNext();
  }

  @Override
  public Event next() {
    Event e = inner.next();
    switch (e.getEventId()) {
      case Scalar -> {
        count(1, e);
        anchorOf(e).ifPresent(a -> sizes.put(a, 1L));
      }
      case SequenceStart, MappingStart -> {
        count(1, e);
        if (depth == limits.maxDepth()) {
          throw new InputException(
              positions.of(e.getStartMark()),
              "nesting deeper than " + limits.maxDepth() + " levels",
              "a workflow file needs only a few levels; this looks like a broken or hostile file");
        }
        starts[depth] = expanded - 1;
        Anchor a = anchorOf(e).orElse(null);
        openAnchors[depth] = a;
        if (a != null) building.add(a);
        depth++;
      }
      case SequenceEnd, MappingEnd -> {
        depth--;
        Anchor a = openAnchors[depth];
        if (a != null) {
          building.remove(a);
          sizes.put(a, expanded - starts[depth]);
        }
      }
      case Alias -> {
        Anchor a = ((AliasEvent) e).getAlias();
        if (++aliases > limits.maxAliases()) {
          throw new InputException(
              positions.of(e.getStartMark()),
              "more than " + limits.maxAliases() + " aliases",
              "write the values out instead of repeating them with '*' aliases");
        }
        if (building.contains(a)) {
          throw new InputException(
              positions.of(e.getStartMark()),
              "alias *" + a + " refers to the node that contains it",
              "recursive YAML structures are not allowed");
        }
        Long size = sizes.get(a);
        // an undefined anchor is left to the composer, which reports it with its position
        if (size != null) count(size, e);
      }
      default -> {}
    }
    return e;
  }

  private void count(long n, Event e) {
    expanded += n;
    if (expanded > limits.maxNodes()) {
      throw new InputException(
          positions.of(e.getStartMark()),
          "the file expands to more than " + limits.maxNodes() + " YAML nodes",
          e instanceof AliasEvent
              ? "aliases repeat too much: a 'billion laughs' file?"
              : "split the workflow into smaller files");
    }
  }

  private static Optional<Anchor> anchorOf(Event e) {
    return e instanceof NodeEvent n ? n.getAnchor() : Optional.empty();
  }
}
