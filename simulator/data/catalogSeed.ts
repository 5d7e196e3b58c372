/** What kind of one-time product a catalog entry is; drives target views, market rules and entitlements. */
export type ProductKind = 'softwareSubscription' | 'perpetual' | 'reservation';

/** A SKU definition before it is rendered per country. */
export interface SkuSeed {
  id: string;
  title: string;
  description: string;
  minimumQuantity: number;
  maximumQuantity: number;
  /** ISO 8601 term, absent for perpetual software. */
  termDuration?: string;
  usdPrice: number;
  /** Perpetual SKUs the (simulated) partner isn't qualified to buy: carting them fails with 403 / 800020. */
  requiresQualification?: boolean;
  /**
   * The attestation type the SKU enforces (`attestationProperties`): carting it needs `AttestationAccepted` on the line
   * and `PartnerOnRecordAttestationAccepted` on the cart.
   */
  enforcedAttestationType?: string;
  dynamicAttributes?: Record<string, string>;
}

/** A product definition with its SKUs. */
export interface ProductSeed {
  id: string;
  title: string;
  description: string;
  kind: ProductKind;
  skus: SkuSeed[];
}

interface SoftwareSpec {
  id: string;
  title: string;
  description: string;
  min: number;
  max: number;
  usdPerYear: number;
  enforcedAttestationType?: string;
}

const softwareSubscription = (spec: SoftwareSpec): ProductSeed => ({
  id: spec.id,
  title: spec.title,
  description: spec.description,
  kind: 'softwareSubscription',
  skus: [
    { term: 'P1Y', label: '1 year', years: 1, id: '0001' },
    { term: 'P3Y', label: '3 years', years: 3, id: '0002' },
  ].map((term) => ({
    id: term.id,
    title: `${spec.title} - ${term.label}`,
    description: `${spec.title}, subscription license for ${term.label}, paid up front.`,
    minimumQuantity: spec.min,
    maximumQuantity: spec.max,
    termDuration: term.term,
    usdPrice: spec.usdPerYear * term.years,
    enforcedAttestationType: spec.enforcedAttestationType,
  })),
});

const perpetual = (
  id: string,
  title: string,
  description: string,
  skus: { id: string; title: string; min: number; max: number; usd: number; qualification?: boolean }[],
): ProductSeed => ({
  id,
  title,
  description,
  kind: 'perpetual',
  skus: skus.map((sku) => ({
    id: sku.id,
    title: sku.title,
    description: `${sku.title}, perpetual license.`,
    minimumQuantity: sku.min,
    maximumQuantity: sku.max,
    usdPrice: sku.usd,
    requiresQualification: sku.qualification,
  })),
});

interface VmSize {
  armSkuName: string;
  displayName: string;
  cores: number;
  ram: number;
  usdPerYear: number;
}

/** Azure regions offered for reservations; `japanwest` is capacity-restricted for everyone (inventory check). */
export const RESERVATION_REGIONS: readonly { armRegionName: string; region: string }[] = [
  { armRegionName: 'eastus', region: 'US East' },
  { armRegionName: 'westus2', region: 'US West 2' },
  { armRegionName: 'northeurope', region: 'EU North' },
  { armRegionName: 'westeurope', region: 'EU West' },
  { armRegionName: 'uksouth', region: 'UK South' },
  { armRegionName: 'japaneast', region: 'JA East' },
  { armRegionName: 'japanwest', region: 'JA West' },
  { armRegionName: 'australiaeast', region: 'AU East' },
  { armRegionName: 'canadacentral', region: 'CA Central' },
  { armRegionName: 'switzerlandnorth', region: 'CH North' },
  { armRegionName: 'swedencentral', region: 'SE Central' },
  { armRegionName: 'centralindia', region: 'IN Central' },
];

/** Regions where inventory is restricted for every subscription. */
export const GLOBALLY_RESTRICTED_REGIONS: readonly string[] = ['japanwest'];

const reservation = (id: string, series: string, category: string, sizes: VmSize[]): ProductSeed => {
  const skus: SkuSeed[] = [];
  let index = 1;
  for (const size of sizes) {
    for (const { armRegionName, region } of RESERVATION_REGIONS) {
      for (const years of [1, 3]) {
        const label = years === 1 ? '1 Year' : '3 Years';
        skus.push({
          id: index.toString(36).toUpperCase().padStart(4, '0'),
          title: `Reserved VM Instance, ${size.armSkuName}, ${region}, ${label}`,
          description: `Reserved Virtual Machines Instance, ${size.armSkuName}, ${region}, ${label}`,
          minimumQuantity: 1,
          maximumQuantity: 100,
          termDuration: years === 1 ? 'P1Y' : 'P3Y',
          usdPrice: Math.round(size.usdPerYear * years * (years === 1 ? 1 : 0.66) * 100) / 100,
          dynamicAttributes: {
            armSkuName: size.armSkuName,
            cores: String(size.cores),
            ram: String(size.ram),
            skuDisplayName: size.displayName,
            category,
            armRegionName,
            duration: years === 1 ? '1Year' : '3Years',
            region,
            diskType: 'Ssd',
          },
        });
        index++;
      }
    }
  }
  return {
    id,
    title: `Reserved VM Instance, ${series}`,
    description: `Azure reserved virtual machine instances of the ${series}: one- or three-year prepaid capacity.`,
    kind: 'reservation',
    skus,
  };
};

/** The one-time catalog sold by the simulator (same in every market it is allowed in). */
export const CATALOG_SEED: readonly ProductSeed[] = [
  softwareSubscription({
    id: 'DG7GMGF0FKZV',
    title: 'Windows Server 2022 Datacenter - 2 Core License Pack',
    description: 'Windows Server Datacenter subscription license for two cores.',
    min: 8,
    max: 512,
    usdPerYear: 155,
  }),
  softwareSubscription({
    id: 'DG7GMGF0FKZW',
    title: 'Windows Server 2022 Standard - 2 Core License Pack',
    description: 'Windows Server Standard subscription license for two cores.',
    min: 8,
    max: 512,
    usdPerYear: 45,
  }),
  softwareSubscription({
    id: 'DG7GMGF0FL0C',
    title: 'SQL Server 2022 Standard - 2 Core License Pack',
    description: 'SQL Server Standard subscription license for two cores.',
    min: 2,
    max: 200,
    usdPerYear: 1318,
  }),
  softwareSubscription({
    id: 'DG7GMGF0FL0D',
    title: 'SQL Server 2022 Enterprise - 2 Core License Pack',
    description: 'SQL Server Enterprise subscription license for two cores.',
    min: 2,
    max: 200,
    usdPerYear: 5054,
  }),
  softwareSubscription({
    id: 'DG7GMGF0G3VX',
    title: 'Visual Studio Professional Subscription',
    description: 'Visual Studio Professional with the standard subscription benefits.',
    min: 1,
    max: 1000,
    usdPerYear: 1199,
  }),
  softwareSubscription({
    id: 'DG7GMGF0G3VZ',
    title: 'Visual Studio Enterprise Subscription',
    description: 'Visual Studio Enterprise with the standard subscription benefits.',
    min: 1,
    max: 1000,
    usdPerYear: 5999,
  }),
  softwareSubscription({
    id: 'DG7GMGF0FL1B',
    title: 'Windows Server 2022 Remote Desktop Services - User CAL',
    description: 'Remote Desktop Services client access license per user.',
    min: 1,
    max: 5000,
    usdPerYear: 60,
  }),
  // The docs name Windows 365 Business with Windows Hybrid Benefit as the offers that require attestation (type
  // Windows365). Partner Center sells them as licence-based subscriptions; here one is sold prepaid like the other
  // software subscriptions, so the one-time purchase flow meets an SKU that enforces attestation.
  softwareSubscription({
    id: 'CFQ7TTC0W365',
    title: 'Windows 365 Business 2 vCPU, 8 GB, 128 GB (with Windows Hybrid Benefit)',
    description: 'Windows 365 Business Cloud PC for users who already have Windows 10/11 Pro on their work device.',
    min: 1,
    max: 300,
    usdPerYear: 492,
    enforcedAttestationType: 'Windows365',
  }),
  perpetual(
    'DG7GMGF0D7FV',
    'Office LTSC Professional Plus 2021',
    'Office LTSC Professional Plus 2021, volume license.',
    [{ id: '0001', title: 'Office LTSC Professional Plus 2021', min: 1, max: 1000, usd: 579 }],
  ),
  perpetual('DG7GMGF0D7FW', 'Office LTSC Standard 2021', 'Office LTSC Standard 2021, volume license.', [
    { id: '0001', title: 'Office LTSC Standard 2021', min: 1, max: 1000, usd: 439 },
  ]),
  perpetual('DG7GMGF0D7FX', 'Project Professional 2021', 'Project Professional 2021, volume license.', [
    { id: '0001', title: 'Project Professional 2021', min: 1, max: 500, usd: 1129 },
  ]),
  perpetual('DG7GMGF0D7FY', 'Visio LTSC Professional 2021', 'Visio LTSC Professional 2021, volume license.', [
    { id: '0001', title: 'Visio LTSC Professional 2021', min: 1, max: 500, usd: 579 },
  ]),
  perpetual('DG7GMGF0DWTL', 'Windows Server 2022 Standard', 'Windows Server 2022 Standard, perpetual core licenses.', [
    { id: '0001', title: 'Windows Server 2022 Standard - 16 Core License Pack', min: 1, max: 100, usd: 1069 },
    { id: '0002', title: 'Windows Server 2022 Standard - 2 Core License Pack', min: 1, max: 400, usd: 134 },
  ]),
  perpetual(
    'DG7GMGF0DWTM',
    'Windows Server 2022 Datacenter',
    'Windows Server 2022 Datacenter, perpetual core licenses.',
    [
      {
        id: '0001',
        title: 'Windows Server 2022 Datacenter - 16 Core License Pack',
        min: 1,
        max: 100,
        usd: 6155,
        qualification: true,
      },
    ],
  ),
  perpetual('DG7GMGF0DWM3', 'SQL Server 2022 Standard', 'SQL Server 2022 Standard, perpetual licenses.', [
    { id: '0001', title: 'SQL Server 2022 Standard - 2 Core License Pack', min: 2, max: 200, usd: 3945 },
    { id: '0002', title: 'SQL Server 2022 Standard - Server', min: 1, max: 100, usd: 989 },
  ]),
  perpetual('DG7GMGF0DWM4', 'SQL Server 2022 Enterprise', 'SQL Server 2022 Enterprise, perpetual licenses.', [
    {
      id: '0001',
      title: 'SQL Server 2022 Enterprise - 2 Core License Pack',
      min: 2,
      max: 200,
      usd: 15123,
      qualification: true,
    },
  ]),
  perpetual('DG7GMGF0DWTN', 'Windows Server 2022 Client Access License', 'Windows Server 2022 CALs.', [
    { id: '0001', title: 'Windows Server 2022 - User CAL', min: 1, max: 10000, usd: 46 },
    { id: '0002', title: 'Windows Server 2022 - Device CAL', min: 1, max: 10000, usd: 40 },
  ]),
  perpetual('DG7GMGF0DWTP', 'Exchange Server 2019 Standard', 'Exchange Server 2019 Standard, perpetual license.', [
    { id: '0001', title: 'Exchange Server Standard 2019', min: 1, max: 100, usd: 877 },
  ]),
  reservation('DZH318Z0D1V5', 'Dv5 Series', 'General purpose', [
    { armSkuName: 'Standard_D2s_v5', displayName: 'D2s v5', cores: 2, ram: 8, usdPerYear: 505 },
    { armSkuName: 'Standard_D4s_v5', displayName: 'D4s v5', cores: 4, ram: 16, usdPerYear: 1010 },
    { armSkuName: 'Standard_D8s_v5', displayName: 'D8s v5', cores: 8, ram: 32, usdPerYear: 2020 },
  ]),
  reservation('DZH318Z0D1V6', 'Esv5 Series', 'Memory optimized', [
    { armSkuName: 'Standard_E2s_v5', displayName: 'E2s v5', cores: 2, ram: 16, usdPerYear: 662 },
    { armSkuName: 'Standard_E4s_v5', displayName: 'E4s v5', cores: 4, ram: 32, usdPerYear: 1324 },
    { armSkuName: 'Standard_E8s_v5', displayName: 'E8s v5', cores: 8, ram: 64, usdPerYear: 2648 },
  ]),
  reservation('DZH318Z0D1V7', 'Bs Series', 'General purpose', [
    { armSkuName: 'Standard_B1s', displayName: 'B1s', cores: 1, ram: 1, usdPerYear: 55 },
    { armSkuName: 'Standard_B2s', displayName: 'B2s', cores: 2, ram: 4, usdPerYear: 219 },
  ]),
  reservation('DZH318Z0D1V8', 'Fsv2 Series', 'Compute optimized', [
    { armSkuName: 'Standard_F2s_v2', displayName: 'F2s v2', cores: 2, ram: 4, usdPerYear: 449 },
    { armSkuName: 'Standard_F4s_v2', displayName: 'F4s v2', cores: 4, ram: 8, usdPerYear: 898 },
  ]),
];
