import type { TurnContext } from 'botbuilder';

/** What a person may do: buy (and look), only look, or nothing at all. */
export type Role = 'purchaser' | 'viewer' | 'none';

/** Who is who, by Entra object id, as configured (PURCHASER_IDS, VIEWER_IDS). */
export interface RoleSettings {
  purchaserIds: readonly string[];
  viewerIds: readonly string[];
  /** Local mode with no lists: everyone may buy, so `npm start` works without set-up. */
  everyoneIsPurchaser: boolean;
}

/**
 * Tells the role of the person behind a turn from their Entra object id. Asked when an action runs, not only when a
 * dialog starts, so a role taken away mid-conversation takes effect on the next click.
 */
export class RoleDirectory {
  private readonly purchasers: ReadonlySet<string>;
  private readonly viewers: ReadonlySet<string>;

  constructor(private readonly settings: RoleSettings) {
    // Object ids are GUIDs; Teams and the Entra portal disagree on their case.
    this.purchasers = new Set(settings.purchaserIds.map((id) => id.toLowerCase()));
    this.viewers = new Set(settings.viewerIds.map((id) => id.toLowerCase()));
  }

  /** The role of an Entra object id; a missing id is nobody unless everyone may buy. */
  roleOf(objectId: string | undefined): Role {
    if (this.settings.everyoneIsPurchaser) return 'purchaser';
    const id = objectId?.trim().toLowerCase();
    if (!id) return 'none';
    if (this.purchasers.has(id)) return 'purchaser';
    if (this.viewers.has(id)) return 'viewer';
    return 'none';
  }

  /** The role of whoever sent this turn's activity. */
  roleFor(context: TurnContext): Role {
    return this.roleOf(context.activity.from?.aadObjectId);
  }
}
