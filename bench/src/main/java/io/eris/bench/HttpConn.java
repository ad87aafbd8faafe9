package io.eris.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 client on one keep-alive connection (one per client thread). The
 * JDK's HttpClient hands every request across threads; on a 2-core machine that the nodes share
 * with the load generator, a plain socket costs a fraction of its CPU. Not thread-safe.
 */
final class HttpConn implements Closeable {
  record Response(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final String host;
  private final int port;
  private final int timeoutMs;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  HttpConn(String baseUrl, int timeoutMs) {
    URI u = URI.create(baseUrl);
    this.host = u.getHost();
    this.port = u.getPort() < 0 ? 80 : u.getPort();
    this.timeoutMs = timeoutMs;
  }

  String base() {
    return "http://" + host + ":" + port;
  }

  Response post(String path, String contentType, byte[] body) throws IOException {
    return exchange("POST", path, contentType, body, "application/json");
  }

  Response get(String path) throws IOException {
    return exchange("GET", path, null, null, "application/json");
  }

  Response get(String path, String accept) throws IOException {
    return exchange("GET", path, null, null, accept);
  }

  /**
   * Opens a streaming GET (server-sent events); the caller reads the returned stream (de-chunked)
   * until it ends, then closes this connection.
   */
  InputStream openStream(String path, String accept) throws IOException {
    connect();
    writeHead("GET", path, null, 0, accept);
    out.flush();
    Head h = readHead();
    if (h.status != 200) {
      close();
      throw new IOException("HTTP " + h.status + " for " + path);
    }
    socket.setSoTimeout(0);
    return h.chunked ? new ChunkedInputStream(in) : in;
  }

  private Response exchange(String method, String path, String ctype, byte[] body, String accept)
      throws IOException {
    connect();
    try {
      writeHead(method, path, ctype, body == null ? -1 : body.length, accept);
      if (body != null) {
        out.write(body);
      }
      out.flush();
      Head h = readHead();
      byte[] payload;
      if (h.chunked) {
        payload = new ChunkedInputStream(in).readAllBytes();
      } else if (h.length >= 0) {
        payload = in.readNBytes(h.length);
        if (payload.length != h.length) {
          throw new EOFException("response body cut short");
        }
      } else {
        payload = in.readAllBytes();
        h.close = true;
      }
      if (h.close) {
        close();
      }
      return new Response(h.status, payload);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void connect() throws IOException {
    if (socket != null && !socket.isClosed()) {
      return;
    }
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setKeepAlive(true);
    s.connect(new InetSocketAddress(host, port), timeoutMs);
    s.setSoTimeout(timeoutMs);
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
    out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
  }

  private void writeHead(String method, String path, String ctype, int length, String accept)
      throws IOException {
    StringBuilder b = new StringBuilder(160);
    b.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    b.append("Host: ").append(host).append(':').append(port).append("\r\n");
    b.append("Accept: ").append(accept).append("\r\n");
    if (ctype != null) {
      b.append("Content-Type: ").append(ctype).append("\r\n");
    }
    if (length >= 0) {
      b.append("Content-Length: ").append(length).append("\r\n");
    }
    b.append("\r\n");
    out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  private static final class Head {
    int status;
    int length = -1;
    boolean chunked;
    boolean close;
  }

  private Head readHead() throws IOException {
    String statusLine = readLine(in);
    if (statusLine == null) {
      throw new EOFException("connection closed before the response");
    }
    Head h = new Head();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    h.status = Integer.parseInt(parts[1]);
    h.close = parts[0].equals("HTTP/1.0");
    String line;
    while ((line = readLine(in)) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> h.length = Integer.parseInt(value);
        case "transfer-encoding" -> h.chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> {
          if (value.equalsIgnoreCase("close")) {
            h.close = true;
          }
        }
        default -> {}
      }
    }
    if (line == null) {
      throw new EOFException("connection closed in the response head");
    }
    return h;
  }

  /** One CRLF- (or LF-) terminated line in ISO-8859-1; null at end of stream. */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        byte[] a = b.toByteArray();
        int n = a.length > 0 && a[a.length - 1] == '\r' ? a.length - 1 : a.length;
        return new String(a, 0, n, StandardCharsets.UTF_8);
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    Socket s = socket;
    socket = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /** Decodes a chunked body; ends after the last (empty) chunk and its trailers. */
  static final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private int left;
    private boolean done;

    ChunkedInputStream(InputStream in) {
      this.in = in;
    }

    private boolean nextChunk() throws IOException {
      if (done) {
        return false;
      }
      String size = readLine(in);
      if (size == null) {
        throw new EOFException("chunked body cut short");
      }
      if (size.isEmpty()) { // the CRLF after the previous chunk's data
        size = readLine(in);
        if (size == null) {
          throw new EOFException("chunked body cut short");
        }
      }
      int semi = size.indexOf(';');
      left = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      if (left == 0) {
        String t;
        while ((t = readLine(in)) != null && !t.isEmpty()) {
          // trailers: ignored
        }
        done = true;
        return false;
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      if (left == 0 && !nextChunk()) {
        return -1;
      }
      int c = in.read();
      if (c < 0) {
        throw new EOFException("chunk cut short");
      }
      left--;
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (left == 0 && !nextChunk()) {
        return -1;
      }
      int n = in.read(b, off, Math.min(len, left));
      if (n < 0) {
        throw new EOFException("chunk cut short");
      }
      left -= n;
      return n;
    }
  }
}
