package io.dgas.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseProbeTest {

    @Test
    void probe_hostThatDoesNotResolve_saysUnknownHostNamingIt() {
        // .invalid never resolves (RFC 2606): the driver's own message is the bare host name
        DatabaseSettings settings = DatabaseSettings.defaults("jdbc:postgresql://nosuchhost.invalid/db", "u", null);

        assertThatThrownBy(() -> Database.probe(settings, Duration.ofSeconds(2)))
                .isInstanceOf(UnableToConnectException.class)
                .hasMessageContaining("database unavailable at")
                .hasMessageEndingWith(": unknown host nosuchhost.invalid");
    }
}
