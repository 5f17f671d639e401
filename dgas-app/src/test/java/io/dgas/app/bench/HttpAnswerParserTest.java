package io.dgas.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answer parser on every split of its input: the answers come out the same however the socket cut them. */
class HttpAnswerParserTest {
    /** Five answers back to back, as one kept-alive connection carries them. */
    private static final String STREAM = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nETag: W/\"a1\"\r\n\r\nhello"
            + "HTTP/1.1 100 Continue\r\n\r\n"
            + "HTTP/1.1 200 OK\r\ntransfer-encoding:  Chunked \r\n\r\n3\r\nabc\r\n4;x=y\r\ndefg\r\n0\r\nX-T: 1\r\n\r\n"
            + "HTTP/1.1 304 Not Modified\r\nETag:  W/\"a1\" \r\nContent-Length: 99\r\n\r\n"
            + "HTTP/1.1 404 Not Found\r\nCONTENT-LENGTH:2\r\nConnection: close\r\n\r\n{}";

    /** {@code [status, etag, body bytes, closes]} of each answer of {@link #STREAM}. */
    private static final List<String> EXPECTED =
            List.of("200 W/\"a1\" 5 false", "200 null 7 false", "304 W/\"a1\" 0 false", "404 null 2 true");

    @Test
    void feed_everySplitOfFourAnswers_sameAnswers() throws IOException {
        byte[] all = STREAM.getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 1; cut < all.length; cut++) {
            assertThat(parse(all, cut)).as("cut at %d", cut).isEqualTo(EXPECTED);
        }
        assertThat(parse(all, all.length)).isEqualTo(EXPECTED);
    }

    @Test
    void feed_bodyDelimitedByClose_endsAtClose() throws IOException {
        HttpAnswerParser p = new HttpAnswerParser();
        ByteBuffer b = direct("HTTP/1.1 200 OK\r\n\r\nuntil the end");

        assertThat(p.feed(b, 0, b.capacity())).isEqualTo(-1);
        assertThat(p.closed()).isTrue();
        assertThat(p.bodyBytes()).isEqualTo("until the end".length());
        assertThat(p.closes()).isTrue();
    }

    @Test
    void closed_midBody_isCutShort() throws IOException {
        HttpAnswerParser p = new HttpAnswerParser();
        ByteBuffer b = direct("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");

        assertThat(p.untouched()).isTrue();
        assertThat(p.feed(b, 0, b.capacity())).isEqualTo(-1);
        assertThat(p.untouched()).isFalse();
        assertThat(p.closed()).isFalse();
    }

    @Test
    void feed_notHttp_throws() {
        HttpAnswerParser p = new HttpAnswerParser();
        ByteBuffer b = direct("SSH-2.0-OpenSSH_9.6\r\n");

        assertThatThrownBy(() -> p.feed(b, 0, b.capacity()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not an HTTP/1.1 status line");
    }

    @Test
    void feed_badChunkSize_throws() {
        HttpAnswerParser p = new HttpAnswerParser();
        ByteBuffer b = direct("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");

        assertThatThrownBy(() -> p.feed(b, 0, b.capacity()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a number");
    }

    /** Feeds {@code all} in pieces of {@code piece} bytes; each answer as {@code "status etag bytes closes"}. */
    private static List<String> parse(byte[] all, int piece) throws IOException {
        ByteBuffer b = ByteBuffer.allocateDirect(all.length);
        b.put(all);
        HttpAnswerParser p = new HttpAnswerParser();
        List<String> answers = new ArrayList<>();
        int from = 0;
        while (from < all.length) {
            int to = Math.min(all.length, from + piece);
            int end = p.feed(b, from, to);
            if (end < 0) {
                from = to;
            } else {
                answers.add(p.status() + " " + p.etag() + " " + p.bodyBytes() + " " + p.closes());
                p.reset();
                from = end;
            }
        }
        return answers;
    }

    private static ByteBuffer direct(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes);
    }
}
