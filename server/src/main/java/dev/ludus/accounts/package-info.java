/**
 * Console accounts and who may sign in to the console: {@link dev.ludus.accounts.AccountService}
 * (accounts, their {@link dev.ludus.accounts.Role}s, invitations, Argon2id passwords),
 * {@link dev.ludus.accounts.SessionService} (server-side sessions kept in the store, with idle and
 * absolute expiry) and {@link dev.ludus.accounts.SignInThrottle} (failed sign-ins counted in the store,
 * so that the limit holds across nodes). Tokens are stored as their SHA-256 only. It stands on
 * tenancy (to check that a role's tenant or application exists), audit, http and secrets; the
 * console's pages and cookies live above it.
 */
package dev.ludus.accounts;
