/**
 * MSAL's `errorCode` of a failure, when it looks like one (a short word such as `invalid_client`). MSAL's messages can
 * echo request details, so errors the bot raises name only this code.
 */
export function msalErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'errorCode' in error) {
    const code = (error as { errorCode: unknown }).errorCode;
    if (typeof code === 'string' && /^[\w.-]{1,80}$/.test(code)) return code;
  }
  return undefined;
}
