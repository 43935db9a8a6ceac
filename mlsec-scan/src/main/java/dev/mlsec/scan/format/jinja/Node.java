package dev.mlsec.scan.format.jinja;

import java.util.List;

/** A Jinja expression, as parsed; {@code pos} is the character offset in the template. */
sealed interface Node {
  int pos();

  /** A literal: a decoded string, a number, a boolean or none ({@code value} null). */
  record Const(Object value, int pos) implements Node {}

  record Name(String name, int pos) implements Node {}

  /** {@code obj.name} */
  record Attr(Node obj, String name, int pos) implements Node {}

  /** {@code obj[key]}; a slice key is a {@link Slice}. */
  record Item(Node obj, Node key, int pos) implements Node {}

  record Slice(List<Node> parts, int pos) implements Node {}

  /** {@code fn(args, name=value)}, also a filter {@code obj|name(args)} (obj first) or a test. */
  record Call(Node fn, List<Node> args, List<Keyword> kwargs, int pos) implements Node {}

  record Filter(Node obj, String name, List<Node> args, List<Keyword> kwargs, int pos)
      implements Node {}

  record Test(Node obj, String name, List<Node> args, int pos) implements Node {}

  /** An operator over its operands: {@code ~ + - * / // % ** and or not == ... in if}. */
  record Op(String op, List<Node> operands, int pos) implements Node {}

  /** A list, a tuple or a dict (keys and values in order). */
  record Seq(List<Node> items, boolean dict, int pos) implements Node {}

  record Keyword(String name, Node value) {}
}
