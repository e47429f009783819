package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.BOB;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static dev.wharf.firehose.engine.FirehoseFixture.bare;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.ListTagsForDeliveryStreamRequest;
import dev.wharf.firehose.api.ListTagsForDeliveryStreamResponse;
import dev.wharf.firehose.api.Tag;
import dev.wharf.firehose.api.TagDeliveryStreamRequest;
import dev.wharf.firehose.api.UntagDeliveryStreamRequest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TagDeliveryStream, UntagDeliveryStream and ListTagsForDeliveryStream: their order, paging and limits. */
class FirehoseTagsTest {

    private static final String VALID = "1 validation error detected: ";
    private static final String KEY_PATTERN = "^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$";

    private final FirehoseFixture fixture = new FirehoseFixture();

    @BeforeEach
    void stream() {
        fixture.firehose.createDeliveryStream(ALICE, FirehoseFixture.create("clicks", bare("logs")));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void tag(String stream, Tag... tags) {
        fixture.firehose.tagDeliveryStream(ALICE, new TagDeliveryStreamRequest(stream, List.of(tags)));
    }

    private void untag(String stream, String... keys) {
        fixture.firehose.untagDeliveryStream(ALICE, new UntagDeliveryStreamRequest(stream, List.of(keys)));
    }

    private ListTagsForDeliveryStreamResponse list(@Nullable String after, @Nullable Integer limit) {
        return fixture.firehose.listTagsForDeliveryStream(
                ALICE, new ListTagsForDeliveryStreamRequest("clicks", after, limit));
    }

    private static List<Tag> numbered(int from, int count) {
        List<Tag> tags = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            tags.add(new Tag(String.format(java.util.Locale.ROOT, "k%02d", i), "v" + i));
        }
        return tags;
    }

    @Test
    void tagsAreListedInKeyOrderAndATagOfAKeyHeldReplacesItsValue() {
        tag("clicks", new Tag("team", "data"), new Tag("env", "dev"));
        tag("clicks", new Tag("env", "prod"), new Tag("app", null));

        ListTagsForDeliveryStreamResponse all = list(null, null);
        assertThat(all.tags()).containsExactly(new Tag("app", ""), new Tag("env", "prod"), new Tag("team", "data"));
        assertThat(all.hasMoreTags()).isFalse();
        assertThat(fixture.describe("clicks").versionId())
                .as("tags are not a change of the destination")
                .isEqualTo("1");
    }

    @Test
    void untagRemovesTheKeysNamedAndIgnoresThoseNotHeld() {
        tag("clicks", new Tag("a", "1"), new Tag("b", "2"), new Tag("c", "3"));
        untag("clicks", "b", "missing");

        assertThat(list(null, null).tags()).containsExactly(new Tag("a", "1"), new Tag("c", "3"));
    }

    @Test
    void listPagesAfterTheExclusiveStartTagKeyAndHasMoreSaysExactlyWhetherAnyFollow() {
        tag("clicks", numbered(1, 5).toArray(Tag[]::new));

        ListTagsForDeliveryStreamResponse first = list(null, 2);
        assertThat(first.tags()).extracting(Tag::key).containsExactly("k01", "k02");
        assertThat(first.hasMoreTags()).isTrue();
        ListTagsForDeliveryStreamResponse second = list("k02", 2);
        assertThat(second.tags()).extracting(Tag::key).containsExactly("k03", "k04");
        assertThat(second.hasMoreTags()).isTrue();
        ListTagsForDeliveryStreamResponse last = list("k04", 2);
        assertThat(last.tags()).extracting(Tag::key).containsExactly("k05");
        assertThat(last.hasMoreTags()).isFalse();

        ListTagsForDeliveryStreamResponse exact = list("k03", 2);
        assertThat(exact.tags()).extracting(Tag::key).containsExactly("k04", "k05");
        assertThat(exact.hasMoreTags()).isFalse();
        assertThat(list("k021", null).tags())
                .as("the exclusive start need not be a key held")
                .extracting(Tag::key)
                .containsExactly("k03", "k04", "k05");
    }

    @Test
    void aStreamHoldsFiftyTagsAtMost() {
        tag("clicks", numbered(0, 50).toArray(Tag[]::new));
        tag("clicks", new Tag("k00", "replaced"));
        assertThat(list(null, null).tags()).hasSize(50).first().isEqualTo(new Tag("k00", "replaced"));

        assertError(
                () -> tag("clicks", new Tag("one-more", "x")),
                FirehoseError.LimitExceeded,
                "A delivery stream cannot have more than 50 tags; this request would give clicks 51.");
        assertThat(list(null, null).tags()).hasSize(50).extracting(Tag::key).doesNotContain("one-more");

        List<Tag> tooMany = numbered(100, 51);
        assertError(
                () -> fixture.firehose.tagDeliveryStream(ALICE, new TagDeliveryStreamRequest("clicks", tooMany)),
                FirehoseError.Validation,
                VALID + "Value '" + tooMany + "' at 'tags' failed to satisfy constraint: Member must have length less"
                        + " than or equal to 50");
    }

    @Test
    void aKeyThatStartsWithAwsIsAValidationException() {
        assertError(
                () -> tag("clicks", new Tag("team", "x"), new Tag("aws:cloudformation:stack-name", "x")),
                FirehoseError.Validation,
                VALID + "Value 'aws:cloudformation:stack-name' at 'tags.2.member.key' failed to satisfy constraint:"
                        + " Member must satisfy regular expression pattern: " + KEY_PATTERN);
        assertError(
                () -> untag("clicks", "aws:owner"),
                FirehoseError.Validation,
                VALID + "Value 'aws:owner' at 'tagKeys.1.member' failed to satisfy constraint: Member must satisfy"
                        + " regular expression pattern: " + KEY_PATTERN);
        assertError(
                () -> list("aws:owner", null),
                FirehoseError.Validation,
                VALID + "Value 'aws:owner' at 'exclusiveStartTagKey' failed to satisfy constraint: Member must satisfy"
                        + " regular expression pattern: " + KEY_PATTERN);
        assertThat(list(null, null).tags())
                .as("nothing of the refused request is kept")
                .isEmpty();

        tag("clicks", new Tag("AWS-owner", "x"), new Tag("my:aws:key", "x"));
        assertThat(list(null, null).tags()).extracting(Tag::key).containsExactly("AWS-owner", "my:aws:key");
    }

    @Test
    void theRequestsOwnMembersAreChecked() {
        assertError(
                () -> list(null, 51),
                FirehoseError.Validation,
                VALID + "Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal"
                        + " to 50");
        assertError(
                () -> fixture.firehose.tagDeliveryStream(ALICE, new TagDeliveryStreamRequest("clicks", null)),
                FirehoseError.Validation,
                VALID + "Value null at 'tags' failed to satisfy constraint: Member must not be null");
        assertError(
                () -> fixture.firehose.untagDeliveryStream(ALICE, new UntagDeliveryStreamRequest("clicks", null)),
                FirehoseError.Validation,
                VALID + "Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
        assertError(
                () -> untag("clicks", "k".repeat(129)),
                FirehoseError.Validation,
                VALID + "Value '" + "k".repeat(129) + "' at 'tagKeys.1.member' failed to satisfy constraint: Member"
                        + " must have length less than or equal to 128");
    }

    @Test
    void aStreamThatIsNotThereIsResourceNotFoundForEveryTagOperation() {
        String message = "Firehose missing under account 111111111111 not found.";
        assertError(() -> tag("missing", new Tag("a", "b")), FirehoseError.ResourceNotFound, message);
        assertError(() -> untag("missing", "a"), FirehoseError.ResourceNotFound, message);
        assertError(
                () -> fixture.firehose.listTagsForDeliveryStream(
                        ALICE, new ListTagsForDeliveryStreamRequest("missing", null, null)),
                FirehoseError.ResourceNotFound,
                message);
        assertError(
                () -> fixture.firehose.tagDeliveryStream(
                        BOB, new TagDeliveryStreamRequest("clicks", List.of(new Tag("a", "b")))),
                FirehoseError.ResourceNotFound,
                "Firehose clicks under account 222222222222 not found.");
    }
}
