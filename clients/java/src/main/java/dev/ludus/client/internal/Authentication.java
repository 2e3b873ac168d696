package dev.ludus.client.internal;

import dev.ludus.client.LudusException;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * How one request attempt is authenticated. {@link Transport} calls {@link #apply} once per attempt
 * (a retried request is authenticated again: a new nonce, a new token if one was dropped).
 */
public interface Authentication {

    /**
     * Adds the credentials to {@code request}.
     *
     * @param method the HTTP method in upper case
     * @param uri the exact URI sent (its raw path and query are what ECDSA signs)
     * @param body the exact body bytes sent (empty when none)
     * @return the credential used (a token), handed back to {@link #rejected}; may be null
     */
    String apply(HttpRequest.Builder request, String method, URI uri, byte[] body);

    /**
     * Called when an attempt authenticated with {@code credential} answered 401. Returns true when a
     * second attempt may succeed (the strategy dropped a cached token); the transport retries once.
     */
    default boolean rejected(LudusException failure, String credential) {
        return false;
    }

    /** No credentials (the ops endpoints). */
    static Authentication none() {
        return (request, method, uri, body) -> null;
    }

    /** One fixed {@code Authorization} header value. */
    static Authentication header(String authorization) {
        return (request, method, uri, body) -> {
            request.setHeader("Authorization", authorization);
            return null;
        };
    }
}
