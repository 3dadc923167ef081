package io.hvst.controller.api;

import java.util.regex.Pattern;

/** Checks path segments against Kubernetes' naming rules before anything is looked up. */
final class KubernetesNames {

  /** A DNS-1123 label: what a namespace name must be. */
  static final String LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  static final int LABEL_MAX = 63;

  /** A DNS-1123 subdomain: what the name of an Upgrade must be. */
  static final String SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  static final int SUBDOMAIN_MAX = 253;

  private static final Pattern LABEL_PATTERN = Pattern.compile(LABEL);
  private static final Pattern SUBDOMAIN_PATTERN = Pattern.compile(SUBDOMAIN);

  private KubernetesNames() {}

  /** Checks the path of one Upgrade: its namespace first, then its name. */
  static void requireUpgrade(String namespace, String name) {
    requireNamespace(namespace);
    requireName(name);
  }

  static void requireNamespace(String value) {
    if (value.length() > LABEL_MAX || !LABEL_PATTERN.matcher(value).matches()) {
      throw new InvalidNameException(
          "namespace",
          value,
          "a DNS-1123 label has at most 63 lower-case letters, digits and '-', and starts and"
              + " ends with a letter or digit.");
    }
  }

  static void requireName(String value) {
    if (value.length() > SUBDOMAIN_MAX || !SUBDOMAIN_PATTERN.matcher(value).matches()) {
      throw new InvalidNameException(
          "name",
          value,
          "a DNS-1123 subdomain has at most 253 lower-case letters, digits, '-' and '.', and"
              + " each dot-separated part starts and ends with a letter or digit.");
    }
  }
}
