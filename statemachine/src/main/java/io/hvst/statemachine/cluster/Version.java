package io.hvst.statemachine.cluster;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Harvester release version such as {@code v1.5.0} or {@code v1.6.0-rc2}. A release sorts after
 * its own pre-releases; pre-releases compare as text.
 */
public record Version(int major, int minor, int patch, String preRelease)
    implements Comparable<Version> {

  private static final Pattern FORMAT =
      Pattern.compile("v?(\\d{1,6})\\.(\\d{1,6})\\.(\\d{1,6})(?:-([0-9A-Za-z][0-9A-Za-z.-]*))?");

  private static final Comparator<Version> ORDER =
      Comparator.comparingInt(Version::major)
          .thenComparingInt(Version::minor)
          .thenComparingInt(Version::patch)
          .thenComparing(Version::isRelease)
          .thenComparing(Version::preRelease);

  public Version {
    preRelease = preRelease == null ? "" : preRelease;
  }

  public static Optional<Version> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new Version(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            m.group(4)));
  }

  public boolean isRelease() {
    return preRelease.isEmpty();
  }

  @Override
  public int compareTo(Version other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return "v" + major + "." + minor + "." + patch + (isRelease() ? "" : "-" + preRelease);
  }
}
