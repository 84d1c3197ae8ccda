package dev.wrapup.bot.slack.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.slack.api.app_backend.SlackSignature;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestSignatureTest {
    @Test
    void signsAsTheSlackSdkDoes() {
        String body = "payload=%7B%22text%22%3A%22caf%C3%A9%22%7D&name=Zoë";
        String ts = RequestSignature.timestamp(Instant.ofEpochSecond(1_700_000_000L));

        assertEquals("1700000000", ts);
        assertEquals(
                new SlackSignature.Generator("secret").generate(ts, body),
                RequestSignature.sign("secret", ts, body));
        assertNotEquals(
                RequestSignature.sign("secret", ts, body),
                RequestSignature.sign("other", ts, body));
    }

    @Test
    void formBodiesReadBackAsWritten() {
        Map<String, String> form = Map.of("text", "a & b = c", "user_id", "U1");
        assertEquals(form, FormBody.parse(FormBody.encode(form)));
        assertEquals(Map.of("flag", ""), FormBody.parse("flag&"));
    }
}
