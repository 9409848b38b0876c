package org.phoneprov.common.provision;

import java.util.Set;
import org.phoneprov.common.provision.Model.Protocol;

/**
 * One kind of static file a model's INF names (seed 2.4.3 for TFTP, 2.5.3 for HTTP):
 * the config key the admin writes, the INF key and section per transport, and which
 * protocol variants download it (seed 2.4.1 for SIP, 2.4.2 for MGCP).
 *
 * <p>The certificate keys {@code certAPSfilename}, {@code pkeyAPSfilename},
 * {@code calistAPSfilename} are those of the seed's example (2.4.4); the SIPs
 * equivalents are named by analogy, as the seed lists the files but not their keys.
 */
public enum CatalogEntry {
    FIRMWARE("firmware", "application", "fw_filename", "application", "fwurl", false, Set.of(Protocol.SIP, Protocol.MGCP)),
    DECKFILES("deckfiles", "deckfile", "deckfile", "deckfile", "deckfile", true, Set.of(Protocol.MGCP)),
    MELODIES("melodies", "melody", "melodies", "melody", "melodies", false, Set.of(Protocol.SIP, Protocol.MGCP)),
    SYSTEM_MELODIES("system_melodies", "melody", "system_melodies", "melody", "system_melodies", false, Set.of(Protocol.SIP, Protocol.MGCP)),
    CALL_WAITING_TONE("call_waiting_tone", "melody", "call_waiting_tone", "melody", "call_waiting_tone", false, Set.of(Protocol.SIP, Protocol.MGCP)),
    BEEP_TONE("beep_tone", "melody", "beep_tone", "melody", "beep_tone", false, Set.of(Protocol.MGCP)),
    TONE_TABLE("tone_table", "config", "tone_table", "melody", "tone_table", false, Set.of(Protocol.SIP)),
    LANGUAGE_TABLE("language_table", "config", "language_table", "melody", "language_table", false, Set.of(Protocol.SIP, Protocol.MGCP)),
    SIPS_CERT("sips_cert", "config", "certSIPsfilename", "config", "certSIPsfilename", false, Set.of(Protocol.SIP)),
    SIPS_KEY("sips_key", "config", "pkeySIPsfilename", "config", "pkeySIPsfilename", false, Set.of(Protocol.SIP)),
    SIPS_CA("sips_ca", "config", "calistSIPsfilename", "config", "calistSIPsfilename", false, Set.of(Protocol.SIP)),
    HTTPS_CERT("https_cert", "config", "certAPSfilename", "config", "certAPSfilename", false, Set.of(Protocol.SIP, Protocol.MGCP)),
    HTTPS_KEY("https_key", "config", "pkeyAPSfilename", "config", "pkeyAPSfilename", false, Set.of(Protocol.SIP, Protocol.MGCP)),
    HTTPS_CA("https_ca", "config", "calistAPSfilename", "config", "calistAPSfilename", false, Set.of(Protocol.SIP, Protocol.MGCP));

    private final String configKey;
    private final String tftpSection;
    private final String tftpKey;
    private final String httpSection;
    private final String httpKey;
    private final boolean many;
    private final Set<Protocol> protocols;

    CatalogEntry(String configKey, String tftpSection, String tftpKey, String httpSection, String httpKey,
                 boolean many, Set<Protocol> protocols) {
        this.configKey = configKey;
        this.tftpSection = tftpSection;
        this.tftpKey = tftpKey;
        this.httpSection = httpSection;
        this.httpKey = httpKey;
        this.many = many;
        this.protocols = protocols;
    }

    public String configKey() {
        return configKey;
    }

    public String section(Transport t) {
        return t == Transport.TFTP ? tftpSection : httpSection;
    }

    public String infKey(Transport t) {
        return t == Transport.TFTP ? tftpKey : httpKey;
    }

    /** Whether the INF may list several files (deck files, seed 2.4.4). */
    public boolean many() {
        return many;
    }

    public boolean appliesTo(Model m) {
        return protocols.contains(m.protocol());
    }
}
