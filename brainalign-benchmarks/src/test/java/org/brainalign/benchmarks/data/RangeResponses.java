package org.brainalign.benchmarks.data;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/**
 * How the tests' loopback HTTP servers answer a download: the whole body (200), or from a
 * {@code Range: bytes=N-} request on (206 with {@code Content-Range}); optionally cut after half the
 * promised bytes, as a dropped connection would.
 */
public final class RangeResponses {
    private RangeResponses() {}

    /** Answers {@code ex} with {@code body}, honouring its Range header; {@code cutHalfway} sends half and closes. */
    public static void send(HttpExchange ex, byte[] body, boolean cutHalfway) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = 0;
        if (range != null && range.startsWith("bytes=")) {
            from = Integer.parseInt(range.substring(6, range.indexOf('-')));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            ex.sendResponseHeaders(206, body.length - from);
        } else {
            ex.sendResponseHeaders(200, body.length);
        }
        OutputStream os = ex.getResponseBody();
        if (cutHalfway) {
            os.write(body, 0, body.length / 2);
            os.flush();
            return; // the exchange closes with half the promised bytes sent
        }
        os.write(body, from, body.length - from);
    }
}
