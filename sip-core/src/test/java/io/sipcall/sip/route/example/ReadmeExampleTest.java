package io.sipcall.sip.route.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's worked example is this package's code, verbatim: the two cannot drift apart. */
class ReadmeExampleTest {

    private static final Path EXAMPLE = Path.of("src/test/java/io/sipcall/sip/route/example");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)\n```", Pattern.DOTALL);

    @Test
    void every_java_block_of_the_worked_example_is_in_the_example_sources() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("### Worked example"), readme.indexOf("### The test kit"));
        String sources = Files.readString(EXAMPLE.resolve("CountrySplitPolicy.java"))
                + Files.readString(EXAMPLE.resolve("CountrySplitPolicyTest.java"));

        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(section);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }

        assertThat(blocks).hasSize(2);
        assertThat(blocks).allSatisfy(block -> assertThat(sources).contains(block));
    }
}
