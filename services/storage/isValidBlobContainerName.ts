/**
 * Whether Azure Blob Storage accepts `name` as a container name: 3–63 characters of lowercase letters, digits and
 * single hyphens, starting and ending with a letter or digit. Checked before any request so a typo in the settings
 * fails at start-up with a sentence instead of a 400 from the service on the first turn.
 */
export function isValidBlobContainerName(name: string): boolean {
  return /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name);
}
