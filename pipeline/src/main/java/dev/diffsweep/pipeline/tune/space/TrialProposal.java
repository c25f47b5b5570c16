package dev.diffsweep.pipeline.tune.space;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A configuration a sampler proposes: typed values for the active parameters and an id that is a
 * hash of their canonical text, so the same configuration has the same id in every run and on every
 * machine (a rerun recognises what it already tried).
 */
public record TrialProposal(String id, SortedMap<String, Object> params) {
  private static final int HASH_HEX_DIGITS = 12;

  public TrialProposal {
    params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
  }

  /** Validates the values against the space and derives the id. */
  public static TrialProposal of(SearchSpace space, Map<String, Object> params) {
    SortedMap<String, Object> valid = space.validate(params);
    return new TrialProposal(idOf(space.format(valid)), valid);
  }

  /** The id of a configuration given as canonical text by name. */
  public static String idOf(SortedMap<String, String> text) {
    StringBuilder canonical = new StringBuilder();
    text.forEach((name, value) -> canonical.append(name).append('=').append(value).append('\n'));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return "cfg-" + HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public String algorithm() {
    return (String) params.get(SearchSpace.ALGORITHM);
  }

  /** The hyperparameters as the trainer takes them: every value but the algorithm, as text. */
  public SortedMap<String, String> hyperparameters(SearchSpace space) {
    SortedMap<String, String> text = space.format(params);
    text.remove(SearchSpace.ALGORITHM);
    return text;
  }
}
