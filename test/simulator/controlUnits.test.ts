import { faultMatches } from '../../simulator/control/faultStore';
import { isLoopbackAddress } from '../../simulator/control/loopback';
import { loadSimulatorConfig } from '../../simulator/config';
import { buildPdf } from '../../simulator/pdf/pdfWriter';

describe('simulator: control API loopback check', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('accepts loopback client %s', (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });
  it.each(['10.0.0.5', '192.168.1.20', '::ffff:10.1.2.3', 'fe80::1', '128.0.0.1', '', undefined])(
    'rejects non-loopback client %s',
    (address) => {
      expect(isLoopbackAddress(address)).toBe(false);
    },
  );
});

describe('simulator: fault path globs', () => {
  it('matches one segment per star, any casing, ignoring the query', () => {
    const fault = { method: 'POST', path: '/v1/customers/*/carts/*/checkout?x=1' };
    expect(faultMatches(fault, 'post', '/V1/Customers/abc/carts/def/checkout')).toBe(true);
    expect(faultMatches(fault, 'POST', '/v1/customers/abc/carts/checkout')).toBe(false);
    expect(faultMatches(fault, 'GET', '/v1/customers/abc/carts/def/checkout')).toBe(false);
    expect(faultMatches({ method: '*', path: '/v1/invoices' }, 'DELETE', '/v1/invoices/')).toBe(true);
  });
});

describe('simulator: configuration from the environment', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(loadSimulatorConfig({})).toEqual({
      host: '127.0.0.1',
      port: 4010,
      orderListDelaySeconds: 60,
      orderCompletionSeconds: 30,
      registrationStepSeconds: 10,
      throttlePerMinute: 500,
    });
  });
  it('reads every PC_SIMULATOR_* setting', () => {
    expect(
      loadSimulatorConfig({
        PC_SIMULATOR_HOST: '0.0.0.0',
        PC_SIMULATOR_PORT: '0',
        PC_SIMULATOR_ORDER_LIST_DELAY_SECONDS: '5',
        PC_SIMULATOR_ORDER_COMPLETION_SECONDS: '0',
        PC_SIMULATOR_REGISTRATION_STEP_SECONDS: '1.5',
        PC_SIMULATOR_THROTTLE_PER_MINUTE: '20',
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 0,
      orderListDelaySeconds: 5,
      orderCompletionSeconds: 0,
      registrationStepSeconds: 1.5,
      throttlePerMinute: 20,
    });
  });
  it('refuses invalid values with a message naming the setting', () => {
    expect(() => loadSimulatorConfig({ PC_SIMULATOR_PORT: 'eighty' })).toThrow(/PC_SIMULATOR_PORT/);
    expect(() => loadSimulatorConfig({ PC_SIMULATOR_THROTTLE_PER_MINUTE: '0' })).toThrow(/THROTTLE/);
  });
});

describe('simulator: PDF writer', () => {
  it('writes a header, an xref whose offsets point at each object, a trailer and %%EOF', () => {
    const pdf = buildPdf(
      [[{ text: 'Hello (world) \\ £5 €6', heading: true }], [{ text: 'page two' }]],
      'Test',
    ).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf.endsWith('%%EOF\n')).toBe(true);
    const xrefAt = Number(/startxref\n(\d+)\n/.exec(pdf)?.[1]);
    const lines = pdf.slice(xrefAt).split('\n');
    expect(lines[0]).toBe('xref');
    const size = Number(lines[1].split(' ')[1]);
    expect(size).toBe(9);
    for (let id = 1; id < size; id++) {
      const entry = lines[2 + id];
      expect(entry).toMatch(/^\d{10} 00000 n $/);
      const offset = Number(entry.slice(0, 10));
      expect(pdf.slice(offset, offset + `${id} 0 obj`.length)).toBe(`${id} 0 obj`);
    }
    expect(pdf).toContain('/Count 2');
    expect(pdf).toContain('(Hello \\(world\\) \\\\ \xA35 \x806) Tj');
    const streamLength = Number(/<< \/Length (\d+) >>\nstream\n/.exec(pdf)?.[1]);
    const streamStart = pdf.indexOf('stream\n') + 'stream\n'.length;
    expect(pdf.slice(streamStart + streamLength, streamStart + streamLength + 10)).toBe('\nendstream');
  });
});
