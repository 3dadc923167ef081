package io.hvst.simulator.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request path names: {@code /api/v1/namespaces/ns/configmaps/x} is the configmap {@code x}
 * in {@code ns}; a collection path has no name.
 *
 * @param group the API group, empty for the core group
 * @param namespace empty for cluster-scoped resources
 * @param name empty for a collection
 */
public record ApiPath(String group, String namespace, String resource, String name) {

  private static final Pattern PATH =
      Pattern.compile(
          "^/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/([^/]+))?/([^/]+)(?:/([^/]+))?(?:/[^/]+)?$");

  /** Parses a path without its query string. */
  public static Optional<ApiPath> parse(String route) {
    Matcher m = PATH.matcher(route);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new ApiPath(orEmpty(m.group(1)), orEmpty(m.group(2)), m.group(3), orEmpty(m.group(4))));
  }

  /** The resource as the API server names it in messages: {@code upgrades.harvesterhci.io}. */
  public String qualifiedResource() {
    return group.isEmpty() ? resource : resource + "." + group;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
