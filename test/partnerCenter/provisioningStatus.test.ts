import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeTestClient } from './support/makeTestClient';
import { startScriptedServer, type ScriptedServer } from './support/scriptedServer';

/**
 * The response example of "Get order provisioning status" (learn.microsoft.com/partner-center/developer/
 * get-order-provisioning-status), body verbatim: `orderLineItemId` and `lineItemNumber` are JSON numbers.
 */
const documentedExample: unknown = JSON.parse(
  readFileSync(
    path.join(__dirname, '..', 'fixtures', 'partner-center', 'get-order-provisioning-status.response.json'),
    'utf8',
  ),
);

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => {
  await server.close();
});

describe('order provisioning status as Partner Center documents it', () => {
  it('parses the documented example, whose line ids are numbers', async () => {
    server.reply(() => ({ status: 200, json: documentedExample }));
    const { client } = makeTestClient(server.url);

    const items = await client.getOrderProvisioningStatus(
      { correlationId: 'provisioning-example', user: { id: 'u-1', name: 'Alex Wilber' } },
      { customerId: '0c39d6d5-c70d-4c55-bc02-f620844f3fd1', orderId: '34828C05-C16C-4D6F-9CFC-4D2650EF19A1' },
    );

    expect(items).toEqual([
      {
        orderLineItemId: '0',
        lineItemNumber: 0,
        status: 'Fulfilled',
        quantityProvisioningInformation: [{ quantity: 1, status: 'Fulfilled' }],
      },
    ]);
  });

  it('still accepts the ids sent as strings', async () => {
    server.reply(() => ({
      status: 200,
      json: {
        totalCount: 1,
        items: [{ orderLineItemId: '3', lineItemNumber: '3', status: 'unfulfilled' }],
        attributes: { objectType: 'Collection' },
      },
    }));
    const { client } = makeTestClient(server.url);

    const items = await client.getOrderProvisioningStatus(
      { correlationId: 'provisioning-strings' },
      { customerId: 'c-1', orderId: 'o-1' },
    );

    expect(items).toEqual([{ orderLineItemId: '3', lineItemNumber: 3, status: 'Unfulfilled' }]);
  });
});
