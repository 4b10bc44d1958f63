package io.sipcall.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every file of freeswitch-media/ and of gateway/ is named, by its path, in that folder's README.md. */
class ReadmeCoverageTest {

    @Test
    void every_file_of_freeswitch_media_is_explained_in_its_readme() {
        assertEveryFileNamedInReadme(Repo.module());
    }

    @Test
    void every_file_of_the_gateway_folder_is_explained_in_its_readme() {
        assertEveryFileNamedInReadme(Repo.root().resolve("gateway"));
    }

    private static void assertEveryFileNamedInReadme(Path folder) {
        String readme = Repo.read(folder.resolve("README.md"));
        for (Path file : Repo.files(folder)) {
            String relative = folder.relativize(file).toString().replace('\\', '/');
            assertThat(readme).as(relative + " is not named in " + folder.getFileName() + "/README.md")
                    .contains("`" + relative + "`");
        }
    }
}
