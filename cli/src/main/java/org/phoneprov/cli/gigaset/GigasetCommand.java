package org.phoneprov.cli.gigaset;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;
import org.phoneprov.httpd.redirect.XmlRpcService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code phoneprov gigaset register|check|deregister}: a client of a Gigaset-style redirect
 * service's XML-RPC API (Gigaset seed, "MAC based autoprovisioning for retail devices": "There is
 * also a XML-RPC Interface available"), this suite's own {@code /apxml/rpc.do} or Gigaset's.
 * Exit codes: 0 the answer is true, 1 it is false (the result string and a sentence are printed),
 * 2 a usage error, 3 a fault or no answer (what happened and what to do are printed).
 */
@Command(name = "gigaset", description = {
        "Register, check or deregister retail Gigaset phones at a redirect service's",
        "XML-RPC API (with --config: this suite's own /" + ApiOptions.API_PATH + ").",
        "Exit 0: true; 1: false (the result string is printed); 2: usage; 3: fault, HTTP error or no connection."})
public final class GigasetCommand implements Runnable {
    static final int TRUE = 0;
    static final int FALSE = 1;
    static final int USAGE = 2;
    static final int FAILED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment the password variable is read from. */
    Function<String, String> env = System::getenv;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Whether MACID is registered for the account (autoprov.checkDevice).")
    int check(@Mixin ApiOptions api,
              @Parameters(paramLabel = "MACID", description = "The phone's MAC-ID: 12 hex digits, optionally"
                      + " -XXXX (the check part on its label).") String macId) {
        return call(api, XmlRpcService.CHECK, macId, null, t -> List.of(macId));
    }

    @Command(name = "register", mixinStandardHelpOptions = true, description = {
            "Send MACID, as a retail phone, to URL (autoprov.registerDevice).",
            "URL may hold Gigaset's placeholders, e.g. http://10.77.0.1/gigaset/%%MACD.xml."})
    int register(@Mixin ApiOptions api,
                 @Parameters(index = "0", paramLabel = "MACID", description = "The phone's MAC-ID.") String macId,
                 @Parameters(index = "1", paramLabel = "URL", description = "Its provisioning URL.") String url,
                 @Option(names = "--name", paramLabel = "NAME",
                         description = "The profile name (default: the --user account).") String name) {
        return call(api, XmlRpcService.REGISTER, macId, url, t -> List.of(macId, url, name != null ? name : t.user()));
    }

    @Command(name = "deregister", mixinStandardHelpOptions = true,
            description = "Stop redirecting MACID (autoprov.deregisterDevice).")
    int deregister(@Mixin ApiOptions api,
                   @Parameters(paramLabel = "MACID", description = "The phone's MAC-ID.") String macId) {
        return call(api, XmlRpcService.DEREGISTER, macId, null, t -> List.of(macId));
    }

    private int call(ApiOptions api, String method, String macId, String url,
                     Function<ApiTarget, List<String>> params) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ApiOptions.Resolved resolved = api.resolve(env);
        if (resolved instanceof ApiOptions.Usage u) {
            u.problems().forEach(p -> err.println("gigaset: " + p));
            return USAGE;
        }
        ApiTarget target = ((ApiOptions.Target) resolved).target();
        ApiOutcome o = new ApiClient(target).call(method, params.apply(target));
        if (o instanceof ApiOutcome.Answered a) {
            out.println(ApiText.printable(a.result().message()));
            out.println(ApiText.printable(ApiText.sentence(method, a.result(), target.user(), macId, url)));
            return a.result().ok() ? TRUE : FALSE;
        }
        if (o instanceof ApiOutcome.Faulted f) {
            err.println("gigaset: " + target.url() + " answered fault " + f.code() + ": " + ApiText.printable(f.message()));
            err.println("gigaset: " + ApiText.faultTodo(f.code()));
            return FAILED;
        }
        ApiOutcome.Failed failed = (ApiOutcome.Failed) o;
        err.println("gigaset: " + ApiText.printable(failed.what()));
        err.println("gigaset: " + ApiText.printable(failed.todo()));
        return FAILED;
    }
}
