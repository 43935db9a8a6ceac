package dev.mlsec.analysis;

import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.Threat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Maps a team's free-text concerns onto catalog threats by normalized keywords. */
final class ConcernMatcher {
  private static final Set<String> STOP =
      Set.of(
          "a",
          "an",
          "the",
          "of",
          "to",
          "in",
          "on",
          "by",
          "for",
          "with",
          "from",
          "and",
          "or",
          "our",
          "their",
          "its",
          "is",
          "are",
          "be",
          "being",
          "been",
          "someone",
          "somebody",
          "we",
          "us",
          "it",
          "that",
          "this",
          "into",
          "other",
          "at",
          "as",
          "via",
          "through");

  private record Keyed(String threat, List<Set<String>> phrases) {}

  private final List<Keyed> threats = new ArrayList<>();

  ConcernMatcher(Catalog catalog) {
    for (Threat t : catalog.threats()) {
      List<Set<String>> phrases = new ArrayList<>();
      for (String k : t.keywords()) add(phrases, k);
      add(phrases, t.id().replace('-', ' '));
      add(phrases, t.title());
      threats.add(new Keyed(t.id(), phrases));
    }
  }

  private static void add(List<Set<String>> phrases, String text) {
    Set<String> words = words(text);
    if (!words.isEmpty()) phrases.add(words);
  }

  /** Threat ids whose keywords all occur in the concern, in catalog order. */
  List<String> match(String concern) {
    Set<String> words = words(concern);
    List<String> out = new ArrayList<>();
    for (Keyed k : threats)
      for (Set<String> p : k.phrases())
        if (words.containsAll(p)) {
          out.add(k.threat());
          break;
        }
    return out;
  }

  static Set<String> words(String text) {
    Set<String> out = new LinkedHashSet<>();
    String norm = text.toLowerCase(Locale.ROOT);
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= norm.length(); i++) {
      char ch = i < norm.length() ? norm.charAt(i) : ' ';
      if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
        word.append(ch);
        continue;
      }
      // an apostrophe ends the word and drops what follows it ("customers'" / "model's")
      if (word.length() > 0) {
        String w = word.toString();
        if (!STOP.contains(w)) out.add(stem(w));
        word.setLength(0);
      }
      if (ch == '\'' || ch == '\u2019')
        while (i + 1 < norm.length() && Character.isLetter(norm.charAt(i + 1))) i++;
    }
    return out;
  }

  static String stem(String w) {
    if (w.length() > 5 && w.endsWith("ing")) w = w.substring(0, w.length() - 3);
    else if (w.length() > 4 && w.endsWith("ed")) w = w.substring(0, w.length() - 2);
    else if (w.length() > 4 && w.endsWith("ies")) w = w.substring(0, w.length() - 3) + "y";
    else if (w.length() > 3 && w.endsWith("es") && !w.endsWith("ses"))
      w = w.substring(0, w.length() - 1);
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.substring(0, w.length() - 1);
    if (w.length() > 4 && w.endsWith("e")) w = w.substring(0, w.length() - 1);
    return w;
  }
}
