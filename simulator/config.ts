import { z } from 'zod';
import { SEED_SCALE_LIMITS } from './data/seedScale';
import { MAX_PRICE_SHEET_FILLER_ROWS, type SimulatorOptions } from './server';

const seconds = z.coerce.number().nonnegative();
const scaleSetting = (key: keyof typeof SEED_SCALE_LIMITS) =>
  z.coerce.number().int().min(SEED_SCALE_LIMITS[key].min).max(SEED_SCALE_LIMITS[key].max).optional();

const envSchema = z.object({
  PC_SIMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  PC_SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  PC_SIMULATOR_ORDER_LIST_DELAY_SECONDS: seconds.default(60),
  PC_SIMULATOR_ORDER_COMPLETION_SECONDS: seconds.default(30),
  PC_SIMULATOR_REGISTRATION_STEP_SECONDS: seconds.default(10),
  PC_SIMULATOR_THROTTLE_PER_MINUTE: z.coerce.number().int().positive().default(500),
  PC_SIMULATOR_RUNTIME_SEED: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  PC_SIMULATOR_CUSTOMERS: scaleSetting('customers'),
  PC_SIMULATOR_ONETIME_INVOICES_PER_CURRENCY: scaleSetting('oneTimeInvoicesPerCurrency'),
  PC_SIMULATOR_NEWEST_INVOICE_LINE_ITEMS: scaleSetting('newestInvoiceLineItems'),
  PC_SIMULATOR_PRICE_SHEET_FILLER_ROWS: z.coerce.number().int().min(0).max(MAX_PRICE_SHEET_FILLER_ROWS).optional(),
});

/** Reads the simulator's settings from environment variables (validated; empty values count as unset). */
export function loadSimulatorConfig(env: NodeJS.ProcessEnv): SimulatorOptions {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid simulator configuration: ${problems}`);
  }
  const config = parsed.data;
  return {
    host: config.PC_SIMULATOR_HOST,
    port: config.PC_SIMULATOR_PORT,
    orderListDelaySeconds: config.PC_SIMULATOR_ORDER_LIST_DELAY_SECONDS,
    orderCompletionSeconds: config.PC_SIMULATOR_ORDER_COMPLETION_SECONDS,
    registrationStepSeconds: config.PC_SIMULATOR_REGISTRATION_STEP_SECONDS,
    throttlePerMinute: config.PC_SIMULATOR_THROTTLE_PER_MINUTE,
    ...(config.PC_SIMULATOR_RUNTIME_SEED !== undefined ? { runtimeSeed: config.PC_SIMULATOR_RUNTIME_SEED } : {}),
    ...(config.PC_SIMULATOR_CUSTOMERS !== undefined ? { customers: config.PC_SIMULATOR_CUSTOMERS } : {}),
    ...(config.PC_SIMULATOR_ONETIME_INVOICES_PER_CURRENCY !== undefined
      ? { oneTimeInvoicesPerCurrency: config.PC_SIMULATOR_ONETIME_INVOICES_PER_CURRENCY }
      : {}),
    ...(config.PC_SIMULATOR_NEWEST_INVOICE_LINE_ITEMS !== undefined
      ? { newestInvoiceLineItems: config.PC_SIMULATOR_NEWEST_INVOICE_LINE_ITEMS }
      : {}),
    ...(config.PC_SIMULATOR_PRICE_SHEET_FILLER_ROWS !== undefined
      ? { priceSheetFillerRows: config.PC_SIMULATOR_PRICE_SHEET_FILLER_ROWS }
      : {}),
  };
}
