import { CUSTOMER_SEEDS, type CustomerSeed } from './customerSeed';

// Brands of the seeded customers, so a search for "contoso" or "fabrikam" meets hundreds of near misses as it would
// at a large partner, where many tenants share a word.
const BRANDS = [
  'Contoso',
  'Fabrikam',
  'Northwind',
  'Adventure Works',
  'Tailspin',
  'Wide World',
  'Litware',
  'Proseware',
  'Woodgrove',
  'Alpine',
  'Coho',
  'Relecloud',
  'Blue Yonder',
  'Humongous',
  'Lamna',
  'Fourth Coffee',
] as const;

// Words after the brand, from both ends of the alphabet so near misses sort before and after the seeded names.
const WORDS = [
  'Analytics',
  'Bakery',
  'Builders',
  'Clinics',
  'Dental',
  'Energy',
  'Farms',
  'Foods',
  'Galleries',
  'Holdings',
  'Imaging',
  'Joinery',
  'Kitchens',
  'Labs',
  'Logistics',
  'Marine',
  'Media',
  'Motors',
  'Networks',
  'Optics',
  'Partners',
  'Quarries',
  'Retail',
  'Robotics',
  'Security',
  'Studios',
  'Systems',
  'Textiles',
  'Travel',
  'Utilities',
  'Ventures',
  'Wellness',
  'Yachts',
  'Zoning',
] as const;

/**
 * `count` customers beyond the seed, the same every time: "Contoso Analytics", "Fabrikam Analytics", … then
 * "Contoso Analytics 2", … with onmicrosoft domains made of the same words (`contosoanalytics2`). Each takes the
 * country and address of a seeded customer in turn, so markets and currencies keep the seed's mix. No name starts
 * with a seeded name or is the start of one, and no domain equals a seeded one, so every seeded customer stays the only
 * exact match for its own name and domain.
 */
export function generatedCustomerSeeds(count: number): CustomerSeed[] {
  const seededNames = CUSTOMER_SEEDS.map((seed) => seed.companyName.toLowerCase());
  const seededStems = CUSTOMER_SEEDS.map((seed) => seed.domainStem);
  const clashesWithName = (candidate: string) =>
    seededNames.some((name) => candidate.startsWith(name) || name.startsWith(candidate));
  const seeds: CustomerSeed[] = [];
  for (let i = 0; seeds.length < count; i++) {
    const brand = BRANDS[i % BRANDS.length];
    const word = WORDS[Math.floor(i / BRANDS.length) % WORDS.length];
    const round = Math.floor(i / (BRANDS.length * WORDS.length)) + 1;
    const companyName = round === 1 ? `${brand} ${word}` : `${brand} ${word} ${round}`;
    const domainStem = companyName.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (clashesWithName(companyName.toLowerCase()) || seededStems.includes(domainStem)) continue;
    const address = CUSTOMER_SEEDS[seeds.length % CUSTOMER_SEEDS.length];
    seeds.push({ ...address, companyName, domainStem });
  }
  return seeds;
}
