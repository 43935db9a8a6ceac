package dev.mlsec.testing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Gives every jqwik property without an explicit seed one derived from its class and method name,
 * so that {@code ./mvnw verify} tries the same samples on every machine: a build goes red for a
 * change, never for a draw. Registered for all properties through {@code
 * META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}.
 *
 * <p>System properties (passed through Maven's {@code -D}) widen the search when looking for bugs:
 *
 * <ul>
 *   <li>{@code mlsec.properties.seed}: {@code pinned} (the default); {@code random} (jqwik draws a
 *       seed per run and prints it with any failure); or a number, mixed into each property's
 *       pinned seed to explore another reproducible set of samples;
 *   <li>{@code mlsec.properties.tries}: the number of tries of every property with generated
 *       parameters, overriding its own (an {@code @Example} keeps its one try).
 * </ul>
 */
public final class PinnedSeeds implements AroundPropertyHook {
  static final String SEED = "mlsec.properties.seed";
  static final String TRIES = "mlsec.properties.tries";

  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public int aroundPropertyProximity() {
    // outside every other hook: the attributes are settled before anything runs the property
    return -100;
  }

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    // tries only matter to generated parameters: an @Example (none) keeps its single try
    boolean generated = context.targetMethod().getParameterCount() > 0;
    apply(
        context.attributes(),
        context.containerClass().getName() + "#" + context.targetMethod().getName(),
        System.getProperty(SEED, "pinned"),
        generated ? System.getProperty(TRIES) : null);
    return property.execute();
  }

  /** Sets the seed (unless the property names one) and the tries the two settings ask for. */
  static void apply(PropertyAttributes attributes, String property, String seed, String tries) {
    if (tries != null && !tries.isBlank()) attributes.setTries(positive(tries));
    if (attributes.seed().isPresent()) return;
    String mode = seed.trim().toLowerCase(Locale.ROOT);
    if (mode.equals("random")) return;
    long mix = mode.equals("pinned") || mode.isEmpty() ? 0 : number(seed);
    attributes.setSeed(Long.toString(seedOf(property) ^ mix));
  }

  /** A 64-bit FNV-1a hash of the property's name: the same on every JVM and machine. */
  static long seedOf(String property) {
    long h = 0xcbf29ce484222325L;
    for (byte b : property.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static long number(String seed) {
    try {
      return Long.parseLong(seed.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          SEED + " is '" + seed + "': use pinned, random or a whole number", e);
    }
  }

  private static int positive(String tries) {
    try {
      int n = Integer.parseInt(tries.trim());
      if (n > 0) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(TRIES + " is '" + tries + "': use a whole number above 0");
  }
}
