package dev.mlsec.scan.format.jinja;

import dev.mlsec.scan.format.jinja.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja's lexer with its default delimiters: data, {@code {{ }}}, {@code {% %}} and {@code {# #}}
 * with the {@code -}/{@code +} whitespace markers, {@code raw} blocks, and inside blocks names,
 * strings, numbers and operators; block ends are only recognized while brackets are balanced, as in
 * Jinja. Nothing is ever evaluated.
 */
final class JinjaLexer {
  private static final String[] OPERATORS = {
    "//", "**", "==", "!=", ">=", "<=", "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}",
    ">", "<", "=", ".", ":", "|", ",", ";"
  };
  private static final Pattern NUMBER =
      Pattern.compile("(\\d[\\d_]*)(\\.\\d[\\d_]*)?([eE][+-]?\\d[\\d_]*)?");
  private static final Pattern END_RAW = Pattern.compile("\\{%[-+]?\\s*endraw\\s*[-+]?%}");

  private final String src;
  private int pos;
  private final List<Token> out = new ArrayList<>();

  private JinjaLexer(String src) {
    this.src = src;
  }

  static List<Token> tokenize(String src) throws JinjaSyntaxException {
    JinjaLexer l = new JinjaLexer(src);
    l.run();
    return l.out;
  }

  private void run() throws JinjaSyntaxException {
    while (pos < src.length()) {
      int next = nextTag(pos);
      if (next < 0) {
        out.add(new Token(Kind.DATA, src.substring(pos), null, pos));
        break;
      }
      if (next > pos) out.add(new Token(Kind.DATA, src.substring(pos, next), null, pos));
      pos = next;
      char c = src.charAt(pos + 1);
      if (c == '#') {
        int end = src.indexOf("#}", pos + 2);
        if (end < 0) throw new JinjaSyntaxException("missing end of comment tag", pos);
        pos = end + 2;
        continue;
      }
      boolean block = c == '%';
      out.add(
          new Token(
              block ? Kind.BLOCK_BEGIN : Kind.VARIABLE_BEGIN,
              src.substring(pos, pos + 2),
              null,
              pos));
      pos += 2;
      if (pos < src.length() && (src.charAt(pos) == '-' || src.charAt(pos) == '+')) pos++;
      int first = out.size();
      inside(block);
      if (block && out.size() - first == 2 && out.get(first).name("raw")) raw();
    }
    out.add(new Token(Kind.EOF, "", null, src.length()));
  }

  private int nextTag(int from) {
    for (int i = src.indexOf('{', from);
        i >= 0 && i + 1 < src.length();
        i = src.indexOf('{', i + 1)) {
      char c = src.charAt(i + 1);
      if (c == '{' || c == '%' || c == '#') return i;
    }
    return -1;
  }

  /** After {@code {% raw %}}: everything up to {@code {% endraw %}} is data. */
  private void raw() throws JinjaSyntaxException {
    Matcher m = END_RAW.matcher(src);
    if (!m.find(pos)) throw new JinjaSyntaxException("missing endraw", pos);
    out.add(new Token(Kind.DATA, src.substring(pos, m.start()), null, pos));
    out.add(new Token(Kind.BLOCK_BEGIN, "{%", null, m.start()));
    out.add(new Token(Kind.NAME, "endraw", null, m.start()));
    out.add(new Token(Kind.BLOCK_END, "%}", null, m.end() - 2));
    pos = m.end();
  }

  private void inside(boolean block) throws JinjaSyntaxException {
    Deque<Character> balance = new ArrayDeque<>();
    int start = pos;
    while (true) {
      while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) pos++;
      if (pos >= src.length())
        throw new JinjaSyntaxException("unexpected end of template inside a tag", start);
      if (balance.isEmpty()) {
        int end = end(block);
        if (end > 0) {
          out.add(
              new Token(
                  block ? Kind.BLOCK_END : Kind.VARIABLE_END, src.substring(pos, end), null, pos));
          pos = end;
          return;
        }
      }
      char c = src.charAt(pos);
      if (c == '\'' || c == '"') string(c);
      else if (c >= '0' && c <= '9') number();
      else if (Character.isUnicodeIdentifierStart(c) || c == '_') name();
      else operator(balance);
    }
  }

  /** The end of the block end tag at {@code pos}, or -1. */
  private int end(boolean block) {
    String close = block ? "%}" : "}}";
    int p = pos;
    if (p < src.length() && (src.charAt(p) == '-' || (block && src.charAt(p) == '+'))) p++;
    return src.startsWith(close, p) ? p + 2 : -1;
  }

  private void name() {
    int s = pos;
    pos++;
    while (pos < src.length()
        && (Character.isUnicodeIdentifierPart(src.charAt(pos))
            && !Character.isIdentifierIgnorable(src.charAt(pos)))) pos++;
    out.add(new Token(Kind.NAME, src.substring(s, pos), null, s));
  }

  private void number() {
    Matcher m = NUMBER.matcher(src).region(pos, src.length());
    m.lookingAt();
    out.add(new Token(Kind.NUMBER, m.group(), null, pos));
    pos = m.end();
  }

  private void operator(Deque<Character> balance) throws JinjaSyntaxException {
    for (String op : OPERATORS) {
      if (!src.startsWith(op, pos)) continue;
      char c = op.charAt(0);
      if (op.length() == 1 && (c == '(' || c == '[' || c == '{')) balance.push(c);
      else if (op.length() == 1 && (c == ')' || c == ']' || c == '}')) {
        char open = c == ')' ? '(' : c == ']' ? '[' : '{';
        if (balance.isEmpty() || balance.pop() != open)
          throw new JinjaSyntaxException("unbalanced '" + c + "'", pos);
      }
      out.add(new Token(Kind.OPERATOR, op, null, pos));
      pos += op.length();
      return;
    }
    throw new JinjaSyntaxException("unexpected character '" + src.charAt(pos) + "'", pos);
  }

  private void string(char quote) throws JinjaSyntaxException {
    int s = pos;
    StringBuilder raw = new StringBuilder();
    int p = pos + 1;
    while (true) {
      if (p >= src.length()) throw new JinjaSyntaxException("unterminated string", s);
      char c = src.charAt(p);
      if (c == '\\' && p + 1 < src.length()) {
        raw.append(c).append(src.charAt(p + 1));
        p += 2;
        continue;
      }
      if (c == quote) break;
      raw.append(c);
      p++;
    }
    pos = p + 1;
    out.add(new Token(Kind.STRING, src.substring(s, pos), unescape(raw.toString()), s));
  }

  /**
   * Python's {@code unicode-escape} decoding, which Jinja applies to every string literal: so
   * {@code '\x5f\x5fclass\x5f\x5f'} is {@code __class__}.
   */
  static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        b.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case '\n' -> {}
        case '\\', '\'', '"' -> b.append(e);
        case 'a' -> b.append('\u0007');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'v' -> b.append('\u000b');
        case 'x', 'u', 'U' -> {
          int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          int cp = hex(s, i + 1, n);
          if (cp < 0 || cp > Character.MAX_CODE_POINT) b.append('\\').append(e);
          else {
            b.appendCodePoint(cp);
            i += n;
          }
        }
        case 'N' -> {
          int close = s.indexOf('}', i);
          int cp = -1;
          if (i + 1 < s.length() && s.charAt(i + 1) == '{' && close > 0) {
            try {
              cp = Character.codePointOf(s.substring(i + 2, close));
            } catch (IllegalArgumentException unknown) {
              cp = -1;
            }
          }
          if (cp < 0) b.append('\\').append(e);
          else {
            b.appendCodePoint(cp);
            i = close;
          }
        }
        default -> {
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            int k = 1;
            while (k < 3
                && i + 1 < s.length()
                && s.charAt(i + 1) >= '0'
                && s.charAt(i + 1) <= '7') {
              v = v * 8 + (s.charAt(++i) - '0');
              k++;
            }
            b.append((char) v);
          } else b.append('\\').append(e);
        }
      }
    }
    return b.toString();
  }

  private static int hex(String s, int from, int n) {
    if (from + n > s.length()) return -1;
    int v = 0;
    for (int i = from; i < from + n; i++) {
      int d = Character.digit(s.charAt(i), 16);
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    return v;
  }
}
