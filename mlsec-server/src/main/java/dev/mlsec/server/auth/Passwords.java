package dev.mlsec.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (Bouncy Castle) in the usual PHC string form {@code
 * $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH}; the parameters are OWASP's minimum for Argon2id.
 */
public final class Passwords {
  static final int MEMORY_KIB = 19_456;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;

  /**
   * The largest costs {@link #verify} derives at: well above what {@link #hash} writes (so a later
   * raise of the defaults still verifies older rows), far below what would let one row tie up the
   * server (256 MiB, 16 passes, 8 lanes).
   */
  static final int MAX_MEMORY_KIB = 262_144;

  static final int MAX_ITERATIONS = 16;
  static final int MAX_PARALLELISM = 8;
  private static final int HASH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

  private Passwords() {}

  public static String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    byte[] h = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
    return "$argon2id$v=19$m="
        + MEMORY_KIB
        + ",t="
        + ITERATIONS
        + ",p="
        + PARALLELISM
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(h);
  }

  /**
   * Whether the password matches an encoding {@link #hash} wrote. An encoding that is not one (a
   * damaged row, other parameters than digits, a cost beyond what this server would ever choose)
   * verifies nothing instead of throwing or deriving at an unbounded cost.
   */
  public static boolean verify(String password, String encoded) {
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    int m = 0;
    int t = 0;
    int p = 0;
    for (String kv : parts[3].split(",", -1)) {
      String[] e = kv.split("=", -1);
      if (e.length != 2 || !e[1].matches("[0-9]{1,7}")) return false;
      int v = Integer.parseInt(e[1]);
      switch (e[0]) {
        case "m" -> m = v;
        case "t" -> t = v;
        case "p" -> p = v;
        default -> {
          return false;
        }
      }
    }
    if (m < 8 || m > MAX_MEMORY_KIB || t < 1 || t > MAX_ITERATIONS || p < 1 || p > MAX_PARALLELISM)
      return false;
    byte[] salt;
    byte[] expected;
    try {
      salt = Base64.getDecoder().decode(parts[4]);
      expected = Base64.getDecoder().decode(parts[5]);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    if (salt.length == 0 || expected.length == 0) return false;
    return MessageDigest.isEqual(expected, derive(password, salt, m, t, p));
  }

  private static byte[] derive(String password, byte[] salt, int m, int t, int p) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(m)
            .withIterations(t)
            .withParallelism(p)
            .build();
    Argon2BytesGenerator g = new Argon2BytesGenerator();
    g.init(params);
    byte[] out = new byte[HASH_BYTES];
    g.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
