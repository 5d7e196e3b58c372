import { catalogItemId, customerNamed, SimulatorHarness, type Json } from './simulatorHarness';

const WINDOWS_365 = 'CFQ7TTC0W365';
const SOFTWARE_SUBSCRIPTION = 'DG7GMGF0FKZW';

describe('simulator: attestation (AttestationAccepted, PartnerOnRecordAttestationAccepted)', () => {
  let harness: SimulatorHarness;
  let contoso: string;

  beforeAll(async () => {
    harness = await SimulatorHarness.start();
    contoso = String((await customerNamed(harness, 'Contoso Ltd')).id);
  });
  afterAll(() => harness.close());

  const windows365Line = async (extra: Json = {}): Promise<Json> => ({
    Id: 0,
    CatalogItemId: await catalogItemId(harness, WINDOWS_365, '0001', 'US'),
    Quantity: 2,
    BillingCycle: 'one_time',
    ...extra,
  });

  const create = (body: Json) => harness.call('POST', `/v1/customers/${contoso}/carts`, { body });
  const fault = (response: { status: number; json: () => unknown }) => ({
    status: response.status,
    code: (response.json() as Json).code,
    description: (response.json() as Json).description,
  });

  it('serves the Windows 365 (Windows Hybrid Benefit) SKUs with an enforced Windows365 attestation, others with none', async () => {
    const skus = (await harness.getJson<Json>(`/v1/products/${WINDOWS_365}/skus?country=US`)).items ?? [];
    expect(skus.map((sku) => sku.attestationProperties)).toEqual([
      { attestationType: 'Windows365', enforceAttestation: true },
      { attestationType: 'Windows365', enforceAttestation: true },
    ]);
    const products = (await harness.getJson<Json>('/v1/products?country=US&targetView=SoftwareSubscriptions')).items;
    expect((products ?? []).map((product) => product.id)).toContain(WINDOWS_365);
    const other = await harness.getJson<Json>(`/v1/products/${SOFTWARE_SUBSCRIPTION}/skus/0001?country=US`);
    expect(other.attestationProperties).toBeUndefined();
  });

  it('refuses a line of such a SKU without AttestationAccepted with 400 / 900203 naming its catalog item', async () => {
    const line = await windows365Line();
    expect(fault(await create({ PartnerOnRecordAttestationAccepted: true, LineItems: [line] }))).toEqual({
      status: 400,
      code: 900203,
      description: `CatalogItemId: ${String(line.CatalogItemId)} requires attestation acceptance.`,
    });
    const declined = await windows365Line({ AttestationAccepted: false });
    expect(fault(await create({ PartnerOnRecordAttestationAccepted: true, LineItems: [declined] })).code).toBe(900203);
  });

  it('refuses such a cart without PartnerOnRecordAttestationAccepted with 400 / 900206', async () => {
    const line = await windows365Line({ AttestationAccepted: true });
    expect(fault(await create({ LineItems: [line] }))).toEqual({
      status: 400,
      code: 900206,
      description: 'Partner Attestation is missing',
    });
  });

  it('carts it with both flags as the docs spell them, echoes them, and checks it out', async () => {
    const response = await create({
      PartnerOnRecordAttestationAccepted: true,
      lineItems: [await windows365Line({ AttestationAccepted: true })],
    });
    expect(response.status).toBe(201);
    const cart = response.json() as Json;
    expect(cart.partnerOnRecordAttestationAccepted).toBe(true);
    expect((cart.lineItems as Json[])[0]).toMatchObject({ attestationAccepted: true });
    const checkout = await harness.call('POST', `/v1/customers/${contoso}/carts/${String(cart.id)}/checkout`);
    expect(checkout.status).toBe(201);
    expect(((checkout.json() as Json).orders as Json[]).length).toBe(1);
  });

  it('enforces the same on update: a PUT that drops the acceptance is refused and the cart keeps its lines', async () => {
    const created = (
      await create({
        partnerOnRecordAttestationAccepted: true,
        lineItems: [await windows365Line({ attestationAccepted: true })],
      })
    ).json() as Json;
    const path = `/v1/customers/${contoso}/carts/${String(created.id)}`;
    const dropped = await harness.call('PUT', path, {
      body: { ...created, lineItems: [{ ...(created.lineItems as Json[])[0], attestationAccepted: undefined }] },
    });
    expect(fault(dropped).code).toBe(900203);
    const withoutPartner = await harness.call('PUT', path, {
      body: { ...created, partnerOnRecordAttestationAccepted: undefined, lineItems: created.lineItems },
    });
    expect(fault(withoutPartner).code).toBe(900206);
    const kept = await harness.getJson<Json>(path);
    expect((kept.lineItems as Json[])[0]).toMatchObject({ quantity: 2, attestationAccepted: true });
  });

  it('asks PartnerOnRecordAttestationAccepted of a cart that names resellers, and of no other cart', async () => {
    const line = {
      Id: 0,
      CatalogItemId: await catalogItemId(harness, SOFTWARE_SUBSCRIPTION, '0001', 'US'),
      Quantity: 8,
      BillingCycle: 'one_time',
    };
    const resellers = [{ key: 'transaction_reseller', value: '5357564' }];
    expect(fault(await create({ LineItems: [{ ...line, participants: resellers }] })).code).toBe(900206);
    expect(
      (await create({ PartnerOnRecordAttestationAccepted: true, LineItems: [{ ...line, participants: resellers }] }))
        .status,
    ).toBe(201);
    // The documented carts without attestation or resellers omit it, and are created.
    expect((await create({ LineItems: [line] })).status).toBe(201);
  });
});
