package dev.mlsec.model;

/** How an attribute's value is written and checked. */
public enum AttributeType {
  /** true or false */
  BOOL,
  /** one of a fixed set of words */
  ENUM,
  /** one or more of a fixed set of words */
  ENUM_LIST,
  /** free text */
  TEXT,
  /** {@code none} or a rate such as {@code 100/min} */
  RATE
}
