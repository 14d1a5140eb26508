import { readFileSync } from 'node:fs';

interface Price {
  price: number;
  source: string;
}

export interface PriceTable {
  region: string;
  retrieved: string;
  appsync: { perMillionRequests: Price };
  lambda: { perMillionRequests: Price; perGbSecondArm64: Price; perGbSecondX86: Price };
  dynamodb: { perMillionWriteRequestUnits: Price; perMillionReadRequestUnits: Price; perWcuHour: Price; perRcuHour: Price };
}

/** The prices recorded in prices.json, with their sources and the day they were read. */
export function loadPrices(): PriceTable {
  return JSON.parse(readFileSync(new URL('./prices.json', import.meta.url), 'utf8')) as PriceTable;
}
