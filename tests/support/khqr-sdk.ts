/** The official SDK (bakong-khqr 1.0.20, dev-only oracle loaded with require) and building through it. */
import { createRequire } from 'node:module';
import type { KhqrBuildInput } from '../../src/host/khqr/index.ts';

const require = createRequire(import.meta.url);
const sdkModule = require('bakong-khqr');
const { khqrData, IndividualInfo, MerchantInfo } = sdkModule;
export const BakongKHQR = sdkModule.BakongKHQR;

export interface SdkResult {
  status: { code: number; errorCode: number | null; message: string | null };
  data: { qr: string; md5: string } | null;
}

// The SDK stamps creation with Date.now(), so pin the clock to our createdAtMs while it builds.
export function sdkBuild(input: KhqrBuildInput): SdkResult {
  const x = input.additionalData ?? {};
  const optional = {
    currency: input.currency === 'USD' ? khqrData.currency.usd : khqrData.currency.khr,
    amount: input.amountMinor === undefined ? undefined : input.currency === 'USD' ? input.amountMinor / 100 : input.amountMinor,
    accountInformation: input.accountInfo,
    acquiringBank: input.accountType === 'individual' ? input.acquiringBank : undefined,
    upiMerchantAccount: input.unionPayAccount,
    merchantCategoryCode: input.merchantCategoryCode,
    ...x,
    languagePreference: input.alternateLanguage ? (input.alternateLanguage.languagePreference ?? 'km') : undefined,
    merchantNameAlternateLanguage: input.alternateLanguage?.merchantName,
    merchantCityAlternateLanguage: input.alternateLanguage?.merchantCity,
    expirationTimestamp: input.expiresAtMs,
  };
  const sdk = new BakongKHQR();
  const realNow = Date.now;
  Date.now = () => input.createdAtMs ?? realNow();
  try {
    return input.accountType === 'merchant'
      ? sdk.generateMerchant(
          new MerchantInfo(input.bakongAccountId, input.merchantName, input.merchantCity, input.merchantId, input.acquiringBank, optional),
        )
      : sdk.generateIndividual(new IndividualInfo(input.bakongAccountId, input.merchantName, input.merchantCity, optional));
  } finally {
    Date.now = realNow;
  }
}
