import { renderDownloadCard } from '../../cards/renderDownloadCard';
import { cardTexts } from './cardContent';
import { inspectCard } from './inspectCard';

const URL_OK = 'https://files.example.com/statements/G000024135.pdf?sig=abc123';

describe('renderDownloadCard', () => {
  it('offers one Download PDF link to an https URL and says until when it works', () => {
    const card = renderDownloadCard({
      invoiceId: 'G000024135',
      url: URL_OK,
      expiresAt: '2026-03-12T10:00:00Z',
      locale: 'en-GB',
    });
    const inspection = inspectCard(card);
    expect(card.version).toBe('1.5');
    expect(inspection.parseEvents).toEqual([]);
    expect(inspection.validationEvents).toEqual([]);
    expect(inspection.text).not.toContain('${');
    expect(inspection.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Download PDF', data: undefined }]);
    const [action] = (card.actions as { url: string }[]) ?? [];
    expect(new URL(action.url).protocol).toBe('https:');
    expect(action.url).toBe(URL_OK);
    const texts = cardTexts(card);
    expect(texts).toContain('Statement for invoice G000024135');
    expect(texts).toContain('This link works for you only, until 12 Mar 2026, 10:00 UTC.');
  });

  it('shows the expiry in the reader time zone when given', () => {
    const card = renderDownloadCard({
      invoiceId: 'G1',
      url: URL_OK,
      expiresAt: '2026-03-12T10:00:00Z',
      locale: 'fr-CH',
      timeZone: 'Europe/Zurich',
    });
    expect(cardTexts(card).some((t) => t.includes('12 mars 2026') && t.includes('11:00'))).toBe(true);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:application/pdf;base64,AAAA', 'not a url', ''])(
    'refuses to draw a link to %p',
    (url) => {
      expect(() =>
        renderDownloadCard({ invoiceId: 'G1', url, expiresAt: '2026-03-12T10:00:00Z', locale: 'en-US' }),
      ).toThrow(/statement link/);
    },
  );
});
