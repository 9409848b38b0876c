package org.phoneprov.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.phoneprov.lab.LabNet;
import org.phoneprov.lab.Sh;

/**
 * The Debian package as an admin meets it (issue 13 item 1), on this machine: lintian,
 * {@code dpkg -i}, the installed {@code phoneprov check} on the shipped config, the installed
 * suite running as its user in a namespace of its own (curl gets its INF), the man
 * page, {@code dpkg -r} (conffiles and state stay), {@code dpkg -P} (nothing stays but
 * the system user, which Debian packages keep). A lab test: it needs root, and it leaves
 * the machine as it found it even when an assertion fails (purge, then the user removed
 * if the test made it, in a finally). The package itself enables and starts no daemon.
 */
class DebPackageIT {
    private static final String PKG = "phoneprov";
    private static final String CONFIG = "/etc/phoneprov/phoneprov.yaml";
    /** What the package installs; all gone after dpkg -r except the conffiles. */
    private static final List<String> PROGRAM_FILES = List.of(
            "/usr/bin/phoneprov", "/usr/share/phoneprov/phoneprov.jar",
            "/lib/systemd/system/phoneprov.service", "/lib/systemd/system/phoneprov@.service",
            "/usr/lib/sysusers.d/phoneprov.conf", "/usr/lib/tmpfiles.d/phoneprov.conf",
            "/usr/share/man/man1/phoneprov.1.gz", "/usr/share/man/man1/phoneprov-check.1.gz",
            "/usr/share/doc/phoneprov/copyright", "/usr/share/doc/phoneprov/changelog.Debian.gz");
    private static final List<String> CONFFILES = List.of(
            CONFIG, "/etc/phoneprov/jvm.options", "/etc/phoneprov/devices.yaml",
            "/etc/phoneprov/files/st2030/v2030SG.R11.1.090213.2.67.1.zz");
    /** Nothing of these may be left after purge. */
    private static final List<String> PURGED = List.of(
            "/etc/phoneprov", "/var/lib/phoneprov", "/var/cache/phoneprov", "/usr/share/phoneprov",
            "/usr/share/doc/phoneprov");

    @Test
    void lintianCleanInstallsChecksRemovesAndPurges() throws IOException {
        LabNet.requireLab("dpkg", "lintian", "man", "systemd-sysusers", "systemd-tmpfiles", "java", "ip", "setpriv", "curl");
        requireAbsent();
        Path deb = builtDeb();
        LintianCheck.assertClean(deb, Path.of(System.getProperty("phoneprov.lintian.overrides")));
        boolean userBefore = Sh.run("getent", "passwd", PKG).code() == 0;
        boolean groupBefore = Sh.run("getent", "group", PKG).code() == 0;
        try {
            installed(deb);
            runsAsItsOwnUser();
            reinstalledKeepingTheAdminsEdit(deb);
            removed();
            purged();
        } finally {
            Sh.run(List.of("dpkg", "--purge", PKG), 120);
            if (!userBefore && Sh.run("getent", "passwd", PKG).code() == 0) {
                Sh.run("userdel", PKG);
            }
            if (!groupBefore && Sh.run("getent", "group", PKG).code() == 0) {
                Sh.run("groupdel", PKG);
            }
        }
    }

    private static void installed(Path deb) throws IOException {
        dpkg("--install", deb.toString());
        assertEquals("ii ", status(), "installed and configured");
        for (String f : PROGRAM_FILES) {
            assertTrue(Files.isRegularFile(Path.of(f)), f + " installed");
        }
        assertTrue(Files.isExecutable(Path.of("/usr/bin/phoneprov")));
        String conffiles = Sh.run("dpkg-query", "-W", "-f=${Conffiles}", PKG).ok().out();
        for (String f : CONFFILES) {
            assertTrue(conffiles.contains(" " + f + " "), f + " is a conffile: " + conffiles);
        }
        // The system user from sysusers.d, and the state directory from tmpfiles.d.
        String[] user = Sh.run("getent", "passwd", PKG).ok().out().strip().split(":");
        assertTrue(Integer.parseInt(user[2]) < 1000, "a system uid: " + String.join(":", user));
        assertEquals("/var/lib/phoneprov", user[5]);
        assertEquals("/usr/sbin/nologin", user[6]);
        Path state = Path.of("/var/lib/phoneprov");
        assertEquals(PKG, Files.getOwner(state, LinkOption.NOFOLLOW_LINKS).getName());
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));

        Sh.Result check = Sh.run(List.of("/usr/bin/phoneprov", "check", "--config", CONFIG), 60);
        assertEquals(0, check.code(), "phoneprov check on the shipped config: " + check.out() + check.err());
        assertTrue(check.out().startsWith(CONFIG + ": OK"), check.out());
        Sh.Result version = Sh.run(List.of("/usr/bin/phoneprov", "--version"), 60);
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().startsWith("phoneprov "), version.out());

        // man finds the pages by name, and they render (troff, not AsciiDoc).
        assertEquals("/usr/share/man/man1/phoneprov-check.1.gz", Sh.run("man", "-w", "phoneprov-check").ok().out().strip());
        String page = Sh.run("env", "MANWIDTH=80", "man", "-P", "cat", "-l", "/usr/share/man/man1/phoneprov.1.gz").ok().out();
        assertTrue(page.contains("phoneprov - Zero-touch provisioning"), page);
        assertTrue(page.contains("Validate a config"), "the commands are listed: " + page);

        // Installed, not enabled and not running: the admin edits the config first.
        assertFalse(Files.exists(Path.of("/etc/systemd/system/multi-user.target.wants/phoneprov.service"),
                LinkOption.NOFOLLOW_LINKS), "phoneprov.service is not enabled");
        assertEquals(List.of(), daemons(), "no phoneprov process runs after install");
    }

    /**
     * The installed suite runs: {@code /usr/bin/phoneprov run} on the shipped config, as the
     * package's user with only the capability the unit gives it for port 80 (its
     * {@code AmbientCapabilities}), in a network namespace of its own so that its
     * {@code 0.0.0.0:80} is no port of this machine; curl there gets the shipped INF.
     */
    private static void runsAsItsOwnUser() throws IOException {
        String ns = "ppdeb-" + ProcessHandle.current().pid();
        Path log = Files.createTempFile("phoneprov-deb-run-", ".log");
        Sh.run("ip", "netns", "add", ns).ok();
        Process suite = null;
        try {
            Sh.run("ip", "-n", ns, "link", "set", "lo", "up").ok();
            suite = new ProcessBuilder("ip", "netns", "exec", ns, "setpriv", "--reuid=" + PKG, "--regid=" + PKG,
                    "--init-groups", "--inh-caps=+net_bind_service", "--ambient-caps=+net_bind_service",
                    "/usr/bin/phoneprov", "run", "--config", CONFIG).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.readString(log).contains("suite.started")) {
                assertTrue(suite.isAlive(), () -> "the installed suite exited: " + read(log));
                assertTrue(System.currentTimeMillis() < deadline, () -> "no suite.started in 60 s: " + read(log));
                sleep(200);
            }
            Sh.Result inf = Sh.run(List.of("ip", "netns", "exec", ns, "curl", "-sS", "--max-time", "10", "-o",
                    "/dev/null", "-w", "%{http_code}", "http://127.0.0.1/ST2030S.inf"), 30);
            assertEquals("200", inf.out().strip(), () -> inf.err() + read(log));
            assertEquals(PKG, Files.getOwner(Path.of("/var/lib/phoneprov/events")).getName(),
                    "the state it wrote is the user's");
        } finally {
            if (suite != null) {
                suite.destroy();
                try {
                    suite.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                suite.destroyForcibly();
            }
            Sh.run("ip", "netns", "del", ns);
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An upgrade (here: the same version again) runs postinst with the old version and keeps an edited conffile. */
    private static void reinstalledKeepingTheAdminsEdit(Path deb) throws IOException {
        Path config = Path.of(CONFIG);
        Files.writeString(config, Files.readString(config) + "# edited by DebPackageIT\n");
        dpkg("--install", deb.toString());
        assertEquals("ii ", status());
        assertTrue(Files.readString(config).endsWith("# edited by DebPackageIT\n"), "the admin's edit stays");
        assertEquals(0, Sh.run(List.of("/usr/bin/phoneprov", "check", "--config", CONFIG), 60).code());
    }

    private static void removed() {
        dpkg("--remove", PKG);
        assertEquals("rc ", status(), "removed, config files kept");
        for (String f : PROGRAM_FILES) {
            assertFalse(Files.exists(Path.of(f)), f + " removed");
        }
        for (String f : CONFFILES) {
            assertTrue(Files.isRegularFile(Path.of(f)), f + " (a conffile) stays until purge");
        }
        assertTrue(Files.isDirectory(Path.of("/var/lib/phoneprov")), "the state stays until purge");
    }

    private static void purged() throws IOException {
        dpkg("--purge", PKG);
        assertEquals(1, Sh.run("dpkg-query", "-W", PKG).code(), "dpkg no longer knows phoneprov");
        for (String p : PURGED) {
            assertFalse(Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS), p + " purged");
        }
        // Neither enable links nor masks nor deb-systemd-helper's bookkeeping stay.
        for (String dir : List.of("/etc/systemd/system", "/var/lib/systemd/deb-systemd-helper-enabled",
                "/var/lib/systemd/deb-systemd-helper-masked")) {
            assertEquals(List.of(), named(Path.of(dir)), dir);
        }
        // What purge keeps, by policy: the system user and its group.
        assertEquals(0, Sh.run("getent", "passwd", PKG).code(), "purge keeps the system user");
        System.out.println("DebPackageIT: purge kept, by policy: user and group " + PKG
                + " (" + Sh.run("getent", "passwd", PKG).out().strip() + ")");
    }

    /** dpkg ACTION ARG, which must succeed; its output goes to the test log. */
    private static void dpkg(String action, String arg) {
        Sh.Result r = Sh.run(List.of("dpkg", action, arg), 120);
        System.out.println("DebPackageIT: dpkg " + action + "\n" + r.out() + r.err());
        assertEquals(0, r.code(), "dpkg " + action + ": " + r.out() + r.err());
    }

    private static String status() {
        return Sh.run("dpkg-query", "-W", "-f=${db:Status-Abbrev}", PKG).out();
    }

    /** Skips (fails under PHONEPROV_LAB=required) when dpkg knows phoneprov already: purging it would lose an install. */
    private static void requireAbsent() {
        Sh.Result known = Sh.run("dpkg-query", "-W", "-f=${db:Status-Abbrev}", PKG);
        String why = "phoneprov is installed here (" + known.out().strip()
                + "); this test installs and purges its own: dpkg -P phoneprov first";
        boolean absent = known.code() != 0 || known.out().isBlank() || known.out().startsWith("un");
        if (!absent && "required".equals(System.getenv("PHONEPROV_LAB"))) {
            throw new AssertionError("PHONEPROV_LAB=required but " + why);
        }
        assumeTrue(absent, why);
    }

    private static Path builtDeb() throws IOException {
        Path dir = Path.of(System.getProperty("phoneprov.debdir", "target"));
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> debs = s.filter(p -> p.getFileName().toString().matches("phoneprov_.+_all\\.deb")).toList();
            assertEquals(1, debs.size(), "one phoneprov_*_all.deb in " + dir + ": " + debs);
            return debs.get(0);
        }
    }

    /** Processes running the installed jar (a daemon the package would have started). */
    private static List<String> daemons() {
        return ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("/usr/share/phoneprov/phoneprov.jar"))
                .toList();
    }

    /** Entries below dir whose name contains "phoneprov". */
    private static List<Path> named(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(PKG)).toList();
        }
    }
}
