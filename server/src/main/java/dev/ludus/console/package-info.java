/**
 * The web console under {@code /console}: server-rendered HTML from JTE templates (compiled at build
 * time, HTML-escaped by default), htmx for partial updates, static assets from the jar. Owns the
 * console's HTTP side: sign-in and sessions as cookies, CSRF checks, the security headers (a strict
 * Content-Security-Policy: no inline script or style), the permission checks of console users, and
 * the pages. Every page calls the same services as the API; nothing here validates or stores a rule,
 * an application or a user by itself. Accounts and sessions are kept by {@code dev.ludus.accounts}.
 * The rule pages drive one form engine ({@link dev.ludus.console.RuleForm}) from each registered rule
 * kind and show the rules service's own refusals next to the field they name. The webhook pages call the
 * webhook service as {@code /v1/webhooks} does; the leaderboard pages read through the leaderboard queries
 * and refresh a running period's ranking by htmx polling of a fragment (elements that poll carry
 * {@code data-poll}, which {@code console.js} sends to sign in when the session has ended).
 */
package dev.ludus.console;
