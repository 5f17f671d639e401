package io.dgas.store.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ServerStatementJsonTest {
    @Test
    void json_sixtyFourBitQueryid_writtenAsAStringSoJavaScriptKeepsEveryDigit() throws Exception {
        ServerStatement s = new ServerStatement(-4900740508919646998L, "bars.range", "SELECT 1", 3, 1.5, 3, 1);

        String json = new ObjectMapper().writeValueAsString(s);

        // as a number, JavaScript read -4900740508919646998 as -4900740508919647000
        assertThat(json).contains("\"queryid\":\"-4900740508919646998\"");
        assertThat(new ObjectMapper().readValue(json, ServerStatement.class).queryid())
                .isEqualTo(-4900740508919646998L);
    }
}
