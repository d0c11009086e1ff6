package io.dialer.daemon.store;

/**
 * One number of a campaign.
 *
 * @param campaignId its campaign
 * @param seq        its position in the list (0-based)
 * @param number     the destination
 * @param variables  its variables as a JSON object
 * @param attempts   attempts made, the one in flight included
 * @param lastCallId the call of the latest attempt, or null
 */
public record CampaignNumber(String campaignId, int seq, String number, String variables, int attempts,
                             String lastCallId) {
}
