package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class ReplyTest {
    /** 200 repetitions of one bar: well over the gzip minimum and compressible, so its gzip pays. */
    private static final RenderedBodies.Body LARGE = new RenderedBodies.Body(
            ("[" + "{\"open\":101.25,\"close\":102.5},".repeat(200) + "{}]").getBytes(StandardCharsets.UTF_8),
            Deflater.DEFAULT_COMPRESSION);

    private static final RenderedBodies.Body SMALL =
            new RenderedBodies.Body("{\"items\":[]}".getBytes(StandardCharsets.UTF_8), Deflater.DEFAULT_COMPRESSION);

    @Test
    void of_ifNoneMatchNamesTheTag_304WithTheTagAndNoBytes() {
        Reply r = Reply.of(LARGE, LARGE.etag, "gzip");

        assertThat(r.status()).isEqualTo(304);
        assertThat(r.unchanged()).isTrue();
        assertThat(r.etag()).isEqualTo(LARGE.etag);
        assertThat(r.bytes()).isNull();
        assertThat(r.gzip()).isFalse();
    }

    @Test
    void of_gzipAcceptedAndItPays_200WithTheGzip() {
        Reply r = Reply.of(LARGE, "W/\"other\"", "gzip, deflate, br");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.unchanged()).isFalse();
        assertThat(r.gzip()).isTrue();
        assertThat(r.bytes()).isSameAs(LARGE.gzip());
        assertThat(r.etag()).isEqualTo(LARGE.etag);
    }

    @Test
    void of_gzipNotAcceptedOrNotPaying_200WithThePlainJson() {
        Reply refused = Reply.of(LARGE, null, "gzip;q=0");
        Reply small = Reply.of(SMALL, null, "gzip");

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.gzip()).isFalse();
        assertThat(refused.bytes()).isSameAs(LARGE.json);
        assertThat(small.status()).isEqualTo(200);
        assertThat(small.gzip()).isFalse();
        assertThat(small.bytes()).isSameAs(SMALL.json);
    }
}
