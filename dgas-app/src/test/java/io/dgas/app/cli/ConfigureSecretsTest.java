package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code configure show} and configuration errors never print a secret, in text or JSON. */
class ConfigureSecretsTest {
    @TempDir
    Path home;

    private CliRun run(Map<String, String> extraEnv, String... args) {
        return CliRun.in(home, extraEnv, args);
    }

    private static final Map<String, String> SECRETS = Map.of(
            "DGAS_CACHE_REDIS_URL", "redis://default:redis-pw-1@cache.internal:6379/0",
            "DGAS_ALERTS_WEBHOOK_URL", "https://hooks.example.com/services/T0/B0/hook-key-2?token=hook-tok-3",
            "DGAS_WEB_ADMIN_TOKEN", "admin-tok-4",
            "DGAS_API_KEY", "api-key-5",
            "DGAS_DATABASE_PASSWORD", "db-pw-6",
            "DGAS_DATABASE_REPLICAS", "jdbc:postgresql://r1/x?password=replica-pw-7");

    @Test
    void configureShow_credentialsInUrlsAndSecretKeys_areMasked() {
        CliRun r = run(SECRETS, "configure", "show");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .doesNotContain("redis-pw-1", "hook-key-2", "hook-tok-3", "admin-tok-4", "api-key-5", "db-pw-6")
                .doesNotContain("replica-pw-7")
                .contains("redis://default:****@cache.internal:6379/0")
                .contains("https://hooks.example.com/****");
    }

    @Test
    void configureShow_json_credentialsMasked() throws Exception {
        CliRun r = run(SECRETS, "configure", "show", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.toString()).doesNotContain("redis-pw-1", "hook-key-2", "hook-tok-3", "admin-tok-4", "db-pw-6");
        assertThat(json.findValuesAsText("value")).contains("redis://default:****@cache.internal:6379/0");
    }

    @Test
    void configError_webhookNotHttp_exits2WithoutPrintingTheValue() throws Exception {
        Path cfg =
                Files.writeString(home.resolve("c.yaml"), "alerts:\n  webhook_url: file:///etc/passwd?token=tok-8\n");

        CliRun r = run(Map.of(), "--config", cfg.toString(), "configure", "verify");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .contains("alerts.webhook_url")
                .contains("http or https")
                .doesNotContain("tok-8");
    }

    @Test
    void configError_redisUrlWithControlCharacter_exits2MaskingThePassword() {
        CliRun r = run(Map.of("DGAS_CACHE_REDIS_URL", "redis://u:pw-9@h:6379/\u001b[2J"), "configure", "verify");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("cache.redis.url").doesNotContain("pw-9");
    }
}
