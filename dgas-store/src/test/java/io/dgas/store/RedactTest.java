package io.dgas.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactTest {
    @Test
    void url_userAndPassword_masksThePasswordOnly() {
        assertThat(Redact.url("redis://default:hunter2@cache.internal:6379/0"))
                .isEqualTo("redis://default:****@cache.internal:6379/0");
        assertThat(Redact.url("redis://:hunter2@cache.internal:6379")).isEqualTo("redis://:****@cache.internal:6379");
        assertThat(Redact.url("jdbc:postgresql://u:pw@db/x")).isEqualTo("jdbc:postgresql://u:****@db/x");
    }

    @Test
    void url_redisLonePassword_isMasked() {
        assertThat(Redact.url("rediss://hunter2@cache:6380")).isEqualTo("rediss://****@cache:6380");
        assertThat(Redact.url("https://alice@example.com/x")).isEqualTo("https://alice@example.com/x");
    }

    @Test
    void url_secretQueryParameters_areMaskedOthersKept() {
        assertThat(Redact.url("https://h/hook?channel=ops&token=abc&api_key=k1&apikey=k2&access_token=t&x=1"))
                .isEqualTo("https://h/hook?channel=ops&token=****&api_key=****&apikey=****&access_token=****&x=1");
        assertThat(Redact.url("jdbc:postgresql://db/x?user=u&password=pw&sslpassword=p2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=u&password=****&sslpassword=****&ssl=true");
        assertThat(Redact.url("https://h/?Secret=S&KEY=K#frag")).isEqualTo("https://h/?Secret=****&KEY=****#frag");
    }

    @Test
    void url_severalUrlsInOneValue_eachMasked() {
        assertThat(Redact.url("jdbc:postgresql://a/x?password=p1,jdbc:postgresql://u:p2@b/y"))
                .doesNotContain("p1")
                .doesNotContain("p2");
    }

    @Test
    void secret_urlKeepsSchemeAndHostOnly_otherValuesMaskedWhole() {
        assertThat(Redact.secret("https://hooks.slack.com/services/T0/B0/XYZ"))
                .isEqualTo("https://hooks.slack.com/****");
        assertThat(Redact.secret("http://127.0.0.1:9000/alerts?token=t")).isEqualTo("http://127.0.0.1:9000/****");
        assertThat(Redact.secret("s3cret")).isEqualTo("****");
        assertThat(Redact.secret(null)).isNull();
    }
}
