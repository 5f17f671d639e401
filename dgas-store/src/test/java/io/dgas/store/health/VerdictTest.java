package io.dgas.store.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class VerdictTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void json_everyVerdict_isItsLowerCaseCodeBothWays() throws Exception {
        for (Verdict v : Verdict.values()) {
            // a check's verdict was "CRITICAL" beside an overall "critical" in one document
            assertThat(JSON.writeValueAsString(v)).isEqualTo("\"" + v.code() + "\"");
            assertThat(JSON.readValue("\"" + v.code() + "\"", Verdict.class)).isEqualTo(v);
        }
        assertThat(Verdict.CRITICAL.code()).isEqualTo("critical");
    }
}
