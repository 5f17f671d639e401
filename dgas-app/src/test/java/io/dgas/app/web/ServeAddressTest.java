package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeAddressTest {
    @TempDir
    Path home;

    @Test
    void publish_thenFind_returnsTheUrlFromAnOwnerOnlyFileRemovedOnClose() throws Exception {
        try (ServeAddress published = ServeAddress.publish(home, "http://127.0.0.1:4711")) {
            assertThat(ServeAddress.find(home)).contains("http://127.0.0.1:4711");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(ServeAddress.FILE))))
                    .isEqualTo("rw-------");
        }
        assertThat(home.resolve(ServeAddress.FILE)).doesNotExist();
        assertThat(ServeAddress.find(home)).isEmpty();
    }

    @Test
    void find_fileOfAProcessThatIsGone_isEmpty() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(
                home.resolve(ServeAddress.FILE), "{\"url\":\"http://127.0.0.1:1\",\"pid\":" + gone.pid() + "}");

        assertThat(ServeAddress.find(home)).isEmpty();
    }

    @Test
    void close_fileReplacedByAnotherServer_leavesIt() throws Exception {
        ServeAddress mine = ServeAddress.publish(home, "http://127.0.0.1:4711");
        String other = "{\"url\":\"http://127.0.0.1:4712\",\"pid\":"
                + ProcessHandle.current().parent().orElseThrow().pid() + "}";
        Files.writeString(home.resolve(ServeAddress.FILE), other);

        mine.close();

        assertThat(home.resolve(ServeAddress.FILE)).hasContent(other);
    }

    @Test
    void publish_anotherLiveServerPublishedFirst_itsAddressStaysThroughThisOnesLifeAndStop() throws Exception {
        String first = "{\"url\":\"http://127.0.0.1:4712\",\"pid\":"
                + ProcessHandle.current().parent().orElseThrow().pid() + "}";
        Files.writeString(home.resolve(ServeAddress.FILE), first);

        try (ServeAddress second = ServeAddress.publish(home, "http://127.0.0.1:4711")) {
            assertThat(ServeAddress.find(home)).contains("http://127.0.0.1:4712");
        }

        assertThat(home.resolve(ServeAddress.FILE)).hasContent(first);
    }

    @Test
    void localUrl_wildcardOrIpv6Host_isReachableHere() {
        assertThat(ServeAddress.localUrl("0.0.0.0", 8080)).isEqualTo("http://127.0.0.1:8080");
        assertThat(ServeAddress.localUrl("::1", 8080)).isEqualTo("http://[::1]:8080");
    }
}
