/**
 * True when a socket's remote address is a loopback address (127.0.0.0/8, ::1, or IPv4-mapped 127.x). The control API
 * answers only such clients, so the simulator can listen on another interface without exposing reset/faults.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const lower = address.toLowerCase();
  if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true;
  const ipv4 = lower.startsWith('::ffff:') ? lower.slice('::ffff:'.length) : lower;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ipv4);
}
