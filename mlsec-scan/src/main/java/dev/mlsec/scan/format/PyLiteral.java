package dev.mlsec.scan.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the small Python literal subset of a numpy header (dict, tuple, list, str, int, bool,
 * None) without evaluating anything. Tuples and lists become {@link List}, dicts {@link Map}.
 */
final class PyLiteral {
  private final String s;
  private int i;
  private int depth;

  private PyLiteral(String s) {
    this.s = s;
  }

  static Object parse(String s) {
    PyLiteral p = new PyLiteral(s);
    Object v = p.value();
    p.ws();
    if (p.i != s.length()) throw new IllegalArgumentException("trailing text in header");
    return v;
  }

  private void ws() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
  }

  private Object value() {
    ws();
    if (i >= s.length()) throw new IllegalArgumentException("unexpected end of header");
    if (++depth > 32) throw new IllegalArgumentException("header nests too deeply");
    try {
      char c = s.charAt(i);
      if (c == '{') return dict();
      if (c == '(' || c == '[') return seq(c == '(' ? ')' : ']');
      if (c == '\'' || c == '"') return str(c);
      if (c == '-' || Character.isDigit(c)) return number();
      for (String w : new String[] {"True", "False", "None"})
        if (s.startsWith(w, i)) {
          i += w.length();
          return w.equals("None") ? null : Boolean.valueOf(w.equals("True"));
        }
      throw new IllegalArgumentException("unexpected '" + c + "' in header");
    } finally {
      depth--;
    }
  }

  private Map<Object, Object> dict() {
    i++;
    Map<Object, Object> m = new LinkedHashMap<>();
    while (true) {
      ws();
      if (i < s.length() && s.charAt(i) == '}') {
        i++;
        return m;
      }
      Object k = value();
      ws();
      expect(':');
      Object v = value();
      m.put(k, v);
      ws();
      if (i < s.length() && s.charAt(i) == ',') i++;
      else {
        ws();
        expect('}');
        return m;
      }
    }
  }

  private List<Object> seq(char close) {
    i++;
    List<Object> l = new ArrayList<>();
    while (true) {
      ws();
      if (i < s.length() && s.charAt(i) == close) {
        i++;
        return l;
      }
      l.add(value());
      ws();
      if (i < s.length() && s.charAt(i) == ',') i++;
      else {
        expect(close);
        return l;
      }
    }
  }

  private void expect(char c) {
    if (i >= s.length() || s.charAt(i) != c)
      throw new IllegalArgumentException("expected '" + c + "' in header");
    i++;
  }

  private String str(char q) {
    i++;
    StringBuilder b = new StringBuilder();
    while (i < s.length() && s.charAt(i) != q) {
      char c = s.charAt(i++);
      if (c == '\\' && i < s.length()) c = s.charAt(i++);
      b.append(c);
    }
    expect(q);
    return b.toString();
  }

  private Long number() {
    int st = i;
    if (s.charAt(i) == '-') i++;
    while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
    if (i < s.length() && s.charAt(i) == 'L') i++;
    String t = s.substring(st, i).replace("L", "");
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("number out of range in header");
    }
  }
}
