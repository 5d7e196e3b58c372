import type { Activity } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { renderPickCard } from '../../cards/renderPickCard';
import { DiscoverProductDialog, type ProductChoice } from '../../dialogs/DiscoverProductDialog';
import type { RegistrationFollowUp } from '../../dialogs/lookups/deliveryPorts';
import {
  type NarrowingEntry,
  NarrowingPickDialog,
  type NarrowingPickOptions,
} from '../../dialogs/purchaseRequest/NarrowingPickDialog';
import type { CustomerDetails, SkuOption } from '../../services/purchase/types';
import { expectValidTeamsCard } from '../cards/expectValidTeamsCard';
import { cardOf, DialogHarness } from '../support/dialogHarness';
import { englishWordsIn, readableStrings } from '../support/englishWords';
import { UNREGISTERED_SUBSCRIPTION } from '../support/FakePurchaseService';

const FABRIKAM: CustomerDetails = {
  id: 'c-fabrikam',
  companyName: 'Fabrikam Inc',
  domain: 'fabrikam.onmicrosoft.com',
  country: 'US',
  countryName: 'United States',
};

/** Names, ids and Partner Center's own texts the replies show as sent, in any language. */
const AS_SENT = [
  'Fabrikam Inc',
  'United States',
  'Partner Center',
  'Azure plan - Dev/Test',
  'Azure plan',
  'Microsoft Azure',
  'Reserved VM Instance, Dv5 series',
  'Standard\\_D2s\\_v5 East US',
  'Standard_D2s_v5 East US',
  'Standard\\_D2s\\_v5 Japan West',
  'Standard_D2s_v5 Japan West',
  '1 year, paid up front',
  '3 years, paid up front',
];

/** A discovery dialog for a reader whose Teams speaks `locale`, with registrations followed nowhere. */
function discovery(): DialogHarness {
  const registrations: RegistrationFollowUp = { follow: async () => undefined };
  return new DialogHarness(
    undefined,
    undefined,
    {
      create: (deps) => new DiscoverProductDialog(deps),
      options: { correlationId: 'corr-sv', customer: FABRIKAM },
    },
    { registrations },
  );
}

function typed(text: string, locale: string): Partial<Activity> {
  return { type: 'message', text, locale };
}

/** Everything a person reads in the replies: each message's text and every readable string of each card. */
function readable(replies: Partial<Activity>[]): string[] {
  return replies.flatMap((reply) => {
    const card = cardOf(reply);
    if (card) expectValidTeamsCard(card);
    return [reply.text ?? '', ...readableStrings(card)].filter(Boolean);
  });
}

describe('the pick cards of a purchase, in Swedish', () => {
  it('asks category, subscription, product, size, term and registration with no English word', async () => {
    const h = discovery();
    const seen: string[] = [];
    const step = async (text: string): Promise<string[]> => {
      const shown = readable(await h.send(typed(text, 'sv-SE')));
      seen.push(...shown);
      return shown;
    };

    expect((await step('start')).join('\n')).toContain('Vad vill du köpa åt Fabrikam Inc?');
    // The Swedish label the card shows can be typed.
    expect((await step('Reserverade VM-instanser i Azure')).join('\n')).toContain(
      'Vilken Azure-prenumeration gäller reservationen?',
    );
    expect((await step('Azure plan - Dev/Test')).join('\n')).toContain('reservationerna som säljs för Azure-planer');
    expect((await step('Reserved VM Instance, Dv5 series')).join('\n')).toContain('per beställning');
    expect((await step('Standard_D2s_v5 East US')).join('\n')).toContain('Vilken löptid?');
    const offer = (await step('1 year, paid up front')).join('\n');
    expect(offer).toContain(`Azure-prenumerationen ${UNREGISTERED_SUBSCRIPTION} är inte registrerad`);
    expect(offer).toContain('Registrera nu');
    const waiting = (await step('Registrera nu')).join('\n');
    expect(waiting).toContain('Väntar på registreringen');

    expect(seen.flatMap((text) => englishWordsIn(text, AS_SENT))).toEqual([]);
    // The same check finds English in the English cards of the same questions.
    const english = discovery();
    const asked = readable(await english.send(typed('start', 'en-US')));
    expect(asked.flatMap((text) => englishWordsIn(text, AS_SENT)).length).toBeGreaterThan(0);
  });

  it('takes the English label typed at a Swedish card', async () => {
    const h = discovery();
    await h.send(typed('start', 'sv-SE'));
    await h.send(typed('Perpetual software', 'sv-SE'));
    await h.send(typed('Windows Server 2022', 'sv-SE'));
    await h.send(typed('Windows Server 2022 Standard - 2 Core', 'sv-SE'));
    expect(h.client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
    expect((h.client.dialogTurnResult.result as ProductChoice).category).toBe('perpetual-software');
  });

  it('names the typeahead search button in the reader’s language', () => {
    const card = (locale: string) =>
      renderPickCard({
        title: 'Fabrikam Inc',
        verb: 'pickCustomer',
        options: [{ label: 'Fabrikam Inc', id: 'o1' }],
        search: { dataset: 'customers', placeholder: 'Fabrikam' },
        locale,
      });
    expect(readableStrings(card('sv-SE'))).toContain('Välj');
    expect(readableStrings(card('en-US'))).toContain('Choose');
  });

  it('narrows a long list by size, then pages it, in Swedish', async () => {
    // 2 sizes × 3 regions × 2 terms: a reservation series' SKUs, named the way Partner Center names them.
    const entries: NarrowingEntry<'pickSku'>[] = ['Standard_D2s_v5', 'Standard_D4s_v5'].flatMap((size) =>
      ['EU West', 'US East', 'UK South'].flatMap((region) =>
        ['1 Year', '3 Years'].map((term) => {
          const title = `Reserved VM Instance, ${size}, ${region}, ${term}`;
          return {
            label: title,
            searchText: title,
            value: { skuId: title } as SkuOption,
            facets: [size, region, term],
          };
        }),
      ),
    );
    const options: NarrowingPickOptions<'pickSku'> = {
      verb: 'pickSku',
      title: 'Dv5',
      entries,
      facetNames: ['size', 'region', 'term'],
      titledByDifference: true,
    };
    const h = new DialogHarness(undefined, undefined, {
      create: (deps) => new NarrowingPickDialog(deps.registry),
      options,
    });
    const seen: string[] = [];
    const step = async (text: string): Promise<string> => {
      const shown = readable(await h.send(typed(text, 'sv-SE')));
      seen.push(...shown);
      return shown.join('\n');
    };
    const sizes = await step('start');
    expect(sizes).toContain('Vilken storlek?');
    expect(sizes).toContain('12 alternativ. Välj en storlek');
    expect(await step('ingenting')).toContain('Inget här matchar ”ingenting”, så här är hela listan.');
    const paged = await step('visa fler');
    expect(paged).toContain('Visar 1–10 av 12');
    expect(await step('mer')).toContain('Visar 11–12 av 12');
    expect(await step('mer')).toContain('Det var hela listan');
    const names = ['Dv5', 'Reserved VM Instance', 'Standard\\_D2s\\_v5', 'Standard\\_D4s\\_v5', 'Standard_D2s_v5'];
    expect(
      seen.flatMap((text) =>
        englishWordsIn(text, [...names, 'Standard_D4s_v5', 'EU West', 'US East', 'UK South', '1 Year', '3 Years']),
      ),
    ).toEqual([]);
  });
});
