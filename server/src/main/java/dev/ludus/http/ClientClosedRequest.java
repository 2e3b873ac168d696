package dev.ludus.http;

/**
 * The client went away before its request was read (it closed the connection in the middle of the
 * body), or before its answer was written (a health checker that gave up). Nobody is left to answer: {@link RequestFilter} counts the request with status 499 (the
 * "client closed request" of nginx) and logs it at DEBUG, without a stack trace.
 */
public final class ClientClosedRequest extends RuntimeException {

    /** The status the request is counted with. */
    public static final int STATUS = 499;

    public ClientClosedRequest(String detail) {
        super(detail, null, false, false);
    }
}
