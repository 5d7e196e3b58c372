/** One-line structured log sink used by every part of the bot; never given tokens or secrets on purpose. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const BEARER = /(bearer\s+)[A-Za-z0-9._~+/=:-]+/gi;

/** Removes bearer tokens and the given secret values from a log line, in case one slipped into an error message. */
export function redact(line: string, secrets: readonly string[] = []): string {
  let out = line.replace(BEARER, '$1[redacted]');
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** A JSON-lines logger writing to stdout/stderr with redaction applied to every line. */
export function createConsoleLogger(component: string, secrets: readonly string[] = []): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>): void => {
    const line = redact(
      JSON.stringify({ at: new Date().toISOString(), level, component, message, ...fields }),
      secrets,
    );
    if (level === 'error') process.stderr.write(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
