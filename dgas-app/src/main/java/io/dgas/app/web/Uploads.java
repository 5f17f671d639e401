package io.dgas.app.web;

import io.dgas.app.ingest.IngestService.Upload;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSVs of an upload request: the body itself ({@code text/csv} or any non-multipart type), or every file part of
 * a {@code multipart/form-data} body. At most {@code maxBytes} in all: a larger request is a 413 before it is read
 * whole (by its Content-Length, or while reading a body sent without one).
 *
 * <p>A request refused as too large has its body read and dropped first when it is at most {@link #SWALLOW_BYTES}
 * over the limit (Tomcat's {@code maxSwallowSize} rule): a client still sending when the server answers and closes
 * gets a reset instead of the 413, so a modestly oversized upload would see a broken connection rather than the
 * reason. A larger body is refused unread (the connection closes: reading it would be the cost the limit prevents).
 */
final class Uploads {
    /** How far over the limit a refused body is still read (and dropped) so its client receives the 413. */
    static final long SWALLOW_BYTES = 2L << 20;

    private Uploads() {}

    /** The request carried more than the limit (HTTP 413). */
    static final class TooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long maxBytes) {
            super("upload larger than " + (maxBytes >> 20) + " MiB (web.max_upload_mb)");
        }
    }

    static List<Upload> read(Context c, long maxBytes) {
        long declared = c.contentLength();
        if (declared > maxBytes) {
            if (declared <= maxBytes + SWALLOW_BYTES) {
                swallow(c, maxBytes + SWALLOW_BYTES);
            }
            throw new TooLargeException(maxBytes);
        }
        List<Upload> out = new ArrayList<>();
        if (c.isMultipartFormData()) {
            List<UploadedFile> files;
            try {
                files = c.uploadedFiles();
            } catch (IllegalStateException e) { // the multipart limits of the server (same figure) were passed
                throw new TooLargeException(maxBytes);
            }
            long total = 0;
            for (UploadedFile f : files) {
                total += f.size();
                if (total > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                out.add(new Upload(
                        f.filename() == null ? "upload.csv" : f.filename(),
                        f.contentAndClose(in -> text(in, maxBytes))));
            }
        } else {
            try (InputStream in = c.bodyInputStream()) {
                String csv;
                try {
                    csv = text(in, maxBytes);
                } catch (TooLargeException e) {
                    drop(in, SWALLOW_BYTES);
                    throw e;
                }
                if (!csv.isEmpty()) {
                    out.add(new Upload("upload.csv", csv));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the request body", e);
            }
        }
        if (out.isEmpty()) {
            throw new BadParameterException(
                    "body", "", "no CSV in the request", List.of("a text/csv body", "multipart/form-data file parts"));
        }
        return out;
    }

    private static String text(InputStream in, long maxBytes) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(chunk)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                buf.write(chunk, 0, n);
            }
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload", e);
        }
    }

    /** Reads and drops the body of {@code c}, at most {@code cap} bytes. */
    private static void swallow(Context c, long cap) {
        try (InputStream in = c.bodyInputStream()) {
            drop(in, cap);
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    private static void drop(InputStream in, long cap) {
        try {
            byte[] chunk = new byte[64 * 1024];
            long total = 0;
            for (int n; total < cap && (n = in.read(chunk)) > 0; ) {
                total += n;
            }
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }
}
