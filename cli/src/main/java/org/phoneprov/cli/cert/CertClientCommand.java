package org.phoneprov.cli.cert;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.phoneprov.common.crypto.KeyPairs;
import org.phoneprov.common.crypto.PemException;
import org.phoneprov.common.crypto.PemReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phoneprov cert client}: more client certificates from the CA that {@code cert init} made. */
@Command(name = "client", description = {
        "Create a client certificate per NAME (client-NAME.pem, client-NAME.key), signed by ca.pem/ca.key",
        "in --dir, for phones when httpd.tls.client_auth asks for one."})
public final class CertClientCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The folder with ca.pem and ca.key.")
    Path dir;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "The certificate's CN, e.g. the phone's MAC.")
    List<String> names = new ArrayList<>();

    @Option(names = "--days", defaultValue = "3650", paramLabel = "N",
            description = "Validity (default ${DEFAULT-VALUE}; never past the CA's).")
    int days;

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws IOException {
        List<String> bad = names.stream().filter(n -> !n.matches(CertInitCommand.CLIENT))
                .map(n -> "'" + n + "' is not a name of letters, digits, '.', '_', '-' (at most 64)").toList();
        if (!bad.isEmpty() || days < 1 || days > 36_500) {
            bad.forEach(b -> err.println("cert client: " + b));
            if (days < 1 || days > 36_500) {
                err.println("cert client: --days must be between 1 and 36500");
            }
            return 2;
        }
        Pki.Issued ca;
        try {
            // The reader httpd's config check uses: one way to read keys in the whole suite.
            X509Certificate caCert = PemReader.certificates(dir.resolve("ca.pem")).get(0);
            PrivateKey caKey = PemReader.privateKey(dir.resolve("ca.key"));
            if (!KeyPairs.belongTogether(caKey, caCert.getPublicKey())) {
                throw new PemException("ca.key does not belong to ca.pem (" + caCert.getSubjectX500Principal().getName()
                        + ")");
            }
            ca = new Pki.Issued(new java.security.KeyPair(caCert.getPublicKey(), caKey), caCert);
        } catch (PemException e) {
            err.println("cert client: cannot use the CA in " + dir + " (ca.pem, ca.key from 'phoneprov cert init'): "
                    + e.getMessage());
            return 1;
        }
        List<String> files = new ArrayList<>();
        names.forEach(n -> files.addAll(List.of("client-" + n + ".pem", "client-" + n + ".key")));
        if (!force && CertInitCommand.refuseExisting(dir, files, err)) {
            return 1;
        }
        Pki pki = new Pki(Instant.now());
        PemFiles pem = new PemFiles();
        List<String> report = new ArrayList<>();
        try {
            for (String n : names) {
                Pki.Issued c = pki.client(ca, n, Duration.ofDays(days));
                pem.certificate("client-" + n + ".pem", c.cert()).key("client-" + n + ".key", c.key());
                report.add("  client-" + n + ".pem, client-" + n + ".key  CN=" + n + ", until "
                        + CertInitCommand.day(c.cert().getNotAfter().toInstant()));
            }
        } catch (GeneralSecurityException e) {
            err.println("cert client: the CA key cannot sign: " + e.getMessage());
            return 1;
        }
        pem.writeTo(dir);
        out.println("wrote " + dir.toAbsolutePath().normalize() + " (keys mode 0600):");
        report.forEach(out::println);
        return 0;
    }
}
