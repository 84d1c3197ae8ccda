package dev.wrapup.bot.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs dev.wrapup.bot.Main in a JVM of its own, with exactly the environment given. */
public final class JavaProcess {
    private JavaProcess() {}

    /** What a finished process printed (stdout and stderr together) and its exit code. */
    public record Result(int exitCode, String output) {}

    public static ProcessBuilder builder(Map<String, String> env, Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.wrapup.bot.Main");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder;
    }

    public static Result run(Map<String, String> env, Path workDir, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Process process =
                builder(env, workDir, args)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("process did not exit in 60 s: " + Files.readString(out));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
