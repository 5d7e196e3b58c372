/** The file name from a `Content-Disposition` header (`attachment; filename=Invoice_G000024132.pdf`), if any. */
export function parseContentDispositionFileName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return safeName(decodeURIComponent(extended[1].trim()));
    } catch {
      // A malformed percent-encoding falls through to the plain filename parameter.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  const name = plain?.[2] ?? plain?.[1];
  return name ? safeName(name.trim()) : undefined;
}

function safeName(name: string): string | undefined {
  // Only the base name: a server-supplied path must never steer where a caller writes the file.
  const base = name.split(/[\\/]/).pop()?.trim();
  return base ? base : undefined;
}
