import { resolveTimeWindow } from '../../dialogs/lookups/timeWindow';
import type { TimeWindowRequest } from '../../dialogs/readTimeWindow';

// Wednesday 11 March 2026, 10:00 UTC: 11:00 in Zurich, 23:00 in Auckland, 03:00 in Los Angeles.
const NOW = Date.parse('2026-03-11T10:00:00Z');

describe('pinning a typed window to the person’s calendar', () => {
  it.each<[string, TimeWindowRequest, string | undefined, string, string, string, string]>([
    [
      'last week, UTC (weeks start on Monday)',
      { kind: 'lastWeek' },
      undefined,
      '2026-03-02T00:00:00.000Z',
      '2026-03-09T00:00:00.000Z',
      '2026-03-02',
      '2026-03-08',
    ],
    [
      'last week, Auckland',
      { kind: 'lastWeek' },
      'Pacific/Auckland',
      '2026-03-01T11:00:00.000Z',
      '2026-03-08T11:00:00.000Z',
      '2026-03-02',
      '2026-03-08',
    ],
    [
      'this week ends tonight',
      { kind: 'thisWeek' },
      'Europe/Zurich',
      '2026-03-08T23:00:00.000Z',
      '2026-03-11T23:00:00.000Z',
      '2026-03-09',
      '2026-03-11',
    ],
    [
      'today in Los Angeles is still the 11th',
      { kind: 'today' },
      'America/Los_Angeles',
      '2026-03-11T07:00:00.000Z',
      '2026-03-12T07:00:00.000Z',
      '2026-03-11',
      '2026-03-11',
    ],
    [
      'yesterday',
      { kind: 'yesterday' },
      undefined,
      '2026-03-10T00:00:00.000Z',
      '2026-03-11T00:00:00.000Z',
      '2026-03-10',
      '2026-03-10',
    ],
    [
      'this month',
      { kind: 'thisMonth' },
      undefined,
      '2026-03-01T00:00:00.000Z',
      '2026-03-12T00:00:00.000Z',
      '2026-03-01',
      '2026-03-11',
    ],
    [
      'last month',
      { kind: 'lastMonth' },
      undefined,
      '2026-02-01T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
      '2026-02-01',
      '2026-02-28',
    ],
    [
      'the last 7 days count today',
      { kind: 'lastDays', days: 7 },
      undefined,
      '2026-03-05T00:00:00.000Z',
      '2026-03-12T00:00:00.000Z',
      '2026-03-05',
      '2026-03-11',
    ],
    [
      'since October is last October',
      { kind: 'since', month: 10 },
      undefined,
      '2025-10-01T00:00:00.000Z',
      '2026-03-12T00:00:00.000Z',
      '2025-10-01',
      '2026-03-11',
    ],
    [
      'since 2 March is this March',
      { kind: 'since', month: 3, day: 2 },
      undefined,
      '2026-03-02T00:00:00.000Z',
      '2026-03-12T00:00:00.000Z',
      '2026-03-02',
      '2026-03-11',
    ],
    [
      'since 29 February without a leap year',
      { kind: 'since', month: 2, day: 29 },
      undefined,
      '2026-02-28T00:00:00.000Z',
      '2026-03-12T00:00:00.000Z',
      '2026-02-28',
      '2026-03-11',
    ],
    [
      'in March is this March, so far',
      { kind: 'inMonth', month: 3 },
      undefined,
      '2026-03-01T00:00:00.000Z',
      '2026-03-12T00:00:00.000Z',
      '2026-03-01',
      '2026-03-11',
    ],
    [
      'in April is last April',
      { kind: 'inMonth', month: 4 },
      undefined,
      '2025-04-01T00:00:00.000Z',
      '2025-05-01T00:00:00.000Z',
      '2025-04-01',
      '2025-04-30',
    ],
    [
      'in December 2025',
      { kind: 'inMonth', month: 12, year: 2025 },
      undefined,
      '2025-12-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
      '2025-12-01',
      '2025-12-31',
    ],
  ])('%s', (_name, request, zone, from, to, firstDay, lastDay) => {
    const { createdWithin, view } = resolveTimeWindow(request, NOW, zone);
    expect(createdWithin).toEqual({ from, to });
    expect([view.firstDay, view.lastDay, view.today]).toEqual([
      firstDay,
      lastDay,
      zone === 'Pacific/Auckland' ? '2026-03-11' : '2026-03-11',
    ]);
    expect(view.timeZone).toBe(zone ?? 'UTC');
  });

  it('keeps each day its own midnight across a daylight-saving change (Zurich, 29 March 2026)', () => {
    const { createdWithin } = resolveTimeWindow(
      { kind: 'lastWeek' },
      Date.parse('2026-04-01T10:00:00Z'),
      'Europe/Zurich',
    );
    expect(createdWithin).toEqual({ from: '2026-03-22T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
  });

  it('counts days in UTC when Teams sends an unknown zone', () => {
    const { view, createdWithin } = resolveTimeWindow({ kind: 'today' }, NOW, 'Mars/Olympus_Mons');
    expect(view.timeZone).toBe('UTC');
    expect(createdWithin.from).toBe('2026-03-11T00:00:00.000Z');
  });
});
