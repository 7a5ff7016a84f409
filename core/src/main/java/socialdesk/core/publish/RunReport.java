package socialdesk.core.publish;

/**
 * What one run did.
 *
 * @param due        posts the due index offered
 * @param claimed    posts this run claimed (others were taken by an overlapping run or were no longer due)
 * @param published  deliveries that reached a platform in this run
 * @param retrying   deliveries that failed and will be tried again
 * @param blocked    deliveries held because their account's credentials were rejected
 * @param failed     deliveries that failed for good in this run
 * @param deferred   due posts left for the next run because the invocation was running out of time
 */
public record RunReport(int due, int claimed, int published, int retrying, int blocked, int failed, int deferred) {
}
