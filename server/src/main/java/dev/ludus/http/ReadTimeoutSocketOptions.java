package dev.ludus.http;

import io.helidon.common.socket.SocketOptions;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Helidon's socket options for accepted connections, plus a read timeout: every read from a client
 * (the first bytes of a new connection, the next request on a kept-alive one, the next part of a
 * body) fails after {@code readTimeout} of silence, which ends the connection. Helidon 4.5 does not
 * apply its own {@code readTimeout} to server connections, and its idle timeout only covers
 * connections that have already sent a request, so a client that connects and says nothing would
 * otherwise hold its connection for ever.
 *
 * <p>The timeout is the socket's {@code SO_TIMEOUT}, which the blocking socket streams that Helidon
 * reads through honour. Immutable.
 */
public final class ReadTimeoutSocketOptions implements SocketOptions {

    private final SocketOptions delegate;
    private final int timeoutMillis;

    public ReadTimeoutSocketOptions(SocketOptions delegate, Duration readTimeout) {
        this.delegate = delegate;
        this.timeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    @Override
    public void configureSocket(SocketChannel channel) {
        delegate.configureSocket(channel);
        setTimeout(channel.socket());
    }

    @Override
    public void configureSocket(Socket socket) {
        delegate.configureSocket(socket);
        setTimeout(socket);
    }

    private void setTimeout(Socket socket) {
        try {
            socket.setSoTimeout(timeoutMillis);
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot set the read timeout of an accepted connection", e);
        }
    }

    @Override
    public Map<SocketOption<?>, Object> socketOptions() {
        return delegate.socketOptions();
    }

    @Override
    public Duration connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Duration readTimeout() {
        return Duration.ofMillis(timeoutMillis);
    }

    @Override
    public Optional<Integer> socketReceiveBufferSize() {
        return delegate.socketReceiveBufferSize();
    }

    @Override
    public Optional<Integer> socketSendBufferSize() {
        return delegate.socketSendBufferSize();
    }

    @Override
    public boolean socketReuseAddress() {
        return delegate.socketReuseAddress();
    }

    @Override
    public boolean socketKeepAlive() {
        return delegate.socketKeepAlive();
    }

    @Override
    public boolean tcpNoDelay() {
        return delegate.tcpNoDelay();
    }
}
