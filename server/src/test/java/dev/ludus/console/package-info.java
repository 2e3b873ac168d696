/**
 * The console's browser tests and their harness: {@link dev.ludus.console.BrowserTests}, a JUnit 5
 * extension that gives each test a {@link dev.ludus.console.Browser} (headless Chromium driven through
 * Debian's ChromeDriver, found by {@link dev.ludus.console.ChromiumInstall}), fails a test whose page
 * logged an error (a Content-Security-Policy violation, an uncaught script error, a failed load) and
 * keeps a screenshot and the page source of a failed test. docs/testing.md, "Browser tests", says how
 * to run them; the console's own pages live in the main package of the same name.
 */
package dev.ludus.console;
