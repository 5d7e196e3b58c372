import { isLoopbackHost } from '../../services/net/isLoopbackHost';

const TEAMS_FILE_HOSTS = ['.sharepoint.com', '.sharepoint.us', '.sharepoint-mil.us'];

/**
 * Whether the bot may PUT a user's file to an upload URL Teams handed it: only the user's OneDrive (SharePoint) over
 * https, or loopback when the bot itself only runs on loopback.
 */
export function uploadUrlAllowed(raw: string, allowLoopback: boolean): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (allowLoopback && url.protocol === 'http:' && isLoopbackHost(url.hostname)) return true;
  const host = url.hostname.toLowerCase();
  return url.protocol === 'https:' && TEAMS_FILE_HOSTS.some((suffix) => host.endsWith(suffix));
}
