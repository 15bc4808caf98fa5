package io.kubetopology.validate.internal;

import io.kubetopology.validate.Rule;
import java.util.ArrayList;
import java.util.List;

/** The standard rule catalogue, in the order the rules run. */
public final class StandardRules {
  private static final List<Rule> ALL = collect();

  private StandardRules() {}

  /** Returns every standard rule. */
  public static List<Rule> all() {
    return ALL;
  }

  private static List<Rule> collect() {
    List<Rule> rules = new ArrayList<>();
    rules.addAll(NodeRules.all());
    rules.addAll(EtcdRules.all());
    rules.addAll(EndpointRules.all());
    rules.addAll(VrrpRules.all());
    rules.addAll(AccessRules.all());
    rules.addAll(NetworkRules.all());
    rules.addAll(SubnetRules.all());
    rules.addAll(SecretRules.all());
    rules.addAll(ConfigValueRules.all());
    return List.copyOf(rules);
  }
}
