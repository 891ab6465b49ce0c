package io.branchlink.hub.mqtt;

/**
 * A message arrived on a topic the hub does not read, such as another branch's or a malformed device topic; the
 * {@code mqttErrors} route configuration sends it to the dead-letter topic with reason {@code BAD_TOPIC}.
 */
public final class UnexpectedTopicException extends RuntimeException {

    public UnexpectedTopicException(String message) {
        super(message, null, false, false);
    }
}
