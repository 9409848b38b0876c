package org.phoneprov.common.provision;

/** The files rendered once per model: its INF for each transport, its common config and telcfg. */
public record ModelFiles(ServedFile.Generated tftpInf, ServedFile.Generated httpInf,
                         ServedFile.Generated commonConfig, ServedFile.Generated telcfg) {
    public ServedFile.Generated inf(Transport t) {
        return t == Transport.TFTP ? tftpInf : httpInf;
    }
}
