/**
 * Checks a cluster topology against the rules real HA clusters break on and reports every problem
 * at once, with the offending value and the fix.
 */
module io.kubetopology.validate {
  requires transitive io.kubetopology.api;
  requires tools.jackson.databind;

  exports io.kubetopology.validate;

  uses io.kubetopology.validate.Rule;
}
