import { loadConfig } from '../../bot/config';
import { serviceUrlAllowed, TEAMS_SERVICE_URL_HOSTS } from '../../bot/security/serviceUrlAllowed';

describe('serviceUrlAllowed', () => {
  it.each([
    'https://smba.trafficmanager.net/emea/',
    'https://smba.trafficmanager.net/amer/',
    'https://eu.smba.trafficmanager.net/teams/',
    'https://SMBA.TrafficManager.net./apac/',
    'https://webchat.botframework.com/',
  ])('allows Teams’ own connector %s by default', (url) => {
    expect(serviceUrlAllowed(url, TEAMS_SERVICE_URL_HOSTS)).toBe(true);
  });

  it.each([
    ['a look-alike suffix', 'https://evilsmba.trafficmanager.net/'],
    ['a look-alike host', 'https://smba.trafficmanager.net.evil.example/'],
    ['the bare wildcard suffix', 'https://botframework.com/'],
    ['plain http to Teams', 'http://smba.trafficmanager.net/emea/'],
    ['credentials in the URL', 'https://user:pw@smba.trafficmanager.net/emea/'],
    ['an attacker host', 'https://attacker.example/'],
    ['loopback when not listed', 'http://127.0.0.1:3978/'],
    ['a non-URL', 'not a url'],
    ['nothing', undefined],
  ])('refuses %s', (_name, url) => {
    expect(serviceUrlAllowed(url, TEAMS_SERVICE_URL_HOSTS)).toBe(false);
  });

  it('allows plain http only to a listed loopback host', () => {
    expect(serviceUrlAllowed('http://127.0.0.1:4321/', ['127.0.0.1'])).toBe(true);
    expect(serviceUrlAllowed('http://intranet.example/', ['intranet.example'])).toBe(false);
    expect(serviceUrlAllowed('https://intranet.example/', ['intranet.example'])).toBe(true);
  });
});

describe('ALLOWED_SERVICE_URL_HOSTS configuration', () => {
  it('allows Teams’ hosts and loopback in local mode by default', () => {
    const hosts = loadConfig({}).security.allowedServiceUrlHosts;
    expect(serviceUrlAllowed('https://smba.trafficmanager.net/emea/', hosts)).toBe(true);
    expect(serviceUrlAllowed('http://127.0.0.1:56150/', hosts)).toBe(true);
    expect(serviceUrlAllowed('http://localhost:56150/', hosts)).toBe(true);
  });

  it('replaces the defaults with the configured hosts, keeping loopback in local mode', () => {
    const hosts = loadConfig({
      CLOUD: 'usgov',
      ALLOWED_SERVICE_URL_HOSTS: 'smba.infra.gov.teams.microsoft.us, *.example.org',
    }).security.allowedServiceUrlHosts;
    expect(serviceUrlAllowed('https://smba.infra.gov.teams.microsoft.us/', hosts)).toBe(true);
    expect(serviceUrlAllowed('https://bots.example.org/', hosts)).toBe(true);
    expect(serviceUrlAllowed('https://smba.trafficmanager.net/emea/', hosts)).toBe(false);
    expect(serviceUrlAllowed('http://127.0.0.1:56150/', hosts)).toBe(true);
  });

  it.each(['*', '*.com', 'https://smba.trafficmanager.net', 'smba.trafficmanager.net/emea'])(
    'refuses to start with the entry %s and names the setting',
    (entry) => {
      expect(() => loadConfig({ ALLOWED_SERVICE_URL_HOSTS: entry })).toThrow(/ALLOWED_SERVICE_URL_HOSTS/);
    },
  );
});
