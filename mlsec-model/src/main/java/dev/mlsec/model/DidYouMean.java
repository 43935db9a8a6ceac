package dev.mlsec.model;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the closest known word for a misspelt one, by optimal-string-alignment distance (a
 * Damerau-Levenshtein variant: insert, delete, substitute, swap two neighbours). Used for keys,
 * kinds, enumerated values and ids alike, so every message suggests in the same way.
 */
public final class DidYouMean {

  /** Beyond this many candidates a hint does not list them all. */
  private static final int LISTED = 12;

  private DidYouMean() {}

  /**
   * The candidate closest to {@code word} if it is close enough to be a likely typo; ties go to the
   * earlier candidate, so the answer is deterministic.
   */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    String w = word.toLowerCase(Locale.ROOT);
    int limit = w.length() <= 3 ? 1 : w.length() <= 6 ? 2 : 3;
    String best = null;
    int bestDistance = limit + 1;
    for (String c : candidates) {
      if (Math.abs(c.length() - w.length()) >= bestDistance) continue;
      int d = distance(w, c.toLowerCase(Locale.ROOT), bestDistance);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * A hint for a word that is not among {@code candidates}: "did you mean 'x'?", else the list of
   * candidates when it is short, else empty.
   */
  public static String hint(String word, Collection<String> candidates) {
    Optional<String> c = closest(word, candidates);
    if (c.isPresent()) return "did you mean '" + c.get() + "'?";
    if (!candidates.isEmpty() && candidates.size() <= LISTED)
      return "expected one of: " + String.join(", ", candidates);
    return "";
  }

  /**
   * Optimal string alignment distance between {@code a} and {@code b}, or any value {@code >= cap}
   * once it is known to reach {@code cap} (keeps suggestion over many ids cheap).
   */
  static int distance(String a, String b, int cap) {
    int n = a.length();
    int m = b.length();
    int[] prev2 = new int[m + 1];
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) prev[j] = j;
    for (int i = 1; i <= n; i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin >= cap) return cap;
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[m];
  }
}
