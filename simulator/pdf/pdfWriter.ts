const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const MARGIN_LEFT = 50;
const TOP = 800;
const LEADING = 12;

/** One line of text on a page; headings are set larger. */
export interface PdfLine {
  text: string;
  heading?: boolean;
}

/** Lines that fit on one A4 page at the writer's leading. */
export const LINES_PER_PAGE = 62;

/**
 * Writes a minimal, valid PDF 1.4: catalog, page tree, one Helvetica (WinAnsi) font, one text content stream per page,
 * an info dictionary, and a cross-reference table whose offsets are the exact byte positions of each object.
 */
export function buildPdf(pages: PdfLine[][], title: string): Buffer {
  const pageCount = Math.max(1, pages.length);
  const fontId = 3;
  const infoId = 4;
  const firstPageId = 5;
  const objects = new Map<number, Buffer>();
  const kids: string[] = [];
  for (let index = 0; index < pageCount; index++) {
    const pageId = firstPageId + index * 2;
    const contentId = pageId + 1;
    kids.push(`${pageId} 0 R`);
    objects.set(
      pageId,
      ascii(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
          `/Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${contentId} 0 R >>`,
      ),
    );
    const stream = contentStream(pages[index] ?? []);
    objects.set(
      contentId,
      Buffer.concat([ascii(`<< /Length ${stream.length} >>\nstream\n`), stream, ascii('\nendstream')]),
    );
  }
  objects.set(1, ascii('<< /Type /Catalog /Pages 2 0 R >>'));
  objects.set(2, ascii(`<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pageCount} >>`));
  objects.set(fontId, ascii('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'));
  objects.set(
    infoId,
    Buffer.concat([ascii('<< /Title ('), pdfString(title), ascii(') /Producer (Partner Center simulator) >>')]),
  );

  const size = firstPageId + pageCount * 2;
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  let length = parts[0].length;
  const offsets: number[] = [];
  for (let id = 1; id < size; id++) {
    const body = objects.get(id);
    if (!body) throw new Error(`PDF object ${id} was not written`);
    offsets[id] = length;
    const chunk = Buffer.concat([ascii(`${id} 0 obj\n`), body, ascii('\nendobj\n')]);
    parts.push(chunk);
    length += chunk.length;
  }
  const xrefOffset = length;
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let id = 1; id < size; id++) xref += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<< /Size ${size} /Root 1 0 R /Info ${infoId} 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  parts.push(ascii(xref));
  return Buffer.concat(parts);
}

function contentStream(lines: PdfLine[]): Buffer {
  const parts: Buffer[] = [ascii(`BT\n/F1 9 Tf\n${LEADING} TL\n${MARGIN_LEFT} ${TOP} Td\n`)];
  for (const line of lines) {
    const size = line.heading ? 13 : 9;
    parts.push(ascii(`/F1 ${size} Tf\n(`), pdfString(line.text), ascii(') Tj\nT*\n'));
  }
  parts.push(ascii('ET'));
  return Buffer.concat(parts);
}

const WIN_ANSI_EXTRAS: Record<string, number> = {
  '€': 0x80,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
};

/** Encodes text for a PDF literal string in WinAnsi, escaping delimiters; unmappable characters become `?`. */
function pdfString(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 63;
    let byte: number;
    if (WIN_ANSI_EXTRAS[char] !== undefined) byte = WIN_ANSI_EXTRAS[char];
    else if ((code >= 32 && code <= 126) || (code >= 160 && code <= 255)) byte = code;
    else byte = 63;
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) bytes.push(0x5c);
    bytes.push(byte);
  }
  return Buffer.from(bytes);
}

function ascii(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}
