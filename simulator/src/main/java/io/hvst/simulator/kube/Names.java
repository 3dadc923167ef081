package io.hvst.simulator.kube;

import java.util.Random;

/** Random name suffixes as the API server and controllers make them (seeded: runs repeat). */
public final class Names {

  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private final Random random;

  public Names(long seed) {
    this.random = new Random(seed);
  }

  /** Five lowercase alphanumerics, like a generateName suffix. */
  public synchronized String suffix() {
    StringBuilder s = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  /** A ReplicaSet-style hash: ten lowercase alphanumerics. */
  public synchronized String hash() {
    return suffix() + suffix();
  }
}
