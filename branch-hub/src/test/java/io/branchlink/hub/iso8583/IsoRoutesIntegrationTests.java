package io.branchlink.hub.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.hub.support.HubIntegrationTest;
import io.branchlink.protocol.iso8583.Iso8583Codec;
import io.branchlink.protocol.iso8583.IsoMessage;
import io.branchlink.protocol.iso8583.NetworkCode;
import io.branchlink.protocol.iso8583.NetworkRequest;
import io.branchlink.protocol.iso8583.NetworkResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

/** The ISO route under Camel's test support: its TCP input replaced by a direct endpoint, its answer observed. */
@CamelSpringBootTest
@UseAdviceWith
@DirtiesContext
class IsoRoutesIntegrationTests extends HubIntegrationTest {

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @EndpointInject("mock:answers")
    MockEndpoint answers;

    private static boolean advised;

    @BeforeEach
    void adviseOnceThenStart() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, IsoRoutes.ROUTE_ID, route -> {
                route.replaceFromWith("direct:iso-in");
                route.weaveById("answer").after().to("mock:answers");
            });
            advised = true;
        }
        camel.start();
        answers.reset();
    }

    @Test
    void answersAnEchoTestThroughTheRoute() throws Exception {
        NetworkRequest echo = new NetworkRequest(NetworkCode.ECHO_TEST, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                4242, ITM, BRANCH);
        answers.expectedMessageCount(1);

        byte[] reply = producer.requestBody("direct:iso-in", Iso8583Codec.encode(echo, KEY), byte[].class);

        answers.assertIsSatisfied();
        IsoMessage decoded = Iso8583Codec.decode(reply, id -> Optional.of(KEY), Instant.now());
        assertThat(decoded).isInstanceOfSatisfying(NetworkResponse.class, response -> {
            assertThat(response.responseCode().code()).isEqualTo("00");
            assertThat(response.stan()).isEqualTo(4242);
        });
    }

    @Test
    void sendsNoAnswerForBytesThatAreNotAMessage() throws Exception {
        answers.expectedMessageCount(1);

        Object reply = producer.requestBody("direct:iso-in", new byte[] {9, 9, 9});

        answers.assertIsSatisfied();
        assertThat(reply).isNull();
    }
}
