/**
 * Where transitive Entra group membership comes from (Microsoft Graph in live mode, a fake in tests). Answers with the
 * lower-case ids among `groupIds` the person belongs to, directly or through nested groups; a person the directory
 * does not know belongs to none. Throws `DirectoryUnavailableError` when it cannot answer right now.
 */
export interface GroupMembership {
  memberOf(objectId: string, groupIds: readonly string[]): Promise<ReadonlySet<string>>;
}
