import { redact } from '../../bot/logger';
import { stateStorageSecrets } from '../../services/storage/stateStorageSecrets';

const ACCOUNT_KEY = 'c2VjcmV0LWFjY291bnQta2V5LXZhbHVlLWZvci10ZXN0cw==';
const CONNECTION_STRING = `DefaultEndpointsProtocol=https;AccountName=contosobot;AccountKey=${ACCOUNT_KEY};EndpointSuffix=core.windows.net`;

describe('secrets of the state storage settings', () => {
  it('lists the connection string and its account key, so a log line quoting either is redacted', () => {
    const secrets = stateStorageSecrets({ kind: 'blob', connectionString: CONNECTION_STRING, container: 'botstate' });
    expect(redact(`failed with ${CONNECTION_STRING}`, secrets)).not.toContain(ACCOUNT_KEY);
    expect(redact(`signature made with key ${ACCOUNT_KEY}`, secrets)).toBe('signature made with key [redacted]');
  });

  it('lists a SAS token in full, including the = signs inside it', () => {
    const sas = 'sv=2024-01-01&ss=b&srt=sco&sp=rwdlac&se=2030-01-01T00:00:00Z&sig=abc%2Bdef%3D';
    const secrets = stateStorageSecrets({
      kind: 'blob',
      connectionString: `BlobEndpoint=https://contosobot.blob.core.windows.net;SharedAccessSignature=${sas}`,
      container: 'botstate',
    });
    expect(secrets).toContain(sas);
  });

  it('has nothing to hide for SQLite', () => {
    expect(stateStorageSecrets({ kind: 'sqlite', directory: '/data' })).toEqual([]);
  });
});
