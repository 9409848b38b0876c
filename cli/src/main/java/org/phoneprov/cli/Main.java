package org.phoneprov.cli;

import org.phoneprov.cli.gigaset.GigasetCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code phoneprov <command>}: the one entry point for admins, tests and benchmarks. */
@Command(name = "phoneprov", mixinStandardHelpOptions = true, version = "phoneprov 0.1.0",
        description = "Zero-touch provisioning for IP phones: DHCP, TFTP, HTTP(S) and SIP from one config.",
        subcommands = {CheckCommand.class, RenderCommand.class, RunCommand.class, DemoCommand.class,
                EventsCommand.class, LeasesCommand.class, NotifyCommand.class, SimulateCommand.class,
                EncryptCommand.class, DecryptCommand.class, CertCommand.class, GigasetCommand.class, DbCommand.class,
                HaCommand.class, AcsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                // A .ser key may start with '@': it is a key, never "read the arguments from this file".
                .setExpandAtFiles(false)
                .execute(args);
        System.exit(code);
    }
}
