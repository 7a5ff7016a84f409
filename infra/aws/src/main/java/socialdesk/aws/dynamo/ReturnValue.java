package socialdesk.aws.dynamo;

/** What a write answers with: nothing, or the item before or after it, whole or only the updated attributes. */
public enum ReturnValue {
    NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW
}
