package dev.wrapup.persistence;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's folder and files, made readable by their owner only where the file system
 * has POSIX permissions (elsewhere they are left as the system makes them).
 */
final class DatabaseFiles {
    private static final Logger log = LoggerFactory.getLogger(DatabaseFiles.class);

    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER =
            PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
            PosixFilePermissions.fromString("rw-------");

    private final Path folder;
    private final String name;
    private final boolean posix =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** The files of the database {@code name} in {@code folder}: those named {@code name.*}. */
    DatabaseFiles(Path folder, String name) {
        this.folder = folder;
        this.name = name;
    }

    /** What a new file of the database is created with, to be private from its first byte. */
    FileAttribute<?>[] ownerOnly() {
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
    }

    /** Makes private the files H2 created on opening (the database, its lock and trace files). */
    void makeFilesPrivate() {
        if (!posix) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file :
                    files.filter(this::belongsToDatabase).filter(Files::isRegularFile).toList()) {
                restrict(file, OWNER_ONLY_FILE);
            }
        } catch (IOException e) {
            log.warn(
                    "cannot list {} to make the database's files private: {}",
                    folder,
                    e.getMessage());
        }
    }

    void makeFolderPrivate() throws IOException {
        if (!posix) {
            Files.createDirectories(folder);
            return;
        }
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(
                    folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            restrict(folder, OWNER_ONLY_FOLDER); // the umask may have taken more than asked for
            return;
        }
        List<Path> others;
        try (Stream<Path> files = Files.list(folder)) {
            others = files.filter(f -> !belongsToDatabase(f)).toList();
        }
        // A folder shared with other files (a home directory, /tmp) is not ours to lock up.
        if (others.isEmpty()) {
            restrict(folder, OWNER_ONLY_FOLDER);
        } else if (!Files.getPosixFilePermissions(folder).equals(OWNER_ONLY_FOLDER)) {
            log.warn(
                    "the database's folder {} holds other files too ({} of them), so its permissions ({}) are left "
                            + "as they are; the database's own files are made readable by their owner only. Give the "
                            + "database a folder of its own to have that folder private too.",
                    folder,
                    others.size(),
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        }
    }

    private boolean belongsToDatabase(Path file) {
        return file.getFileName().toString().startsWith(name + ".");
    }

    private void restrict(Path path, Set<PosixFilePermission> permissions) {
        try {
            if (!Files.getPosixFilePermissions(path).equals(permissions)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (IOException e) {
            log.warn("cannot make {} readable by its owner only: {}", path, e.getMessage());
        }
    }
}
