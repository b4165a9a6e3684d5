package dev.wasmj.cli.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * A {@code --tcplisten HOST:PORT} address ({@code [IPV6]:PORT} for IPv6 literals): where to listen
 * for connections that the guest accepts with {@code sock_accept}.
 */
public record ListenAddress(String host, int port) {
    /** Parses {@code HOST:PORT} or {@code [IPV6]:PORT}; port 0 picks a free port. */
    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + text + "': write an IPv6 address in brackets, [ADDRESS]:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 0 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT with a port from 0 to 65535");
        }
        return new ListenAddress(host, port);
    }

    /**
     * A server socket bound to this address and listening.
     *
     * @throws IOException if the host is unknown or the address cannot be bound
     */
    public ServerSocketChannel bind() throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("unknown host " + host);
        }
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(address);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The picocli converter of {@code --tcplisten}. */
    public static final class Converter extends ParsingConverter<ListenAddress> {
        public Converter() {
            super(ListenAddress::parse);
        }
    }
}
