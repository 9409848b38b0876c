package org.phoneprov.cli;

import org.phoneprov.cli.cert.CertClientCommand;
import org.phoneprov.cli.cert.CertInitCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code phoneprov cert}: the certificates httpd's HTTPS and the phones' client certificates need. */
@Command(name = "cert", description = "Create a CA, a server certificate and client certificates for HTTPS.",
        subcommands = {CertInitCommand.class, CertClientCommand.class})
public final class CertCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
