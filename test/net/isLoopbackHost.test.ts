import { isLoopbackHost } from '../../services/net/isLoopbackHost';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.8.9.10', 'localhost', 'LOCALHOST', '::1', '[::1]', 'api.localhost', '::ffff:127.0.0.1'])(
    'treats %s as loopback',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );
  it.each([
    '0.0.0.0',
    '10.0.0.1',
    '192.168.1.2',
    'api.partnercenter.microsoft.com',
    'localhost.evil.com',
    '::',
    '128.0.0.1',
  ])('treats %s as reachable from the network', (host) => expect(isLoopbackHost(host)).toBe(false));
});
