import { z } from 'zod';

/**
 * Validated settings for {@link createPartnerCenterClient}. `local` talks to the simulator with fake tokens (loopback
 * only); `live` uses MSAL client credentials against the real service.
 */
export const partnerCenterSettingsSchema = z
  .object({
    baseUrl: z.url(),
    mode: z.enum(['local', 'live']),
    auth: z.enum(['app', 'app+user']),
    applicationName: z.string().min(1),
    timeoutMs: z.number().int().positive(),
    maxRetries: z.number().int().min(0).max(10),
    retryDeadlineMs: z.number().int().positive(),
    chatRetryDeadlineMs: z.number().int().min(0).optional(),
    maxRetryAfterSeconds: z.number().int().min(0),
    msal: z
      .object({
        tenantId: z.string().min(1),
        clientId: z.string().min(1),
        clientSecret: z.string().min(1).optional(),
        certificate: z.object({ privateKeyPem: z.string().min(1), thumbprintSha256: z.string().min(1) }).optional(),
        authorityHost: z.url(),
      })
      .refine((m) => m.clientSecret !== undefined || m.certificate !== undefined, {
        message: 'msal needs clientSecret or certificate',
      })
      .optional(),
  })
  .refine((s) => s.mode !== 'live' || s.msal !== undefined, {
    message: 'live mode needs msal settings',
    path: ['msal'],
  });

export type PartnerCenterSettings = z.infer<typeof partnerCenterSettingsSchema>;
