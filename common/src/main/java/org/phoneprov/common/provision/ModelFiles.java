package org.phoneprov.common.provision;

/**
 * The files rendered once per model: its INF and its common config for each transport,
 * and its telcfg. The common config differs by transport only in the server it pins the
 * phone to (seed 2.3), so a phone stays on the transport it was provisioned over.
 */
public record ModelFiles(ServedFile.Generated tftpInf, ServedFile.Generated httpInf,
                         ServedFile.Generated tftpCommonConfig, ServedFile.Generated httpCommonConfig,
                         ServedFile.Generated telcfg) {
    public ServedFile.Generated inf(Transport t) {
        return t == Transport.TFTP ? tftpInf : httpInf;
    }

    public ServedFile.Generated commonConfig(Transport t) {
        return t == Transport.TFTP ? tftpCommonConfig : httpCommonConfig;
    }
}
