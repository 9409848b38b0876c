package org.phoneprov.common.provision;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.DelegatingLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.loader.Loader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the per-model and per-device files from Pebble templates. A template is
 * looked up in the admin's templates folder first, then among the built-in ones, so
 * an admin overrides one file by writing one file. Output is plain text: no HTML
 * escaping, and an undefined variable is an error rather than an empty string.
 */
public final class TemplateRenderer {
    static final String BUILT_IN = "phoneprov/templates";
    private final PebbleEngine engine;
    private final Optional<Path> adminRoot;

    /** A template that failed to load or render, with where, for a config problem. */
    public static final class TemplateError extends Exception {
        private final String template;
        private final int line;

        TemplateError(String template, int line, String message) {
            super(message);
            this.template = template;
            this.line = line;
        }

        public String template() {
            return template;
        }

        public int line() {
            return line;
        }
    }

    public TemplateRenderer(Optional<Path> adminRoot) {
        this.adminRoot = adminRoot;
        List<Loader<?>> loaders = new ArrayList<>();
        adminRoot.ifPresent(root -> {
            FileLoader f = new FileLoader();
            f.setPrefix(root.toString());
            loaders.add(f);
        });
        ClasspathLoader c = new ClasspathLoader(TemplateRenderer.class.getClassLoader());
        c.setPrefix(BUILT_IN);
        loaders.add(c);
        this.engine = new PebbleEngine.Builder()
                .loader(new DelegatingLoader(loaders))
                .autoEscaping(false)
                .strictVariables(true)
                .newLineTrimming(false)
                .cacheActive(true)
                .build();
    }

    /** The file a template name resolves to, for error messages: the admin's copy or the built-in one. */
    public String origin(String template) {
        if (adminRoot.isPresent() && Files.isRegularFile(adminRoot.get().resolve(template))) {
            return adminRoot.get().resolve(template).toString();
        }
        return "built-in:" + template;
    }

    public String render(String template, Map<String, Object> context) throws TemplateError {
        try {
            PebbleTemplate t = engine.getTemplate(template);
            StringWriter w = new StringWriter(1024);
            t.evaluate(w, context);
            return w.toString();
        } catch (PebbleException e) {
            Integer line = e.getLineNumber();
            throw new TemplateError(template, line == null ? 1 : line, e.getPebbleMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
