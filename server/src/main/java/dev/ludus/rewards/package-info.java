/**
 * The rewards catalog: rewards as a rule kind ({@code /v1/rewards}), and their redemptions, which spend
 * points and take a unit of stock in one commit through the event writers (the engine decides:
 * {@code Engine.redeem}, {@code Engine.refund}). Added by the composition root; nothing in the core
 * names this package.
 */
package dev.ludus.rewards;
