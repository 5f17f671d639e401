package io.dgas.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.dgas.domain.Timeframe;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Run(Timeframe htf, Timeframe trading) {}

    @Test
    void write_timeframe_isItsCode() throws Exception {
        // a run's --json wrote {"htf":"H4","trading":"H1"} where every API body writes 4h and 1h
        assertThat(Json.PRETTY.writeValueAsString(new Run(Timeframe.H4, Timeframe.H1)))
                .contains("\"htf\" : \"4h\"")
                .contains("\"trading\" : \"1h\"");
        assertThat(Json.MAPPER.writeValueAsString(Map.of("tf", Timeframe.W1))).isEqualTo("{\"tf\":\"1w\"}");
    }

    @Test
    void read_codeOrEnumName_givesTheTimeframe() throws Exception {
        assertThat(Json.MAPPER.readValue("{\"htf\":\"4h\",\"trading\":\"1h\"}", Run.class))
                .isEqualTo(new Run(Timeframe.H4, Timeframe.H1));
        // batches scheduled by a process from before the codes
        assertThat(Json.MAPPER.readValue("{\"htf\":\"D1\",\"trading\":\"M15\"}", Run.class))
                .isEqualTo(new Run(Timeframe.D1, Timeframe.M15));
    }

    @Test
    void read_unknownTimeframe_failsNamingTheValue() {
        assertThatThrownBy(() -> Json.MAPPER.readValue("{\"htf\":\"7m\",\"trading\":\"1h\"}", Run.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("7m");
    }
}
