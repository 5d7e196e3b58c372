/** An amount rounded to the currency's minor unit (cents for most, none for JPY); two decimals for unknown codes. */
export function roundToCurrency(amount: number, currency: string | undefined): number {
  const factor = 10 ** minorUnitsOf(currency);
  return Math.round(amount * factor) / factor;
}

function minorUnitsOf(currency: string | undefined): number {
  if (!currency) return 2;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}
