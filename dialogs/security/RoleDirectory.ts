import type { TurnContext } from 'botbuilder';
import type { GroupMembership } from './GroupMembership';

/** What a person may do: buy (and look), only look, or nothing at all. */
export type Role = 'purchaser' | 'viewer' | 'none';

/** Who is who, by Entra object id and Entra group id, as configured (PURCHASER_IDS, VIEWER_IDS, *_GROUP_IDS). */
export interface RoleSettings {
  purchaserIds: readonly string[];
  viewerIds: readonly string[];
  /** Local mode with no lists: everyone may buy, so `npm start` works without set-up. */
  everyoneIsPurchaser: boolean;
  /** Groups whose members (nested members too) hold a role; needs a {@link GroupMembership} source. */
  groups?: { purchaserGroupIds: readonly string[]; viewerGroupIds: readonly string[] };
}

/**
 * Tells the role of the person behind a turn from their Entra object id, then from their Entra groups. Asked when an
 * action runs, not only when a dialog starts, so a role taken away mid-conversation takes effect on the next click.
 *
 * Precedence: everyone-is-purchaser, purchaser id, purchaser group, viewer id, viewer group, none. The directory is
 * asked only when groups are configured and the id lists cannot settle it. When it cannot answer, the lookup throws
 * `DirectoryUnavailableError` rather than guessing a role, so nobody buys on a guess; `roleOrExplain` turns that into
 * a sentence for the person.
 */
export class RoleDirectory {
  private readonly purchasers: ReadonlySet<string>;
  private readonly viewers: ReadonlySet<string>;
  private readonly purchaserGroups: readonly string[];
  private readonly viewerGroups: readonly string[];
  /** One answer per turn: the same turn asks several times and must not see two different roles. */
  private readonly turnKey = Symbol('RoleDirectory.role');

  constructor(
    private readonly settings: RoleSettings,
    private readonly groups?: GroupMembership,
  ) {
    // Object ids are GUIDs; Teams and the Entra portal disagree on their case.
    const lower = (ids: readonly string[] | undefined) => [...new Set((ids ?? []).map((id) => id.toLowerCase()))];
    this.purchasers = new Set(lower(settings.purchaserIds));
    this.viewers = new Set(lower(settings.viewerIds));
    this.purchaserGroups = lower(settings.groups?.purchaserGroupIds);
    this.viewerGroups = lower(settings.groups?.viewerGroupIds);
    if (this.purchaserGroups.length + this.viewerGroups.length > 0 && !groups) {
      // Silently treating every group member as nobody would look like a Graph outage that never ends.
      throw new Error('Role groups are configured but no group membership source (Microsoft Graph) was given.');
    }
  }

  /**
   * The role of an Entra object id; a missing id is nobody unless everyone may buy. Rejects with
   * `DirectoryUnavailableError` when the answer depends on group membership that cannot be read right now.
   */
  async roleOf(objectId: string | undefined): Promise<Role> {
    if (this.settings.everyoneIsPurchaser) return 'purchaser';
    const id = objectId?.trim().toLowerCase();
    if (!id) return 'none';
    if (this.purchasers.has(id)) return 'purchaser';
    const isViewer = this.viewers.has(id);
    // A listed viewer only needs the purchaser groups asked about; anyone else needs both.
    const asked = isViewer ? this.purchaserGroups : [...this.purchaserGroups, ...this.viewerGroups];
    if (asked.length === 0 || !this.groups) return isViewer ? 'viewer' : 'none';
    const memberOf = await this.groups.memberOf(id, asked);
    if (this.purchaserGroups.some((group) => memberOf.has(group))) return 'purchaser';
    if (isViewer || this.viewerGroups.some((group) => memberOf.has(group))) return 'viewer';
    return 'none';
  }

  /** The role of whoever sent this turn's activity; looked up once per turn. Rejects as {@link roleOf} does. */
  roleFor(context: TurnContext): Promise<Role> {
    const known = context.turnState.get(this.turnKey) as Promise<Role> | undefined;
    if (known) return known;
    const role = this.roleOf(context.activity.from?.aadObjectId);
    context.turnState.set(this.turnKey, role);
    return role;
  }
}
