package dev.mlsec.scan.adversarial;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes pickle opcodes as raw bytes; nothing is ever unpickled. */
final class PickleBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static PickleBytes p() {
    return new PickleBytes();
  }

  PickleBytes raw(int... bytes) {
    for (int b : bytes) out.write(b);
    return this;
  }

  PickleBytes raw(byte[] b) {
    out.write(b, 0, b.length);
    return this;
  }

  PickleBytes ascii(String s) {
    return raw(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  PickleBytes proto(int v) {
    return raw(0x80, v);
  }

  /** GLOBAL opcode: "c module\n name\n". */
  PickleBytes global(String module, String name) {
    return ascii("c" + module + "\n" + name + "\n");
  }

  PickleBytes inst(String module, String name) {
    return ascii("i" + module + "\n" + name + "\n");
  }

  /** SHORT_BINUNICODE (protocol 4) or BINUNICODE. */
  PickleBytes str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length < 256) return raw(0x8c, b.length).raw(b);
    return raw('X').le(b.length, 4).raw(b);
  }

  /** BINUNICODE (protocol 1+). */
  PickleBytes binunicode(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return raw('X').le(b.length, 4).raw(b);
  }

  PickleBytes stackGlobal(String module, String name) {
    return str(module).str(name).raw(0x93);
  }

  PickleBytes le(long v, int n) {
    for (int i = 0; i < n; i++) out.write((int) (v >>> (8 * i)) & 0xff);
    return this;
  }

  PickleBytes mark() {
    return raw('(');
  }

  PickleBytes tuple() {
    return raw('t');
  }

  PickleBytes tuple1() {
    return raw(0x85);
  }

  PickleBytes tuple2() {
    return raw(0x86);
  }

  PickleBytes tuple3() {
    return raw(0x87);
  }

  PickleBytes reduce() {
    return raw('R');
  }

  PickleBytes stop() {
    return raw('.');
  }

  PickleBytes put(int i) {
    return raw('q', i);
  }

  PickleBytes get(int i) {
    return raw('h', i);
  }

  PickleBytes memoize() {
    return raw(0x94);
  }

  PickleBytes pop() {
    return raw('0');
  }

  PickleBytes none() {
    return raw('N');
  }

  PickleBytes binint1(int v) {
    return raw('K', v);
  }

  PickleBytes emptyDict() {
    return raw('}');
  }

  PickleBytes emptyTuple() {
    return raw(')');
  }

  /** Calls module.name(arg) with one string argument (protocol 2 style). */
  PickleBytes call1(String module, String name, String arg) {
    return global(module, name).binunicode(arg).tuple1().reduce();
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  int size() {
    return out.size();
  }
}
