package io.branchlink.hub.channel;

import io.branchlink.protocol.rc.Irc;

/**
 * channel-api's decision on a terminal transaction.
 *
 * @param authCode the six-digit authorization code of an approval, else {@code null}
 * @param replayed true when channel-api had decided this key before and returned its stored answer
 */
public record ChannelDecision(Irc irc, String authCode, boolean replayed) {
}
