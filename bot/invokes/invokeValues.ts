import { z } from 'zod';
import { SHOW_VIEW_VERB } from '../../cards/userSpecificCard';

/*
 * The values of the invokes Teams sends for Universal Actions, typeahead and the message extension, parsed once at the
 * edge. Teams documents these shapes (Universal Actions for Adaptive Cards: `adaptiveCard/action`; Adaptive Card
 * typeahead: `application/search`; search-based message extensions: `composeExtension/query`); anything else is
 * refused before it reaches a dialog or a service. Strings are bounded: a search box never needs more.
 */

/** What an Action.Execute (or a card's `refresh` action) sends in an `adaptiveCard/action` invoke. */
export const cardExecuteValue = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().max(64).optional(),
    data: z.unknown().optional(),
  }),
  /** `automatic` when Teams refreshes a card on view (`refresh`), `manual` when someone pressed a button. */
  trigger: z.enum(['manual', 'automatic']).optional(),
});

/** An `adaptiveCard/action` invoke's value. */
export type CardExecuteValue = z.infer<typeof cardExecuteValue>;

/** The data of a user-specific view's refresh action (see `cards/userSpecificCard.ts`); no dialog runs for it. */
export const viewRefreshData = z.strictObject({
  verb: z.literal(SHOW_VIEW_VERB),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});

/** What a typeahead `Input.ChoiceSet` (`choices.data` of type `Data.Query`) sends as the person types. */
export const searchInvokeValue = z.object({
  kind: z.enum(['search', 'typeahead']).optional(),
  queryText: z.string().max(200),
  dataset: z.string().max(64),
  queryOptions: z
    .object({ skip: z.number().int().min(0).max(1000).optional(), top: z.number().int().min(1).max(100).optional() })
    .optional(),
});

/** An `application/search` invoke's value. */
export type SearchInvokeValue = z.infer<typeof searchInvokeValue>;

/** What the compose box's search command sends (`composeExtension/query`). */
export const composeQueryValue = z.object({
  commandId: z.string().max(64),
  parameters: z
    .array(z.object({ name: z.string().max(64), value: z.unknown().optional() }))
    .max(5)
    .optional(),
  queryOptions: z
    .object({ skip: z.number().int().min(0).max(1000).optional(), count: z.number().int().min(1).max(100).optional() })
    .optional(),
});

/** A `composeExtension/query` invoke's value. */
export type ComposeQueryValue = z.infer<typeof composeQueryValue>;

/** The text of a compose-box query's search parameter (Teams sends `initialRun` with no text when the box opens). */
export function composeQueryText(value: ComposeQueryValue): string {
  const parameter = (value.parameters ?? []).find((p) => p.name !== 'initialRun');
  return typeof parameter?.value === 'string' ? parameter.value.trim().slice(0, 200) : '';
}
