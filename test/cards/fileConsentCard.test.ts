import { fileConsentCard, fileInfoCard } from '../../cards/fileConsentCard';

describe('fileConsentCard', () => {
  it('builds the Teams file consent attachment with the file name, size, description and both contexts', () => {
    const acceptContext = { statement: 's-1', invoiceId: 'G000024135' };
    const declineContext = { statement: 's-1' };
    const attachment = fileConsentCard({
      invoiceId: 'G000024135',
      fileName: 'Invoice-G000024135.pdf',
      sizeInBytes: 48213,
      acceptContext,
      declineContext,
    });
    expect(attachment).toEqual({
      contentType: 'application/vnd.microsoft.teams.card.file.consent',
      name: 'Invoice-G000024135.pdf',
      content: {
        description: 'Statement for invoice G000024135',
        sizeInBytes: 48213,
        acceptContext,
        declineContext,
      },
    });
    expect(JSON.parse(JSON.stringify(attachment))).toEqual(attachment);
  });

  it.each([-1, 1.5, Number.NaN])('refuses the impossible size %p', (sizeInBytes) => {
    expect(() =>
      fileConsentCard({ invoiceId: 'G1', fileName: 'a.pdf', sizeInBytes, acceptContext: {}, declineContext: {} }),
    ).toThrow(RangeError);
  });
});

describe('fileInfoCard', () => {
  it('builds the Teams file info attachment for the uploaded file', () => {
    expect(
      fileInfoCard({
        uniqueId: '1a2b3c4d-5e6f',
        fileType: 'pdf',
        contentUrl: 'https://contoso-my.sharepoint.com/personal/alex/Documents/Invoice-G000024135.pdf',
        name: 'Invoice-G000024135.pdf',
      }),
    ).toEqual({
      contentType: 'application/vnd.microsoft.teams.card.file.info',
      contentUrl: 'https://contoso-my.sharepoint.com/personal/alex/Documents/Invoice-G000024135.pdf',
      name: 'Invoice-G000024135.pdf',
      content: { uniqueId: '1a2b3c4d-5e6f', fileType: 'pdf' },
    });
  });

  it('gives the file type as Teams expects it: the extension without a dot', () => {
    const attachment = fileInfoCard({
      uniqueId: 'u',
      fileType: '.PDF',
      contentUrl: 'https://x.example/a.pdf',
      name: 'a.pdf',
    });
    expect(attachment.content.fileType).toBe('pdf');
  });
});
