package io.sipcall.sip.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.ParseException;
import java.time.Duration;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.address.SipURI;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** RFC 3261 10.2.4 over responses parsed by the JAIN-SIP RI, as the stack hands them to us. */
class GrantedExpiryTest {

    static final Duration REQUESTED = Duration.ofSeconds(300);

    private final SipURI ours = uri("sip:sipcall@192.0.2.10:5060");

    @Test
    void our_contacts_expires_parameter_wins_over_the_expires_header() {
        Response ok = ok("Contact: <sip:sipcall@192.0.2.10:5060>;expires=120\r\nExpires: 3600\r\n");

        assertThat(GrantedExpiry.of(ok, ours, REQUESTED)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void other_devices_bindings_are_not_ours() {
        Response ok = ok("Contact: <sip:phone@198.51.100.7:5060>;expires=30, "
                + "<sip:sipcall@192.0.2.10>;expires=600\r\n"
                + "Contact: <sip:sipcall@192.0.2.10:5062>;expires=45\r\n");

        assertThat(GrantedExpiry.of(ok, ours, REQUESTED)).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void without_our_contact_the_expires_header_counts_then_what_we_asked_for() {
        assertThat(GrantedExpiry.of(ok("Contact: <sip:phone@198.51.100.7>;expires=30\r\nExpires: 90\r\n"), ours,
                REQUESTED)).isEqualTo(Duration.ofSeconds(90));
        assertThat(GrantedExpiry.of(ok(""), ours, REQUESTED)).isEqualTo(REQUESTED);
    }

    @Test
    void a_registrar_adding_uri_parameters_or_changing_host_case_still_returns_our_binding() {
        Response ok = ok("Contact: <sip:sipcall@192.0.2.10:5060;ob;transport=udp>;expires=2\r\n");

        assertThat(GrantedExpiry.of(ok, ours, REQUESTED)).isEqualTo(Duration.ofSeconds(2));
        assertThat(GrantedExpiry.sameBinding(uri("sip:sipcall@Example.COM"), uri("sip:sipcall@example.com:5060")))
                .isTrue();
    }

    private static Response ok(String headers) {
        try {
            return SipFactory.getInstance().createMessageFactory().createResponse("SIP/2.0 200 OK\r\n"
                    + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-1\r\n"
                    + "From: <sip:user@trunk.example>;tag=1\r\n"
                    + "To: <sip:user@trunk.example>;tag=2\r\n"
                    + "Call-ID: reg-1\r\n"
                    + "CSeq: 2 REGISTER\r\n"
                    + headers
                    + "Content-Length: 0\r\n\r\n");
        } catch (ParseException | PeerUnavailableException e) {
            throw new AssertionError(e);
        }
    }

    private static SipURI uri(String uri) {
        try {
            return (SipURI) SipFactory.getInstance().createAddressFactory().createURI(uri);
        } catch (ParseException | PeerUnavailableException e) {
            throw new AssertionError(e);
        }
    }
}
