import { z } from 'zod';
import { attributesSchema, linkSchema } from './link';
import { knownOr } from './wireValues';

/** A customer (list items carry only id, company profile and relationship; get-by-id adds the rest). */
export const customerSchema = z.object({
  id: z.string().min(1),
  commerceId: z.string().optional(),
  companyProfile: z.object({
    tenantId: z.string().optional(),
    domain: z.string(),
    companyName: z.string(),
    email: z.string().optional(),
    address: z.record(z.string(), z.unknown()).optional(),
  }),
  billingProfile: z.record(z.string(), z.unknown()).optional(),
  relationshipToPartner: knownOr([
    'none',
    'reseller',
    'advisor',
    'syndication',
    'microsoft_support',
    'unknown',
  ]).optional(),
  allowDelegatedAccess: z.boolean().optional(),
  customDomains: z.array(z.string()).optional(),
  associatedPartnerId: z.string().optional(),
  links: z.object({ self: linkSchema.optional() }).optional(),
  attributes: attributesSchema.optional(),
});

export type Customer = z.infer<typeof customerSchema>;
