/**
 * A made-up rule kind, badges, that plugs into {@code dev.ludus.rules} from outside it: the example of
 * {@code docs/rule-kinds.md}, and the test that a kind needs nothing of {@code rules} but its public
 * contract.
 */
package dev.ludus.badges;
