package io.sipcall.sip.tls;

import gov.nist.core.net.NetworkLayer;
import gov.nist.core.net.SecurityManagerProvider;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The sockets JAIN-SIP's classic (thread-per-connection) transports use. TLS sockets take their keys
 * and trust from the stack's configured {@link SecurityManagerProvider} (property
 * {@value PemSecurityManagerProvider#SECURITY_MANAGER_PROVIDER_PROPERTY}), so PEM material works
 * without a Java key store; every outgoing connect is bounded by {@link #CONNECT_TIMEOUT_MS}.
 *
 * <p>The stack instantiates this class by name (property {@value #PROPERTY}) and calls
 * {@link #setSipStack} from its constructor; TCP sockets it creates or accepts have Nagle's algorithm
 * off, since SIP messages are written whole; the SSL contexts are built on first use, after the
 * stack has read its configuration. Thread-safe.
 */
public final class ProviderNetworkLayer implements NetworkLayer {

    public static final String PROPERTY = "gov.nist.javax.sip.NETWORK_LAYER";
    /** How long a TCP or TLS connect to a peer may take. */
    public static final int CONNECT_TIMEOUT_MS = 3000;

    private volatile SipStackImpl stack;
    private SSLContext server;
    private SSLContext client;

    /** Called reflectively by the SIP stack. */
    public ProviderNetworkLayer() {
    }

    /** The stack property that installs this network layer. */
    public static Properties stackProperties() {
        Properties properties = new Properties();
        properties.setProperty(PROPERTY, ProviderNetworkLayer.class.getName());
        return properties;
    }

    @Override
    public void setSipStack(SipStackImpl sipStack) {
        this.stack = sipStack;
    }

    private synchronized SSLContext context(boolean forClient) throws IOException {
        if (server == null) {
            Properties properties = stack.getConfigurationProperties();
            String name = properties.getProperty(PemSecurityManagerProvider.SECURITY_MANAGER_PROVIDER_PROPERTY);
            if (name == null) {
                throw new IOException("TLS is not configured: no "
                        + PemSecurityManagerProvider.SECURITY_MANAGER_PROVIDER_PROPERTY);
            }
            try {
                SecurityManagerProvider provider = (SecurityManagerProvider) Class.forName(name)
                        .getConstructor().newInstance();
                provider.init(properties);
                server = SSLContext.getInstance("TLS");
                server.init(provider.getKeyManagers(false), provider.getTrustManagers(false), null);
                client = SSLContext.getInstance("TLS");
                client.init(provider.getKeyManagers(true), provider.getTrustManagers(true), null);
            } catch (GeneralSecurityException | ReflectiveOperationException e) {
                throw new IOException("cannot set up TLS from " + name + ": " + e.getMessage(), e);
            }
        }
        return forClient ? client : server;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new ServerSocket(port, backlog, bindAddress) {
            @Override
            public Socket accept() throws IOException {
                Socket accepted = super.accept();
                accepted.setTcpNoDelay(true);
                return accepted;
            }
        };
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return (SSLServerSocket) context(false).getServerSocketFactory().createServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return connect(new Socket(), address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        return connect(socket, address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(myAddress, myPort));
        return connect(socket, address, port);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        Socket plain = createSocket(address, port);
        return (SSLSocket) context(true).getSocketFactory().createSocket(plain, address.getHostAddress(), port, true);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        Socket plain = createSocket(address, port, localAddress);
        return (SSLSocket) context(true).getSocketFactory().createSocket(plain, address.getHostAddress(), port, true);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return new DatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress localAddress) throws SocketException {
        return new DatagramSocket(port, localAddress);
    }

    private static Socket connect(Socket socket, InetAddress address, int port) throws IOException {
        try {
            // SIP messages are written whole; Nagle plus delayed ACKs would hold each one ~40 ms.
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
